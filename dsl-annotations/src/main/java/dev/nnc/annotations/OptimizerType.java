package dev.nnc.annotations;

/** Optimizers, with {@code torch.optim}'s formulas; see {@link Optimizer}. */
public enum OptimizerType {
    /** Stochastic gradient descent, optionally with (Nesterov) momentum. */
    SGD,
    /** Adam (Kingma and Ba), PyTorch's form: epsilon after the bias correction. */
    ADAM
}
