package dev.nnc.runtime;

/**
 * Symmetric mean absolute percentage error, {@code smape}:
 * {@code 100 * mean(2 |p - y| / (|p| + |y|))} over every output of every sample seen, from 0
 * (perfect) to 200. A term where both {@code p} and {@code y} are 0 is 0: a perfect prediction,
 * not 0/0.
 *
 * <p>Unlike {@link MeanAbsolutePercentageError}, the denominator has no epsilon floor. mape needs
 * Keras' floor because {@code |y - p| / |y|} grows without bound as {@code y} nears 0; each term
 * here is at most 2 whatever the magnitudes, and a floor would only break the symmetry and scale
 * invariance for values below it. The one undefined case, 0/0, gets the rule above.
 */
public final class SymmetricMeanAbsolutePercentageError extends MeanMetric {

    /** Named {@code smape}. */
    public SymmetricMeanAbsolutePercentageError() {
        this("smape");
    }

    /** Named {@code name} in the history and the progress line. */
    public SymmetricMeanAbsolutePercentageError(String name) {
        super(name);
    }

    @Override
    protected double sum(float[] predictions, float[] targets, int n, int outputs) {
        double sum = 0;
        for (int i = 0; i < n * outputs; i++) {
            double prediction = predictions[i];
            double target = targets[i];
            double magnitude = Math.abs(prediction) + Math.abs(target);
            if (magnitude > 0) {
                sum += 200 * Math.abs(prediction - target) / magnitude;
            }
        }
        return sum;
    }
}
