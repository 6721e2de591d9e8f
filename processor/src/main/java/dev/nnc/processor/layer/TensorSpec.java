package dev.nnc.processor.layer;

import dev.nnc.processor.spec.InitializerSpec;
import java.util.List;

/**
 * One parameter tensor a layer declares, before the planner places it in the parameter vector.
 *
 * @param name its name within the layer, as Keras names it ({@code kernel}, {@code gamma},
 *     {@code moving_mean})
 * @param shape its shape, row-major
 * @param initializer how it starts, resolved (never AUTO)
 * @param fanIn the fan-in the variance-scaling initialisers read
 * @param fanOut the fan-out they read
 * @param l1 its L1 penalty, 0 for none
 * @param l2 its L2 penalty, 0 for none
 * @param trained whether the optimizer trains it when its layer trains; false for what the layer
 *     updates itself (batch normalisation's running statistics)
 */
public record TensorSpec(
        String name,
        List<Integer> shape,
        InitializerSpec initializer,
        int fanIn,
        int fanOut,
        double l1,
        double l2,
        boolean trained) {

    public TensorSpec {
        shape = List.copyOf(shape);
    }

    /** Its values, in a long: the one place a tensor's parameters are counted. */
    public long count() {
        long count = 1;
        for (int dimension : shape) {
            count *= dimension;
        }
        return count;
    }
}
