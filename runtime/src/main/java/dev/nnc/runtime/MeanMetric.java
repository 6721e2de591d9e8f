package dev.nnc.runtime;

/**
 * A metric that is the mean of one term per value (or per sample) over everything seen since the
 * last {@link #reset}, accumulated in {@code double}; NaN before anything is seen. A subclass
 * says what the terms of a batch add up to and, when it is not one per value, how many there are.
 */
public abstract class MeanMetric implements Metric {

    private final String name;
    private double sum;
    private long count;

    /** Named {@code name} in the history and the progress line. */
    protected MeanMetric(String name) {
        this.name = Metrics.requireName(name);
    }

    /**
     * The sum of this batch's terms; {@code predictions} are {@code [n][outputs]}, {@code targets}
     * {@code [n][targetWidth(outputs)]}.
     */
    protected abstract double sum(float[] predictions, float[] targets, int n, int outputs);

    /** Values per target sample: one per output unless overridden. */
    protected int targetWidth(int outputs) {
        return outputs;
    }

    /** How many terms a batch of {@code n} samples adds: one per value unless overridden. */
    protected long terms(int n, int outputs) {
        return (long) n * outputs;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void reset() {
        sum = 0;
        count = 0;
    }

    @Override
    public final void update(float[] predictions, float[] targets, int n, int outputs) {
        Metrics.checkBatch(predictions, targets, n, outputs, targetWidth(outputs));
        sum += sum(predictions, targets, n, outputs);
        count += terms(n, outputs);
    }

    @Override
    public final double result() {
        return count == 0 ? Double.NaN : sum / count;
    }

    @Override
    public String toString() {
        return name + "=" + result();
    }
}
