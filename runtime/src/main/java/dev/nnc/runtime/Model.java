package dev.nnc.runtime;

/**
 * A network compiled by the nnc processor that trains, in {@code float}: a {@link Predictor} with
 * a loss and an optimizer. Generated classes implement it; the runtime ({@link Trainer},
 * callbacks, metrics) trains models only through it.
 *
 * <h2>Data layout</h2>
 * As the predictor's, and targets are {@code [batch][targetSize()]}.
 *
 * <h2>Array lengths</h2>
 * As the predictor's: where {@code n} is given ({@link #trainBatch}, {@link #computeGradients},
 * {@link #evaluate}), {@code n} is at least 1 and every array holds at least {@code n} whole
 * samples; sample weights are one value per sample; {@link #readGradients} fills the start of an
 * array at least as long as the parameters. A {@code null} {@link Evaluation} or
 * {@link OptimizerState} is a {@link NullPointerException} naming the argument.
 *
 * <h2>Sample weights</h2>
 * The training and evaluation methods take optional per-sample weights, Keras'
 * {@code sample_weight}: {@code null} weighs every sample 1, otherwise {@code sampleWeights[r]}
 * (finite, at least 0) weighs sample {@code r}. The batch's loss is then
 * {@code sum_r w_r loss_r / n}, Keras' {@code sum_over_batch_size} reduction, and its gradient
 * is that sum's. Penalties (L1, L2) are not weighted.
 *
 * <h2>Allocation</h2>
 * After warm-up, {@link #trainBatch}, {@link #computeGradients}, {@link #applyGradients} and
 * {@link #evaluate} allocate nothing, as the predictions do.
 *
 * <h2>Saving</h2>
 * {@link Weights} also saves the optimizer state, fitted scalers and class labels.
 */
public interface Model extends Predictor {

    /**
     * Values of one target sample: {@link #outputSize()}, or 1 for a model trained on
     * {@code sparse_categorical_crossentropy}, whose target is a class index.
     */
    int targetSize();

    /** The loss the model trains on, by its Keras name (for example {@code binary_crossentropy}). */
    String loss();

    // ---- training ----

    /**
     * One optimizer step on a batch: forward in training mode, the loss, the backward pass and the
     * update. Returns the batch's mean loss, computed before the update.
     */
    default float trainBatch(float[] inputs, float[] targets, int n) {
        return trainBatch(inputs, targets, null, n);
    }

    /** {@link #trainBatch(float[], float[], int)} with per-sample weights; see "Sample weights" above. */
    float trainBatch(float[] inputs, float[] targets, float[] sampleWeights, int n);

    /**
     * Forward and backward on a batch without updating the weights: afterwards the gradients of the
     * batch's mean loss are readable with {@link #readGradients} and applied by
     * {@link #applyGradients}. Returns the batch's mean loss. The gradients are overwritten, not
     * accumulated.
     */
    default float computeGradients(float[] inputs, float[] targets, int n) {
        return computeGradients(inputs, targets, null, n);
    }

    /** {@link #computeGradients(float[], float[], int)} with per-sample weights; see "Sample weights" above. */
    float computeGradients(float[] inputs, float[] targets, float[] sampleWeights, int n);

    /** One optimizer step with the gradients of the last {@link #computeGradients} call. */
    void applyGradients();

    /**
     * Runs a batch in inference mode and adds its loss and predictions to {@code into}, which
     * updates its metrics. Returns the batch's mean loss.
     */
    default float evaluate(float[] inputs, float[] targets, int n, Evaluation into) {
        return evaluate(inputs, targets, null, n, into);
    }

    /**
     * {@link #evaluate(float[], float[], int, Evaluation)} with per-sample weights, which weigh the
     * loss (see "Sample weights" above) but not the metrics, as Keras' {@code metrics}.
     */
    float evaluate(float[] inputs, float[] targets, float[] sampleWeights, int n, Evaluation into);

    /** The optimizer's learning rate. */
    double learningRate();

    /** Changes the learning rate for the next steps; it must be finite and at least 0 (0 moves no weight, as in Keras). */
    void setLearningRate(double learningRate);

    /** Optimizer steps taken so far. */
    long steps();

    /** Whether the model is in training mode ({@code trainBatch} sets it, {@code predict} and {@code evaluate} clear it). */
    boolean isTraining();

    /** Sets training or inference mode. Layers such as dropout behave differently in each. */
    void setTraining(boolean training);

    /**
     * Restarts the model's random generator, which draws dropout masks, from {@code seed}: the
     * masks that follow repeat for the same seed (Keras' {@code set_random_seed} for one model).
     * The weights stay. A new model's generator starts from its {@code @Network} seed.
     */
    void reseed(long seed);

    /**
     * Copies the gradients of the last {@link #computeGradients} or {@link #trainBatch} call, laid
     * out as the parameters; those of frozen layers are 0.
     */
    void readGradients(float[] destination);

    /**
     * Freezes ({@code false}) or thaws ({@code true}) a layer: a frozen layer's parameters get no
     * gradient and no optimizer step, and keep their optimizer state for when they thaw (Keras'
     * {@code layer.trainable}). A layer declared {@code @Layer(trainable = false)} cannot be thawed.
     */
    void setTrainable(String layer, boolean trainable);

    /** Whether the optimizer trains {@code layer} now. */
    boolean isTrainable(String layer);

    /**
     * An independent model: a copy of the weights (batch normalisation's running statistics
     * included) and of the optimizer state, learning rate, step count and frozen layers. Changing
     * either leaves the other alone.
     */
    @Override
    Model copy();

    // ---- optimizer state ----

    /** The optimizer, as {@code torch.optim}'s class name in lower case ({@code adam}, {@code sgd}, ...). */
    String optimizer();

    /**
     * A copy of the optimizer's state (its per-parameter vectors, steps, learning rate), for
     * resuming training.
     *
     * @throws IllegalStateException on an instance made by {@link #newPredictor()}, which has none
     */
    OptimizerState optimizerState();

    /**
     * Puts back an optimizer state taken from a model of the same network: the next step continues
     * where that one stopped, as if training had not paused.
     *
     * @throws IllegalArgumentException when the state is of another optimizer or another size
     * @throws IllegalStateException on an instance made by {@link #newPredictor()}
     */
    void setOptimizerState(OptimizerState state);
}
