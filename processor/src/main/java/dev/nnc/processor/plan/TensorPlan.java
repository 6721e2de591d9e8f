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
 */
public record TensorPlan(TensorSpec declared, int offset) {

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

    public boolean trained() {
        return declared.trained();
    }

    /** Its values; the plan comes from a clean report, so they fit an int. */
    public int size() {
        return (int) declared.count();
    }
}
