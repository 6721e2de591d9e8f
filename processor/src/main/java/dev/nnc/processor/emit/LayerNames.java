package dev.nnc.processor.emit;

import com.palantir.javapoet.NameAllocator;
import dev.nnc.processor.plan.LayerPlan;
import java.util.Locale;

/**
 * The identifiers emitted for one layer, derived from its name and made unique across the class
 * (two layers {@code fooBar} and {@code foo_bar} would otherwise share {@code FOO_BAR_UNITS}).
 */
record LayerNames(
        String inputs,
        String units,
        String kernel,
        String bias,
        String alpha,
        String output,
        String preActivation,
        String transposedKernel,
        String forward,
        String backward,
        String weightGradient,
        String inputGradient) {

    static LayerNames allocate(LayerPlan layer, NameAllocator names) {
        String name = layer.name();
        String constant = upperSnake(name);
        return new LayerNames(
                names.newName(constant + "_IN"),
                names.newName(constant + "_OUT"),
                names.newName(constant + "_KERNEL"),
                names.newName(constant + "_BIAS"),
                names.newName(constant + "_ALPHA"),
                names.newName(name + "Output"),
                names.newName(name + "PreActivation"),
                names.newName(name + "KernelT"),
                names.newName(name + "Forward"),
                names.newName(name + "Backward"),
                names.newName(name + "WeightGradient"),
                names.newName(name + "InputGradient"));
    }

    private static String upperSnake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
