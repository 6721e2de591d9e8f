package dev.nnc.annotations;

/**
 * Activation functions, with Keras 3's definitions (which PyTorch's match where both have one);
 * each is fused into its layer's forward and backward pass. {@code z} is the layer's
 * pre-activation {@code x · W + b}.
 */
public enum ActivationType {
    /** {@code f(z) = z}. */
    LINEAR,
    /** {@code f(z) = 1 / (1 + exp(-z))}. */
    SIGMOID,
    /** {@code f(z) = relu6(z + 3) / 6 = clip(z / 6 + 1/2, 0, 1)}: Keras 3's and PyTorch's {@code hard_sigmoid}. */
    HARD_SIGMOID,
    /** {@code f(z) = tanh(z)}. */
    TANH,
    /** {@code f(z) = max(z, 0)}. */
    RELU,
    /** {@code f(z) = min(max(z, 0), 6)}. */
    RELU6,
    /**
     * {@code f(z) = z} for {@code z >= 0}, else {@code alpha * z}. Default alpha 0.2, as Keras 3's
     * {@code keras.activations.leaky_relu}; PyTorch's {@code LeakyReLU} uses 0.01 (write
     * {@code alpha = 0.01} to match it). See {@link Activation#alpha()}.
     */
    LEAKY_RELU,
    /**
     * Parametric ReLU: {@code f(z) = z} for {@code z >= 0}, else {@code alpha_j * z}, with a slope
     * {@code alpha_j} learned per unit: a parameter tensor {@code alpha} of the layer, with its own
     * gradient and optimizer state. {@link Activation#alpha()} sets its initial value, default 0
     * as Keras 3's {@code PReLU} (PyTorch's {@code PReLU} starts at 0.25).
     */
    PRELU,
    /** {@code f(z) = z} for {@code z > 0}, else {@code alpha * (exp(z) - 1)}; default alpha 1.0 (Keras, PyTorch). */
    ELU,
    /**
     * {@code f(z) = scale * elu(z, alpha)} with Klambauer et al.'s {@code alpha = 1.6732632423543772}
     * and {@code scale = 1.0507009873554805}; no parameter to set.
     */
    SELU,
    /** {@code f(z) = log(1 + exp(z))}, computed as {@code max(z, 0) + log1p(exp(-|z|))} so it never overflows. */
    SOFTPLUS,
    /** {@code f(z) = z / (1 + |z|)}. */
    SOFTSIGN,
    /** {@code f(z) = z * sigmoid(z)}; the same function as {@link #SILU}, under Keras' other name. */
    SWISH,
    /** {@code f(z) = z * sigmoid(z)}: PyTorch's {@code SiLU}; the same function as {@link #SWISH}. */
    SILU,
    /**
     * Gaussian error linear unit. Exact by default, as Keras 3 and PyTorch:
     * {@code f(z) = z * Phi(z) = z / 2 * (1 + erf(z / sqrt 2))}; with
     * {@link Activation#approximate()} the tanh form
     * {@code z / 2 * (1 + tanh(sqrt(2 / pi) * (z + 0.044715 z^3)))} (PyTorch's
     * {@code approximate='tanh'}). The exact form evaluates {@code erfc} with a rational
     * approximation whose relative error is below 1.2e-7 (see the project's NUMERICS.md).
     */
    GELU,
    /** {@code f(z) = z * tanh(softplus(z))} (Misra, 2019). */
    MISH,
    /** {@code f(z)_i = exp(z_i) / sum_j exp(z_j)} over a sample's units; needs at least 2 units. */
    SOFTMAX,
    /**
     * {@code f(z)_i = z_i - log(sum_j exp(z_j))}: log-probabilities, needs at least 2 units. Paired
     * with {@link LossType#CATEGORICAL_CROSS_ENTROPY}, the loss reads the outputs as
     * log-probabilities: {@code -sum_j y_j * f(z)_j}, PyTorch's {@code NLLLoss} after
     * {@code LogSoftmax} (with one-hot targets), and the backward pass collapses to
     * {@code exp(f(z)) - y}.
     */
    LOG_SOFTMAX
}
