package dev.nnc.runtime;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How {@link Trainer#fit} trains: Keras' {@code fit} arguments as an immutable value. Start from
 * {@link #epochs(int)}; every other setter returns a changed copy and checks its argument at once.
 *
 * <pre>{@code
 * FitOptions.epochs(500).batchSize(4).metrics("accuracy")
 *         .callbacks(new EarlyStopping("loss", 1e-4, 50, true))
 * }</pre>
 *
 * <table>
 *   <caption>Settings and defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code batchSize}</td><td>32</td><td>samples per optimizer step; the last batch of an epoch may be smaller</td></tr>
 *   <tr><td>{@code shuffle}</td><td>true</td><td>a new order of the training samples each epoch</td></tr>
 *   <tr><td>{@code seed}</td><td>0</td><td>seeds the shuffling, so a run is reproducible</td></tr>
 *   <tr><td>{@code validationSplit}</td><td>0</td><td>the last fraction of the data, taken before shuffling, is held out for validation</td></tr>
 *   <tr><td>{@code validationData}</td><td>none</td><td>a dataset to validate on; overrides {@code validationSplit}, as in Keras</td></tr>
 *   <tr><td>{@code metrics}</td><td>none</td><td>names known to {@link Metrics}, reported for training and validation</td></tr>
 *   <tr><td>{@code callbacks}</td><td>none</td><td>{@link Callback}s, run in order</td></tr>
 *   <tr><td>{@code progress}</td><td>{@code System.out}</td><td>where the line per epoch goes; {@code null} or {@code verbose(false)} for none</td></tr>
 * </table>
 *
 * <p>The number of epochs is set only by {@link #epochs(int)}, which is static: calling it on an
 * instance starts over from the defaults.
 */
public final class FitOptions {

    private static final int DEFAULT_BATCH_SIZE = 32;

    private final int epochs;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final double validationSplit;
    private final Dataset validationData;
    private final List<String> metrics;
    private final List<Callback> callbacks;
    private final PrintStream progress;

    private FitOptions(int epochs, int batchSize, boolean shuffle, long seed, double validationSplit,
            Dataset validationData, List<String> metrics, List<Callback> callbacks, PrintStream progress) {
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.validationSplit = validationSplit;
        this.validationData = validationData;
        this.metrics = metrics;
        this.callbacks = callbacks;
        this.progress = progress;
    }

    /**
     * Options to train for {@code epochs} epochs, with every other setting at its default.
     *
     * @throws IllegalArgumentException when {@code epochs} is less than 1
     */
    public static FitOptions epochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs: expected at least 1, found " + epochs);
        }
        return new FitOptions(epochs, DEFAULT_BATCH_SIZE, true, 0L, 0.0, null, List.of(), List.of(), System.out);
    }

    /** With {@code batchSize} samples per step (Keras' default is 32). */
    public FitOptions batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: expected at least 1, found " + batchSize);
        }
        return new FitOptions(epochs, batchSize, shuffle, seed, validationSplit, validationData, metrics,
                callbacks, progress);
    }

    /** With the training samples reshuffled each epoch, or kept in order. */
    public FitOptions shuffle(boolean shuffle) {
        return new FitOptions(epochs, batchSize, shuffle, seed, validationSplit, validationData, metrics,
                callbacks, progress);
    }

    /** With shuffling seeded by {@code seed}. */
    public FitOptions seed(long seed) {
        return new FitOptions(epochs, batchSize, shuffle, seed, validationSplit, validationData, metrics,
                callbacks, progress);
    }

    /**
     * With the last {@code validationSplit} of the training data held out for validation, taken
     * before shuffling (Keras' {@code validation_split}); 0 for none.
     *
     * @throws IllegalArgumentException when {@code validationSplit} is not in {@code [0, 1)}
     */
    public FitOptions validationSplit(double validationSplit) {
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("validationSplit: expected a fraction in [0, 1), found "
                    + validationSplit);
        }
        return new FitOptions(epochs, batchSize, shuffle, seed, validationSplit, validationData, metrics,
                callbacks, progress);
    }

    /** With {@code validationData} to validate on after each epoch; it overrides {@link #validationSplit(double)}. */
    public FitOptions validationData(Dataset validationData) {
        Objects.requireNonNull(validationData, "validationData");
        return new FitOptions(epochs, batchSize, shuffle, seed, validationSplit, validationData, metrics,
                callbacks, progress);
    }

    /**
     * With these metrics, by Keras name (see {@link Metrics}), replacing any set before.
     *
     * @throws IllegalArgumentException when a name is unknown (listing the known ones) or repeated
     */
    public FitOptions metrics(String... metrics) {
        Objects.requireNonNull(metrics, "metrics");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < metrics.length; i++) {
            Objects.requireNonNull(metrics[i], "metrics[" + i + "]");
            Metrics.requireKnown(metrics[i]);
            if (!seen.add(metrics[i])) {
                throw new IllegalArgumentException("metrics[" + i + "]: '" + metrics[i] + "' is listed twice");
            }
        }
        return new FitOptions(epochs, batchSize, shuffle, seed, validationSplit, validationData,
                List.of(metrics), callbacks, progress);
    }

    /** With these callbacks, run in this order, replacing any set before. */
    public FitOptions callbacks(Callback... callbacks) {
        Objects.requireNonNull(callbacks, "callbacks");
        List<Callback> list = new ArrayList<>(callbacks.length);
        for (int i = 0; i < callbacks.length; i++) {
            list.add(Objects.requireNonNull(callbacks[i], "callbacks[" + i + "]"));
        }
        return new FitOptions(epochs, batchSize, shuffle, seed, validationSplit, validationData,
                metrics, List.copyOf(list), progress);
    }

    /** With the progress line on {@code System.out}, or none. */
    public FitOptions verbose(boolean verbose) {
        return progress(verbose ? System.out : null);
    }

    /** With the progress line on {@code progress}, or none when it is {@code null}. */
    public FitOptions progress(PrintStream progress) {
        return new FitOptions(epochs, batchSize, shuffle, seed, validationSplit, validationData, metrics,
                callbacks, progress);
    }

    /** Epochs to train for, at most. */
    public int epochs() {
        return epochs;
    }

    /** Samples per optimizer step. */
    public int batchSize() {
        return batchSize;
    }

    /** Whether the training samples are reshuffled each epoch. */
    public boolean shuffle() {
        return shuffle;
    }

    /** The shuffling seed. */
    public long seed() {
        return seed;
    }

    /** The fraction held out for validation; 0 for none. */
    public double validationSplit() {
        return validationSplit;
    }

    /** The dataset to validate on, if one was given. */
    public Optional<Dataset> validationData() {
        return Optional.ofNullable(validationData);
    }

    /** The metric names, in order. */
    public List<String> metrics() {
        return metrics;
    }

    /** The callbacks, in order. */
    public List<Callback> callbacks() {
        return callbacks;
    }

    /** Where the progress line goes; {@code null} for nowhere. */
    public PrintStream progress() {
        return progress;
    }

    /** Whether a progress line is printed. */
    public boolean verbose() {
        return progress != null;
    }

    @Override
    public String toString() {
        return "FitOptions[epochs=" + epochs + ", batchSize=" + batchSize + ", shuffle=" + shuffle + ", seed=" + seed
                + ", validationSplit=" + validationSplit + ", validationData=" + validationData
                + ", metrics=" + metrics + ", callbacks=" + callbacks.size() + ", verbose=" + verbose() + "]";
    }
}
