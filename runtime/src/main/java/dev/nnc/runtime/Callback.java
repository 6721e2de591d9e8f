package dev.nnc.runtime;

import java.util.Map;

/**
 * Hooks into {@link Trainer#fit}, with Keras' names and order; every hook does nothing unless
 * overridden.
 *
 * <pre>
 * onTrainBegin(context)
 *   for each epoch:
 *     onEpochBegin(epoch)
 *       for each batch: onBatchBegin(batch), the optimizer step, onBatchEnd(batch, loss)
 *     onEpochEnd(epoch, logs)       logs: loss, metrics, val_loss, val_ metrics, learning_rate
 * onTrainEnd()
 * </pre>
 *
 * Epochs and batches count from 0, as Keras passes them (the progress line shows epochs from 1).
 * A callback that needs the model, the learning rate or to stop training keeps the
 * {@link TrainingContext} it gets in {@link #onTrainBegin}. Training stops after the current
 * batch once a callback calls {@link TrainingContext#stopTraining()} or the thread is interrupted
 * (see {@link Trainer}); the epoch still ends with {@link #onEpochEnd} over the batches run, as in
 * Keras.
 *
 * <p>Callbacks run in the order given to {@link FitOptions#callbacks}, then the trainer's own
 * (the history, then the progress line), so changes a callback makes to {@code logs} in
 * {@link #onEpochEnd} are recorded and printed. The batch hooks run on every batch: keep them
 * free of allocation. A callback holds state across one {@code fit}; {@link #onTrainBegin} is the
 * place to reset it, so an instance may be reused for another {@code fit}.
 */
public interface Callback {

    /** Training starts; {@code context} stays valid until {@link #onTrainEnd()}. */
    default void onTrainBegin(TrainingContext context) {}

    /** Training ended: epochs ran out or a callback stopped it. */
    default void onTrainEnd() {}

    /** Epoch {@code epoch} (from 0) starts. */
    default void onEpochBegin(int epoch) {}

    /**
     * Epoch {@code epoch} (from 0) ended; {@code logs} maps {@code loss}, each metric and their
     * {@code val_} twins, and {@code learning_rate} to their values for this epoch. The map is this
     * epoch's own and may be changed (for example to add a value of the callback's own).
     */
    default void onEpochEnd(int epoch, Map<String, Double> logs) {}

    /** Batch {@code batch} (from 0 within the epoch) is about to be trained on. */
    default void onBatchBegin(int batch) {}

    /** Batch {@code batch} was trained on; {@code loss} is its mean loss before the step, NaN included. */
    default void onBatchEnd(int batch, float loss) {}
}
