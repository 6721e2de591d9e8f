package dev.nnc.runtime;

/**
 * Keras' {@code binary_accuracy}: the fraction of outputs, over every output of every sample seen,
 * where the prediction thresholded ({@code p > threshold} is 1, else 0) equals the target. Targets
 * are expected to be 0 or 1; any other target never matches, as in Keras.
 */
public final class BinaryAccuracy extends MeanMetric {

    private final float threshold;

    /** Keras' default threshold. */
    public static final float DEFAULT_THRESHOLD = 0.5f;

    /** Named {@code binary_accuracy}, threshold 0.5. */
    public BinaryAccuracy() {
        this(DEFAULT_THRESHOLD);
    }

    /**
     * Named {@code binary_accuracy}, with {@code threshold} (Keras' {@code BinaryAccuracy(threshold=...)};
     * 0 for a model whose output is a logit).
     *
     * @throws IllegalArgumentException when {@code threshold} is not finite
     */
    public BinaryAccuracy(float threshold) {
        this("binary_accuracy", threshold);
    }

    /**
     * Named {@code name} in the history and the progress line, with {@code threshold}.
     *
     * @throws IllegalArgumentException when {@code threshold} is not finite
     */
    public BinaryAccuracy(String name, float threshold) {
        super(name);
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
    protected double sum(float[] predictions, float[] targets, int n, int outputs) {
        long correct = 0;
        for (int i = 0; i < n * outputs; i++) {
            float predicted = predictions[i] > threshold ? 1f : 0f;
            if (predicted == targets[i]) {
                correct++;
            }
        }
        return correct;
    }
}
