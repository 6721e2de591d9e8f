package dev.nnc.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A network compiled by the nnc processor that predicts, in {@code float}. A network declared
 * without {@code @Loss} and {@code @Optimizer} generates a class that is only this: no backward
 * pass, no gradients, no optimizer state. One that trains is a {@link Model}, which adds training.
 *
 * <h2>Data layout</h2>
 * A batch is a flat, row-major {@code float[]}: {@code [batch][inputSize()]} for inputs and
 * {@code [batch][outputSize()]} for predictions; sample {@code r} starts at
 * {@code r * inputSize()}. A sequence model's sample is its {@code timesteps x features} values,
 * {@code [timesteps][features]}.
 *
 * <h2>Array lengths</h2>
 * An array is refused with an {@link IllegalArgumentException} naming it and both sizes, before
 * anything is computed, allocated or changed, unless its length is what the call implies:
 * <ul>
 *   <li>Where the count of samples is an array's length ({@link #predict(float[])},
 *       {@link #predict(float[], float[])}), that array holds whole samples, at least one, and the
 *       outputs are exactly as long as their predictions.</li>
 *   <li>Where {@code n} is given ({@link #predict(float[], int, float[])}, {@link #predictBatch},
 *       {@link #predictClasses}, {@link #predictProba}), {@code n} is at least 1 and every array
 *       holds at least {@code n} samples, and whole samples only: samples past {@code n} are
 *       ignored, a partial one is refused (it means the layout is not the model's).</li>
 *   <li>{@link #writeParameters} and {@link #setParameters} take exactly the values they replace;
 *       {@link #readParameters} fills the start of an array at least as long as the parameters.</li>
 * </ul>
 * A {@code null} array is a {@link NullPointerException} naming the argument. Sizes computed from
 * {@code n} never wrap around: a batch too large for an array is an
 * {@link IllegalArgumentException} too. Inputs must be finite: a NaN or an infinity is refused,
 * naming its sample and value.
 *
 * <h2>Allocation</h2>
 * After warm-up, {@link #predict(float[], float[])} and {@link #predict(float[], int, float[])}
 * allocate nothing. The workspace is sized at construction for one sample and grown once to the
 * largest batch seen. Methods that return new arrays allocate.
 *
 * <h2>Threads</h2>
 * An instance is not thread-safe: one thread at a time may use it. To predict on N threads at
 * once, give each its own {@link #newPredictor()}: they share this one's weights (no copy) and
 * each has its own workspace. Training a model while its predictors predict is not supported
 * (a prediction may read weights half updated); train a {@link #copy()} instead and swap it in.
 *
 * <h2>Saving</h2>
 * {@link #saveWeights} and {@link #loadWeights} write and read the weights as a safetensors file
 * named as PyTorch's {@code state_dict}; {@link Weights} explains the checks a load makes.
 */
public interface Predictor {

    /** The simple name of the generated class, as declared in {@code @Network(name)}. */
    String name();

    /** The layers in order, with their shapes and where their parameters live. */
    List<LayerInfo> layers();

    /** Features of one input sample. */
    int inputSize();

    /** Values of one output sample. */
    int outputSize();

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
     * @throws IllegalStateException when a model does not train on a classification loss, the
     *     output activation is not a classifier's (SOFTMAX, LOG_SOFTMAX, SIGMOID, or LINEAR logits
     *     of a model whose loss says so), or it has several sigmoid outputs (labels, not classes)
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
     * @throws IllegalStateException when a model does not train on a classification loss, or the
     *     output activation is not a classifier's
     */
    default float[] predictProba(float[] inputs, int n) {
        return Classes.probabilities(this, inputs, n);
    }

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
     * thread. It cannot train or change the weights, and sees them change when the model it comes
     * from trains.
     */
    Predictor newPredictor();

    /**
     * An independent instance of the same class with a copy of the weights (batch normalisation's
     * running statistics included); a {@link Model} copies its training state too. Changing either
     * leaves the other alone.
     */
    Predictor copy();

    /**
     * What this instance holds in memory: weights, gradients and optimizer state (none without
     * training) and workspace (which grows to the largest batch seen).
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

    // ---- weights files ----

    /**
     * Saves the weights to {@code file}, atomically; see {@link Weights#save(Predictor, Path)}.
     *
     * @throws IOException when the file cannot be written; the old file, if any, is then intact
     */
    default void saveWeights(Path file) throws IOException {
        Weights.save(this, file);
    }

    /**
     * Loads the weights of {@code file}, checked; see {@link Weights#load(Predictor, Path)}. On failure
     * this model's weights are untouched.
     *
     * @throws WeightsFormatException when the file is not a weights file of this network, saying what and where
     * @throws IOException when the file cannot be read
     */
    default void loadWeights(Path file) throws IOException {
        Weights.load(this, file);
    }
}
