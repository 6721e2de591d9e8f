package dev.nnc.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Saves the model's weights at the end of each epoch, or only when a monitored value improves,
 * with Keras 3's semantics ({@code keras.callbacks.ModelCheckpoint} with
 * {@code save_weights_only=True}): the file is written by {@link Weights#save(Predictor, Path, SaveOptions)},
 * atomically and with its checksum, so it loads back with {@link Weights#load} (or, saved
 * {@link SaveOptions#withOptimizerState() with the optimizer state}, resumes with
 * {@link Weights#resume}).
 *
 * <pre>{@code
 * ModelCheckpoint checkpoint = new ModelCheckpoint("runs/weights.{epoch:02d}-{val_loss:.2f}.safetensors")
 *         .monitor("val_loss").saveBestOnly()
 *         .saveOptions(SaveOptions.weightsOnly().withOptimizerState());
 * }</pre>
 *
 * <ul>
 *   <li>The path pattern is filled as Keras fills it with Python's {@code str.format}:
 *       {@code {epoch}} is the epoch counted from 1, {@code {val_loss}} or any other logged name
 *       its value, each with an optional format spec ({@code {epoch:02d}}, {@code {val_loss:.4f}};
 *       the {@code d}, {@code f}, {@code e} and {@code g} forms with fill, alignment, sign and
 *       width), digits rounded as Python rounds them. A malformed pattern or spec is refused at
 *       construction, a name that is not logged at the first epoch; both name the placeholder.
 *       Missing directories are created, as Keras does.</li>
 *   <li>With {@link #saveBestOnly()}, a file is written only when the monitored value beats the
 *       best saved so far (strictly: an equal value does not; lower, or higher for accuracies and
 *       R², see {@link MonitorMode#AUTO}). A NaN value never improves (Keras saves a first NaN).
 *       A pattern without placeholders then always holds the best weights.</li>
 *   <li>Weights that are not all finite are never saved, so a model that diverged does not
 *       overwrite a good file: the epoch is skipped, {@link #lastSkippedEpoch()} says which, and the
 *       best value stays that of the last file saved.</li>
 *   <li>As in Keras, the best value is kept across {@code fit} calls on the same instance, so
 *       training continued with it does not overwrite a better file; it starts from
 *       {@link #initialValueThreshold} when one is given. Epochs count from 0 in every
 *       {@code fit}, so {@code {epoch}} starts again from 1.</li>
 * </ul>
 *
 * Settings are immutable: the constructor starts from Keras' defaults (monitor {@code val_loss},
 * every epoch saved, {@link MonitorMode#AUTO}, weights only) and each setting returns a new
 * instance. Differences from Keras: no {@code save_freq} in batches; with {@code saveBestOnly} a
 * monitor missing from the logs is an exception (Keras warns and saves); nothing is printed.
 * A file that cannot be written is an {@link UncheckedIOException} naming it.
 */
public final class ModelCheckpoint implements Callback {

    private final PathPattern pattern;
    private final Monitor monitor;
    private final boolean saveBestOnly;
    private final SaveOptions options;
    /** NaN: none. */
    private final double initialValueThreshold;

    private final ParameterCopy parameters = new ParameterCopy();
    private TrainingContext context;
    private double best;
    private boolean hasBest;
    private Path lastSavedPath;
    private int lastSavedEpoch = -1;
    private int lastSkippedEpoch = -1;

    /**
     * Saves the weights to {@code pathPattern}, filled for each epoch (see the class comment), at
     * the end of every epoch.
     *
     * @throws IllegalArgumentException when the pattern is malformed, naming the placeholder
     */
    public ModelCheckpoint(String pathPattern) {
        this(PathPattern.parse(Objects.requireNonNull(pathPattern, "pathPattern")), new Monitor("val_loss", MonitorMode.AUTO, 0),
                false, SaveOptions.weightsOnly(), Double.NaN);
    }

    private ModelCheckpoint(PathPattern pattern, Monitor monitor, boolean saveBestOnly, SaveOptions options,
            double initialValueThreshold) {
        this.pattern = pattern;
        this.monitor = monitor;
        this.saveBestOnly = saveBestOnly;
        this.options = Objects.requireNonNull(options, "options");
        this.initialValueThreshold = initialValueThreshold;
        this.best = initialValueThreshold;
        this.hasBest = !Double.isNaN(initialValueThreshold);
    }

    /**
     * These settings, with {@code monitor} (a logged name) deciding what is best under
     * {@link #saveBestOnly()}.
     *
     * @throws IllegalArgumentException when {@code monitor} is blank
     */
    public ModelCheckpoint monitor(String monitor) {
        return new ModelCheckpoint(pattern, this.monitor.withName(monitor), saveBestOnly, options, initialValueThreshold);
    }

    /** These settings, with the better direction of the monitored value given by {@code mode}. */
    public ModelCheckpoint mode(MonitorMode mode) {
        return new ModelCheckpoint(pattern, monitor.withMode(mode), saveBestOnly, options, initialValueThreshold);
    }

    /** These settings, saving only the epochs whose monitored value beats the best saved so far. */
    public ModelCheckpoint saveBestOnly() {
        return new ModelCheckpoint(pattern, monitor, true, options, initialValueThreshold);
    }

    /**
     * These settings, saving what {@code options} add to the weights (the optimizer state to
     * resume from, scalers, class labels).
     */
    public ModelCheckpoint saveOptions(SaveOptions options) {
        return new ModelCheckpoint(pattern, monitor, saveBestOnly, options, initialValueThreshold);
    }

    /**
     * These settings, where under {@link #saveBestOnly()} the first file is written only for a
     * value that beats {@code threshold} (Keras' {@code initial_value_threshold}).
     *
     * @throws IllegalArgumentException when {@code threshold} is not finite
     */
    public ModelCheckpoint initialValueThreshold(double threshold) {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("initialValueThreshold: expected a finite value, found " + threshold);
        }
        return new ModelCheckpoint(pattern, monitor, saveBestOnly, options, threshold);
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (context == null) {
            throw new IllegalStateException("ModelCheckpoint(" + pattern + "): onEpochEnd before onTrainBegin");
        }
        Path path = Path.of(pattern.format(epoch, logs));
        double current = Double.NaN;
        if (saveBestOnly) {
            current = monitor.value("ModelCheckpoint", epoch, logs);
            if (!improvesOnBest(current)) {
                return;
            }
        }
        parameters.copyFrom(context.model());
        if (!parameters.isFinite()) {
            lastSkippedEpoch = epoch;
            return;
        }
        save(path, epoch);
        if (saveBestOnly) {
            best = current;
            hasBest = true;
        }
    }

    private boolean improvesOnBest(double current) {
        return hasBest ? monitor.improves(current, best) : !Double.isNaN(current);
    }

    private void save(Path path, int epoch) {
        try {
            Path directory = path.toAbsolutePath().getParent();
            if (directory != null) {
                Files.createDirectories(directory);
            }
            // the copy the finiteness check took, rather than a second one
            Weights.save(context.model(), parameters.values(), path, options);
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint: cannot save the weights of epoch " + epoch + " to " + path
                    + ": " + e, e);
        }
        lastSavedPath = path;
        lastSavedEpoch = epoch;
    }

    /** The file written last, if any. */
    public Optional<Path> lastSavedPath() {
        return Optional.ofNullable(lastSavedPath);
    }

    /** The epoch (from 0) whose weights were written last; -1 when none were. */
    public int lastSavedEpoch() {
        return lastSavedEpoch;
    }

    /** The last epoch (from 0) not saved because its weights were not all finite; -1 when none. */
    public int lastSkippedEpoch() {
        return lastSkippedEpoch;
    }

    /**
     * Under {@link #saveBestOnly()}, the monitored value of the best file saved (or the
     * {@link #initialValueThreshold} before one); NaN otherwise.
     */
    public double best() {
        return best;
    }
}
