package dev.nnc.processor.layer;

import dev.nnc.processor.spec.LayerSpec;
import dev.nnc.processor.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The one shape pass: each layer's output shape from its input's, as its {@link LayerType} says.
 * The validator and the planner both read it, so a shape is derived in one place.
 */
public final class Shapes {

    private Shapes() {}

    /** The network's input shape as declared: a sequence when it has timesteps or features. */
    public static Shape input(NetworkSpec spec) {
        return spec.sequential() ? Shape.sequence(spec.timesteps(), spec.features()) : Shape.vector(spec.inputs());
    }

    /**
     * The shapes between the layers: the network's input first, then each layer's output, so layer
     * {@code i} takes shape {@code i} and gives shape {@code i + 1}.
     */
    public static List<Shape> of(NetworkSpec spec) {
        List<Shape> shapes = new ArrayList<>();
        Shape shape = input(spec);
        shapes.add(shape);
        for (LayerSpec layer : spec.layers()) {
            shape = LayerTypes.of(layer.kind()).output(layer, shape);
            shapes.add(shape);
        }
        return shapes;
    }
}
