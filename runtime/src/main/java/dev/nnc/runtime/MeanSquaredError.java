package dev.nnc.runtime;

/**
 * Mean squared error, Keras' {@code mse}: {@code mean((y - p)^2)} over every output of every sample
 * seen, accumulated in {@code double}.
 */
public final class MeanSquaredError extends MeanMetric {

    /** Named {@code mse}. */
    public MeanSquaredError() {
        this("mse");
    }

    /** Named {@code name} in the history and the progress line. */
    public MeanSquaredError(String name) {
        super(name);
    }

    @Override
    protected double sum(float[] predictions, float[] targets, int n, int outputs) {
        double sum = 0;
        for (int i = 0; i < n * outputs; i++) {
            double error = (double) targets[i] - predictions[i];
            sum += error * error;
        }
        return sum;
    }
}
