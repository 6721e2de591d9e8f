package dev.nnc.runtime;

import java.util.List;

/**
 * What the runtime knows of one layer: its name (the spec's method name), kind, shapes,
 * activation and parameter tensors.
 *
 * @param name the layer's name
 * @param kind the layer kind, as declared ({@code DENSE})
 * @param inputShape shape of one input sample
 * @param outputShape shape of one output sample
 * @param activation the activation, as declared ({@code RELU})
 * @param activationAlpha the activation's alpha as the model uses it (LEAKY_RELU's slope, ELU's
 *     scale), or NaN for activations without one
 * @param approximate whether a GELU uses its tanh approximation
 * @param trainable whether the layer was declared trainable; one declared frozen never trains,
 *     a trainable one can be frozen at run time ({@link Model#setTrainable})
 * @param tensors the layer's parameter tensors, in storage order
 */
public record LayerInfo(
        String name,
        String kind,
        List<Integer> inputShape,
        List<Integer> outputShape,
        String activation,
        double activationAlpha,
        boolean approximate,
        boolean trainable,
        List<TensorInfo> tensors) {

    public LayerInfo {
        inputShape = List.copyOf(inputShape);
        outputShape = List.copyOf(outputShape);
        tensors = List.copyOf(tensors);
    }

    /** Number of parameters of this layer. */
    public int parameterCount() {
        int count = 0;
        for (TensorInfo tensor : tensors) {
            count += tensor.size();
        }
        return count;
    }

    /** The tensor called {@code name}; an exception lists the layer's tensors when there is none. */
    public TensorInfo tensor(String tensorName) {
        for (TensorInfo tensor : tensors) {
            if (tensor.name().equals(tensorName)) {
                return tensor;
            }
        }
        throw new IllegalArgumentException("layer '" + name + "' has no tensor '" + tensorName
                + "'; its tensors are " + tensors.stream().map(TensorInfo::name).toList());
    }
}
