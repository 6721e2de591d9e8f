package dev.nnc.runtime;

/**
 * Keras' {@code binary_accuracy}: the fraction of outputs, over every output of every sample seen,
 * where the prediction thresholded ({@code p > threshold} is 1, else 0) equals the target. Targets
 * are expected to be 0 or 1; any other target never matches, as in Keras.
 */
public final class BinaryAccuracy implements Metric {

    private final String name;
    private final float threshold;
    private long correct;
    private long count;

    /** Named {@code binary_accuracy}, threshold 0.5. */
    public BinaryAccuracy() {
        this("binary_accuracy", 0.5f);
    }

    /**
     * Named {@code name} in the history and the progress line, with {@code threshold}.
     *
     * @throws IllegalArgumentException when {@code threshold} is not finite
     */
    public BinaryAccuracy(String name, float threshold) {
        this.name = Metrics.requireName(name);
        if (!Float.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold: expected a finite value, found " + threshold);
        }
        this.threshold = threshold;
    }

    /** The threshold above which a prediction counts as 1. */
    public float threshold() {
        return threshold;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void reset() {
        correct = 0;
        count = 0;
    }

    @Override
    public void update(float[] predictions, float[] targets, int n, int outputs) {
        Metrics.checkBatch(predictions, targets, n, outputs);
        int values = n * outputs;
        long batch = 0;
        for (int i = 0; i < values; i++) {
            float predicted = predictions[i] > threshold ? 1f : 0f;
            if (predicted == targets[i]) {
                batch++;
            }
        }
        correct += batch;
        count += values;
    }

    @Override
    public double result() {
        return count == 0 ? Double.NaN : (double) correct / count;
    }

    @Override
    public String toString() {
        return name + "=" + result();
    }
}
