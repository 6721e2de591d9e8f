package dev.nnc.processor.plan;

import dev.nnc.processor.spec.NetworkSpec;
import java.util.List;

/**
 * The layout of a whole network.
 *
 * @param spec the network as declared
 * @param layers each layer's layout, in order
 * @param parameterCount length of the parameter vector
 * @param trainableCount how many of them trainable layers hold, first: the length of the gradient
 *     vector and of each optimizer-state vector
 * @param stateSlots optimizer state vectors of {@code parameterCount} values each (Adam: 2)
 * @param widestLayer the most values per sample any layer takes or gives (all its steps), which sizes the gradient workspace
 */
public record NetworkPlan(
        NetworkSpec spec,
        List<LayerPlan> layers,
        int parameterCount,
        int trainableCount,
        int stateSlots,
        int widestLayer) {

    public NetworkPlan {
        layers = List.copyOf(layers);
    }

    public LayerPlan output() {
        return layers.get(layers.size() - 1);
    }

    /** Values of one input sample. */
    public int inputs() {
        return spec.inputSize();
    }

    /** Values of one output sample. */
    public int outputs() {
        return output().outputSize();
    }
}
