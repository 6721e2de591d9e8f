package dev.nnc.runtime;

/**
 * Keras' {@code Recall}: true positives / (true positives + false negatives) over every output of
 * every sample seen, an output predicted positive when {@code p > threshold} (0.5 by default) and
 * actually positive when its target is not 0; see {@link ThresholdedCounts} for how outputs are
 * counted. 0 when no target was positive (Keras' {@code divide_no_nan}); NaN before anything is
 * seen.
 */
public final class Recall extends ThresholdedCounts {

    /** Named {@code recall}, threshold 0.5. */
    public Recall() {
        this(BinaryAccuracy.DEFAULT_THRESHOLD);
    }

    /**
     * Named {@code recall}, with {@code threshold} (Keras' {@code Recall(thresholds=...)}; 0 for a
     * model whose output is a logit).
     *
     * @throws IllegalArgumentException when {@code threshold} is not in {@code [0, 1]}
     */
    public Recall(float threshold) {
        this("recall", threshold);
    }

    /**
     * Named {@code name} in the history and the progress line, with {@code threshold}.
     *
     * @throws IllegalArgumentException when {@code threshold} is not in {@code [0, 1]}
     */
    public Recall(String name, float threshold) {
        super(name, threshold);
    }

    @Override
    double ratio() {
        return Metrics.divideNoNan(truePositives(), truePositives() + falseNegatives());
    }
}
