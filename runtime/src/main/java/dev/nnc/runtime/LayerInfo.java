package dev.nnc.runtime;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the runtime knows of one layer: its name (the spec's method name), kind, shapes,
 * activation and parameter tensors.
 *
 * @param name the layer's name
 * @param kind the layer kind, as declared ({@code DENSE})
 * @param kerasName the layer's class in Keras ({@code Dense}), as the summary shows it
 * @param inputShape shape of one input sample
 * @param outputShape shape of one output sample
 * @param activation the activation, as declared ({@code RELU})
 * @param activationAlpha the activation's alpha as the model uses it (LEAKY_RELU's slope, ELU's
 *     scale), or NaN for activations without one
 * @param approximate whether a GELU uses its tanh approximation
 * @param trainable whether the layer was declared trainable; one declared frozen never trains,
 *     a trainable one can be frozen at run time ({@link Model#setTrainable})
 * @param settings the {@code @Layer} settings its kind reads, by attribute name, as written or
 *     defaulted, sorted by name: {@code epsilon}, {@code momentum}, {@code returnSequences},
 *     {@code recurrentActivation}, {@code resetAfter}, {@code rate}, ... ({@code "0.001"},
 *     {@code "true"}, {@code "SIGMOID"}); empty for a Dense layer
 * @param tensors the layer's parameter tensors, in storage order
 */
public record LayerInfo(
        String name,
        String kind,
        String kerasName,
        List<Integer> inputShape,
        List<Integer> outputShape,
        String activation,
        double activationAlpha,
        boolean approximate,
        boolean trainable,
        Map<String, String> settings,
        List<TensorInfo> tensors) {

    /** A layer as described above; the shapes, settings and tensors are copied. */
    public LayerInfo {
        inputShape = List.copyOf(inputShape);
        settings = Collections.unmodifiableMap(new TreeMap<>(settings));
        outputShape = List.copyOf(outputShape);
        tensors = List.copyOf(tensors);
    }

    /**
     * The setting {@code name}.
     *
     * @throws IllegalArgumentException naming the settings there are, when the layer has no such one
     */
    public String setting(String name) {
        String value = settings.get(name);
        if (value == null) {
            throw new IllegalArgumentException("layer '" + this.name + "' has no setting '" + name + "'; its settings are "
                    + settings.keySet());
        }
        return value;
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
