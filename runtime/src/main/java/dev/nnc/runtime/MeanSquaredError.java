package dev.nnc.runtime;

/**
 * Mean squared error, Keras' {@code mse}: {@code mean((y - p)^2)} over every output of every sample
 * seen, accumulated in {@code double}.
 */
public final class MeanSquaredError implements Metric {

    private final String name;
    private double sum;
    private long count;

    /** Named {@code mse}. */
    public MeanSquaredError() {
        this("mse");
    }

    /** Named {@code name} in the history and the progress line. */
    public MeanSquaredError(String name) {
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
            double error = (double) targets[i] - predictions[i];
            batch += error * error;
        }
        sum += batch;
        count += values;
    }

    @Override
    public double result() {
        return count == 0 ? Double.NaN : sum / count;
    }

    @Override
    public String toString() {
        return name + "=" + result();
    }
}
