package dev.nnc.processor.plan;

import dev.nnc.processor.layer.Graph;
import dev.nnc.processor.layer.LayerType;
import dev.nnc.processor.layer.LayerTypes;
import dev.nnc.processor.layer.Shape;
import dev.nnc.processor.layer.TensorSpec;
import dev.nnc.processor.spec.LayerSpec;
import dev.nnc.processor.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays a validated spec out in memory, node by node of its {@link Graph}: what each layer reads,
 * its shapes, the offset of every parameter block, the optimizer's state and the widest activation. Works from a clean validation report, so sizes fit in an int.
 */
public final class Planner {

    public NetworkPlan plan(NetworkSpec spec) {
        Graph graph = Graph.of(spec);
        List<List<TensorSpec>> declared = new ArrayList<>();
        int trained = 0;
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            List<TensorSpec> tensors = LayerTypes.of(layer.kind()).tensors(layer, graph.inputOf(i));
            declared.add(tensors);
            if (layer.trainable()) {
                trained += (int) tensors.stream().filter(TensorSpec::trained).mapToLong(TensorSpec::count).sum();
            }
        }
        // the tensors the optimizer trains first: gradients and optimizer state then cover exactly
        // [0, trained), and frozen layers and running statistics get neither; a network that only
        // predicts keeps the same layout, with nothing trained
        int trainedOffset = 0;
        int otherOffset = trained;
        List<LayerPlan> layers = new ArrayList<>();
        int widest = (int) graph.input().size();
        boolean trainsBefore = false;
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            List<TensorPlan> placed = new ArrayList<>();
            for (TensorSpec tensor : declared.get(i)) {
                if (layer.trainable() && tensor.trained()) {
                    placed.add(new TensorPlan(tensor, trainedOffset, !spec.predictsOnly()));
                    trainedOffset += (int) tensor.count();
                } else {
                    placed.add(new TensorPlan(tensor, otherOffset, false));
                    otherOffset += (int) tensor.count();
                }
            }
            Shape input = graph.inputOf(i);
            Shape output = graph.outputOf(i);
            // a view before another layer lends it its input's buffer; as the output it fills the buffer the loss reads
            LayerType type = LayerTypes.of(layer.kind());
            boolean view = type.isView() && i < spec.layers().size() - 1;
            boolean trains = placed.stream().anyMatch(TensorPlan::trained);
            boolean needsBackward = trains || trainsBefore;
            boolean folded = i == spec.layers().size() - 1 && !spec.predictsOnly() && Losses.foldsOutputActivation(spec.loss());
            Activations.DerivativeInput derivative = !type.activatesOutput() || folded
                    ? Activations.DerivativeInput.NOTHING : Activations.derivativeInput(layer.activation().type());
            LayerPlan planned = new LayerPlan(layer, i, graph.sources().get(i), input.steps(), output.steps(), input.width(),
                    output.width(), placed, trainsBefore, view, type.forwardForm(output),
                    type.mirrors(output, needsBackward, trainsBefore), type.fusesActivation(layer), derivative);
            layers.add(planned);
            trainsBefore |= trains;
            widest = Math.max(widest, planned.outputSize());
        }
        return new NetworkPlan(spec, layers, otherOffset, trained, spec.optimizerOrStandIn().stateSlots(), widest);
    }
}
