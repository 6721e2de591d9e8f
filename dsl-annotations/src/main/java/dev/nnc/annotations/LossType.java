package dev.nnc.annotations;

/** Loss functions, each with Keras 3's definition. */
public enum LossType {
    /** Mean squared error: {@code mean((p - y)^2)} over outputs and batch. */
    MSE,
    /**
     * Binary cross-entropy {@code -mean(y log p + (1 - y) log(1 - p))}, with {@code p} clipped to
     * {@code [1e-7, 1 - 1e-7]} as Keras does. The output must be SIGMOID (one unit, or several for
     * multi-label), or LINEAR with {@code fromLogits = true}. With a sigmoid output the backward
     * pass collapses to {@code p - y}.
     */
    BINARY_CROSS_ENTROPY,
    /**
     * Categorical cross-entropy {@code -mean over samples of sum_j y_j log p_j} on one-hot (or
     * smoothed) targets whose rows sum to 1. The output must be SOFTMAX, or LINEAR with
     * {@code fromLogits = true}. The backward pass collapses to {@code p - y}.
     */
    CATEGORICAL_CROSS_ENTROPY
}
