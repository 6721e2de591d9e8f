package dev.nnc.processor.layer;

import static com.google.common.truth.Truth.assertThat;

import dev.nnc.annotations.ActivationType;
import dev.nnc.annotations.InitializerType;
import dev.nnc.annotations.LayerKind;
import dev.nnc.annotations.Precision;
import dev.nnc.processor.plan.LayerPlan;
import dev.nnc.processor.plan.NetworkPlan;
import dev.nnc.processor.plan.Planner;
import dev.nnc.processor.spec.ActivationSpec;
import dev.nnc.processor.spec.ClassNameFacts;
import dev.nnc.processor.spec.InitializerSpec;
import dev.nnc.processor.spec.LayerSettings;
import dev.nnc.processor.spec.LayerSpec;
import dev.nnc.processor.spec.MethodShape;
import dev.nnc.processor.spec.NetworkSpec;
import dev.nnc.processor.spec.Penalties;
import dev.nnc.processor.spec.Source;
import dev.nnc.processor.spec.TypeShape;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The layer types as every pass reads them: one per kind, their shapes and their parameter counts, written out. */
class LayerTypesTest {

    private static final Source SOURCE = Source.of(10);

    private static LayerSpec layer(String name, LayerKind kind, int units, boolean returnSequences) {
        LayerSettings settings = new LayerSettings(Double.NaN, 0.99, 1e-3, true, true, returnSequences, ActivationType.SIGMOID,
                true, InitializerSpec.of(InitializerType.ORTHOGONAL, SOURCE), 0, 0, true,
                returnSequences ? Set.of("returnSequences") : Set.of());
        return new LayerSpec(name, SOURCE, MethodShape.abstractVoid(), kind, units, true, true,
                InitializerSpec.of(InitializerType.AUTO, SOURCE), InitializerSpec.of(InitializerType.AUTO, SOURCE),
                Penalties.none(SOURCE), ActivationSpec.byDefault(LayerTypes.of(kind).defaultActivation(), SOURCE), settings);
    }

    private static NetworkSpec sequenceNetwork(int timesteps, int features, LayerSpec... layers) {
        return new NetworkSpec("test", "test.Spec", "SpecNet", ClassNameFacts.none(), new TypeShape("interface", false, false),
                Source.of(0), 0, timesteps, features, 0L, Precision.FLOAT, "", Set.of("timesteps", "features"), List.of(layers),
                List.of(), List.of(), null, null);
    }

    private static long parameters(LayerSpec layer, Shape input) {
        return LayerTypes.of(layer.kind()).tensors(layer, input).stream().mapToLong(TensorSpec::count).sum();
    }

    @Test
    void everyKindHasAType() {
        for (LayerKind kind : LayerKind.values()) {
            assertThat(LayerTypes.of(kind)).isNotNull();
        }
    }

    @Test
    void theKindsThatReadAnAttributeAreTheOnesWhoseTypeListsIt() {
        assertThat(LayerTypes.readersOf("units")).containsExactly(LayerKind.DENSE, LayerKind.SIMPLE_RNN, LayerKind.LSTM, LayerKind.GRU);
        assertThat(LayerTypes.readersOf("rate")).containsExactly(LayerKind.DROPOUT);
        assertThat(LayerTypes.readersOf("momentum")).containsExactly(LayerKind.BATCH_NORM);
        assertThat(LayerTypes.readersOf("epsilon")).containsExactly(LayerKind.LAYER_NORM, LayerKind.BATCH_NORM);
        assertThat(LayerTypes.readersOf("unitForgetBias")).containsExactly(LayerKind.LSTM);
        assertThat(LayerTypes.readersOf("resetAfter")).containsExactly(LayerKind.GRU);
        // every layer reads these, so none is ever written on the wrong kind
        assertThat(LayerTypes.readersOf("trainable")).isEmpty();
        assertThat(LayerTypes.readersOf("kind")).isEmpty();
    }

    @Test
    void theShapePassFollowsTheTimeAxisThroughTheLayers() {
        NetworkSpec spec = sequenceNetwork(30, 3,
                layer("encoder", LayerKind.LSTM, 16, true),
                layer("norm", LayerKind.LAYER_NORM, 0, false),
                layer("perStep", LayerKind.DENSE, 8, false),
                layer("summary", LayerKind.GRU, 4, false),
                layer("drop", LayerKind.DROPOUT, 0, false),
                layer("output", LayerKind.DENSE, 1, false));
        NetworkSpec flattened = sequenceNetwork(30, 3,
                layer("encoder", LayerKind.LSTM, 16, true),
                layer("flatten", LayerKind.FLATTEN, 0, false),
                layer("output", LayerKind.DENSE, 1, false),
                layer("again", LayerKind.FLATTEN, 0, false));

        Graph graph = Graph.of(spec);
        assertThat(graph.input()).isEqualTo(Shape.sequence(30, 3));
        assertThat(graph.outputs()).containsExactly(
                Shape.sequence(30, 16),
                Shape.sequence(30, 16),
                Shape.sequence(30, 8),
                Shape.vector(4),
                Shape.vector(4),
                Shape.vector(1)).inOrder();
        // a sample's steps one after another; a vector passes as it is
        assertThat(Graph.of(flattened).outputs()).containsExactly(
                Shape.sequence(30, 16),
                Shape.vector(480),
                Shape.vector(1),
                Shape.vector(1)).inOrder();
        // each layer reads the one before it, the first the input: a chain, the graph's special case
        assertThat(graph.sources()).containsExactly(List.of(Graph.INPUT), List.of(0), List.of(1), List.of(2), List.of(3), List.of(4))
                .inOrder();
        assertThat(graph.inputOf(0)).isEqualTo(Shape.sequence(30, 3));
        assertThat(graph.inputOf(3)).isEqualTo(Shape.sequence(30, 8));
    }

    @Test
    void recurrentLayersMirrorTheirRecurrentKernelForAnyBackwardPassAndTheirKernelForTheInputsGradient() {
        Shape output = Shape.vector(4);
        for (LayerKind kind : List.of(LayerKind.SIMPLE_RNN, LayerKind.LSTM, LayerKind.GRU)) {
            LayerType type = LayerTypes.of(kind);
            assertThat(type.mirrors(output, false, false)).isEmpty();
            assertThat(type.mirrors(output, true, false)).containsExactly("recurrent_kernel");
            assertThat(type.mirrors(output, true, true)).containsExactly("recurrent_kernel", "kernel").inOrder();
        }
        // a one-unit kernel is its own transpose
        assertThat(LayerTypes.of(LayerKind.DENSE).mirrors(Shape.vector(1), true, true)).isEmpty();
        assertThat(LayerTypes.of(LayerKind.DENSE).mirrors(output, true, true)).containsExactly("kernel");
        assertThat(LayerTypes.of(LayerKind.DENSE).mirrors(output, true, false)).isEmpty();
    }

    @Test
    void parametersAreCountedFromTheTensorsTheTypesDeclare() {
        Shape sequence = Shape.sequence(30, 3);
        // kernel 3 x 4u, recurrent kernel u x 4u, bias 4u
        assertThat(parameters(layer("lstm", LayerKind.LSTM, 16, false), sequence)).isEqualTo(3 * 64 + 16 * 64 + 64);
        // Keras' reset-after GRU keeps two bias rows
        assertThat(parameters(layer("gru", LayerKind.GRU, 4, false), sequence)).isEqualTo(3 * 12 + 4 * 12 + 2 * 12);
        assertThat(parameters(layer("rnn", LayerKind.SIMPLE_RNN, 5, false), sequence)).isEqualTo(3 * 5 + 5 * 5 + 5);
        // a Dense layer on a sequence shares its weights across the steps
        assertThat(parameters(layer("dense", LayerKind.DENSE, 7, false), sequence)).isEqualTo(3 * 7 + 7);
        // gamma, beta, and the two running statistics the optimizer does not train
        assertThat(parameters(layer("bn", LayerKind.BATCH_NORM, 0, false), Shape.vector(6))).isEqualTo(4 * 6);
        assertThat(parameters(layer("ln", LayerKind.LAYER_NORM, 0, false), Shape.vector(6))).isEqualTo(2 * 6);
        assertThat(parameters(layer("drop", LayerKind.DROPOUT, 0, false), Shape.vector(6))).isEqualTo(0);
        assertThat(parameters(layer("flatten", LayerKind.FLATTEN, 0, false), sequence)).isEqualTo(0);
    }

    @Test
    void aCountTooLargeForAnIntIsStillExact() {
        // 65536 x 65536 kernel: 2^32 values, which an int product would wrap to 0
        assertThat(parameters(layer("wide", LayerKind.DENSE, 65536, false), Shape.vector(65536)))
                .isEqualTo(65536L * 65536 + 65536);
    }

    @Test
    void aFlattenIsPlannedAsAViewWhereAnotherLayerReadsItAndAsABufferAtTheOutput() {
        NetworkPlan plan = new Planner().plan(sequenceNetwork(5, 3,
                layer("flattenInput", LayerKind.FLATTEN, 0, false),
                layer("dense", LayerKind.DENSE, 4, false),
                layer("again", LayerKind.FLATTEN, 0, false),
                layer("output", LayerKind.DENSE, 1, false),
                layer("last", LayerKind.FLATTEN, 0, false)));
        assertThat(plan.layers().stream().map(LayerPlan::view).toList()).containsExactly(true, false, true, false, false).inOrder();
        // a view still has its shapes: the layer after it takes the values it gives
        assertThat(plan.layers().get(0).outputSize()).isEqualTo(15);
        assertThat(plan.layers().get(1).inputs()).isEqualTo(15);
    }

    @Test
    void onlyTheRecurrentKindsNeedASequence() {
        Set<LayerKind> needing = EnumSet.noneOf(LayerKind.class);
        for (LayerKind kind : LayerKind.values()) {
            if (LayerTypes.of(kind).needsSequence()) {
                needing.add(kind);
            }
        }
        assertThat(needing).containsExactly(LayerKind.SIMPLE_RNN, LayerKind.LSTM, LayerKind.GRU);
    }
}
