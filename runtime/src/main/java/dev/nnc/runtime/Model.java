package dev.nnc.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A network compiled by the nnc processor, in {@code float}. Generated classes implement it; the
 * runtime ({@link Trainer}, callbacks, metrics) sees models only through it.
 *
 * <h2>Data layout</h2>
 * A batch is a flat, row-major {@code float[]}: {@code [batch][inputSize()]} for inputs and
 * {@code [batch][outputSize()]} for predictions and {@code [batch][targetSize()]} for targets;
 * sample {@code r} starts at {@code r * inputSize()}. A sequence model's sample is its
 * {@code timesteps x features} values, {@code [timesteps][features]}.
 *
 * <h2>Array lengths</h2>
 * An array is refused with an {@link IllegalArgumentException} naming it and both sizes, before
 * anything is computed, allocated or changed, unless its length is what the call implies:
 * <ul>
 *   <li>Where the count of samples is an array's length ({@link #predict(float[])},
 *       {@link #predict(float[], float[])}), that array holds whole samples, at least one, and the
 *       outputs are exactly as long as their predictions.</li>
 *   <li>Where {@code n} is given ({@link #predict(float[], int, float[])}, {@link #predictBatch},
 *       {@link #predictClasses}, {@link #predictProba}, {@link #trainBatch},
 *       {@link #computeGradients}, {@link #evaluate}), {@code n} is at least 1 and every array
 *       holds at least {@code n} samples, and whole samples only: samples past {@code n} are
 *       ignored, a partial one is refused (it means the layout is not the model's). Sample
 *       weights are one value per sample.</li>
 *   <li>{@link #writeParameters} and {@link #setParameters} take exactly the values they replace;
 *       {@link #readParameters} and {@link #readGradients} fill the start of an array at least as
 *       long as the parameters.</li>
 * </ul>
 * A {@code null} array, {@link Evaluation} or {@link OptimizerState} is a
 * {@link NullPointerException} naming the argument. Sizes computed from {@code n} never wrap around: a batch too large for an array is an
 * {@link IllegalArgumentException} too.
 *
 * <h2>Sample weights</h2>
 * The training and evaluation methods take optional per-sample weights, Keras'
 * {@code sample_weight}: {@code null} weighs every sample 1, otherwise {@code sampleWeights[r]}
 * (finite, at least 0) weighs sample {@code r}. The batch's loss is then
 * {@code sum_r w_r loss_r / n}, Keras' {@code sum_over_batch_size} reduction, and its gradient
 * is that sum's. Penalties (L1, L2) are not weighted.
 *
 * <h2>Allocation</h2>
 * After warm-up, {@link #predict(float[], float[])}, {@link #predict(float[], int, float[])},
 * {@link #trainBatch}, {@link #computeGradients}, {@link #applyGradients} and
 * {@link #evaluate} allocate nothing. The workspace is sized at construction for one sample and
 * grown once to the largest batch seen. Methods that return new arrays allocate.
 *
 * <h2>Threads</h2>
 * An instance is not thread-safe: one thread at a time may use it. To predict on N threads at
 * once, give each its own {@link #newPredictor()}: they share this model's weights (no copy) and
 * each has its own workspace. Training this model while its predictors predict is not supported
 * (a prediction may read weights half updated); train a {@link #copy()} instead and swap it in.
 *
 * <h2>Saving</h2>
 * {@link #saveWeights} and {@link #loadWeights} write and read the weights as a safetensors file
 * named as PyTorch's {@code state_dict}; {@link Weights} also saves the optimizer state, fitted
 * scalers and class labels, and explains the checks a load makes.
 */
public interface Model {

    /** The simple name of the generated class, as declared in {@code @Network(name)}. */
    String name();

    /** The layers in order, with their shapes and where their parameters live. */
    List<LayerInfo> layers();

    /** Features of one input sample. */
    int inputSize();

    /** Values of one output sample. */
    int outputSize();

    /**
     * Values of one target sample: {@link #outputSize()}, or 1 for a model trained on
     * {@code sparse_categorical_crossentropy}, whose target is a class index.
     */
    int targetSize();

    /**
     * The loss the model trains on, by its Keras name (for example {@code binary_crossentropy}), or
     * {@code none} for a network declared without {@code @Loss} and {@code @Optimizer}, which only
     * predicts: its training and evaluation methods throw an {@link IllegalStateException} saying so.
     */
    String loss();

    // ---- inference ----

    /**
     * Predicts every sample of {@code inputs} into {@code outputs}, as Keras' {@code predict(x)}
     * takes a batch of any size: {@code inputs} holds {@code k} whole samples ({@code k} at least
     * 1) and {@code outputs} exactly {@code k} rows of {@link #outputSize()} values. One sample in,
     * one row out is the usual call. Allocates nothing after warm-up.
     *
     * @throws IllegalArgumentException when {@code inputs} is empty or not a whole number of
     *     samples, or {@code outputs} is not exactly as long as their predictions
     */
    default void predict(float[] inputs, float[] outputs) {
        int n = Checks.samples("inputs", inputs, inputSize());
        Checks.exactly("outputs", outputs, n, outputSize());
        predict(inputs, n, outputs);
    }

    /**
     * Predicts the first {@code n} samples of {@code inputs} into the first {@code n} rows of
     * {@code outputs}; see "Array lengths" above.
     */
    void predict(float[] inputs, int n, float[] outputs);

    /**
     * Predicts every sample of {@code inputs} (whole samples, at least one) into a new array of one
     * row of {@link #outputSize()} values per sample. Allocates; see
     * {@link #predict(float[], float[])}.
     */
    default float[] predict(float[] inputs) {
        int n = Checks.samples("inputs", inputs, inputSize());
        float[] outputs = new float[Checks.arrayLength("outputs", n, outputSize())];
        predict(inputs, n, outputs);
        return outputs;
    }

    /**
     * Predicts the first {@code n} samples of {@code inputs} into a new array of {@code n} rows.
     * Allocates; see {@link #predict(float[], int, float[])}.
     */
    default float[] predictBatch(float[] inputs, int n) {
        // checked here too, before the outputs are allocated from n
        Checks.batchSize(n);
        Checks.batch("inputs", inputs, n, inputSize());
        float[] outputs = new float[Checks.arrayLength("n", n, outputSize())];
        predict(inputs, n, outputs);
        return outputs;
    }

    /**
     * The class of each of {@code n} samples, as scikit-learn's {@code predict}: the largest of
     * several outputs (the first on a tie), or for one output 1 when its probability is above 0.5
     * (a sigmoid's output, or the sigmoid of a logit) and 0 otherwise. Allocates.
     *
     * @throws IllegalStateException when the model does not train on a classification loss, its
     *     output activation is not a classifier's (SOFTMAX, LOG_SOFTMAX, SIGMOID or LINEAR logits),
     *     or it has several sigmoid outputs (labels, not classes)
     */
    default int[] predictClasses(float[] inputs, int n) {
        return Classes.predict(this, inputs, n, 0.5);
    }

    /** {@link #predictClasses(float[], int)} with another threshold on one output's probability. */
    default int[] predictClasses(float[] inputs, int n, double threshold) {
        return Classes.predict(this, inputs, n, threshold);
    }

    /**
     * The class probabilities of {@code n} samples, as scikit-learn's {@code predict_proba}:
     * row-major {@code [n][classes]}, one column per output, or {@code 1 - p} and {@code p} for one
     * output. Log-probabilities are exponentiated and logits go through a softmax (a sigmoid for
     * one output); several sigmoid outputs are independent labels and do not sum to 1. Allocates.
     *
     * @throws IllegalStateException when the model does not train on a classification loss, or its
     *     output activation is not a classifier's
     */
    default float[] predictProba(float[] inputs, int n) {
        return Classes.probabilities(this, inputs, n);
    }

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

    // ---- parameters ----

    /** Number of parameters (weights and biases) of all layers. */
    int parameterCount();

    /** Copies all parameters, in the order of {@link #layers()} and their tensors, into {@code destination}. */
    void readParameters(float[] destination);

    /**
     * Replaces all parameters with {@code source}, exactly {@link #parameterCount()} values laid out
     * as {@link #readParameters}; rejects NaN and infinities.
     */
    void writeParameters(float[] source);

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

    /** A copy of all parameters, for {@link #restore}. */
    default float[] snapshot() {
        float[] copy = new float[parameterCount()];
        readParameters(copy);
        return copy;
    }

    /** Puts back parameters taken by {@link #snapshot}. */
    default void restore(float[] snapshot) {
        writeParameters(snapshot);
    }

    /** A copy of one tensor of one layer, for example {@code parameters("hidden", "kernel")}. */
    default float[] parameters(String layer, String tensor) {
        TensorInfo info = tensor(layer, tensor);
        float[] all = snapshot();
        float[] values = new float[info.size()];
        System.arraycopy(all, info.offset(), values, 0, values.length);
        return values;
    }

    /** Replaces one tensor of one layer; {@code values} must have the tensor's size. */
    default void setParameters(String layer, String tensor, float[] values) {
        TensorInfo info = tensor(layer, tensor);
        Checks.exactSize("values", values, info.size());
        float[] all = snapshot();
        System.arraycopy(values, 0, all, info.offset(), values.length);
        writeParameters(all);
    }

    /** The tensor {@code tensor} of layer {@code layer}; an exception names what exists when it is not found. */
    default TensorInfo tensor(String layer, String tensor) {
        for (LayerInfo info : layers()) {
            if (info.name().equals(layer)) {
                return info.tensor(tensor);
            }
        }
        throw new IllegalArgumentException("no layer '" + layer + "' in " + name() + "; layers are "
                + layers().stream().map(LayerInfo::name).toList());
    }

    /**
     * Another instance sharing these weights, with its own workspace; for predicting on another
     * thread. It cannot train, and sees the weights change when this model trains.
     */
    Model newPredictor();

    /**
     * An independent model of the same class: a copy of the weights (batch normalisation's running
     * statistics included) and, when this model can train, of its optimizer state, learning rate,
     * step count and frozen layers. Changing either leaves the other alone.
     */
    Model copy();

    /**
     * What this instance holds in memory: weights, gradients, optimizer state and workspace (which
     * grows to the largest batch seen).
     */
    Memory memory();

    /**
     * Keras' {@code model.summary()}: a table of the layers (name and kind, output shape,
     * parameters, activation), the trainable and non-trainable parameter counts with their size,
     * and the bytes of weights, gradients, optimizer state and workspace. Print it.
     */
    default String summary() {
        return Summary.of(this);
    }

    // ---- optimizer state ----

    /** The optimizer, as {@code torch.optim}'s class name in lower case ({@code adam}, {@code sgd}, ...); {@code none} for a network that only predicts. */
    String optimizer();

    /**
     * A copy of the optimizer's state (its per-parameter vectors, steps, learning rate), for
     * resuming training.
     *
     * @throws IllegalStateException on a predictor, which has none
     */
    OptimizerState optimizerState();

    /**
     * Puts back an optimizer state taken from a model of the same network: the next step continues
     * where that one stopped, as if training had not paused.
     *
     * @throws IllegalArgumentException when the state is of another optimizer or another size
     * @throws IllegalStateException on a predictor
     */
    void setOptimizerState(OptimizerState state);

    // ---- weights files ----

    /**
     * Saves the weights to {@code file}, atomically; see {@link Weights#save(Model, Path)}.
     *
     * @throws IOException when the file cannot be written; the old file, if any, is then intact
     */
    default void saveWeights(Path file) throws IOException {
        Weights.save(this, file);
    }

    /**
     * Loads the weights of {@code file}, checked; see {@link Weights#load(Model, Path)}. On failure
     * this model's weights are untouched.
     *
     * @throws WeightsFormatException when the file is not a weights file of this network, saying what and where
     * @throws IOException when the file cannot be read
     */
    default void loadWeights(Path file) throws IOException {
        Weights.load(this, file);
    }
}
