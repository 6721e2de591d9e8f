package dev.nnc.annotations;

/** Activation functions; each is fused into its layer's forward and backward pass. */
public enum ActivationType {
    /** {@code f(z) = z}. */
    LINEAR,
    /** {@code f(z) = 1 / (1 + exp(-z))}. */
    SIGMOID,
    /** {@code f(z) = tanh(z)}. */
    TANH,
    /** {@code f(z) = max(z, 0)}. */
    RELU,
    /** {@code f(z) = z} for {@code z >= 0}, else {@code alpha * z}; see {@link Activation#alpha()}. */
    LEAKY_RELU,
    /** {@code f(z)_i = exp(z_i) / sum_j exp(z_j)} over a sample's units; needs at least 2 units. */
    SOFTMAX
}
