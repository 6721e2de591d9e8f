package dev.nnc.runtime;

/**
 * scikit-learn's {@code StandardScaler}: {@code x' = (x - mean) / scale}, each feature's training
 * mean and population standard deviation ({@code ddof = 0}), so the training data has mean 0 and
 * variance 1 per feature.
 *
 * <p>The variance is the two-pass sum of squared deviations from the mean with its rounding
 * correction, in {@code double}, as scikit-learn accumulates it. A feature whose variance is within
 * that sum's rounding error of 0 (scikit-learn's {@code _is_constant_feature}; exactly 0 for a
 * constant feature) gets scale 1: it is only centered.
 */
public final class StandardScaler extends AffineScaler {

    /** A scaler to fit. */
    public StandardScaler() {
        super(0);
    }

    @Override
    Feature fitFeature(double[] values) {
        int n = values.length;
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        double mean = sum / n;
        double squares = 0;
        double deviations = 0;
        for (double value : values) {
            double deviation = value - mean;
            squares += deviation * deviation;
            deviations += deviation;
        }
        // deviations would be 0 with an exact mean; what is left corrects the rounding (Chan, Golub and LeVeque)
        double variance = (squares - deviations * deviations / n) / n;
        return new Feature(mean, isConstant(variance, mean, n) ? 1 : Math.sqrt(variance), variance);
    }

    /**
     * scikit-learn's {@code _is_constant_feature}: whether {@code variance} is within the error
     * bound of the two-pass algorithm over {@code n} values with this {@code mean}, so the feature
     * cannot be told from a constant one.
     */
    static boolean isConstant(double variance, double mean, long n) {
        double drift = n * mean * EPSILON;
        return variance <= n * EPSILON * variance + drift * drift;
    }

    /** Each feature's training mean, scikit-learn's {@code mean_}. */
    public double[] mean() {
        return fittedCenters();
    }

    /** Each feature's training variance ({@code ddof = 0}), scikit-learn's {@code var_}. */
    public double[] variance() {
        return fittedStatistics();
    }

    /** What each centered feature is divided by, scikit-learn's {@code scale_}: the standard deviation, or 1. */
    public double[] scale() {
        return fittedDivisors();
    }
}
