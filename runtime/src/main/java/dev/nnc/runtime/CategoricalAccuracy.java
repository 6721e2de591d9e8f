package dev.nnc.runtime;

/**
 * Keras' {@code categorical_accuracy}: the fraction of samples whose predicted class (the index of
 * the largest prediction) is the target's class (the index of the largest target, as for one-hot
 * targets). Ties go to the first index, as NumPy's {@code argmax}.
 */
public final class CategoricalAccuracy extends MeanMetric {

    /** Named {@code categorical_accuracy}. */
    public CategoricalAccuracy() {
        this("categorical_accuracy");
    }

    /** Named {@code name} in the history and the progress line. */
    public CategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    protected double sum(float[] predictions, float[] targets, int n, int outputs) {
        long correct = 0;
        for (int r = 0; r < n; r++) {
            int row = r * outputs;
            if (argmax(predictions, row, outputs) == argmax(targets, row, outputs)) {
                correct++;
            }
        }
        return correct;
    }

    /** One term per sample, not per value. */
    @Override
    protected long terms(int n, int outputs) {
        return n;
    }

    /** The index of the largest of {@code count} values from {@code from}; the first on ties. */
    static int argmax(float[] values, int from, int count) {
        int best = 0;
        float max = values[from];
        for (int j = 1; j < count; j++) {
            if (values[from + j] > max) {
                max = values[from + j];
                best = j;
            }
        }
        return best;
    }
}
