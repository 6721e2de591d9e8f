package dev.nnc.processor.emit;

import com.palantir.javapoet.NameAllocator;
import dev.nnc.processor.layer.LayerTypes;
import dev.nnc.processor.plan.LayerPlan;
import dev.nnc.processor.plan.TensorPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The identifiers emitted for one layer, derived from its name and made unique across the class
 * (two layers {@code fooBar} and {@code foo_bar} would otherwise share {@code FOO_BAR_OUT}): its
 * size constants, one offset constant per tensor, its workspace buffers and its kernels.
 */
public record LayerNames(
        String steps,
        String inputs,
        String units,
        Map<String, String> tensors,
        String output,
        Map<String, String> buffers,
        String forward,
        String activation,
        String backward,
        String weightGradient,
        String inputGradient) {

    static LayerNames allocate(LayerPlan layer, NameAllocator names) {
        String name = layer.name();
        String constant = upperSnake(name);
        Map<String, String> tensors = new LinkedHashMap<>();
        for (TensorPlan tensor : layer.tensors()) {
            tensors.put(tensor.name(), names.newName(constant + "_" + tensor.name().toUpperCase(Locale.ROOT)));
        }
        Map<String, String> buffers = new LinkedHashMap<>();
        for (String buffer : LayerTypes.of(layer.kind()).buffers()) {
            String suffix = Character.toUpperCase(buffer.charAt(0)) + buffer.substring(1);
            buffers.put(buffer, names.newName(name + suffix));
        }
        return new LayerNames(
                names.newName(constant + "_STEPS"),
                names.newName(constant + "_IN"),
                names.newName(constant + "_OUT"),
                tensors,
                names.newName(name + "Output"),
                buffers,
                names.newName(name + "Forward"),
                names.newName(name + "Activation"),
                names.newName(name + "Backward"),
                names.newName(name + "WeightGradient"),
                names.newName(name + "InputGradient"));
    }

    /**
     * The rows a layer applied at every time step runs over: {@code n}, or {@code n * STEPS} on a
     * sequence, whose steps are rows of their own in the row-major {@code [n][steps][width]}.
     */
    static String rows(LayerPlan layer, LayerNames names) {
        return layer.inputSteps() > 0 ? "n * " + names.steps() : "n";
    }

    /** The offset constant of the tensor {@code name}. */
    String tensor(String name) {
        return tensors.get(name);
    }

    String kernel() {
        return tensor("kernel");
    }

    public String bias() {
        return tensor("bias");
    }

    String alpha() {
        return tensor("alpha");
    }

    /** The workspace buffer {@code name}. */
    String buffer(String name) {
        return buffers.get(name);
    }

    String preActivation() {
        return buffer("preActivation");
    }

    String transposedKernel() {
        return buffer("kernelT");
    }

    private static String upperSnake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
