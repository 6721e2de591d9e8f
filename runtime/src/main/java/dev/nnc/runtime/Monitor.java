package dev.nnc.runtime;

import java.util.Map;
import java.util.Objects;

/**
 * A logged value that a callback watches, its better direction, and by how much a value must beat
 * a reference to improve on it: Keras 3's {@code MonitorCallback}, shared by {@link EarlyStopping},
 * {@link ReduceLROnPlateau} and {@link ModelCheckpoint}. Immutable.
 */
final class Monitor {

    private final String name;
    private final MonitorMode mode;
    private final double minDelta;
    private final boolean higherIsBetter;

    /**
     * @throws IllegalArgumentException when {@code name} is blank or {@code minDelta} is negative or not finite
     */
    Monitor(String name, MonitorMode mode, double minDelta) {
        Objects.requireNonNull(name, "monitor");
        Objects.requireNonNull(mode, "mode");
        if (name.isBlank()) {
            throw new IllegalArgumentException("monitor: expected a logged name such as 'val_loss', found '" + name + "'");
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("minDelta: expected a finite value >= 0, found " + minDelta);
        }
        this.name = name;
        this.mode = mode;
        this.minDelta = minDelta;
        this.higherIsBetter = mode.higherIsBetter(name);
    }

    Monitor withName(String name) {
        return new Monitor(name, mode, minDelta);
    }

    Monitor withMode(MonitorMode mode) {
        return new Monitor(name, mode, minDelta);
    }

    Monitor withMinDelta(double minDelta) {
        return new Monitor(name, mode, minDelta);
    }

    String name() {
        return name;
    }

    boolean higherIsBetter() {
        return higherIsBetter;
    }

    /**
     * Whether {@code current} beats {@code reference} by more than {@code minDelta} (Keras'
     * {@code _is_improvement}: {@code current - minDelta > reference} when higher is better,
     * {@code current + minDelta < reference} otherwise). A NaN on either side never does; beating
     * it by exactly {@code minDelta} does not.
     */
    boolean improves(double current, double reference) {
        return higherIsBetter ? current - minDelta > reference : current + minDelta < reference;
    }

    /**
     * The monitored value in the logs of {@code epoch}.
     *
     * @throws IllegalArgumentException naming the logged names when it is not there; {@code owner}
     *     (the callback's class) starts the message
     */
    double value(String owner, int epoch, Map<String, Double> logs) {
        Double value = logs.get(name);
        if (value == null) {
            throw new IllegalArgumentException(owner + ": monitor '" + name + "' is not in the logs of epoch " + epoch
                    + "; available: " + logs.keySet()
                    + (name.startsWith("val_") ? " (val_ values need validationSplit or validationData)" : ""));
        }
        return value;
    }
}
