package dev.nnc.runtime;

/**
 * Scales each feature of flat row-major data {@code [n][features]} by statistics of that feature,
 * as scikit-learn's scalers do ({@link MinMaxScaler}, {@link StandardScaler}, {@link RobustScaler},
 * {@link MaxAbsScaler}).
 *
 * <p>Fit on the training data only, then transform the training, validation and test data with
 * the same fitted scaler: statistics taken over validation or test data would leak them into
 * training. {@link Windows#split(double, double, Scaler)} does this for a time series. Fitting
 * again replaces the statistics.
 *
 * <p>{@link #transform} and {@link #inverseTransform} return new arrays and leave their argument
 * alone. {@code fit} and {@code transform} take finite values only (a NaN would poison every
 * statistic or reach the model); {@code inverseTransform} reads model outputs and passes a NaN
 * through, so a diverged model shows as a NaN metric rather than an exception.
 */
public interface Scaler {

    /**
     * Fits this scaler on every row of {@code data}, rows of {@code features} values; returns it.
     *
     * @throws IllegalArgumentException when {@code features} is less than 1, {@code data} is not a
     *     whole number of rows or holds none, or a value is not finite (naming its sample)
     */
    Scaler fit(float[] data, int features);

    /**
     * Fits this scaler on the first {@code n} rows of {@code data}, rows of {@code features}
     * values, without copying them (the training steps at the start of a series); returns it.
     *
     * @throws IllegalArgumentException when {@code n} or {@code features} is less than 1,
     *     {@code data} holds fewer than {@code n} rows or is not a whole number of rows, or a value
     *     is not finite (naming its sample)
     */
    Scaler fit(float[] data, int n, int features);

    /** Whether {@link #fit} has been called. */
    boolean isFitted();

    /**
     * Features per row, as fitted.
     *
     * @throws IllegalStateException when not fitted
     */
    int features();

    /**
     * {@code data}, rows of {@link #features()} values, scaled: a new array.
     *
     * @throws IllegalStateException when not fitted
     * @throws IllegalArgumentException when {@code data} is not a whole number of rows of the
     *     fitted width or a value is not finite (naming its sample)
     */
    float[] transform(float[] data);

    /**
     * Undoes {@link #transform}: {@code data}, rows of {@link #features()} scaled values, in the
     * units of the data fitted on; a new array.
     *
     * @throws IllegalStateException when not fitted
     * @throws IllegalArgumentException when {@code data} is not a whole number of rows of the
     *     fitted width
     */
    float[] inverseTransform(float[] data);

    /**
     * Undoes {@link #transform} for data holding only some features: value {@code c} of each row
     * of {@code columns.length} values is scaled feature {@code columns[c]}. A model's targets
     * hold the target columns of a series, {@code [horizon][columns]} per sample ({@link Windows}),
     * which read as {@code horizon} such rows each.
     *
     * @throws IllegalStateException when not fitted
     * @throws IllegalArgumentException when {@code columns} is empty or names a feature outside
     *     {@code [0, features())}, or {@code data} is not a whole number of rows of
     *     {@code columns.length} values
     */
    float[] inverseTransform(float[] data, int[] columns);
}
