package dev.nnc.runtime;

import java.util.Locale;

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
     * From the monitored name: {@link #MAX} when it contains {@code acc}, {@code r2}, {@code auc},
     * {@code precision} or {@code recall} (accuracies, R², the ranking and counting metrics),
     * otherwise {@link #MIN} (losses and errors). Keras 3 asks each metric its direction; for the
     * runtime's metrics ({@link Metrics}) this rule gives the same answer.
     */
    AUTO;

    /** Whether higher values of {@code monitor} are better under this mode. */
    public boolean higherIsBetter(String monitor) {
        return switch (this) {
            case MIN -> false;
            case MAX -> true;
            case AUTO -> {
                String name = monitor.toLowerCase(Locale.ROOT);
                yield name.contains("acc") || name.contains("r2") || name.contains("auc") || name.contains("precision")
                        || name.contains("recall");
            }
        };
    }
}
