package dev.nnc.runtime;

import java.util.Map;
import java.util.Objects;

/**
 * Lowers the learning rate when a monitored value has stopped improving, with Keras 3's semantics
 * ({@code keras.callbacks.ReduceLROnPlateau}).
 *
 * <pre>{@code
 * ReduceLROnPlateau plateau = ReduceLROnPlateau.monitor("val_loss").factor(0.5).patience(3)
 *         .cooldown(2).minLr(1e-5);
 * }</pre>
 *
 * At the end of each epoch, in this order:
 * <ol>
 *   <li>During a cooldown the cooldown counter goes down by one and the wait count is reset.</li>
 *   <li>The monitored value improves when it beats the best so far by more than {@code minDelta}
 *       (lower, or higher for accuracies and R²: {@link MonitorMode#AUTO}); the first value always
 *       improves. An improvement becomes the best and resets the wait count.</li>
 *   <li>Otherwise, unless still in cooldown (the counter above 0 after step 1), the wait count goes
 *       up; once it reaches {@code patience}, and if the learning rate is above {@code minLr}, the
 *       learning rate becomes {@code max(lr * factor, minLr)}, the cooldown counter is set to
 *       {@code cooldown} and the wait count is reset. At {@code minLr} nothing changes and the wait
 *       count keeps growing.</li>
 * </ol>
 * Because step 1 runs first, the epoch that ends a cooldown already counts: {@code cooldown = c}
 * leaves {@code c - 1} epochs uncounted after a reduction, as in Keras. The learning rate is read
 * and changed through {@link TrainingContext}; it takes effect from the next batch.
 *
 * <p>Settings are immutable: {@link #monitor(String)} starts from Keras' defaults (factor 0.1,
 * patience 10, {@link MonitorMode#AUTO}, minDelta 1e-4, cooldown 0, minLr 0) and each setting
 * returns a new instance. Differences from Keras: a monitor missing from the logs is an exception
 * (Keras warns and skips the epoch); {@code learning_rate} is not added to the logs here (the
 * trainer logs it); the learning rate is compared with {@code minLr} in {@code double}, the
 * precision models keep it in (Keras compares in {@code float32}, its variables' precision). An
 * instance may be reused: its state resets in {@link #onTrainBegin}.
 */
public final class ReduceLROnPlateau implements Callback {

    private final Monitor monitor;
    private final double factor;
    private final int patience;
    private final int cooldown;
    private final double minLr;

    private TrainingContext context;
    private double best;
    private boolean hasBest;
    private int wait;
    private int cooldownCounter;

    private ReduceLROnPlateau(Monitor monitor, double factor, int patience, int cooldown, double minLr) {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("factor: expected a value in (0, 1), found " + factor);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience: expected 0 or more epochs, found " + patience);
        }
        if (cooldown < 0) {
            throw new IllegalArgumentException("cooldown: expected 0 or more epochs, found " + cooldown);
        }
        if (!(minLr >= 0) || Double.isInfinite(minLr)) {
            throw new IllegalArgumentException("minLr: expected a finite value >= 0, found " + minLr);
        }
        this.monitor = monitor;
        this.factor = factor;
        this.patience = patience;
        this.cooldown = cooldown;
        this.minLr = minLr;
        reset();
    }

    /**
     * Lowers the learning rate when {@code monitor} (a logged name such as {@code val_loss}) stops
     * improving, with Keras' defaults: factor 0.1, patience 10, {@link MonitorMode#AUTO}, minDelta
     * 1e-4, cooldown 0, minLr 0. {@code monitor} is only this static factory: the settings below
     * return new instances with the same monitored name.
     *
     * @throws IllegalArgumentException when {@code monitor} is blank
     */
    public static ReduceLROnPlateau monitor(String monitor) {
        return new ReduceLROnPlateau(new Monitor(monitor, MonitorMode.AUTO, 1e-4), 0.1, 10, 0, 0);
    }

    /**
     * These settings, multiplying the learning rate by {@code factor} at each reduction.
     *
     * @throws IllegalArgumentException unless {@code 0 < factor < 1}
     */
    public ReduceLROnPlateau factor(double factor) {
        return new ReduceLROnPlateau(monitor, factor, patience, cooldown, minLr);
    }

    /**
     * These settings, reducing after {@code patience} counted epochs without improvement.
     *
     * @throws IllegalArgumentException when {@code patience} is negative
     */
    public ReduceLROnPlateau patience(int patience) {
        return new ReduceLROnPlateau(monitor, factor, patience, cooldown, minLr);
    }

    /** These settings, with the better direction given by {@code mode}. */
    public ReduceLROnPlateau mode(MonitorMode mode) {
        return new ReduceLROnPlateau(monitor.withMode(mode), factor, patience, cooldown, minLr);
    }

    /**
     * These settings, where an improvement must beat the best by more than {@code minDelta}.
     *
     * @throws IllegalArgumentException when {@code minDelta} is negative or not finite
     */
    public ReduceLROnPlateau minDelta(double minDelta) {
        return new ReduceLROnPlateau(monitor.withMinDelta(minDelta), factor, patience, cooldown, minLr);
    }

    /**
     * These settings, with a cooldown of {@code cooldown} epochs after each reduction (see the
     * class comment for how they count).
     *
     * @throws IllegalArgumentException when {@code cooldown} is negative
     */
    public ReduceLROnPlateau cooldown(int cooldown) {
        return new ReduceLROnPlateau(monitor, factor, patience, cooldown, minLr);
    }

    /**
     * These settings, never reducing the learning rate below {@code minLr}.
     *
     * @throws IllegalArgumentException when {@code minLr} is negative or not finite
     */
    public ReduceLROnPlateau minLr(double minLr) {
        return new ReduceLROnPlateau(monitor, factor, patience, cooldown, minLr);
    }

    private void reset() {
        best = Double.NaN;
        hasBest = false;
        wait = 0;
        cooldownCounter = 0;
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        this.context = Objects.requireNonNull(context, "context");
        reset();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (context == null) {
            throw new IllegalStateException("ReduceLROnPlateau(" + monitor.name() + "): onEpochEnd before onTrainBegin");
        }
        double current = monitor.value("ReduceLROnPlateau", epoch, logs);
        if (cooldownCounter > 0) {
            cooldownCounter--;
            wait = 0;
        }
        // Keras starts from an infinite best: a NaN first value is an epoch without improvement, not the best
        if (hasBest ? monitor.improves(current, best) : !Double.isNaN(current)) {
            best = current;
            hasBest = true;
            wait = 0;
        } else if (cooldownCounter == 0) {
            wait++;
            double learningRate = context.learningRate();
            if (wait >= patience && learningRate > minLr) {
                context.setLearningRate(Math.max(learningRate * factor, minLr));
                cooldownCounter = cooldown;
                wait = 0;
            }
        }
    }

    /** The monitored name. */
    public String monitor() {
        return monitor.name();
    }

    /** The best monitored value so far; NaN before the first epoch. */
    public double best() {
        return best;
    }

    /** Counted epochs without improvement since the last improvement, reduction or cooldown epoch. */
    public int waited() {
        return wait;
    }

    /** Epochs of cooldown left: each later epoch end takes one off before anything else. */
    public int cooldownRemaining() {
        return cooldownCounter;
    }
}
