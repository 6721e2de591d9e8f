package dev.nnc.processor.layer;

import dev.nnc.processor.spec.LayerSpec;
import dev.nnc.processor.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The network as a graph, and the one shape pass over it: the layers are its nodes, each reading
 * the nodes its sources name ({@link #INPUT}, the network's input, or an earlier layer), and each
 * node's output shape comes from its input's, as its {@link LayerType} says. The validator and the
 * planner both read it, so a shape is derived in one place.
 *
 * <p>Today a spec declares no edges: every layer reads the one before it, and the first reads the
 * input. That chain is the special case of the graph; a reader of named inputs (merges, residual
 * connections) fills {@link #sources}, and the passes that read a layer's one source
 * ({@link #inputOf}, {@code LayerPlan.source()}) then learn to read several.
 *
 * @param input the network's input shape as declared
 * @param sources the nodes each layer reads, by index ({@link #INPUT} for the network's input)
 * @param outputs each layer's output shape
 */
public record Graph(Shape input, List<List<Integer>> sources, List<Shape> outputs) {

    /** The network's input, as a source. */
    public static final int INPUT = -1;

    public Graph {
        sources = sources.stream().map(List::copyOf).toList();
        outputs = List.copyOf(outputs);
    }

    /** The graph of {@code spec}, its shapes derived in source order. */
    public static Graph of(NetworkSpec spec) {
        Shape input = spec.sequential() ? Shape.sequence(spec.timesteps(), spec.features()) : Shape.vector(spec.inputs());
        List<List<Integer>> sources = new ArrayList<>();
        List<Shape> outputs = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            List<Integer> read = List.of(i == 0 ? INPUT : i - 1);
            sources.add(read);
            Shape in = read.get(0) == INPUT ? input : outputs.get(read.get(0));
            outputs.add(LayerTypes.of(layer.kind()).output(layer, in));
        }
        return new Graph(input, sources, outputs);
    }

    /** The shape of node {@code node}: a layer's output, or the network's input. */
    public Shape shapeOf(int node) {
        return node == INPUT ? input : outputs.get(node);
    }

    /** The shape layer {@code layer} reads: its one source's. */
    public Shape inputOf(int layer) {
        return shapeOf(sources.get(layer).get(0));
    }

    public Shape outputOf(int layer) {
        return outputs.get(layer);
    }

    /** The network's output: the last layer's, or the input of a network without layers (which the validator reports). */
    public Shape output() {
        return outputs.isEmpty() ? input : outputs.get(outputs.size() - 1);
    }
}
