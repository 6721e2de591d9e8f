package dev.nnc.annotations;

/**
 * Loss functions, each with Keras 3's definition. {@code p} is the network's output, {@code y} the
 * target; "mean" is over a sample's outputs, and every loss is then averaged over the batch.
 */
public enum LossType {
    /** Mean squared error: {@code mean((p - y)^2)}. */
    MSE,
    /** Mean absolute error: {@code mean(|p - y|)}; its slope at {@code p = y} is taken as 0. */
    MAE,
    /**
     * Huber: with {@code e = p - y}, {@code e^2 / 2} where {@code |e| <= delta}, else
     * {@code delta * (|e| - delta / 2)}; mean. {@link Loss#delta()} defaults to 1.0 (Keras, PyTorch).
     */
    HUBER,
    /** {@code mean(log(cosh(p - y)))}, computed as {@code x + softplus(-2x) - log 2} so it never overflows. */
    LOG_COSH,
    /**
     * Quantile (pinball) loss: with {@code e = y - p}, {@code mean(max(q e, (q - 1) e))};
     * {@link Loss#quantile()} {@code q} in (0, 1), default 0.5 (half the MAE).
     */
    QUANTILE,
    /**
     * Binary cross-entropy {@code -mean(y log p + (1 - y) log(1 - p))}, with {@code p} clipped to
     * {@code [1e-7, 1 - 1e-7]} as Keras does. The output must be SIGMOID (one unit, or several for
     * multi-label), or LINEAR with {@code fromLogits = true}. With a sigmoid output the backward
     * pass collapses to {@code p - y}.
     */
    BINARY_CROSS_ENTROPY,
    /**
     * Binary focal cross-entropy (Lin et al., 2017), Keras' {@code BinaryFocalCrossentropy}:
     * {@code mean((1 - p_t)^gamma * bce)} with {@code p_t = y p + (1 - y)(1 - p)} and {@code bce}
     * the binary cross-entropy above; with {@link Loss#alpha()} set, each term is also weighted by
     * {@code alpha} for positives and {@code 1 - alpha} for negatives (Keras'
     * {@code apply_class_balancing}, torchvision's {@code alpha}). {@link Loss#gamma()} defaults to
     * 2.0. Output as for binary cross-entropy.
     */
    BINARY_FOCAL,
    /**
     * Categorical cross-entropy {@code -sum_j y_j log p_j} on one-hot (or smoothed) targets whose
     * rows sum to 1. The output must be SOFTMAX, LOG_SOFTMAX (the outputs are then
     * log-probabilities: PyTorch's {@code NLLLoss}), or LINEAR with {@code fromLogits = true}. The
     * backward pass collapses to {@code p - y}.
     */
    CATEGORICAL_CROSS_ENTROPY,
    /**
     * Categorical cross-entropy on class indices, Keras' {@code sparse_categorical_crossentropy}
     * and PyTorch's {@code CrossEntropyLoss} with class targets: the target of a sample is one
     * value, the index of its class, so the target array is {@code [n]}, not {@code [n][outputs]}
     * ({@code Model.targetSize()} is 1). An index that is not a whole number in
     * {@code [0, outputs)} is an error naming the sample. Output layers and {@code fromLogits} as
     * for {@link #CATEGORICAL_CROSS_ENTROPY}, with at least 2 units.
     */
    SPARSE_CATEGORICAL_CROSS_ENTROPY,
    /**
     * Hinge, {@code mean(max(1 - y p, 0))}, for targets in {-1, 1}; a batch whose targets are all 0
     * or 1 is converted to -1 and 1 first, as Keras does. The output must be LINEAR or TANH.
     */
    HINGE,
    /** Squared hinge, {@code mean(max(1 - y p, 0)^2)}; targets as for {@link #HINGE}. */
    SQUARED_HINGE,
    /**
     * Kullback-Leibler divergence {@code sum_j y_j log(y_j / p_j)}, both clipped to
     * {@code [1e-7, 1]} as Keras does. The output must be SOFTMAX or SIGMOID.
     */
    KL_DIVERGENCE,
    /**
     * Poisson, {@code mean(p - y log(p + 1e-7))}, for count targets. The output must not be
     * negative: SOFTPLUS, RELU, RELU6, SIGMOID, HARD_SIGMOID or SOFTMAX.
     */
    POISSON,
    /**
     * Cosine similarity as a loss, Keras' sign: {@code -sum_j ŷ_j p̂_j} with {@code ŷ} and {@code p̂}
     * the L2-normalised target and output ({@code x / sqrt(max(sum x^2, 1e-12))}); from -1 (same
     * direction) to 1.
     */
    COSINE_SIMILARITY
}
