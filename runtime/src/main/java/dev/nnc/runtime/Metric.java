package dev.nnc.runtime;

/**
 * A metric accumulated over batches and read once per epoch, so that metrics that are not means
 * of per-batch values (R², RMSE) are computed over the whole epoch. Instances hold state: one per
 * use. {@link #update} must not allocate after its first call.
 */
public interface Metric {

    /** The name under which {@link History} and the progress line show it, as Keras names it ({@code mae}). */
    String name();

    /** Forgets everything seen. */
    void reset();

    /**
     * Adds {@code n} samples: {@code predictions} are row-major {@code [n][outputs]}, and so are
     * {@code targets}, except for a metric on class indices ({@link SparseCategoricalAccuracy},
     * {@link SparseTopKCategoricalAccuracy}), whose targets are {@code [n]}. The arrays may run on
     * past those {@code n} rows, partial rows included: a model passes its workspace, which does.
     */
    void update(float[] predictions, float[] targets, int n, int outputs);

    /** The metric over everything seen since the last {@link #reset}; NaN when nothing was seen. */
    double result();
}
