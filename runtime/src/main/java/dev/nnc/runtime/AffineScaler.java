package dev.nnc.runtime;

import java.util.Map;
import java.util.Objects;

/**
 * What the scikit-learn scalers share: each maps feature {@code j} as
 * {@code x' = (x - center[j]) / divisor[j] + offset} and back, in {@code double}, and differs only
 * in the statistics of a feature's training values that give its center and divisor
 * ({@link #fitFeature}). Argument checks, fitting feature by feature and both transforms are here,
 * once.
 */
abstract class AffineScaler implements Scaler {

    /** numpy's {@code finfo(float64).eps}, with which scikit-learn tells a constant feature. */
    static final double EPSILON = Math.ulp(1.0);

    /**
     * What fitting one feature gives.
     *
     * @param center subtracted first
     * @param divisor then divided by; never 0
     * @param statistic what the subclass reports besides them (the maximum, the variance, ...)
     */
    record Feature(double center, double divisor, double statistic) {}

    private final double offset;
    private double[] center;
    private double[] divisor;
    private double[] statistic;

    /** A scaler that adds {@code offset} after dividing: the low end of a feature range, else 0. */
    AffineScaler(double offset) {
        this.offset = offset;
    }

    /**
     * Fits one feature on its {@code values}, those of the training rows in row order (at least
     * one, finite); it may reorder them.
     */
    abstract Feature fitFeature(double[] values);

    /**
     * scikit-learn's {@code _handle_zeros_in_scale}: a scale below {@code 10 * eps} is that of a
     * constant feature and becomes 1, which leaves the feature's offset from its center as it is
     * instead of dividing by (almost) 0.
     */
    static double nonZeroScale(double scale) {
        return scale < 10 * EPSILON ? 1 : scale;
    }

    @Override
    public final Scaler fit(float[] data, int features) {
        requireFeatures(features);
        int n = Checks.rows("data", data, "features", features);
        if (n == 0) {
            throw new IllegalArgumentException("data: expected at least 1 sample to fit on, found 0");
        }
        return fitRows(data, n, features);
    }

    @Override
    public final Scaler fit(float[] data, int n, int features) {
        Objects.requireNonNull(data, "data");
        requireFeatures(features);
        if (n < 1) {
            throw new IllegalArgumentException("n: expected at least 1 sample to fit on, found " + n);
        }
        Checks.batch("data", data, n, features);
        return fitRows(data, n, features);
    }

    private static void requireFeatures(int features) {
        if (features < 1) {
            throw new IllegalArgumentException("features: expected at least 1, found " + features);
        }
    }

    private Scaler fitRows(float[] data, int n, int features) {
        Checks.finite("data", data, n, features);
        double[] centers = new double[features];
        double[] divisors = new double[features];
        double[] statistics = new double[features];
        double[] values = new double[n];
        for (int j = 0; j < features; j++) {
            for (int r = 0; r < n; r++) {
                values[r] = data[r * features + j];
            }
            Feature feature = fitFeature(values);
            centers[j] = feature.center();
            divisors[j] = feature.divisor();
            statistics[j] = feature.statistic();
        }
        // assigned last, so a fit that throws leaves an earlier fit in place
        center = centers;
        divisor = divisors;
        statistic = statistics;
        return this;
    }

    @Override
    public final boolean isFitted() {
        return center != null;
    }

    @Override
    public final int features() {
        requireFitted();
        return center.length;
    }

    @Override
    public final float[] transform(float[] data) {
        int width = features();
        int rows = Checks.rows("data", data, "features", width);
        Checks.finite("data", data, rows, width);
        float[] scaled = new float[data.length];
        for (int r = 0, i = 0; r < rows; r++) {
            for (int j = 0; j < width; j++, i++) {
                scaled[i] = (float) ((data[i] - center[j]) / divisor[j] + offset);
            }
        }
        return scaled;
    }

    @Override
    public final float[] inverseTransform(float[] data) {
        return unscale(data, Batches.identity(features()), "features");
    }

    @Override
    public final float[] inverseTransform(float[] data, int[] columns) {
        int features = features();
        Objects.requireNonNull(columns, "columns");
        if (columns.length == 0) {
            throw new IllegalArgumentException("columns: expected at least 1 feature, found none");
        }
        for (int c = 0; c < columns.length; c++) {
            if (columns[c] < 0 || columns[c] >= features) {
                throw new IllegalArgumentException("columns[" + c + "]: expected a feature in [0, " + features
                        + "), found " + columns[c]);
            }
        }
        return unscale(data, columns, "columns.length");
    }

    private float[] unscale(float[] data, int[] columns, String widthName) {
        int width = columns.length;
        int rows = Checks.rows("data", data, widthName, width);
        float[] values = new float[data.length];
        for (int r = 0, i = 0; r < rows; r++) {
            for (int c = 0; c < width; c++, i++) {
                int j = columns[c];
                values[i] = (float) ((data[i] - offset) * divisor[j] + center[j]);
            }
        }
        return values;
    }

    /**
     * Puts back the statistics of a fit, saved in a weights file: afterwards this scaler
     * transforms as the one that was fitted did. The arrays, of one length and not empty (the
     * file's header was checked for it), are taken, not copied: the caller read them for this.
     *
     * @throws IllegalArgumentException when a value is not finite, or a divisor is not greater than 0
     */
    final void restore(double[] centers, double[] divisors, double[] statistics) {
        for (int j = 0; j < centers.length; j++) {
            if (!Double.isFinite(centers[j]) || !Double.isFinite(statistics[j]) || !(divisors[j] > 0)
                    || Double.isInfinite(divisors[j])) {
                throw new IllegalArgumentException("feature " + j + ": expected a finite center and statistic and a finite"
                        + " divisor greater than 0, found " + centers[j] + ", " + statistics[j] + " and " + divisors[j]);
            }
        }
        center = centers;
        divisor = divisors;
        statistic = statistics;
    }

    /** The settings a weights file keeps besides the statistics, by name; none unless a subclass has some. */
    Map<String, String> settings() {
        return Map.of();
    }

    /** A copy of the fitted centers, one per feature. */
    final double[] fittedCenters() {
        requireFitted();
        return center.clone();
    }

    /** A copy of the fitted divisors, one per feature. */
    final double[] fittedDivisors() {
        requireFitted();
        return divisor.clone();
    }

    /** A copy of the fitted statistics, one per feature. */
    final double[] fittedStatistics() {
        requireFitted();
        return statistic.clone();
    }

    private void requireFitted() {
        if (center == null) {
            throw new IllegalStateException(getClass().getSimpleName()
                    + " is not fitted: call fit on the training data first");
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + (center == null ? "[not fitted]" : "[" + center.length + " features]");
    }
}
