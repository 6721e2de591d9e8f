package dev.nnc.processor.layer;

import dev.nnc.annotations.InitializerType;
import dev.nnc.processor.spec.InitializerSpec;
import dev.nnc.processor.spec.LayerSpec;
import dev.nnc.processor.validate.Message;
import dev.nnc.processor.validate.ValidationReport;
import java.util.Set;

/** What the kinds with a kernel and a bias share: their attributes, their units' check and their default initialisers. */
final class Weighted {

    static final Set<String> ATTRIBUTES = Set.of("units", "useBias", "initializer", "biasInitializer", "kernelL1", "kernelL2",
            "biasL1", "biasL2");

    private Weighted() {}

    static void checkUnits(LayerSpec layer, ValidationReport report) {
        if (layer.units() < 1) {
            report.add(Message.UNITS_NOT_POSITIVE, layer.source().at("units"), layer.name(), layer.units());
        }
    }

    /** Keras' default is Glorot uniform; He uniform keeps ReLU layers' variance (He et al., 2015). */
    static InitializerSpec kernel(LayerSpec layer) {
        InitializerSpec kernel = layer.kernelInitializer();
        if (kernel.type() != InitializerType.AUTO) {
            return kernel;
        }
        return kernel.as(layer.activation().isReluFamily() ? InitializerType.HE_UNIFORM : InitializerType.GLOROT_UNIFORM);
    }

    /** Biases start at zero unless the spec says otherwise, as Keras'. */
    static InitializerSpec bias(LayerSpec layer) {
        InitializerSpec bias = layer.biasInitializer();
        return bias.type() == InitializerType.AUTO ? bias.as(InitializerType.ZEROS) : bias;
    }
}
