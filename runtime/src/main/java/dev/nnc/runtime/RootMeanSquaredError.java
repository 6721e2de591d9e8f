package dev.nnc.runtime;

/**
 * Root mean squared error, Keras' {@code root_mean_squared_error}: {@code sqrt(mean((y - p)^2))}
 * over everything seen since the last reset (the root of the epoch's mean, not a mean of batch
 * roots).
 */
public final class RootMeanSquaredError implements Metric {

    private final MeanSquaredError squared;

    /** Named {@code rmse}. */
    public RootMeanSquaredError() {
        this("rmse");
    }

    /** Named {@code name} in the history and the progress line. */
    public RootMeanSquaredError(String name) {
        this.squared = new MeanSquaredError(name);
    }

    @Override
    public String name() {
        return squared.name();
    }

    @Override
    public void reset() {
        squared.reset();
    }

    @Override
    public void update(float[] predictions, float[] targets, int n, int outputs) {
        squared.update(predictions, targets, n, outputs);
    }

    @Override
    public double result() {
        return Math.sqrt(squared.result());
    }

    @Override
    public String toString() {
        return name() + "=" + result();
    }
}
