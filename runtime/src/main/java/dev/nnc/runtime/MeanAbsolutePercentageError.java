package dev.nnc.runtime;

/**
 * Mean absolute percentage error, Keras' {@code mape}:
 * {@code 100 * mean(|y - p| / max(|y|, 1e-7))} over every output of every sample seen.
 */
public final class MeanAbsolutePercentageError extends MeanMetric {

    /** Keras' backend epsilon, the floor of the denominator. */
    static final double EPSILON = 1e-7;

    /** Named {@code mape}. */
    public MeanAbsolutePercentageError() {
        this("mape");
    }

    /** Named {@code name} in the history and the progress line. */
    public MeanAbsolutePercentageError(String name) {
        super(name);
    }

    @Override
    protected double sum(float[] predictions, float[] targets, int n, int outputs) {
        double sum = 0;
        for (int i = 0; i < n * outputs; i++) {
            double target = targets[i];
            sum += 100 * Math.abs(target - predictions[i]) / Math.max(Math.abs(target), EPSILON);
        }
        return sum;
    }
}
