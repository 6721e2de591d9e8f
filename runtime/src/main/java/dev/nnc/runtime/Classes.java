package dev.nnc.runtime;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link Predictor#predictClasses} and {@link Predictor#predictProba}: a classifier's outputs read as
 * classes and as probabilities, whatever its output layer gives (probabilities, log-probabilities
 * or logits), as scikit-learn's {@code predict} and {@code predict_proba} return them.
 */
final class Classes {

    /** What the output layer's values are. */
    enum Output {
        /** Softmax: probabilities summing to 1. */
        PROBABILITIES,
        /** Log-softmax: their logarithms. */
        LOG_PROBABILITIES,
        /** Sigmoid (one unit, or one per label): each the probability of its class or label. */
        SIGMOID,
        /** Linear: logits, of a softmax over several units or a sigmoid on one. */
        LOGITS;

        static Output of(Predictor predictor) {
            // a network that only predicts declares no loss: its output activation alone says what it gives
            if (predictor instanceof Model model && !CLASSIFICATION_LOSSES.contains(model.loss())) {
                throw new IllegalStateException(model.name() + " trains on " + model.loss() + ", not on a classification loss "
                        + CLASSIFICATION_LOSSES + ": its outputs are no classes");
            }
            List<LayerInfo> layers = predictor.layers();
            String activation = layers.get(layers.size() - 1).activation();
            return switch (activation) {
                case "SOFTMAX" -> PROBABILITIES;
                case "LOG_SOFTMAX" -> LOG_PROBABILITIES;
                case "SIGMOID" -> SIGMOID;
                case "LINEAR" -> {
                    if (!(predictor instanceof Model)) {
                        throw new IllegalStateException(predictor.name() + " only predicts and ends in LINEAR: without a loss"
                                + " nothing says whether its outputs are logits or values");
                    }
                    yield LOGITS;
                }
                default -> throw new IllegalStateException(predictor.name() + "'s output activation " + activation
                        + " gives no class probabilities; a classifier ends in SOFTMAX, LOG_SOFTMAX, SIGMOID or LINEAR (logits)");
            };
        }
    }

    /** The losses of classifiers, by the names {@link Model#loss()} gives. */
    static final Set<String> CLASSIFICATION_LOSSES = new TreeSet<>(Set.of("binary_crossentropy", "binary_focal_crossentropy",
            "categorical_crossentropy", "sparse_categorical_crossentropy", "hinge", "squared_hinge"));

    private Classes() {}

    /**
     * The class of each of {@code n} samples: the largest output of several (argmax, the first on a
     * tie), or for one output whether its probability exceeds {@code threshold} (1) or not (0).
     */
    static int[] predict(Predictor model, float[] inputs, int n, double threshold) {
        Output output = Output.of(model);
        int width = model.outputSize();
        boolean multiLabel = model instanceof Model trained && Classification.of(trained) == Classification.MULTI_LABEL;
        if (multiLabel || (output == Output.SIGMOID && width > 1)) {
            throw new IllegalStateException(model.name() + " has " + width + " outputs"
                    + (model instanceof Model trained ? " on " + trained.loss() : " of its own sigmoid") + ", one per label: a"
                    + " sample may have several, so no one class; threshold each label's probability from predictProba");
        }
        float[] values = model.predictBatch(inputs, n);
        int[] classes = new int[n];
        for (int r = 0; r < n; r++) {
            classes[r] = classOf(output, values, r, width, threshold);
        }
        return classes;
    }

    /**
     * The class of row {@code row} of {@code values}, {@code width} outputs of kind {@code output}:
     * the largest of several (the first on a tie), or for one output whether its probability (the
     * sigmoid of a logit) is above {@code threshold}. What {@link ConfusionMatrix} counts too.
     */
    static int classOf(Output output, float[] values, int row, int width, double threshold) {
        if (width > 1) {
            return CategoricalAccuracy.argmax(values, row * width, width);
        }
        double probability = output == Output.LOGITS ? sigmoid(values[row]) : values[row];
        return probability > threshold ? 1 : 0;
    }

    /**
     * The probabilities of each of {@code n} samples, row-major {@code [n][classes]}: one column
     * per output, or two ({@code 1 - p}, {@code p}) for one output. Logits go through a softmax
     * (a sigmoid for one output), log-probabilities through {@code exp}; several sigmoid outputs
     * (multi-label) are each a label's probability and do not sum to 1.
     */
    static float[] probabilities(Predictor model, float[] inputs, int n) {
        Output output = Output.of(model);
        int width = model.outputSize();
        float[] values = model.predictBatch(inputs, n);
        if (width == 1) {
            float[] two = new float[Checks.arrayLength("n", n, 2)];
            for (int r = 0; r < n; r++) {
                double p = output == Output.LOGITS ? sigmoid(values[r]) : values[r];
                two[2 * r] = (float) (1 - p);
                two[2 * r + 1] = (float) p;
            }
            return two;
        }
        for (int r = 0; r < n; r++) {
            switch (output) {
                case LOG_PROBABILITIES -> {
                    for (int j = 0; j < width; j++) {
                        values[r * width + j] = (float) StrictMath.exp(values[r * width + j]);
                    }
                }
                case LOGITS -> softmax(values, r * width, width);
                default -> { }
            }
        }
        return values;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + StrictMath.exp(-z));
    }

    /** In place, in double, shifted by the row's largest value so no exp overflows. */
    private static void softmax(float[] values, int from, int width) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < width; j++) {
            max = Math.max(max, values[from + j]);
        }
        double sum = 0;
        for (int j = 0; j < width; j++) {
            sum += StrictMath.exp(values[from + j] - max);
        }
        for (int j = 0; j < width; j++) {
            values[from + j] = (float) (StrictMath.exp(values[from + j] - max) / sum);
        }
    }
}
