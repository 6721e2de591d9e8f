package dev.nnc.runtime;

/**
 * Keras' {@code categorical_accuracy}: the fraction of samples whose predicted class (the index of
 * the largest prediction) is the target's class (the index of the largest target, as for one-hot
 * targets). Ties go to the first index, as NumPy's {@code argmax}.
 */
public final class CategoricalAccuracy implements Metric {

    private final String name;
    private long correct;
    private long count;

    /** Named {@code categorical_accuracy}. */
    public CategoricalAccuracy() {
        this("categorical_accuracy");
    }

    /** Named {@code name} in the history and the progress line. */
    public CategoricalAccuracy(String name) {
        this.name = Metrics.requireName(name);
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
        long batch = 0;
        for (int r = 0; r < n; r++) {
            int row = r * outputs;
            if (argmax(predictions, row, outputs) == argmax(targets, row, outputs)) {
                batch++;
            }
        }
        correct += batch;
        count += n;
    }

    private static int argmax(float[] values, int from, int count) {
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

    @Override
    public double result() {
        return count == 0 ? Double.NaN : (double) correct / count;
    }

    @Override
    public String toString() {
        return name + "=" + result();
    }
}
