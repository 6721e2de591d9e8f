package dev.nnc.runtime;

/**
 * Keras' {@code top_k_categorical_accuracy}: the fraction of samples whose target class (the index
 * of the largest target, the first on ties, as for one-hot targets) is among the {@code k} largest
 * predictions; {@code k} is 5 by default.
 *
 * <p>Ties are Keras' {@code ops.in_top_k}: the target's class is in the top {@code k} when fewer
 * than {@code k} predictions are strictly greater than its own. So classes tied with it never push
 * it out, and a tie straddling the k-th place counts as a hit: with predictions
 * {@code [0.5, 0.5, 0.5]} every class is in the top 1. A NaN prediction for the target's class
 * counts as -infinity, as in Keras' JAX backend. With {@code k} at least the number of outputs, every sample is a hit;
 * {@link Metrics#create(String, Model)} refuses such a model.
 */
public final class TopKCategoricalAccuracy extends MeanMetric {

    /** Keras' default {@code k}. */
    public static final int DEFAULT_K = 5;

    private final int k;

    /** Named {@code top_k_categorical_accuracy}, {@code k} = 5. */
    public TopKCategoricalAccuracy() {
        this(DEFAULT_K);
    }

    /**
     * Named {@code top_k_categorical_accuracy}, with {@code k}.
     *
     * @throws IllegalArgumentException when {@code k} is less than 1
     */
    public TopKCategoricalAccuracy(int k) {
        this("top_k_categorical_accuracy", k);
    }

    /**
     * Named {@code name} in the history and the progress line, with {@code k}.
     *
     * @throws IllegalArgumentException when {@code k} is less than 1
     */
    public TopKCategoricalAccuracy(String name, int k) {
        super(name);
        this.k = requireK(k);
    }

    /** How many of the largest predictions a target's class may be among. */
    public int k() {
        return k;
    }

    @Override
    protected double sum(float[] predictions, float[] targets, int n, int outputs) {
        long hits = 0;
        for (int r = 0; r < n; r++) {
            int row = r * outputs;
            if (inTopK(predictions, row, outputs, CategoricalAccuracy.argmax(targets, row, outputs), k)) {
                hits++;
            }
        }
        return hits;
    }

    /** One term per sample. */
    @Override
    protected long terms(int n, int outputs) {
        return n;
    }

    /**
     * Keras' {@code in_top_k} for one sample: whether fewer than {@code k} of the {@code count}
     * predictions from {@code from} are strictly greater than that of class {@code target}.
     */
    static boolean inTopK(float[] predictions, int from, int count, int target, int k) {
        float own = predictions[from + target];
        if (Float.isNaN(own)) {
            own = Float.NEGATIVE_INFINITY;
        }
        int greater = 0;
        for (int j = 0; j < count; j++) {
            if (predictions[from + j] > own) {
                greater++;
            }
        }
        return greater < k;
    }

    static int requireK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k: expected at least 1, found " + k);
        }
        return k;
    }
}
