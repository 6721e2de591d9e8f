package dev.nnc.runtime;

import java.util.Arrays;

/**
 * scikit-learn's {@code RobustScaler}: {@code x' = (x - median) / (q75 - q25)}, each feature's
 * training median and interquartile range, which outliers move far less than the mean and the
 * standard deviation.
 *
 * <p>Quantiles are numpy's default ({@code method = "linear"}): the {@code q}-quantile of
 * {@code n} sorted values is at position {@code h = q * (n - 1)}, interpolated linearly between
 * the values at {@code floor(h)} and {@code floor(h) + 1}; the median is the 0.5-quantile. A zero
 * interquartile range (or one below {@code 10 * eps}, as scikit-learn rounds it) gets scale 1: the
 * feature is only centered.
 */
public final class RobustScaler extends AffineScaler {

    /** A scaler to fit. */
    public RobustScaler() {
        super(0);
    }

    @Override
    Feature fitFeature(double[] values) {
        Arrays.sort(values);
        double range = quantile(values, 0.75) - quantile(values, 0.25);
        return new Feature(quantile(values, 0.5), nonZeroScale(range), range);
    }

    /** numpy's linear quantile {@code q} of {@code sorted}; see the class comment. */
    static double quantile(double[] sorted, double q) {
        double h = q * (sorted.length - 1);
        int below = (int) h;
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
    }

    /** Each feature's training median, scikit-learn's {@code center_}. */
    public double[] center() {
        return fittedCenters();
    }

    /** Each feature's training interquartile range, {@code q75 - q25}; 0 for a constant feature. */
    public double[] interquartileRange() {
        return fittedStatistics();
    }

    /** What each centered feature is divided by, scikit-learn's {@code scale_}: the interquartile range, or 1. */
    public double[] scale() {
        return fittedDivisors();
    }
}
