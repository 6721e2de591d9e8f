package dev.nnc.runtime;

import java.util.Locale;
import java.util.Set;

/**
 * Which direction of a monitored value is better, Keras' {@code mode} of {@link EarlyStopping},
 * {@link ReduceLROnPlateau} and {@link ModelCheckpoint}.
 */
public enum MonitorMode {
    /** Lower is better. */
    MIN,
    /** Higher is better. */
    MAX,
    /**
     * From the monitored name, without its {@code val_}: {@link #MIN} when it ends in
     * {@code loss} or {@code error}; {@link #MAX} for the metrics {@link Metrics} knows to be
     * better higher (the accuracies, {@code r2}, {@code auc}, {@code precision}, {@code recall});
     * for any other name, {@link #MAX} when it contains {@code acc} or {@code auc}, else
     * {@link #MIN}. Keras 3 asks each metric its direction; for the runtime's metrics this gives the
     * same answer, and a name such as {@code decoder2_loss} is a loss.
     */
    AUTO;

    /** The metrics of {@link Metrics} that are better higher, by every name they are known by. */
    private static final Set<String> HIGHER_IS_BETTER = Set.of("accuracy", "acc", "binary_accuracy", "categorical_accuracy",
            "sparse_categorical_accuracy", "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy", "r2", "r2_score",
            "auc", "precision", "recall");

    /** Whether higher values of {@code monitor} are better under this mode. */
    public boolean higherIsBetter(String monitor) {
        return switch (this) {
            case MIN -> false;
            case MAX -> true;
            case AUTO -> {
                String name = monitor.toLowerCase(Locale.ROOT);
                name = name.startsWith("val_") ? name.substring(4) : name;
                if (name.endsWith("loss") || name.endsWith("error")) {
                    yield false;
                }
                yield HIGHER_IS_BETTER.contains(name) || name.contains("acc") || name.contains("auc");
            }
        };
    }
}
