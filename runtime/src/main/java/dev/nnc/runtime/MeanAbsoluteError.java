package dev.nnc.runtime;

/**
 * Mean absolute error, Keras' {@code mae}: {@code mean(|y - p|)} over every output of every sample
 * seen, accumulated in {@code double}.
 */
public final class MeanAbsoluteError extends MeanMetric {

    /** Named {@code mae}. */
    public MeanAbsoluteError() {
        this("mae");
    }

    /** Named {@code name} in the history and the progress line. */
    public MeanAbsoluteError(String name) {
        super(name);
    }

    @Override
    protected double sum(float[] predictions, float[] targets, int n, int outputs) {
        double sum = 0;
        for (int i = 0; i < n * outputs; i++) {
            sum += Math.abs((double) targets[i] - predictions[i]);
        }
        return sum;
    }
}
