package dev.nnc.runtime;

import java.util.Objects;

/**
 * What a {@link Callback} may see and do during one {@link Trainer#fit}: the model, its learning
 * rate, the run's size, and a request to stop. Given to {@link Callback#onTrainBegin}.
 */
public final class TrainingContext {

    private final Model model;
    private final int epochs;
    private final int batchesPerEpoch;
    private boolean stopRequested;

    /**
     * A context for training {@code model} for up to {@code epochs} epochs of
     * {@code batchesPerEpoch} batches. {@link Trainer} makes one per {@code fit}; tests and custom
     * loops may make their own.
     */
    public TrainingContext(Model model, int epochs, int batchesPerEpoch) {
        this.model = Objects.requireNonNull(model, "model");
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs: expected at least 1, found " + epochs);
        }
        if (batchesPerEpoch < 0) {
            throw new IllegalArgumentException("batchesPerEpoch: expected 0 or more, found " + batchesPerEpoch);
        }
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
    }

    /** The model being trained. */
    public Model model() {
        return model;
    }

    /** Epochs the run was asked for. */
    public int epochs() {
        return epochs;
    }

    /** Batches in each epoch. */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** Asks the trainer to stop after the current batch (Keras' {@code model.stop_training = True}). */
    public void stopTraining() {
        stopRequested = true;
    }

    /** Whether a callback asked to stop, or {@link Trainer#fit} saw its thread interrupted. */
    public boolean isStopRequested() {
        return stopRequested;
    }

    /** The model's current learning rate. */
    public double learningRate() {
        return model.learningRate();
    }

    /** Changes the model's learning rate for the next steps; see {@link Model#setLearningRate}. */
    public void setLearningRate(double learningRate) {
        model.setLearningRate(learningRate);
    }
}
