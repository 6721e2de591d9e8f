package dev.nnc.annotations;

/**
 * Optimizers, with {@code torch.optim}'s formulas and defaults (Lion: its paper's); see
 * {@link Optimizer} for each update and which settings it reads.
 */
public enum OptimizerType {
    /** Stochastic gradient descent, optionally with (Nesterov) momentum. Default learning rate 1e-3. */
    SGD,
    /** Adagrad (Duchi et al.). Default learning rate 1e-2, epsilon 1e-10. */
    ADAGRAD,
    /** RMSprop (Hinton), optionally centered and with momentum. Default learning rate 1e-2, rho 0.99. */
    RMSPROP,
    /** Adam (Kingma and Ba), PyTorch's form: epsilon after the bias correction; {@code amsgrad} for AMSGrad. */
    ADAM,
    /** AdamW (Loshchilov and Hutter): Adam with decoupled weight decay, default 1e-2. */
    ADAMW,
    /** NAdam (Dozat): Adam with Nesterov momentum and PyTorch's momentum-decay schedule. Default learning rate 2e-3. */
    NADAM,
    /** Adamax: Adam with the infinity norm. Default learning rate 2e-3. */
    ADAMAX,
    /** Lion (Chen et al., 2023): the sign of an interpolated momentum. Defaults lr 1e-4, betas (0.9, 0.99). */
    LION
}
