package dev.nnc.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link Weights#save(Predictor, java.nio.file.Path, SaveOptions)} writes besides the weights:
 * the optimizer state (to resume training), fitted scalers and class labels, so one file holds
 * everything needed to use or continue a model. Immutable; each {@code with} method returns a new
 * instance.
 *
 * <pre>{@code
 * Weights.save(model, path, SaveOptions.weightsOnly()
 *         .withOptimizerState()
 *         .withScaler("features", scaler)
 *         .withClassLabels(List.of("setosa", "versicolor", "virginica")));
 * }</pre>
 */
public final class SaveOptions {

    private static final SaveOptions WEIGHTS_ONLY = new SaveOptions(false, Map.of(), List.of());

    private final boolean optimizerState;
    private final Map<String, Scaler> scalers;
    private final List<String> classLabels;

    private SaveOptions(boolean optimizerState, Map<String, Scaler> scalers, List<String> classLabels) {
        this.optimizerState = optimizerState;
        this.scalers = scalers;
        this.classLabels = classLabels;
    }

    /** The weights alone. */
    public static SaveOptions weightsOnly() {
        return WEIGHTS_ONLY;
    }

    /** These options, and the optimizer's state, step count and learning rate, for {@link Weights#resume}. */
    public SaveOptions withOptimizerState() {
        return new SaveOptions(true, scalers, classLabels);
    }

    /**
     * These options, and the fitted {@code scaler} under {@code name} (one of the runtime's
     * scalers), read back by {@link Weights.Loaded#scaler}. Its statistics are saved when the
     * file is written.
     */
    public SaveOptions withScaler(String name, Scaler scaler) {
        Map<String, Scaler> more = new LinkedHashMap<>(scalers);
        more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(scaler, "scaler"));
        return new SaveOptions(optimizerState, Collections.unmodifiableMap(more), classLabels);
    }

    /**
     * These options, and the names of the model's classes in output order, read back by
     * {@link Weights.Loaded#classLabels}: one per output, or two for a model with one sigmoid
     * output (negative, then positive).
     */
    public SaveOptions withClassLabels(List<String> labels) {
        return new SaveOptions(optimizerState, scalers, List.copyOf(labels));
    }

    boolean optimizerState() {
        return optimizerState;
    }

    Map<String, Scaler> scalers() {
        return scalers;
    }

    List<String> classLabels() {
        return classLabels;
    }
}
