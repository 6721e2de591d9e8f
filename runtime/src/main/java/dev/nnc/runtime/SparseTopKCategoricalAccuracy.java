package dev.nnc.runtime;

/**
 * Keras' {@code sparse_top_k_categorical_accuracy}: the fraction of samples whose target, a class
 * index, is among the {@code k} largest predictions; {@code k} is 5 by default. Targets are
 * {@code [n]}, one index per sample, as {@code sparse_categorical_crossentropy} takes. Ties are
 * those of {@link TopKCategoricalAccuracy}: a hit when fewer than {@code k} predictions are
 * strictly greater than the target class's. A target that is not a class index (a whole number in
 * {@code [0, outputs)}) is never a hit, as TensorFlow's {@code in_top_k} treats one out of range.
 */
public final class SparseTopKCategoricalAccuracy extends MeanMetric {

    private final int k;

    /** Named {@code sparse_top_k_categorical_accuracy}, {@code k} = 5. */
    public SparseTopKCategoricalAccuracy() {
        this(TopKCategoricalAccuracy.DEFAULT_K);
    }

    /**
     * Named {@code sparse_top_k_categorical_accuracy}, with {@code k}.
     *
     * @throws IllegalArgumentException when {@code k} is less than 1
     */
    public SparseTopKCategoricalAccuracy(int k) {
        this("sparse_top_k_categorical_accuracy", k);
    }

    /**
     * Named {@code name} in the history and the progress line, with {@code k}.
     *
     * @throws IllegalArgumentException when {@code k} is less than 1
     */
    public SparseTopKCategoricalAccuracy(String name, int k) {
        super(name);
        this.k = TopKCategoricalAccuracy.requireK(k);
    }

    /** How many of the largest predictions a target may be among. */
    public int k() {
        return k;
    }

    @Override
    protected double sum(float[] predictions, float[] targets, int n, int outputs) {
        long hits = 0;
        for (int r = 0; r < n; r++) {
            float target = targets[r];
            boolean classIndex = target >= 0 && target < outputs && target == (int) target;
            if (classIndex && TopKCategoricalAccuracy.inTopK(predictions, r * outputs, outputs, (int) target, k)) {
                hits++;
            }
        }
        return hits;
    }

    /** One class index per sample. */
    @Override
    protected int targetWidth(int outputs) {
        return 1;
    }

    /** One term per sample. */
    @Override
    protected long terms(int n, int outputs) {
        return n;
    }
}
