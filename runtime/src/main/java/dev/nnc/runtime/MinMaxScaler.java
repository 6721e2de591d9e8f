package dev.nnc.runtime;

import java.util.Map;

/**
 * scikit-learn's {@code MinMaxScaler}: maps each feature's training minimum and maximum onto a
 * feature range, {@code [0, 1]} unless given, by
 * {@code x' = (x - dataMin) / dataRange * (rangeMax - rangeMin) + rangeMin}. Values outside the
 * training range map outside the feature range (no clipping, scikit-learn's default).
 *
 * <p>A constant feature ({@code dataMax == dataMin}, or a range below {@code 10 * eps} as
 * scikit-learn rounds it) has its range taken as 1: its training value maps to {@code rangeMin}.
 */
public final class MinMaxScaler extends AffineScaler {

    private final double rangeMin;
    private final double rangeMax;

    /** Onto {@code [0, 1]}, scikit-learn's default. */
    public MinMaxScaler() {
        this(0, 1);
    }

    /**
     * Onto the feature range {@code [min, max]}.
     *
     * @throws IllegalArgumentException when a bound is not finite or {@code min} is not below {@code max}
     */
    public MinMaxScaler(double min, double max) {
        super(min);
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("feature range: expected finite bounds, found [" + min + ", " + max
                    + "]");
        }
        if (!(min < max)) {
            throw new IllegalArgumentException("max: expected more than min = " + min + ", found " + max);
        }
        this.rangeMin = min;
        this.rangeMax = max;
    }

    @Override
    Feature fitFeature(double[] values) {
        double min = values[0];
        double max = values[0];
        for (double value : values) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return new Feature(min, nonZeroScale(max - min) / (rangeMax - rangeMin), max);
    }

    @Override
    Map<String, String> settings() {
        return Map.of("feature_range_min", Double.toString(rangeMin), "feature_range_max", Double.toString(rangeMax));
    }

    /** The low end of the feature range. */
    public double rangeMin() {
        return rangeMin;
    }

    /** The high end of the feature range. */
    public double rangeMax() {
        return rangeMax;
    }

    /** Each feature's training minimum, scikit-learn's {@code data_min_}. */
    public double[] dataMin() {
        return fittedCenters();
    }

    /** Each feature's training maximum, scikit-learn's {@code data_max_}. */
    public double[] dataMax() {
        return fittedStatistics();
    }

    /** Each feature's {@code dataMax - dataMin}, 0 for a constant feature: scikit-learn's {@code data_range_}. */
    public double[] dataRange() {
        double[] range = dataMax();
        double[] min = dataMin();
        for (int j = 0; j < range.length; j++) {
            range[j] -= min[j];
        }
        return range;
    }

    /**
     * What each feature is multiplied by, scikit-learn's {@code scale_}:
     * {@code (rangeMax - rangeMin) / dataRange}, with a constant feature's range taken as 1.
     */
    public double[] scale() {
        double[] scale = fittedDivisors();
        for (int j = 0; j < scale.length; j++) {
            scale[j] = 1 / scale[j];
        }
        return scale;
    }
}
