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
    /** Samples of each batch but an epoch's last, which holds the rest; 0 when not known. */
    private final int batchSize;
    private final int samplesPerEpoch;
    private boolean stopRequested;

    /**
     * A context for training {@code model} for up to {@code epochs} epochs of
     * {@code batchesPerEpoch} batches. {@link Trainer} makes one per {@code fit}; tests and custom
     * loops may make their own.
     */
    public TrainingContext(Model model, int epochs, int batchesPerEpoch) {
        this(model, epochs, batchesPerEpoch, 0, 0);
    }

    private TrainingContext(Model model, int epochs, int batchesPerEpoch, int batchSize, int samplesPerEpoch) {
        this.model = Objects.requireNonNull(model, "model");
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs: expected at least 1, found " + epochs);
        }
        if (batchesPerEpoch < 0) {
            throw new IllegalArgumentException("batchesPerEpoch: expected 0 or more, found " + batchesPerEpoch);
        }
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
        this.batchSize = batchSize;
        this.samplesPerEpoch = samplesPerEpoch;
    }

    /**
     * A context for training {@code model} for up to {@code epochs} epochs over
     * {@code samplesPerEpoch} samples in batches of {@code batchSize}, the last holding the rest, as
     * {@link Batches} cuts them; so {@link #batchSize(int)} knows each batch's samples.
     *
     * @throws IllegalArgumentException when {@code epochs}, {@code samplesPerEpoch} or
     *     {@code batchSize} is less than 1
     */
    public static TrainingContext of(Model model, int epochs, int samplesPerEpoch, int batchSize) {
        if (samplesPerEpoch < 1 || batchSize < 1) {
            throw new IllegalArgumentException("samplesPerEpoch and batchSize: expected at least 1 each, found "
                    + samplesPerEpoch + " and " + batchSize);
        }
        return new TrainingContext(model, epochs, Batches.count(samplesPerEpoch, batchSize), batchSize, samplesPerEpoch);
    }

    /**
     * Samples in batch {@code batch} (from 0) of an epoch: a full batch, or the rest for the last;
     * 1 when the context was made without sizes, so a mean over batches weighs each alike.
     */
    public int batchSize(int batch) {
        if (batchSize == 0) {
            return 1;
        }
        return batch == batchesPerEpoch - 1 ? samplesPerEpoch - batchSize * (batchesPerEpoch - 1) : batchSize;
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
