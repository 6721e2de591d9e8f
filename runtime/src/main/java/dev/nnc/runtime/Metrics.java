package dev.nnc.runtime;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Metrics by their Keras names. {@link FitOptions#metrics} and {@link Trainer#evaluate} take
 * names and make one fresh {@link Metric} per use through {@link #create(String, Model)};
 * {@link OriginalUnits} makes them without a model through {@link #create(String)}.
 *
 * <table>
 *   <caption>Known names</caption>
 *   <tr><th>name</th><th>metric</th></tr>
 *   <tr><td>{@code mae}, {@code mean_absolute_error}</td><td>{@link MeanAbsoluteError}</td></tr>
 *   <tr><td>{@code mse}, {@code mean_squared_error}</td><td>{@link MeanSquaredError}</td></tr>
 *   <tr><td>{@code rmse}, {@code root_mean_squared_error}</td><td>{@link RootMeanSquaredError}</td></tr>
 *   <tr><td>{@code mape}, {@code mean_absolute_percentage_error}</td><td>{@link MeanAbsolutePercentageError}</td></tr>
 *   <tr><td>{@code smape}, {@code symmetric_mean_absolute_percentage_error}</td>
 *       <td>{@link SymmetricMeanAbsolutePercentageError} (not in Keras)</td></tr>
 *   <tr><td>{@code r2}, {@code r2_score}</td><td>{@link R2Score}</td></tr>
 *   <tr><td>{@code binary_accuracy}</td><td>{@link BinaryAccuracy} (threshold 0.5)</td></tr>
 *   <tr><td>{@code categorical_accuracy}</td><td>{@link CategoricalAccuracy}</td></tr>
 *   <tr><td>{@code sparse_categorical_accuracy}</td><td>{@link SparseCategoricalAccuracy}</td></tr>
 *   <tr><td>{@code top_k_categorical_accuracy}</td><td>{@link TopKCategoricalAccuracy} (k 5)</td></tr>
 *   <tr><td>{@code sparse_top_k_categorical_accuracy}</td><td>{@link SparseTopKCategoricalAccuracy} (k 5)</td></tr>
 *   <tr><td>{@code precision}</td><td>{@link Precision} (threshold 0.5)</td></tr>
 *   <tr><td>{@code recall}</td><td>{@link Recall} (threshold 0.5)</td></tr>
 *   <tr><td>{@code auc}</td><td>{@link AUC} (ROC, 200 thresholds)</td></tr>
 *   <tr><td>{@code accuracy}, {@code acc}</td><td>resolved from the model</td></tr>
 * </table>
 *
 * A name gives Keras' defaults; for another threshold, {@code k} or number of thresholds, construct
 * the metric (for an {@link Evaluation}, or to {@link Metric#update} directly).
 */
public final class Metrics {

    /** Every name {@link #create(String, Model)} knows, in the order of the table above. */
    public static final List<String> NAMES = List.of(
            "mae", "mean_absolute_error",
            "mse", "mean_squared_error",
            "rmse", "root_mean_squared_error",
            "mape", "mean_absolute_percentage_error",
            "smape", "symmetric_mean_absolute_percentage_error",
            "r2", "r2_score",
            "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy",
            "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy",
            "precision", "recall", "auc",
            "accuracy", "acc");

    /** The metrics that read one class index per sample as the target; every other reads a row of outputs. */
    private static final Set<String> ON_CLASS_INDICES =
            Set.of("sparse_categorical_accuracy", "sparse_top_k_categorical_accuracy");

    private static final Set<String> TOP_K = Set.of("top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy");

    private Metrics() {}

    /**
     * A new metric for {@code model}, named {@code name} in the history and the progress line.
     * {@code accuracy} (or {@code acc}) resolves from the model and keeps the name {@code accuracy}:
     * {@link SparseCategoricalAccuracy} when the model takes class indices
     * ({@code sparse_categorical_crossentropy}), {@link BinaryAccuracy} when it has a single output
     * or trains on {@code binary_crossentropy} (independent labels), otherwise
     * {@link CategoricalAccuracy} (one-hot targets, as {@code categorical_crossentropy} takes). This
     * is tf.keras 2's rule; Keras 3 looks at the shapes alone and picks categorical accuracy for
     * several outputs on binary cross-entropy, which compares argmaxes of independent labels.
     *
     * @throws IllegalArgumentException listing the known names when {@code name} is not one of
     *     them; or when the metric cannot read the model's targets: only
     *     {@code sparse_categorical_accuracy} and {@code sparse_top_k_categorical_accuracy} read
     *     class indices, and they read nothing else; or when it would count every sample: the
     *     top-k accuracies need more than 5 outputs, {@code categorical_accuracy} more than 1
     */
    public static Metric create(String name, Model model) {
        Objects.requireNonNull(model, "model");
        requireKnown(name);
        Classification classification = Classification.of(model);
        if (name.equals("accuracy") || name.equals("acc")) {
            return switch (classification) {
                case CLASS_INDICES -> new SparseCategoricalAccuracy(name);
                case BINARY, MULTI_LABEL -> new BinaryAccuracy(name, BinaryAccuracy.DEFAULT_THRESHOLD);
                case ONE_HOT -> new CategoricalAccuracy(name);
            };
        }
        requireReadable(name, model, classification == Classification.CLASS_INDICES);
        return create(name);
    }

    /** Refuses a metric that cannot read the model's targets, or that every sample would pass. */
    private static void requireReadable(String name, Model model, boolean classIndices) {
        if (ON_CLASS_INDICES.contains(name) != classIndices) {
            throw new IllegalArgumentException("metric '" + name + "' cannot read the targets of model " + model.name()
                    + ", which takes " + (classIndices ? "one class index per sample (" + model.loss() + ")"
                            : model.targetSize() + " values per sample") + "; "
                    + (classIndices ? "use sparse_categorical_accuracy, sparse_top_k_categorical_accuracy or accuracy"
                            : "it reads one class index per sample"));
        }
        int outputs = model.outputSize();
        if (TOP_K.contains(name) && outputs <= TopKCategoricalAccuracy.DEFAULT_K) {
            throw new IllegalArgumentException("metric '" + name + "' counts a sample when its class is among the "
                    + TopKCategoricalAccuracy.DEFAULT_K + " largest outputs, and model " + model.name() + " has "
                    + outputs + ", so every sample would count; it needs more than " + TopKCategoricalAccuracy.DEFAULT_K
                    + " outputs");
        }
        if (name.equals("categorical_accuracy") && outputs == 1) {
            throw new IllegalArgumentException("metric 'categorical_accuracy' compares the largest output with the"
                    + " largest target, and model " + model.name() + " has 1 output, so every sample would match;"
                    + " use binary_accuracy or accuracy");
        }
    }

    /**
     * A new metric named {@code name}, made without a model, for predictions and targets that do
     * not come from {@link Trainer} ({@link OriginalUnits}): every known name but {@code accuracy}
     * and {@code acc}, which resolve from the model. Nothing checks that the metric can read the
     * targets it will be given.
     *
     * @throws IllegalArgumentException listing the known names when {@code name} is not one of
     *     them, or for {@code accuracy} and {@code acc}
     */
    public static Metric create(String name) {
        switch (requireKnown(name)) {
            case "mae", "mean_absolute_error":
                return new MeanAbsoluteError(name);
            case "mse", "mean_squared_error":
                return new MeanSquaredError(name);
            case "rmse", "root_mean_squared_error":
                return new RootMeanSquaredError(name);
            case "mape", "mean_absolute_percentage_error":
                return new MeanAbsolutePercentageError(name);
            case "smape", "symmetric_mean_absolute_percentage_error":
                return new SymmetricMeanAbsolutePercentageError(name);
            case "r2", "r2_score":
                return new R2Score(name);
            case "binary_accuracy":
                return new BinaryAccuracy(name, BinaryAccuracy.DEFAULT_THRESHOLD);
            case "categorical_accuracy":
                return new CategoricalAccuracy(name);
            case "sparse_categorical_accuracy":
                return new SparseCategoricalAccuracy(name);
            case "top_k_categorical_accuracy":
                return new TopKCategoricalAccuracy(name, TopKCategoricalAccuracy.DEFAULT_K);
            case "sparse_top_k_categorical_accuracy":
                return new SparseTopKCategoricalAccuracy(name, TopKCategoricalAccuracy.DEFAULT_K);
            case "precision":
                return new Precision(name, BinaryAccuracy.DEFAULT_THRESHOLD);
            case "recall":
                return new Recall(name, BinaryAccuracy.DEFAULT_THRESHOLD);
            case "auc":
                return new AUC(name, AUC.DEFAULT_THRESHOLDS);
            default: // accuracy, acc
                throw new IllegalArgumentException("metric '" + name + "' resolves from a model (binary, categorical"
                        + " or sparse); without one, name the accuracy: binary_accuracy, categorical_accuracy or"
                        + " sparse_categorical_accuracy");
        }
    }

    /** Whether {@link #create} knows {@code name}. */
    public static boolean isKnown(String name) {
        return NAMES.contains(name);
    }

    /**
     * Returns {@code name} when {@link #create} knows it.
     *
     * @throws IllegalArgumentException listing the known names otherwise
     */
    public static String requireKnown(String name) {
        Objects.requireNonNull(name, "name");
        if (!isKnown(name)) {
            String lower = name.toLowerCase(Locale.ROOT);
            String hint = !lower.equals(name) && isKnown(lower) ? " (did you mean '" + lower + "'?)" : "";
            throw new IllegalArgumentException("metric '" + name + "' is unknown" + hint + "; known metrics are "
                    + NAMES);
        }
        return name;
    }

    static String requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name: expected a metric name, found '" + name + "'");
        }
        return name;
    }

    /** Keras' {@code divide_no_nan} for counts: 0 when {@code denominator} is 0. */
    static double divideNoNan(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }

    /** The batch shapes every metric checks before reading: targets of {@code targetWidth} values per sample. */
    static void checkBatch(float[] predictions, float[] targets, int n, int outputs, int targetWidth) {
        if (n < 0) {
            throw new IllegalArgumentException("n: expected 0 or more samples, found " + n);
        }
        if (outputs < 1) {
            throw new IllegalArgumentException("outputs: expected at least 1 value per sample, found " + outputs);
        }
        // predictions may be a model's workspace, which runs on past the batch
        Checks.leading("predictions", predictions, n, outputs);
        Checks.leading("targets", targets, n, targetWidth);
    }
}
