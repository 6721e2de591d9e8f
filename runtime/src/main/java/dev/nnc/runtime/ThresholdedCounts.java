package dev.nnc.runtime;

/**
 * The counts behind Keras' {@code Precision} and {@code Recall}: every output of every sample seen
 * is one binary decision, predicted positive when {@code p > threshold} and actually positive when
 * its target is not 0 (Keras casts the target to {@code bool}), and counts as a true or false
 * positive or negative. Outputs are not told apart: several outputs (multi-label, or one-hot
 * classes) are flattened, as Keras does without {@code class_id}.
 *
 * <p>{@link #result()} is NaN before anything is seen, as every {@link Metric}; once something has
 * been seen, a ratio whose denominator is 0 is 0, Keras' {@code divide_no_nan}.
 */
abstract class ThresholdedCounts implements Metric {

    private final String name;
    private final float threshold;
    private long truePositives;
    private long falsePositives;
    private long trueNegatives;
    private long falseNegatives;

    /**
     * @throws IllegalArgumentException when {@code threshold} is not in {@code [0, 1]}, which
     *     Keras refuses too
     */
    ThresholdedCounts(String name, float threshold) {
        this.name = Metrics.requireName(name);
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold: expected a value in [0, 1], found " + threshold);
        }
        this.threshold = threshold;
    }

    /** The ratio of the counts, once something has been seen. */
    abstract double ratio();

    /** The threshold above which a prediction counts as positive. */
    public final float threshold() {
        return threshold;
    }

    /** Outputs predicted positive whose target is positive. */
    public final long truePositives() {
        return truePositives;
    }

    /** Outputs predicted positive whose target is 0. */
    public final long falsePositives() {
        return falsePositives;
    }

    /** Outputs predicted negative whose target is 0. */
    public final long trueNegatives() {
        return trueNegatives;
    }

    /** Outputs predicted negative whose target is positive. */
    public final long falseNegatives() {
        return falseNegatives;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void reset() {
        truePositives = 0;
        falsePositives = 0;
        trueNegatives = 0;
        falseNegatives = 0;
    }

    @Override
    public final void update(float[] predictions, float[] targets, int n, int outputs) {
        Metrics.checkBatch(predictions, targets, n, outputs, outputs);
        for (int i = 0; i < n * outputs; i++) {
            boolean predicted = predictions[i] > threshold;
            boolean actual = targets[i] != 0;
            if (predicted) {
                if (actual) {
                    truePositives++;
                } else {
                    falsePositives++;
                }
            } else if (actual) {
                falseNegatives++;
            } else {
                trueNegatives++;
            }
        }
    }

    @Override
    public final double result() {
        long seen = truePositives + falsePositives + trueNegatives + falseNegatives;
        return seen == 0 ? Double.NaN : ratio();
    }

    @Override
    public String toString() {
        return name + "=" + result();
    }
}
