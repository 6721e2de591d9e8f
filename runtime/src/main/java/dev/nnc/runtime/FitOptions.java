package dev.nnc.runtime;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

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
 *   <tr><td>{@code initialEpoch}</td><td>0</td><td>the first epoch's index, to go on numbering a resumed run</td></tr>
 *   <tr><td>{@code batchSize}</td><td>32</td><td>samples per optimizer step; the last batch of an epoch may be smaller</td></tr>
 *   <tr><td>{@code shuffle}</td><td>true</td><td>a new order of the training samples each epoch</td></tr>
 *   <tr><td>{@code seed}</td><td>0</td><td>seeds the shuffling, so a run is reproducible</td></tr>
 *   <tr><td>{@code validationSplit}</td><td>0</td><td>the last fraction of the data, taken before shuffling, is held out for validation</td></tr>
 *   <tr><td>{@code validationData}</td><td>none</td><td>a dataset to validate on; overrides {@code validationSplit}, as in Keras</td></tr>
 *   <tr><td>{@code metrics}</td><td>none</td><td>names known to {@link Metrics}, reported for training and validation</td></tr>
 *   <tr><td>{@code metric}</td><td>none</td><td>metrics made by a factory, with settings of their own ({@code () -> new AUC(500)})</td></tr>
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

    private final int epochs;
    private int initialEpoch;
    private int batchSize = Trainer.DEFAULT_BATCH_SIZE;
    private boolean shuffle = true;
    private long seed;
    private double validationSplit;
    private Dataset validationData;
    private List<String> metrics = List.of();
    private List<Supplier<? extends Metric>> metricFactories = List.of();
    private List<Callback> callbacks = List.of();
    private PrintStream progress = System.out;
    private System.Logger progressLogger;

    private FitOptions(int epochs) {
        this.epochs = epochs;
    }

    /**
     * A copy to change one setting of, before it is returned: instances are never changed once a
     * caller holds them.
     */
    private FitOptions copy() {
        FitOptions copy = new FitOptions(epochs);
        copy.initialEpoch = initialEpoch;
        copy.batchSize = batchSize;
        copy.shuffle = shuffle;
        copy.seed = seed;
        copy.validationSplit = validationSplit;
        copy.validationData = validationData;
        copy.metrics = metrics;
        copy.metricFactories = metricFactories;
        copy.callbacks = callbacks;
        copy.progress = progress;
        copy.progressLogger = progressLogger;
        return copy;
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
        return new FitOptions(epochs);
    }

    /**
     * Starting at epoch {@code initialEpoch} (from 0), Keras' {@code initial_epoch}: a run resumed
     * from a checkpoint goes on numbering its epochs, so callbacks, the progress line and file
     * names continue; it trains {@code epochs - initialEpoch} epochs.
     *
     * @throws IllegalArgumentException when {@code initialEpoch} is negative or not below {@code epochs}
     */
    public FitOptions initialEpoch(int initialEpoch) {
        if (initialEpoch < 0 || initialEpoch >= epochs) {
            throw new IllegalArgumentException("initialEpoch: expected 0 or more and less than epochs = " + epochs + ", found "
                    + initialEpoch);
        }
        FitOptions copy = copy();
        copy.initialEpoch = initialEpoch;
        return copy;
    }

    /** With {@code batchSize} samples per step (Keras' default is 32). */
    public FitOptions batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: expected at least 1, found " + batchSize);
        }
        FitOptions copy = copy();
        copy.batchSize = batchSize;
        return copy;
    }

    /** With the training samples reshuffled each epoch, or kept in order. */
    public FitOptions shuffle(boolean shuffle) {
        FitOptions copy = copy();
        copy.shuffle = shuffle;
        return copy;
    }

    /** With shuffling seeded by {@code seed}. */
    public FitOptions seed(long seed) {
        FitOptions copy = copy();
        copy.seed = seed;
        return copy;
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
        FitOptions copy = copy();
        copy.validationSplit = validationSplit;
        return copy;
    }

    /** With {@code validationData} to validate on after each epoch; it overrides {@link #validationSplit(double)}. */
    public FitOptions validationData(Dataset validationData) {
        FitOptions copy = copy();
        copy.validationData = Objects.requireNonNull(validationData, "validationData");
        return copy;
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
        FitOptions copy = copy();
        copy.metrics = List.of(metrics);
        return copy;
    }

    /**
     * With one more metric, made by {@code factory} once for training and once for validation: a
     * metric with settings of its own, as Keras takes metric objects
     * ({@code metric(() -> new TopKCategoricalAccuracy(3))}), or one of the user's. It is logged
     * under its {@link Metric#name()} after those of {@link #metrics(String...)}; two metrics of one
     * name are refused when {@code fit} starts. Unlike a name, a metric made here is not checked
     * against the model's targets: it must read them as the model gives them.
     */
    public FitOptions metric(Supplier<? extends Metric> factory) {
        Objects.requireNonNull(factory, "factory");
        List<Supplier<? extends Metric>> more = new ArrayList<>(metricFactories);
        more.add(factory);
        FitOptions copy = copy();
        copy.metricFactories = List.copyOf(more);
        return copy;
    }

    /**
     * With these callbacks, run in this order, replacing any set before.
     *
     * @throws IllegalArgumentException when a per-step {@link LearningRateScheduler} comes with a
     *     {@link ReduceLROnPlateau} or another scheduler, whose changes of the rate it would undo
     */
    public FitOptions callbacks(Callback... callbacks) {
        Objects.requireNonNull(callbacks, "callbacks");
        List<Callback> list = new ArrayList<>(callbacks.length);
        for (int i = 0; i < callbacks.length; i++) {
            list.add(Objects.requireNonNull(callbacks[i], "callbacks[" + i + "]"));
        }
        requireOneRateSetter(list);
        FitOptions copy = copy();
        copy.callbacks = List.copyOf(list);
        return copy;
    }

    /**
     * A per-step schedule sets the rate before every batch, so a {@link ReduceLROnPlateau} or
     * another scheduler beside it would change nothing (Keras refuses ReduceLROnPlateau with a
     * schedule too).
     */
    private static void requireOneRateSetter(List<Callback> callbacks) {
        for (int i = 0; i < callbacks.size(); i++) {
            if (callbacks.get(i) instanceof LearningRateScheduler scheduler && scheduler.setsEveryStep()) {
                for (int j = 0; j < callbacks.size(); j++) {
                    Callback other = callbacks.get(j);
                    if (j != i && (other instanceof ReduceLROnPlateau || other instanceof LearningRateScheduler)) {
                        throw new IllegalArgumentException("callbacks[" + j + "]: a " + other.getClass().getSimpleName()
                                + " beside the per-step LearningRateScheduler at callbacks[" + i + "], which sets the rate"
                                + " before every batch and would undo its changes; use one of them");
                    }
                }
            }
        }
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
        FitOptions copy = copy();
        copy.progress = progress;
        copy.progressLogger = null;
        return copy;
    }

    /**
     * With progress as one {@code INFO} record per epoch on {@code logger} (the line a
     * {@link ProgressBar} prints when not live), or none when it is {@code null}; replaces a
     * stream set by {@link #progress(PrintStream)}.
     */
    public FitOptions progress(System.Logger logger) {
        FitOptions copy = copy();
        copy.progress = null;
        copy.progressLogger = logger;
        return copy;
    }

    /** The index the last epoch ends before, as Keras' {@code epochs}: at most {@code epochs - initialEpoch} epochs train. */
    public int epochs() {
        return epochs;
    }

    /** The first epoch's index. */
    public int initialEpoch() {
        return initialEpoch;
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

    /** The factories of the metrics added by {@link #metric}, in order. */
    public List<Supplier<? extends Metric>> metricFactories() {
        return metricFactories;
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
        return "FitOptions[epochs=" + epochs + ", initialEpoch=" + initialEpoch + ", batchSize=" + batchSize + ", shuffle=" + shuffle + ", seed=" + seed
                + ", validationSplit=" + validationSplit + ", validationData=" + validationData
                + ", metrics=" + metrics + ", callbacks=" + callbacks.size() + ", verbose=" + verbose() + "]";
    }
}
