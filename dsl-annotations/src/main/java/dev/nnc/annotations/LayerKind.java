package dev.nnc.annotations;

/** The kinds of layer a {@link Layer} can declare. */
public enum LayerKind {
    /**
     * Fully connected: {@code y = activation(x · W + b)} with the kernel {@code W} of shape
     * {@code [inputs][units]} (Keras' layout) and the bias {@code b} of shape {@code [units]}.
     */
    DENSE,
    /**
     * Inverted dropout, Keras' {@code Dropout(rate)}: in training each value is kept with
     * probability {@code 1 - rate} and scaled by {@code 1 / (1 - rate)}, else zeroed, with a mask
     * drawn from the model's seeded generator; in inference it passes values through. Keeps its
     * input's shape; no parameters.
     */
    DROPOUT,
    /**
     * Keras' {@code LayerNormalization} over each sample's features:
     * {@code y = gamma (x - mean) / sqrt(var + epsilon) + beta}, mean and (population) variance of
     * the sample, with learned {@code gamma} ({@link Layer#scale()}) and {@code beta}
     * ({@link Layer#center()}) per feature. The same in training and inference. Keeps its input's
     * shape; an {@code @Activation} on it applies after the normalisation.
     */
    LAYER_NORM,
    /**
     * Keras' {@code BatchNormalization} per feature: in training it normalises with the batch's
     * mean and (population) variance and moves the running statistics,
     * {@code moving = momentum * moving + (1 - momentum) * batch}; in inference it uses the running
     * ones. {@code gamma} and {@code beta} are learned; {@code moving_mean} and
     * {@code moving_variance} are parameters the optimizer does not train (Keras' non-trainable
     * weights). Keeps its input's shape; an {@code @Activation} on it applies after the
     * normalisation, so {@code Dense -> BATCH_NORM(RELU)} is Keras' "between the linear part and
     * the activation".
     */
    BATCH_NORM
}
