package dev.nnc.processor.plan;

import dev.nnc.annotations.LayerKind;
import dev.nnc.processor.layer.Graph;
import dev.nnc.processor.spec.LayerSpec;
import java.util.List;

/**
 * Where one layer's numbers live. Offsets index the model's flat parameter vector; the gradient
 * vector and every optimizer-state slot use the same offsets for the trained tensors, which come
 * first. Nothing here depends on the vector lane count, which is known only when the generated
 * class runs.
 *
 * @param spec the layer as declared
 * @param index position in the network, from 0
 * @param sources the nodes it reads, by index: an earlier layer, or {@link Graph#INPUT} for the
 *     network's input (today one, the layer before it: the chain is the graph's special case)
 * @param inputSteps time steps of its input, 0 when it has no time axis
 * @param outputSteps time steps of its output, 0 when it has no time axis
 * @param inputs values per sample (per time step, on a sequence) coming in
 * @param units values per sample (per time step) going out
 * @param tensors the layer's parameter tensors, in the order Keras lists its weights
 * @param needsInputGradient whether backward must compute the gradient of its input: a trainable
 *     layer comes before it
 * @param view whether it is a view of its input before another layer, which then reads its
 *     input's buffer: it has no buffer and no code of its own, and its gradient is its input's
 * @param forwardForm how its forward product runs
 * @param mirrors the tensors it keeps transposed (a kernel {@code [inputs][units]} as
 *     {@code [units][inputs]}), so that the backward pass's products run along contiguous rows; the
 *     model refreshes them whenever the parameters change, and predictors share them
 * @param fusesActivation whether its product applies its activation to the sums before storing
 *     them, where it would otherwise be a pass of its own over the output
 * @param derivativeInput what the backward pass's derivative of its activation reads: nothing
 *     where the loss's gradient already includes it (the output layer under a cross-entropy), or
 *     where it applies no activation of its own to its output
 */
public record LayerPlan(
        LayerSpec spec,
        int index,
        List<Integer> sources,
        int inputSteps,
        int outputSteps,
        int inputs,
        int units,
        List<TensorPlan> tensors,
        boolean needsInputGradient,
        boolean view,
        ProductForm forwardForm,
        List<String> mirrors,
        boolean fusesActivation,
        Activations.DerivativeInput derivativeInput) {

    public LayerPlan {
        sources = List.copyOf(sources);
        tensors = List.copyOf(tensors);
        mirrors = List.copyOf(mirrors);
    }

    /** Whether it keeps its kernel transposed ({@link #mirrors()}). */
    public boolean mirrorsKernel() {
        return mirrors.contains("kernel");
    }

    /** The one node it reads: an earlier layer's index, or {@link Graph#INPUT}. */
    public int source() {
        return sources.get(0);
    }

    public String name() {
        return spec.name();
    }

    public LayerKind kind() {
        return spec.kind();
    }

    public boolean trainable() {
        return spec.trainable();
    }

    /** Whether the optimizer trains any of its tensors (the plan decided which, {@link TensorPlan#trained()}). */
    public boolean trains() {
        return tensors.stream().anyMatch(TensorPlan::trained);
    }

    /** Whether the backward pass visits the layer: it trains, or gradients flow through it to one that does. */
    public boolean needsBackward() {
        return trains() || needsInputGradient;
    }

    /**
     * Whether the forward pass keeps the pre-activation {@code z} beside the output: only where a
     * backward pass will read it for the activation's derivative.
     */
    public boolean keepsPreActivation() {
        return needsBackward() && derivativeInput == Activations.DerivativeInput.PRE_ACTIVATION;
    }

    /** The tensor called {@code name}, or null when the layer has none. */
    public TensorPlan tensor(String name) {
        for (TensorPlan tensor : tensors) {
            if (tensor.name().equals(name)) {
                return tensor;
            }
        }
        return null;
    }

    private int offsetOf(String name) {
        TensorPlan tensor = tensor(name);
        return tensor == null ? -1 : tensor.offset();
    }

    /** First value of a Dense layer's {@code [inputs][units]} kernel. */
    public int kernelOffset() {
        return offsetOf("kernel");
    }

    /** First value of its {@code [units]} bias, or -1 without a bias. */
    public int biasOffset() {
        return offsetOf("bias");
    }

    /** First value of its {@code [units]} learned PReLU slopes, or -1 without them. */
    public int alphaOffset() {
        return offsetOf("alpha");
    }

    public boolean hasBias() {
        return biasOffset() >= 0;
    }

    public boolean hasAlpha() {
        return alphaOffset() >= 0;
    }

    /** Values of one output sample: {@code units} per output step. */
    public int outputSize() {
        return Math.max(1, outputSteps) * units;
    }

    public int parameterCount() {
        return tensors.stream().mapToInt(TensorPlan::size).sum();
    }

    /** The tensors the optimizer trains while the layer trains: contiguous, from {@link #trainedOffset()}. */
    public List<TensorPlan> trainedTensors() {
        return tensors.stream().filter(TensorPlan::trained).toList();
    }

    /** First value of the trained tensors, or -1 when there are none. */
    public int trainedOffset() {
        List<TensorPlan> trained = trainedTensors();
        return trained.isEmpty() ? -1 : trained.get(0).offset();
    }

    public int trainedCount() {
        return trainedTensors().stream().mapToInt(TensorPlan::size).sum();
    }
}
