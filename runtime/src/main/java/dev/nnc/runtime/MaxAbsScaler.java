package dev.nnc.runtime;

/**
 * scikit-learn's {@code MaxAbsScaler}: {@code x' = x / max|x|} per feature, so the training data
 * lies in {@code [-1, 1]}; nothing is shifted, so zeros stay zeros (sparse data stays sparse).
 *
 * <p>A feature that is all 0 (or whose largest magnitude is below {@code 10 * eps}, as
 * scikit-learn rounds it) gets scale 1: it is left as it is.
 */
public final class MaxAbsScaler extends AffineScaler {

    /** A scaler to fit. */
    public MaxAbsScaler() {
        super(0);
    }

    @Override
    Feature fitFeature(double[] values) {
        double max = 0;
        for (double value : values) {
            max = Math.max(max, Math.abs(value));
        }
        return new Feature(0, nonZeroScale(max), max);
    }

    /** Each feature's largest magnitude in training, scikit-learn's {@code max_abs_}. */
    public double[] maxAbs() {
        return fittedStatistics();
    }

    /** What each feature is divided by, scikit-learn's {@code scale_}: its largest magnitude, or 1. */
    public double[] scale() {
        return fittedDivisors();
    }
}
