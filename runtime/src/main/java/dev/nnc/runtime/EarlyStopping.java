package dev.nnc.runtime;

import java.util.Map;
import java.util.Objects;

/**
 * Stops training when a monitored value has stopped improving, with Keras 3's semantics
 * ({@code keras.callbacks.EarlyStopping}).
 *
 * <pre>{@code
 * EarlyStopping stopping = EarlyStopping.monitor("val_loss").minDelta(1e-4).patience(5)
 *         .restoreBestWeights();
 * }</pre>
 *
 * <ul>
 *   <li>At the end of each epoch the monitored value (for example {@code val_loss}) is compared
 *       with the best so far. It improves when it is better by more than {@code minDelta}: lower
 *       for a loss or an error, higher for an accuracy or R² (see {@link MonitorMode#AUTO}). The
 *       first monitored epoch always improves.</li>
 *   <li>Each monitored epoch counts one more epoch of waiting; an improvement resets the count.
 *       An epoch that does not improve stops training once the count reaches {@code patience}
 *       (never the first epoch).</li>
 *   <li>With a {@code baseline}, an improvement resets the count only when it also beats the
 *       baseline by more than {@code minDelta}: training stops if the model does not beat the
 *       baseline within {@code patience} epochs. As in Keras 3, the baseline is not the first best
 *       to beat: epochs that improve on one another but not on the baseline still become the best
 *       (and the weights restored), and do not stop training themselves; the first epoch after
 *       them that does not improve stops it.</li>
 *   <li>Epochs before {@code startFromEpoch} are not monitored (a warm-up): they neither count nor
 *       become the best, and their weights are never restored.</li>
 *   <li>With {@code restoreBestWeights}, the weights of the best epoch are kept (one buffer,
 *       refilled at each improvement) and put back when training ends, whether this callback
 *       stopped it or the epochs ran out, as Keras 3 does. Weights that are not all finite (a run
 *       that diverged in its first epoch) are not restored: models refuse them.</li>
 *   <li>A NaN value never improves; if the first monitored value is NaN, nothing after it improves
 *       either (Keras behaves the same).</li>
 * </ul>
 *
 * Settings are immutable: {@link #monitor(String)} starts from Keras' defaults (minDelta 0,
 * patience 0, {@link MonitorMode#AUTO}, no baseline, startFromEpoch 0, weights not restored) and
 * each setting returns a new instance. Differences from Keras: a negative {@code minDelta} is
 * refused (Keras takes its absolute value), and a monitor missing from the logs is an exception
 * (Keras warns and skips the epoch). Epochs are counted from 0, as callbacks see them. An instance
 * may be reused: its state resets in {@link #onTrainBegin}.
 */
public final class EarlyStopping implements Callback {

    private final Monitor monitor;
    private final int patience;
    private final boolean restoreBestWeights;
    /** NaN: no baseline. */
    private final double baseline;
    private final int startFromEpoch;

    private TrainingContext context;
    private double best;
    private boolean hasBest;
    private int wait;
    private int bestEpoch;
    private int stoppedEpoch;
    private final ParameterCopy bestWeights = new ParameterCopy();

    /**
     * Stops after {@code patience} epochs in which {@code monitor} did not improve on its best by
     * more than {@code minDelta}; restores the best epoch's weights at the end when
     * {@code restoreBestWeights}. The direction is {@link MonitorMode#AUTO}. The same as
     * {@code EarlyStopping.monitor(monitor).minDelta(minDelta).patience(patience)}, then
     * {@link #restoreBestWeights()} when asked.
     *
     * @throws IllegalArgumentException when {@code monitor} is blank, {@code minDelta} is negative
     *     or not finite, or {@code patience} is negative
     */
    public EarlyStopping(String monitor, double minDelta, int patience, boolean restoreBestWeights) {
        this(new Monitor(monitor, MonitorMode.AUTO, minDelta), patience, restoreBestWeights, Double.NaN, 0);
    }

    private EarlyStopping(Monitor monitor, int patience, boolean restoreBestWeights, double baseline, int startFromEpoch) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience: expected 0 or more epochs, found " + patience);
        }
        if (startFromEpoch < 0) {
            throw new IllegalArgumentException("startFromEpoch: expected 0 or more epochs, found " + startFromEpoch);
        }
        this.monitor = monitor;
        this.patience = patience;
        this.restoreBestWeights = restoreBestWeights;
        this.baseline = baseline;
        this.startFromEpoch = startFromEpoch;
        reset();
    }

    /**
     * Stops when {@code monitor} (a logged name such as {@code val_loss}) stops improving, with
     * Keras' defaults: minDelta 0, patience 0, {@link MonitorMode#AUTO}, no baseline, monitored
     * from epoch 0, weights not restored. {@code monitor} is only this static factory: the
     * settings below return new instances with the same monitored name.
     *
     * @throws IllegalArgumentException when {@code monitor} is blank
     */
    public static EarlyStopping monitor(String monitor) {
        return new EarlyStopping(new Monitor(monitor, MonitorMode.AUTO, 0), 0, false, Double.NaN, 0);
    }

    /**
     * These settings, where an improvement must beat the best by more than {@code minDelta}.
     *
     * @throws IllegalArgumentException when {@code minDelta} is negative or not finite
     */
    public EarlyStopping minDelta(double minDelta) {
        return new EarlyStopping(monitor.withMinDelta(minDelta), patience, restoreBestWeights, baseline, startFromEpoch);
    }

    /**
     * These settings, stopping after {@code patience} epochs without improvement.
     *
     * @throws IllegalArgumentException when {@code patience} is negative
     */
    public EarlyStopping patience(int patience) {
        return new EarlyStopping(monitor, patience, restoreBestWeights, baseline, startFromEpoch);
    }

    /** These settings, with the better direction given by {@code mode}. */
    public EarlyStopping mode(MonitorMode mode) {
        return new EarlyStopping(monitor.withMode(mode), patience, restoreBestWeights, baseline, startFromEpoch);
    }

    /**
     * These settings, where training stops unless the monitored value beats {@code baseline} (by
     * more than {@code minDelta}) within {@code patience} epochs; see the class comment.
     *
     * @throws IllegalArgumentException when {@code baseline} is not finite
     */
    public EarlyStopping baseline(double baseline) {
        if (!Double.isFinite(baseline)) {
            throw new IllegalArgumentException("baseline: expected a finite value, found " + baseline);
        }
        return new EarlyStopping(monitor, patience, restoreBestWeights, baseline, startFromEpoch);
    }

    /**
     * These settings, monitoring from epoch {@code epoch} (from 0) on: the epochs before are a
     * warm-up that neither counts nor becomes the best.
     *
     * @throws IllegalArgumentException when {@code epoch} is negative
     */
    public EarlyStopping startFromEpoch(int epoch) {
        return new EarlyStopping(monitor, patience, restoreBestWeights, baseline, epoch);
    }

    /** These settings, restoring the weights of the best epoch when training ends. */
    public EarlyStopping restoreBestWeights() {
        return new EarlyStopping(monitor, patience, true, baseline, startFromEpoch);
    }

    private void reset() {
        best = Double.NaN;
        hasBest = false;
        wait = 0;
        bestEpoch = -1;
        stoppedEpoch = -1;
        bestWeights.clear();
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        this.context = Objects.requireNonNull(context, "context");
        reset();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (context == null) {
            throw new IllegalStateException("EarlyStopping(" + monitor.name() + "): onEpochEnd before onTrainBegin");
        }
        double current = monitor.value("EarlyStopping", epoch, logs);
        if (epoch < startFromEpoch) {
            return;
        }
        wait++;
        if (!hasBest || monitor.improves(current, best)) {
            best = current;
            hasBest = true;
            bestEpoch = epoch;
            if (restoreBestWeights) {
                bestWeights.copyFrom(context.model());
            }
            if (Double.isNaN(baseline) || monitor.improves(current, baseline)) {
                wait = 0;
            }
            return;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            context.stopTraining();
        }
    }

    @Override
    public void onTrainEnd() {
        if (bestWeights.isTaken() && bestWeights.isFinite()) {
            bestWeights.restoreInto(context.model());
        }
    }

    /** The monitored name. */
    public String monitor() {
        return monitor.name();
    }

    /** Whether higher values of the monitored name are better. */
    public boolean higherIsBetter() {
        return monitor.higherIsBetter();
    }

    /** The epoch (from 0) at which this callback stopped training; -1 when it did not. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The epoch (from 0) with the best monitored value so far; -1 before the first monitored epoch. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The best monitored value so far; NaN before the first monitored epoch. */
    public double best() {
        return best;
    }

    /** Monitored epochs since the count was last reset (see the class comment). */
    public int waited() {
        return wait;
    }
}
