package dev.nnc.runtime;

import java.util.Objects;

/**
 * Stops training at the first batch whose loss is NaN or infinite, as Keras 3's
 * {@code keras.callbacks.TerminateOnNaN} does by default: it asks to stop in
 * {@link #onBatchEnd}, so no further batch runs, the epoch still ends with
 * {@link Callback#onEpochEnd} (its {@code loss} is then NaN or infinite) and training ends with
 * {@link Callback#onTrainEnd}, where {@link EarlyStopping} may restore good weights.
 *
 * <p>The check allocates nothing. Where Keras prints a line, this records where it stopped:
 * {@link #stoppedEpoch()}, {@link #stoppedBatch()}. An instance may be reused: its state resets in
 * {@link #onTrainBegin}.
 */
public final class TerminateOnNaN implements Callback {

    private TrainingContext context;
    private int epoch;
    private int stoppedEpoch = -1;
    private int stoppedBatch = -1;
    private float stoppedLoss = Float.NaN;

    /** A callback that has not stopped anything yet. */
    public TerminateOnNaN() {}

    @Override
    public void onTrainBegin(TrainingContext context) {
        this.context = Objects.requireNonNull(context, "context");
        epoch = 0;
        stoppedEpoch = -1;
        stoppedBatch = -1;
        stoppedLoss = Float.NaN;
    }

    @Override
    public void onEpochBegin(int epoch) {
        this.epoch = epoch;
    }

    @Override
    public void onBatchEnd(int batch, float loss) {
        if (Float.isFinite(loss) || stoppedBatch >= 0) {
            return;
        }
        if (context == null) {
            throw new IllegalStateException("TerminateOnNaN: onBatchEnd before onTrainBegin");
        }
        stoppedEpoch = epoch;
        stoppedBatch = batch;
        stoppedLoss = loss;
        context.stopTraining();
    }

    /** The epoch (from 0) of the batch that stopped training; -1 when none did. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The batch (from 0 within its epoch) whose loss stopped training; -1 when none did. */
    public int stoppedBatch() {
        return stoppedBatch;
    }

    /** The loss that stopped training (NaN or an infinity); NaN when none did. */
    public float stoppedLoss() {
        return stoppedLoss;
    }
}
