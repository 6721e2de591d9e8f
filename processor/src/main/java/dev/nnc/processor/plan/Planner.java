package dev.nnc.processor.plan;

import dev.nnc.annotations.Initializer;
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
                    resolve(layer), i > 0));
            inputs = layer.units();
            widest = Math.max(widest, inputs);
        }
        return new NetworkPlan(spec, layers, offset, spec.optimizer().stateSlots(), widest);
    }

    /** Keras' default is Glorot uniform; He uniform keeps ReLU layers' variance (He et al., 2015). */
    private static Initializer resolve(LayerSpec layer) {
        if (layer.initializer() != Initializer.AUTO) {
            return layer.initializer();
        }
        return layer.activation().isReluFamily() ? Initializer.HE_UNIFORM : Initializer.GLOROT_UNIFORM;
    }
}
