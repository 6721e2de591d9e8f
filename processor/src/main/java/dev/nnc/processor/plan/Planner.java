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
        // trainable layers' parameters first: gradients and optimizer state then cover exactly
        // [0, trainable), and frozen layers get neither
        int trainable = 0;
        int width = spec.inputs();
        for (LayerSpec layer : spec.layers()) {
            if (layer.trainable()) {
                trainable += parameterCount(layer, width);
            }
            width = layer.units();
        }
        int frozenOffset = trainable;
        int trainableOffset = 0;
        List<LayerPlan> layers = new ArrayList<>();
        int inputs = spec.inputs();
        int widest = inputs;
        boolean trainsBefore = false;
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            int offset = layer.trainable() ? trainableOffset : frozenOffset;
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
            if (layer.trainable()) {
                trainableOffset = offset;
            } else {
                frozenOffset = offset;
            }
            layers.add(new LayerPlan(layer, i, inputs, layer.units(), kernelOffset, biasOffset, alphaOffset,
                    resolveKernel(layer), resolveBias(layer), trainsBefore));
            trainsBefore |= layer.trainable();
            inputs = layer.units();
            widest = Math.max(widest, inputs);
        }
        return new NetworkPlan(spec, layers, frozenOffset, trainable, spec.optimizer().stateSlots(), widest);
    }

    private static int parameterCount(LayerSpec layer, int inputs) {
        return inputs * layer.units() + (layer.useBias() ? layer.units() : 0) + (layer.activation().learnsAlpha() ? layer.units() : 0);
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
