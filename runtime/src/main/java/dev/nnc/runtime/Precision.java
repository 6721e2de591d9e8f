package dev.nnc.runtime;

/**
 * Keras' {@code Precision}: true positives / (true positives + false positives) over every output
 * of every sample seen, an output predicted positive when {@code p > threshold} (0.5 by default)
 * and actually positive when its target is not 0; see {@link ThresholdedCounts} for how outputs
 * are counted. 0 when nothing was predicted positive (Keras' {@code divide_no_nan}); NaN before
 * anything is seen.
 */
public final class Precision extends ThresholdedCounts {

    /** Named {@code precision}, threshold 0.5. */
    public Precision() {
        this(BinaryAccuracy.DEFAULT_THRESHOLD);
    }

    /**
     * Named {@code precision}, with {@code threshold} (Keras' {@code Precision(thresholds=...)}; 0
     * for a model whose output is a logit).
     *
     * @throws IllegalArgumentException when {@code threshold} is not in {@code [0, 1]}
     */
    public Precision(float threshold) {
        this("precision", threshold);
    }

    /**
     * Named {@code name} in the history and the progress line, with {@code threshold}.
     *
     * @throws IllegalArgumentException when {@code threshold} is not in {@code [0, 1]}
     */
    public Precision(String name, float threshold) {
        super(name, threshold);
    }

    @Override
    double ratio() {
        return Metrics.divideNoNan(truePositives(), truePositives() + falsePositives());
    }
}
