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
 *   <tr><td>{@code progress}</td><td>{@code System.out}</td><td>where a {@link ProgressBar} shows progress: a
 *       {@code PrintStream} (live bar on a terminal, else a line per epoch) or a {@code System.Logger} (a record
 *       per epoch); {@code verbose(false)} for none</td></tr>
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
    private final System.Logger progressLogger;

    private FitOptions(int epochs, int batchSize, boolean shuffle, long seed, double validationSplit,
            Dataset validationData, List<String> metrics, List<Callback> callbacks, PrintStream progress,
            System.Logger progressLogger) {
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.validationSplit = validationSplit;
        this.validationData = validationData;
        this.metrics = metrics;
        this.callbacks = callbacks;
        this.progress = progress;
        this.progressLogger = progressLogger;
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
        return new FitOptions(epochs, DEFAULT_BATCH_SIZE, true, 0L, 0.0, null, List.of(), List.of(), System.out, null);
    }

    /** With {@code batchSize} samples per step (Keras' default is 32). */
    public FitOptions batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: expected at least 1, found " + batchSize);
        }
        return new FitOptions(epochs, batchSize, shuffle, seed, validationSplit, validationData, metrics,
                callbacks, progress, progressLogger);
    }

    /** With the training samples reshuffled each epoch, or kept in order. */
    public FitOptions shuffle(boolean shuffle) {
        return new FitOptions(epochs, batchSize, shuffle, seed, validationSplit, validationData, metrics,
                callbacks, progress, progressLogger);
    }

    /** With shuffling seeded by {@code seed}. */
    public FitOptions seed(long seed) {
        return new FitOptions(epochs, batchSize, shuffle, seed, validationSplit, validationData, metrics,
                callbacks, progress, progressLogger);
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
                callbacks, progress, progressLogger);
    }

    /** With {@code validationData} to validate on after each epoch; it overrides {@link #validationSplit(double)}. */
    public FitOptions validationData(Dataset validationData) {
        Objects.requireNonNull(validationData, "validationData");
        return new FitOptions(epochs, batchSize, shuffle, seed, validationSplit, validationData, metrics,
                callbacks, progress, progressLogger);
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
                List.of(metrics), callbacks, progress, progressLogger);
    }

    /** With these callbacks, run in this order, replacing any set before. */
    public FitOptions callbacks(Callback... callbacks) {
        Objects.requireNonNull(callbacks, "callbacks");
        List<Callback> list = new ArrayList<>(callbacks.length);
        for (int i = 0; i < callbacks.length; i++) {
            list.add(Objects.requireNonNull(callbacks[i], "callbacks[" + i + "]"));
        }
        return new FitOptions(epochs, batchSize, shuffle, seed, validationSplit, validationData,
                metrics, List.copyOf(list), progress, progressLogger);
    }

    /**
     * With progress on {@code System.out} (a {@link ProgressBar}: live on a terminal, else one line
     * per epoch; Keras' {@code verbose="auto"}), or none (Keras' {@code verbose=0}).
     */
    public FitOptions verbose(boolean verbose) {
        return progress(verbose ? System.out : null);
    }

    /**
     * With progress on {@code progress} (a {@link ProgressBar}: live when it is {@code System.out}
     * on a terminal, else one line per epoch), or none when it is {@code null}; replaces a logger
     * set by {@link #progress(System.Logger)}.
     */
    public FitOptions progress(PrintStream progress) {
        return new FitOptions(epochs, batchSize, shuffle, seed, validationSplit, validationData, metrics,
                callbacks, progress, null);
    }

    /**
     * With progress as one {@code INFO} record per epoch on {@code logger} (the line a
     * {@link ProgressBar} prints when not live), or none when it is {@code null}; replaces a
     * stream set by {@link #progress(PrintStream)}.
     */
    public FitOptions progress(System.Logger logger) {
        return new FitOptions(epochs, batchSize, shuffle, seed, validationSplit, validationData, metrics,
                callbacks, null, logger);
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

    /** The stream progress goes to; {@code null} when it goes to a logger or nowhere. */
    public PrintStream progress() {
        return progress;
    }

    /** The logger progress goes to; {@code null} when it goes to a stream or nowhere. */
    public System.Logger progressLogger() {
        return progressLogger;
    }

    /** Whether progress is shown, on a stream or a logger. */
    public boolean verbose() {
        return progress != null || progressLogger != null;
    }

    @Override
    public String toString() {
        return "FitOptions[epochs=" + epochs + ", batchSize=" + batchSize + ", shuffle=" + shuffle + ", seed=" + seed
                + ", validationSplit=" + validationSplit + ", validationData=" + validationData
                + ", metrics=" + metrics + ", callbacks=" + callbacks.size() + ", verbose=" + verbose() + "]";
    }
}
