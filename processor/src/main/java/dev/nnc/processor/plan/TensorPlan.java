package dev.nnc.processor.plan;

import dev.nnc.processor.layer.TensorSpec;
import dev.nnc.processor.spec.InitializerSpec;
import java.util.List;

/**
 * One parameter tensor of a layer, as its layer type declares it, placed in the flat parameter
 * vector.
 *
 * @param declared the tensor as the layer type declares it
 * @param offset index of its first value in the parameter vector
 * @param trained whether the optimizer trains it: a learned tensor (not a running statistic) of a
 *     layer declared trainable, in a network that trains; the trained tensors come first
 */
public record TensorPlan(TensorSpec declared, int offset, boolean trained) {

    /** Its name within the layer, as Keras names it. */
    public String name() {
        return declared.name();
    }

    public List<Integer> shape() {
        return declared.shape();
    }

    public InitializerSpec initializer() {
        return declared.initializer();
    }

    public int fanIn() {
        return declared.fanIn();
    }

    public int fanOut() {
        return declared.fanOut();
    }

    public double l1() {
        return declared.l1();
    }

    public double l2() {
        return declared.l2();
    }

    /** Its values; the plan comes from a clean report, so they fit an int. */
    public int size() {
        return (int) declared.count();
    }
}
