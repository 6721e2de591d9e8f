package dev.nnc.runtime;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Stops training when a monitored value has stopped improving, with Keras 3's semantics.
 *
 * <ul>
 *   <li>At the end of each epoch the monitored value (for example {@code val_loss}) is compared
 *       with the best so far. It improves when it is better by more than {@code minDelta}: lower
 *       for a loss or an error, higher for an accuracy or R² (see {@link Mode#AUTO}). The first
 *       epoch always improves.</li>
 *   <li>Each epoch without improvement counts; once {@code patience} epochs in a row have not
 *       improved, training stops (never after the first epoch).</li>
 *   <li>With {@code restoreBestWeights}, the weights of the best epoch are kept (one buffer,
 *       refilled at each improvement) and put back when training ends, whether this callback
 *       stopped it or the epochs ran out, as Keras 3 does. Weights that are not all finite (a run that diverged in
 *       its first epoch) are not restored: models refuse them.</li>
 *   <li>A NaN value never improves; if the first value is NaN, nothing after it improves either
 *       (Keras behaves the same).</li>
 * </ul>
 *
 * Epochs are counted from 0, as callbacks see them. An instance may be reused: its state resets
 * in {@link #onTrainBegin}.
 */
public final class EarlyStopping implements Callback {

    /** Which direction is better. */
    public enum Mode {
        /** Lower is better. */
        MIN,
        /** Higher is better. */
        MAX,
        /**
         * From the monitored name: {@link #MAX} when it contains {@code acc} or {@code r2}
         * (accuracies, R²), otherwise {@link #MIN} (losses and errors).
         */
        AUTO
    }

    private final String monitor;
    private final double minDelta;
    private final int patience;
    private final boolean restoreBestWeights;
    private final boolean higherIsBetter;

    private TrainingContext context;
    private double best;
    private boolean hasBest;
    private int wait;
    private int bestEpoch;
    private int stoppedEpoch;
    private float[] bestWeights;
    private boolean hasBestWeights;

    /**
     * Stops after {@code patience} epochs in which {@code monitor} did not improve on its best by
     * more than {@code minDelta}; restores the best epoch's weights at the end when
     * {@code restoreBestWeights}. The direction is {@link Mode#AUTO}.
     *
     * @throws IllegalArgumentException when {@code monitor} is blank, {@code minDelta} is negative
     *     or not finite, or {@code patience} is negative
     */
    public EarlyStopping(String monitor, double minDelta, int patience, boolean restoreBestWeights) {
        this(monitor, minDelta, patience, restoreBestWeights, Mode.AUTO);
    }

    /** As {@link #EarlyStopping(String, double, int, boolean)}, with an explicit direction. */
    public EarlyStopping(String monitor, double minDelta, int patience, boolean restoreBestWeights, Mode mode) {
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(mode, "mode");
        if (monitor.isBlank()) {
            throw new IllegalArgumentException("monitor: expected a logged name such as 'val_loss', found '"
                    + monitor + "'");
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("minDelta: expected a finite value >= 0, found " + minDelta);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience: expected 0 or more epochs, found " + patience);
        }
        this.monitor = monitor;
        this.minDelta = minDelta;
        this.patience = patience;
        this.restoreBestWeights = restoreBestWeights;
        this.higherIsBetter = switch (mode) {
            case MIN -> false;
            case MAX -> true;
            case AUTO -> {
                String name = monitor.toLowerCase(Locale.ROOT);
                yield name.contains("acc") || name.contains("r2");
            }
        };
        reset();
    }

    private void reset() {
        best = higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        hasBest = false;
        wait = 0;
        bestEpoch = -1;
        stoppedEpoch = -1;
        hasBestWeights = false;
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        this.context = Objects.requireNonNull(context, "context");
        reset();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (context == null) {
            throw new IllegalStateException("EarlyStopping(" + monitor + "): onEpochEnd before onTrainBegin");
        }
        Double value = logs.get(monitor);
        if (value == null) {
            throw new IllegalArgumentException("EarlyStopping: monitor '" + monitor + "' is not in the logs of epoch "
                    + epoch + "; available: " + logs.keySet()
                    + (monitor.startsWith("val_") ? " (val_ values need validationSplit or validationData)" : ""));
        }
        double current = value;
        wait++;
        if (isImprovement(current)) {
            best = current;
            hasBest = true;
            bestEpoch = epoch;
            wait = 0;
            if (restoreBestWeights) {
                keepWeights();
            }
            return;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            context.stopTraining();
        }
    }

    private boolean isImprovement(double current) {
        if (!hasBest) {
            return true;
        }
        return higherIsBetter ? current - minDelta > best : current + minDelta < best;
    }

    private void keepWeights() {
        Model model = context.model();
        if (bestWeights == null || bestWeights.length != model.parameterCount()) {
            bestWeights = model.snapshot();
        } else {
            model.readParameters(bestWeights);
        }
        hasBestWeights = true;
    }

    @Override
    public void onTrainEnd() {
        if (restoreBestWeights && hasBestWeights && allFinite(bestWeights)) {
            context.model().restore(bestWeights);
        }
    }

    private static boolean allFinite(float[] values) {
        for (float value : values) {
            if (!Float.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    /** The monitored name. */
    public String monitor() {
        return monitor;
    }

    /** Whether higher values of the monitored name are better. */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The epoch (from 0) at which this callback stopped training; -1 when it did not. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The epoch (from 0) with the best monitored value so far; -1 before the first epoch. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The best monitored value so far; NaN before the first epoch. */
    public double best() {
        return hasBest ? best : Double.NaN;
    }

    /** Epochs since the last improvement. */
    public int waited() {
        return wait;
    }
}
