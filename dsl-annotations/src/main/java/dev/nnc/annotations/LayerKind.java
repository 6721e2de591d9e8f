package dev.nnc.annotations;

/** The kinds of layer a {@link Layer} can declare. */
public enum LayerKind {
    /**
     * Fully connected: {@code y = activation(x · W + b)} with the kernel {@code W} of shape
     * {@code [inputs][units]} (Keras' layout) and the bias {@code b} of shape {@code [units]}.
     */
    DENSE,
    /**
     * Keras' {@code SimpleRNN}: {@code h_t = activation(x_t W + h_(t-1) U + b)} from
     * {@code h_(-1) = 0}, with {@code kernel [features][units]}, {@code recurrent_kernel
     * [units][units]} and {@code bias [units]}. Takes a sequence; gives the last {@code h}, or every
     * step's with {@link Layer#returnSequences()}. Its activation defaults to TANH.
     */
    SIMPLE_RNN,
    /**
     * Keras' {@code LSTM}, gates in Keras' order {@code i, f, c, o} along the columns of
     * {@code kernel [features][4 units]}, {@code recurrent_kernel [units][4 units]} and
     * {@code bias [4 units]}: {@code i, f, o = recurrentActivation(x_t W + h_(t-1) U + b)} per gate,
     * {@code g = activation(...)}, {@code c_t = f c_(t-1) + i g}, {@code h_t = o activation(c_t)}.
     * The forget gate's bias starts at 1 ({@link Layer#unitForgetBias()}). Takes a sequence; gives
     * the last {@code h}, or every step's with {@link Layer#returnSequences()}. Activation TANH and
     * recurrent activation SIGMOID by default.
     */
    LSTM,
    /**
     * Keras' {@code GRU} with {@code reset_after = True} (its default, and the cuDNN form), gates
     * {@code z, r, h} along the columns of {@code kernel [features][3 units]} and
     * {@code recurrent_kernel [units][3 units]}, with an input and a recurrent bias,
     * {@code bias [2][3 units]}: {@code z, r = recurrentActivation(x_t W + b + h_(t-1) U + b')},
     * {@code g = activation(x_t W_h + b_h + r (h_(t-1) U_h + b'_h))},
     * {@code h_t = z h_(t-1) + (1 - z) g}. With {@link Layer#resetAfter()} {@code false}, the original
     * GRU: {@code g = activation(x_t W_h + b_h + (r h_(t-1)) U_h)}, with one bias {@code [3 units]}.
     */
    GRU,
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
    BATCH_NORM,
    /**
     * Keras' {@code Flatten}: a sample's values as one vector, its time steps one after another, so
     * a sequence of {@code [steps][width]} becomes {@code [steps * width]} (after a recurrent layer
     * with {@link Layer#returnSequences()}, a Dense layer then sees every step's output). A vector
     * passes as it is. No parameters and no activation.
     */
    FLATTEN
}
