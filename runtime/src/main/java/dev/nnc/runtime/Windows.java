package dev.nnc.runtime;

import java.util.Objects;

/**
 * Sliding windows over a time series for sequence models, Keras'
 * {@code timeseries_dataset_from_array}: sample {@code i} takes the {@code lookback} time steps
 * from step {@code i} as its inputs and the target columns of the {@code horizon} steps after them
 * as its targets.
 *
 * <pre>{@code
 * // series: [length][3] row-major, say temperature, humidity and pressure per hour
 * Windows windows = Windows.of(series, 3).lookback(24).horizon(1).targets(0);
 * StandardScaler scaler = new StandardScaler();
 * Windows.Split parts = windows.split(0.7, 0.15, scaler);   // train, validation, test in time order
 * Trainer.fit(net, parts.train(), FitOptions.epochs(50).validationData(parts.validation()));
 * }</pre>
 *
 * <h2>Layout</h2>
 * The series is flat row-major {@code [length][features]}. Sample {@code i} has
 * <ul>
 *   <li>inputs {@code series[i .. i + lookback)}, every feature: {@code lookback * features}
 *       values laid out {@code [timesteps][features]}, Keras' {@code (samples, timesteps,
 *       features)} without the batch axis;</li>
 *   <li>targets the values of the target columns at steps {@code i + lookback .. i + lookback +
 *       horizon - 1}: {@code horizon * targets.length} values laid out {@code [horizon][targets]},
 *       step by step, each step's columns in the order given. Horizon 1 predicts the next step.</li>
 * </ul>
 * There are {@code length - lookback - horizon + 1} windows.
 *
 * <h2>No copies</h2>
 * Window {@code i}'s inputs are the contiguous slice {@code [i * features, (i + lookback) *
 * features)} of the series, so the {@link Dataset} made here views the series with a stride of one
 * time step between samples instead of copying every window ({@code lookback} times the series).
 * Only the targets, {@code horizon * targets.length} values per window, are gathered into an array
 * of their own. Do not change the series while the dataset is in use.
 *
 * <p>Settings are immutable: each setter returns a changed copy and checks its argument at once;
 * the series is checked to be finite by {@link #of}.
 */
public final class Windows {

    private final float[] series;
    private final int features;
    private final int length;
    /** Time steps per input window; 0 until set. */
    private final int lookback;
    private final int horizon;
    private final int[] targets;

    private Windows(float[] series, int features, int length, int lookback, int horizon, int[] targets) {
        this.series = series;
        this.features = features;
        this.length = length;
        this.lookback = lookback;
        this.horizon = horizon;
        this.targets = targets;
    }

    /**
     * Windows over {@code series}, {@code [length][features]} row-major, wrapped without copying:
     * horizon 1 and every column a target until set otherwise; set the {@link #lookback(int)}.
     *
     * @throws IllegalArgumentException when {@code features} is less than 1, the series is not a
     *     whole number of time steps, or a value is not finite (naming its time step as the sample)
     */
    public static Windows of(float[] series, int features) {
        Objects.requireNonNull(series, "series");
        if (features < 1) {
            throw new IllegalArgumentException("features: expected at least 1 value per time step, found " + features);
        }
        int length = Checks.rows("series", series, "features", features);
        Checks.finite("series", series, length, features);
        return new Windows(series, features, length, 0, 1, Batches.identity(features));
    }

    /**
     * With input windows of {@code lookback} time steps.
     *
     * @throws IllegalArgumentException when {@code lookback} is less than 1
     */
    public Windows lookback(int lookback) {
        if (lookback < 1) {
            throw new IllegalArgumentException("lookback: expected at least 1, found " + lookback);
        }
        return new Windows(series, features, length, lookback, horizon, targets);
    }

    /**
     * With targets at the {@code horizon} time steps after each window: 1 for the next step,
     * {@code k} for the next {@code k}.
     *
     * @throws IllegalArgumentException when {@code horizon} is less than 1
     */
    public Windows horizon(int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon: expected at least 1, found " + horizon);
        }
        return new Windows(series, features, length, lookback, horizon, targets);
    }

    /**
     * With these feature columns as the targets, in this order.
     *
     * @throws IllegalArgumentException when there are none, or a column is outside
     *     {@code [0, features)} or listed twice
     */
    public Windows targets(int... columns) {
        Objects.requireNonNull(columns, "columns");
        if (columns.length == 0) {
            throw new IllegalArgumentException("columns: expected at least 1 target column, found none");
        }
        boolean[] seen = new boolean[features];
        for (int c = 0; c < columns.length; c++) {
            if (columns[c] < 0 || columns[c] >= features) {
                throw new IllegalArgumentException("columns[" + c + "]: expected a column in [0, " + features
                        + "), found " + columns[c]);
            }
            if (seen[columns[c]]) {
                throw new IllegalArgumentException("columns[" + c + "]: column " + columns[c] + " is listed twice");
            }
            seen[columns[c]] = true;
        }
        return new Windows(series, features, length, lookback, horizon, columns.clone());
    }

    /** Values per time step of the series. */
    public int features() {
        return features;
    }

    /** Time steps in the series. */
    public int length() {
        return length;
    }

    /** Time steps per input window; 0 until set. */
    public int lookback() {
        return lookback;
    }

    /** Time steps predicted after each window. */
    public int horizon() {
        return horizon;
    }

    /**
     * The target columns, in the order of each step's targets: what
     * {@link Scaler#inverseTransform(float[], int[])} takes to map predictions back.
     */
    public int[] targets() {
        return targets.clone();
    }

    /**
     * Every window, in time order, as a dataset that views the series.
     *
     * @throws IllegalStateException when the lookback is not set
     * @throws IllegalArgumentException when the series is too short for one window, naming both
     */
    public Dataset dataset() {
        requireLookback();
        if (length < windowSteps()) {
            throw new IllegalArgumentException("series: " + length + " time steps hold no window of lookback "
                    + lookback + " and horizon " + horizon + ", which needs " + windowSteps()
                    + "; use a longer series or a shorter lookback or horizon");
        }
        return windows(series);
    }

    /**
     * The windows split in time order, without scaling: see {@link #split(double, double, Scaler)}.
     *
     * @throws IllegalStateException when the lookback is not set
     * @throws IllegalArgumentException as {@link #split(double, double, Scaler)}
     */
    public Split split(double train, double validation) {
        return split(train, validation, null);
    }

    /**
     * The windows split in time order into training, validation and test parts, each a view of
     * one series, with {@code scaler} (unless null) fitted on the training part only.
     *
     * <p>The series is cut by time: steps {@code [0, floor(length * train))} are the training
     * part, then validation up to {@code floor(length * (train + validation))}, then test up to the
     * end. A window belongs to the part that holds all its target steps, so no target of a later
     * part is in an earlier part's windows, inputs or targets: training never sees a validation or
     * test value. The inputs of the first validation and test windows reach back into the previous
     * part: at prediction time those steps are the past, which a forecast may read, and cutting them
     * off instead would drop {@code lookback} windows at each cut and never forecast the first
     * {@code lookback} steps of the test part. With {@code horizon > 1}, the {@code horizon - 1}
     * windows whose targets straddle a cut belong to no part.
     *
     * <p>With a scaler, it is fitted on the training steps (all the values the training windows
     * read), replacing any earlier fit, and the whole series is transformed with it into one new
     * array the three parts view; targets are then scaled too, and
     * {@link Scaler#inverseTransform(float[], int[])} with {@link #targets()} maps predictions back.
     *
     * @param train the fraction of time steps for training, in {@code (0, 1)}
     * @param validation the fraction for validation, in {@code [0, 1)}; 0 leaves the validation
     *     part empty. The test part has the rest, which must be more than 0
     * @throws IllegalStateException when the lookback is not set
     * @throws IllegalArgumentException when a fraction is out of range, or a part with a positive
     *     fraction would hold no window, naming its time steps
     */
    public Split split(double train, double validation, Scaler scaler) {
        requireLookback();
        if (!(train > 0 && train < 1)) {
            throw new IllegalArgumentException("train: expected a fraction in (0, 1), found " + train);
        }
        if (!(validation >= 0 && validation < 1)) {
            throw new IllegalArgumentException("validation: expected a fraction in [0, 1), found " + validation);
        }
        if (!(train + validation < 1)) {
            throw new IllegalArgumentException("validation: train " + train + " + validation " + validation
                    + " leaves nothing to test on; expected a sum below 1");
        }
        int validationFrom = (int) Math.floor(length * train);
        int testFrom = (int) Math.floor(length * (train + validation));
        // a training window lies within the training steps; later parts look back, so they need only its targets
        requireWindow("train", 0, validationFrom, windowSteps(), "lookback " + lookback + " + horizon " + horizon);
        if (validation > 0) {
            requireWindow("validation", validationFrom, testFrom, horizon, "the target steps of horizon " + horizon);
        }
        requireWindow("test", testFrom, length, horizon, "the target steps of horizon " + horizon);
        float[] values = series;
        if (scaler != null) {
            scaler.fit(series, validationFrom, features);
            values = scaler.transform(series);
            Checks.finite("scaled series", values, length, features);
        }
        Dataset all = windows(values);
        return new Split(part(all, 0, validationFrom), part(all, validationFrom, testFrom),
                part(all, testFrom, length), validationFrom, testFrom);
    }

    /** Time steps of one window, its inputs and targets; a long, as both may be up to {@code Integer.MAX_VALUE}. */
    private long windowSteps() {
        return (long) lookback + horizon;
    }

    private void requireWindow(String part, int from, int to, long needed, String what) {
        if (to - from < needed) {
            throw new IllegalArgumentException(part + ": time steps [" + from + ", " + to + ") of " + length
                    + " hold no window, which needs " + needed + " steps for " + what
                    + "; use a larger fraction, a longer series or a shorter lookback or horizon");
        }
    }

    /** The windows whose target steps all lie in {@code [from, to)}: those from {@code from - lookback} on. */
    private Dataset part(Dataset all, int from, int to) {
        int first = Math.max(0, from - lookback);
        int end = Math.max(first, to - lookback - horizon + 1);
        return all.slice(first, end);
    }

    /**
     * Every window over {@code values}, the series or its scaled copy; the targets gathered once.
     * The caller has checked that a window fits in the series, so the counts below do too.
     */
    private Dataset windows(float[] values) {
        int count = length - lookback - horizon + 1;
        int width = horizon * targets.length;
        float[] y = new float[Checks.arrayLength("horizon", count, width)];
        for (int i = 0, at = 0; i < count; i++) {
            for (int step = 0; step < horizon; step++) {
                int row = (i + lookback + step) * features;
                for (int column : targets) {
                    y[at++] = values[row + column];
                }
            }
        }
        return Dataset.windows(values, features, lookback * features, y, width);
    }

    private void requireLookback() {
        if (lookback == 0) {
            throw new IllegalStateException("lookback: not set; call lookback(timesteps) before making windows");
        }
    }

    /**
     * Windows split in time order; see {@link #split(double, double, Scaler)}.
     *
     * @param train the windows whose targets lie in steps {@code [0, validationFrom)}
     * @param validation those whose targets lie in {@code [validationFrom, testFrom)}; empty for a
     *     validation fraction of 0
     * @param test those whose targets lie in {@code [testFrom, length)}
     * @param validationFrom the first time step of the validation part
     * @param testFrom the first time step of the test part
     */
    public record Split(Dataset train, Dataset validation, Dataset test, int validationFrom, int testFrom) {

        /** The three parts, none {@code null}, and where the later two start. */
        public Split {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(validation, "validation");
            Objects.requireNonNull(test, "test");
        }
    }
}
