package dev.nnc.processor.plan;

import dev.nnc.annotations.InitializerType;
import dev.nnc.processor.spec.InitializerSpec;
import dev.nnc.processor.spec.LayerSpec;
import dev.nnc.processor.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays a validated spec out in memory: shapes, the offset of every parameter block, the optimizer's
 * state and the widest activation. Works from a clean validation report, so sizes fit in an int.
 */
public final class Planner {

    public NetworkPlan plan(NetworkSpec spec) {
        List<LayerPlan> layers = new ArrayList<>();
        int offset = 0;
        int inputs = spec.inputs();
        int widest = inputs;
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            int kernelOffset = offset;
            offset += inputs * layer.units();
            int biasOffset = -1;
            if (layer.useBias()) {
                biasOffset = offset;
                offset += layer.units();
            }
            int alphaOffset = -1;
            if (layer.activation().learnsAlpha()) {
                alphaOffset = offset;
                offset += layer.units();
            }
            layers.add(new LayerPlan(layer, i, inputs, layer.units(), kernelOffset, biasOffset, alphaOffset,
                    resolveKernel(layer), resolveBias(layer), i > 0));
            inputs = layer.units();
            widest = Math.max(widest, inputs);
        }
        return new NetworkPlan(spec, layers, offset, spec.optimizer().stateSlots(), widest);
    }

    /** Keras' default is Glorot uniform; He uniform keeps ReLU layers' variance (He et al., 2015). */
    private static InitializerSpec resolveKernel(LayerSpec layer) {
        InitializerSpec kernel = layer.kernelInitializer();
        if (kernel.type() != InitializerType.AUTO) {
            return kernel;
        }
        return kernel.as(layer.activation().isReluFamily() ? InitializerType.HE_UNIFORM : InitializerType.GLOROT_UNIFORM);
    }

    /** Biases start at zero unless the spec says otherwise, as Keras'. */
    private static InitializerSpec resolveBias(LayerSpec layer) {
        InitializerSpec bias = layer.biasInitializer();
        return bias.type() == InitializerType.AUTO ? bias.as(InitializerType.ZEROS) : bias;
    }
}
