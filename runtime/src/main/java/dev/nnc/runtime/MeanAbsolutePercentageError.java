package dev.nnc.runtime;

/**
 * Mean absolute percentage error, Keras' {@code mape}:
 * {@code 100 * mean(|y - p| / max(|y|, 1e-7))} over every output of every sample seen.
 */
public final class MeanAbsolutePercentageError implements Metric {

    /** Keras' backend epsilon, the floor of the denominator. */
    static final double EPSILON = 1e-7;

    private final String name;
    private double sum;
    private long count;

    /** Named {@code mape}. */
    public MeanAbsolutePercentageError() {
        this("mape");
    }

    /** Named {@code name} in the history and the progress line. */
    public MeanAbsolutePercentageError(String name) {
        this.name = Metrics.requireName(name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void reset() {
        sum = 0;
        count = 0;
    }

    @Override
    public void update(float[] predictions, float[] targets, int n, int outputs) {
        Metrics.checkBatch(predictions, targets, n, outputs);
        int values = n * outputs;
        double batch = 0;
        for (int i = 0; i < values; i++) {
            double target = targets[i];
            batch += Math.abs(target - predictions[i]) / Math.max(Math.abs(target), EPSILON);
        }
        sum += batch;
        count += values;
    }

    @Override
    public double result() {
        return count == 0 ? Double.NaN : 100 * sum / count;
    }

    @Override
    public String toString() {
        return name + "=" + result();
    }
}
