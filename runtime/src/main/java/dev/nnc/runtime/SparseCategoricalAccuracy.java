package dev.nnc.runtime;

/**
 * Keras' {@code sparse_categorical_accuracy}: the fraction of samples whose predicted class (the
 * index of the largest prediction, the first on ties) is the target, a class index; targets are
 * {@code [n]}, one index per sample, as {@code sparse_categorical_crossentropy} takes.
 */
public final class SparseCategoricalAccuracy extends MeanMetric {

    /** Named {@code sparse_categorical_accuracy}. */
    public SparseCategoricalAccuracy() {
        this("sparse_categorical_accuracy");
    }

    /** Named {@code name} in the history and the progress line. */
    public SparseCategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    protected double sum(float[] predictions, float[] targets, int n, int outputs) {
        long correct = 0;
        for (int r = 0; r < n; r++) {
            if (CategoricalAccuracy.argmax(predictions, r * outputs, outputs) == targets[r]) {
                correct++;
            }
        }
        return correct;
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
