package dev.nnc.processor.plan;

import dev.nnc.processor.spec.InitializerSpec;
import java.util.List;

/**
 * One parameter tensor of a layer: where it lives in the flat parameter vector and how it starts.
 *
 * @param name its name within the layer, as Keras names it ({@code kernel}, {@code gamma},
 *     {@code moving_mean})
 * @param offset index of its first value in the parameter vector
 * @param shape its shape, row-major
 * @param initializer how it starts, resolved (never AUTO)
 * @param fanIn the fan-in the variance-scaling initialisers read
 * @param fanOut the fan-out they read
 * @param l1 its L1 penalty, 0 for none
 * @param l2 its L2 penalty, 0 for none
 * @param trained whether the optimizer trains it when its layer trains; false for what the layer
 *     updates itself (batch normalisation's running statistics)
 */
public record TensorPlan(
        String name,
        int offset,
        List<Integer> shape,
        InitializerSpec initializer,
        int fanIn,
        int fanOut,
        double l1,
        double l2,
        boolean trained) {

    public TensorPlan {
        shape = List.copyOf(shape);
    }

    public int size() {
        int size = 1;
        for (int dimension : shape) {
            size *= dimension;
        }
        return size;
    }

    TensorPlan at(int offset) {
        return new TensorPlan(name, offset, shape, initializer, fanIn, fanOut, l1, l2, trained);
    }
}
