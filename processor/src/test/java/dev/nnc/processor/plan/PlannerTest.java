package dev.nnc.processor.plan;

import static com.google.common.truth.Truth.assertThat;

import dev.nnc.annotations.ActivationType;
import dev.nnc.annotations.InitializerType;
import dev.nnc.annotations.LayerKind;
import dev.nnc.annotations.LossType;
import dev.nnc.annotations.OptimizerType;
import dev.nnc.annotations.Precision;
import dev.nnc.processor.layer.Graph;
import dev.nnc.processor.spec.ActivationSpec;
import dev.nnc.processor.spec.ClassNameFacts;
import dev.nnc.processor.spec.InitializerSpec;
import dev.nnc.processor.spec.LayerSettings;
import dev.nnc.processor.spec.LayerSpec;
import dev.nnc.processor.spec.LossSpec;
import dev.nnc.processor.spec.MethodShape;
import dev.nnc.processor.spec.NetworkSpec;
import dev.nnc.processor.spec.OptimizerSpec;
import dev.nnc.processor.spec.Penalties;
import dev.nnc.processor.spec.Source;
import dev.nnc.processor.spec.SpecFixtures;
import dev.nnc.processor.spec.TypeShape;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The layout of a 3-5-2 network. Every number is written out: the plan is made when the class is
 * generated, so it cannot depend on the vector lane count, which only the machine that runs the
 * class knows. An offset rounded up to lanes would show here as a number that is not these.
 */
class PlannerTest {

    private static final OptimizerSpec SGD = optimizer(OptimizerType.SGD, 0);

    private static OptimizerSpec optimizer(OptimizerType type, double momentum) {
        return SpecFixtures.optimizer(type, 0.01, momentum, Source.of(2));
    }

    private static LayerSpec dense(String name, int units, boolean useBias, ActivationType activation, InitializerType initializer) {
        return dense(name, units, useBias, true, activation, initializer);
    }

    private static LayerSpec dense(String name, int units, boolean useBias, boolean trainable, ActivationType activation,
            InitializerType initializer) {
        return new LayerSpec(name, Source.of(10), MethodShape.abstractVoid(), LayerKind.DENSE, units, useBias, trainable,
                InitializerSpec.of(initializer, Source.of(10)), InitializerSpec.of(InitializerType.AUTO, Source.of(10)),
                Penalties.none(Source.of(10)),
                new ActivationSpec(activation, Double.NaN, false, Source.of(20)), LayerSettings.defaults(Source.of(10)));
    }

    private static NetworkPlan plan(int inputs, OptimizerSpec optimizer, LayerSpec... layers) {
        return plan(inputs, optimizer == null ? null : SpecFixtures.loss(LossType.MSE, false, Source.of(1)), optimizer, layers);
    }

    private static NetworkPlan plan(int inputs, LossSpec loss, OptimizerSpec optimizer, LayerSpec... layers) {
        NetworkSpec spec = new NetworkSpec("test", "test.Spec", "SpecNet", ClassNameFacts.none(), new TypeShape("interface", false, false),
                Source.of(0), inputs, 0, 0, 0L, Precision.FLOAT, "", java.util.Set.of("name", "inputs"), List.of(layers), List.of(), List.of(),
                loss, optimizer);
        return new Planner().plan(spec);
    }

    @Test
    void eachLayerReadsTheOneBeforeItAndTheFirstTheInput() {
        NetworkPlan plan = plan(3, SGD,
                dense("hidden", 5, true, ActivationType.TANH, InitializerType.AUTO),
                dense("middle", 4, true, ActivationType.TANH, InitializerType.AUTO),
                dense("output", 1, true, ActivationType.LINEAR, InitializerType.AUTO));
        assertThat(plan.layers().stream().map(LayerPlan::sources).toList())
                .containsExactly(List.of(Graph.INPUT), List.of(0), List.of(1)).inOrder();
        assertThat(plan.layers().get(2).source()).isEqualTo(1);
    }

    @Test
    void simpleActivationsRunInTheProductAndThePreActivationIsKeptOnlyForABackwardPassThatReadsIt() {
        LayerSpec[] layers = {
            dense("hidden", 5, true, ActivationType.RELU, InitializerType.AUTO),
            dense("middle", 4, true, ActivationType.GELU, InitializerType.AUTO),
            dense("output", 2, true, ActivationType.TANH, InitializerType.AUTO)
        };
        NetworkPlan trains = plan(3, SGD, layers);
        assertThat(trains.layers().stream().map(LayerPlan::fusesActivation).toList()).containsExactly(true, false, false).inOrder();
        // GELU's slope comes from z; tanh's from y
        assertThat(trains.layers().stream().map(LayerPlan::keepsPreActivation).toList()).containsExactly(false, true, false).inOrder();
        NetworkPlan predicts = plan(3, null, layers);
        assertThat(predicts.layers().stream().map(LayerPlan::fusesActivation).toList()).containsExactly(true, false, false).inOrder();
        assertThat(predicts.layers().stream().map(LayerPlan::keepsPreActivation).toList()).containsExactly(false, false, false).inOrder();
        // a frozen GELU layer first: no backward pass visits it, so it keeps no z; the next one trains and keeps its own
        LayerSpec frozen = dense("frozen", 5, true, false, ActivationType.GELU, InitializerType.AUTO);
        NetworkPlan frozenStart = plan(3, SGD, frozen, layers[1], layers[2]);
        assertThat(frozenStart.layers().stream().map(LayerPlan::keepsPreActivation).toList()).containsExactly(false, true, false).inOrder();
    }

    @Test
    void aCrossEntropyFoldsTheOutputsDerivativeIntoItsGradient() {
        LayerSpec hidden = dense("hidden", 5, true, ActivationType.ELU, InitializerType.AUTO);
        LayerSpec output = dense("output", 3, true, ActivationType.SOFTMAX, InitializerType.AUTO);
        NetworkPlan crossEntropy = plan(3, SpecFixtures.loss(LossType.CATEGORICAL_CROSS_ENTROPY, false, Source.of(1)), SGD, hidden, output);
        assertThat(crossEntropy.layers().stream().map(LayerPlan::derivativeInput).toList())
                .containsExactly(Activations.DerivativeInput.PRE_ACTIVATION, Activations.DerivativeInput.NOTHING).inOrder();
        NetworkPlan squared = plan(3, SGD, hidden, output);
        assertThat(squared.layers().stream().map(LayerPlan::derivativeInput).toList())
                .containsExactly(Activations.DerivativeInput.PRE_ACTIVATION, Activations.DerivativeInput.OUTPUT).inOrder();
    }

    @Test
    void aOneUnitLayerRunsAsDotProductsAndMirrorsAreKeptWhereTheGradientReachesTheInput() {
        NetworkPlan plan = plan(3, SGD,
                dense("hidden", 5, true, ActivationType.TANH, InitializerType.AUTO),
                dense("middle", 4, true, ActivationType.TANH, InitializerType.AUTO),
                dense("output", 1, true, ActivationType.LINEAR, InitializerType.AUTO));
        assertThat(plan.layers().stream().map(LayerPlan::forwardForm).toList())
                .containsExactly(ProductForm.BROADCAST, ProductForm.BROADCAST, ProductForm.DOT).inOrder();
        // the first layer's input gradient is never needed; a one-unit kernel is its own transpose
        assertThat(plan.layers().stream().map(LayerPlan::mirrors).toList())
                .containsExactly(List.of(), List.of("kernel"), List.of()).inOrder();
        NetworkPlan predicts = plan(3, null,
                dense("hidden", 5, true, ActivationType.TANH, InitializerType.AUTO),
                dense("middle", 4, true, ActivationType.TANH, InitializerType.AUTO));
        assertThat(predicts.layers().stream().map(LayerPlan::mirrorsKernel).toList()).containsExactly(false, false).inOrder();
    }

    @Test
    void aNetworkThatOnlyPredictsTrainsNothingAndKeepsItsTrainingTwinsLayout() {
        LayerSpec[] layers = {
            dense("hidden", 5, true, ActivationType.TANH, InitializerType.AUTO),
            dense("output", 2, true, ActivationType.LINEAR, InitializerType.AUTO)};
        NetworkPlan trains = plan(3, SGD, layers);
        NetworkPlan predicts = plan(3, null, layers);
        for (int i = 0; i < layers.length; i++) {
            LayerPlan training = trains.layers().get(i);
            LayerPlan predicting = predicts.layers().get(i);
            assertThat(training.trains()).isTrue();
            assertThat(predicting.trains()).isFalse();
            assertThat(predicting.needsBackward()).isFalse();
            assertThat(predicting.tensors().stream().map(TensorPlan::offset).toList())
                    .isEqualTo(training.tensors().stream().map(TensorPlan::offset).toList());
        }
        assertThat(trains.layers().get(1).needsBackward()).isTrue();
    }

    @Test
    void withBiases() {
        NetworkPlan plan = plan(3, SGD,
                dense("hidden", 5, true, ActivationType.TANH, InitializerType.AUTO),
                dense("output", 2, true, ActivationType.LINEAR, InitializerType.AUTO));

        // [hidden kernel 3x5 | hidden bias 5 | output kernel 5x2 | output bias 2]
        //  0                  15              20                  30              32
        LayerPlan hidden = plan.layers().get(0);
        LayerPlan output = plan.layers().get(1);
        assertThat(hidden.kernelOffset()).isEqualTo(0);
        assertThat(hidden.biasOffset()).isEqualTo(15);
        assertThat(output.kernelOffset()).isEqualTo(20);
        assertThat(output.biasOffset()).isEqualTo(30);
        assertThat(plan.parameterCount()).isEqualTo((3 * 5 + 5) + (5 * 2 + 2));
        assertThat(plan.parameterCount()).isEqualTo(32);

        assertThat(hidden.inputs()).isEqualTo(3);
        assertThat(hidden.units()).isEqualTo(5);
        assertThat(output.inputs()).isEqualTo(5);
        assertThat(output.units()).isEqualTo(2);
        assertThat(hidden.parameterCount()).isEqualTo(20);
        assertThat(output.parameterCount()).isEqualTo(12);
        assertThat(hidden.index()).isEqualTo(0);
        assertThat(output.index()).isEqualTo(1);
        assertThat(plan.widestLayer()).isEqualTo(5);
        assertThat(plan.outputs()).isEqualTo(2);
    }

    @Test
    void withoutBiases() {
        NetworkPlan plan = plan(3, SGD,
                dense("hidden", 5, false, ActivationType.TANH, InitializerType.AUTO),
                dense("output", 2, false, ActivationType.LINEAR, InitializerType.AUTO));

        // [hidden kernel 3x5 | output kernel 5x2]
        //  0                  15                  25
        LayerPlan hidden = plan.layers().get(0);
        LayerPlan output = plan.layers().get(1);
        assertThat(hidden.kernelOffset()).isEqualTo(0);
        assertThat(hidden.hasBias()).isFalse();
        assertThat(hidden.biasOffset()).isEqualTo(-1);
        assertThat(output.kernelOffset()).isEqualTo(15);
        assertThat(output.hasBias()).isFalse();
        assertThat(output.biasOffset()).isEqualTo(-1);
        assertThat(plan.parameterCount()).isEqualTo(3 * 5 + 5 * 2);
        assertThat(plan.parameterCount()).isEqualTo(25);
    }

    @Test
    void withABiasOnOneLayerOnly() {
        NetworkPlan plan = plan(3, SGD,
                dense("hidden", 5, false, ActivationType.TANH, InitializerType.AUTO),
                dense("output", 2, true, ActivationType.LINEAR, InitializerType.AUTO));

        // [hidden kernel 3x5 | output kernel 5x2 | output bias 2]
        //  0                  15                  25              27
        assertThat(plan.layers().get(0).kernelOffset()).isEqualTo(0);
        assertThat(plan.layers().get(0).hasBias()).isFalse();
        assertThat(plan.layers().get(1).kernelOffset()).isEqualTo(15);
        assertThat(plan.layers().get(1).biasOffset()).isEqualTo(25);
        assertThat(plan.parameterCount()).isEqualTo(3 * 5 + (5 * 2 + 2));
    }

    @Test
    void widestLayerCountsTheInputs() {
        NetworkPlan plan = plan(7, SGD,
                dense("hidden", 5, true, ActivationType.TANH, InitializerType.AUTO),
                dense("output", 2, true, ActivationType.LINEAR, InitializerType.AUTO));
        assertThat(plan.widestLayer()).isEqualTo(7);
        assertThat(plan.parameterCount()).isEqualTo((7 * 5 + 5) + (5 * 2 + 2));
    }

    @Test
    void onlyLayersAfterTheFirstPassAGradientBack() {
        NetworkPlan plan = plan(3, SGD,
                dense("a", 5, true, ActivationType.TANH, InitializerType.AUTO),
                dense("b", 4, true, ActivationType.TANH, InitializerType.AUTO),
                dense("c", 2, true, ActivationType.LINEAR, InitializerType.AUTO));
        assertThat(plan.layers().stream().map(LayerPlan::needsInputGradient).toList())
                .containsExactly(false, true, true).inOrder();
    }

    @Test
    void stateSlotsFollowTheOptimizer() {
        LayerSpec output = dense("output", 2, true, ActivationType.LINEAR, InitializerType.AUTO);
        assertThat(plan(3, optimizer(OptimizerType.SGD, 0), output).stateSlots()).isEqualTo(0);
        assertThat(plan(3, optimizer(OptimizerType.SGD, 0.9), output).stateSlots()).isEqualTo(1);
        assertThat(plan(3, optimizer(OptimizerType.ADAM, 0), output).stateSlots()).isEqualTo(2);
    }

    @Test
    void batchNormKeepsItsRunningStatisticsAfterEveryTrainedTensor() {
        LayerSpec norm = new LayerSpec("norm", Source.of(10), MethodShape.abstractVoid(), LayerKind.BATCH_NORM, 0, true, true,
                InitializerSpec.of(InitializerType.AUTO, Source.of(10)), InitializerSpec.of(InitializerType.AUTO, Source.of(10)),
                Penalties.none(Source.of(10)), ActivationSpec.linear(Source.of(10)), LayerSettings.defaults(Source.of(10)));
        NetworkPlan plan = plan(3, SGD, dense("hidden", 5, true, ActivationType.LINEAR, InitializerType.AUTO), norm,
                dense("output", 2, true, ActivationType.LINEAR, InitializerType.AUTO));
        // trained: [hidden kernel 15 | bias 5 | norm gamma 5 | beta 5 | output kernel 10 | bias 2] = 42,
        // then the running statistics, which the optimizer never sees: [moving_mean 5 | moving_variance 5]
        LayerPlan layer = plan.layers().get(1);
        assertThat(plan.trainableCount()).isEqualTo(42);
        assertThat(plan.parameterCount()).isEqualTo(52);
        assertThat(layer.inputs()).isEqualTo(5);
        assertThat(layer.units()).isEqualTo(5);
        assertThat(layer.tensors().stream().map(TensorPlan::name).toList())
                .containsExactly("gamma", "beta", "moving_mean", "moving_variance").inOrder();
        assertThat(layer.tensors().stream().map(TensorPlan::offset).toList()).containsExactly(20, 25, 42, 47).inOrder();
        assertThat(layer.trainedOffset()).isEqualTo(20);
        assertThat(layer.trainedCount()).isEqualTo(10);
        assertThat(plan.layers().get(2).kernelOffset()).isEqualTo(30);
    }

    @Test
    void autoInitializerIsHeUnderTheReluFamilyAndGlorotElse() {
        NetworkPlan plan = plan(3, SGD,
                dense("relu", 5, true, ActivationType.RELU, InitializerType.AUTO),
                dense("leaky", 5, true, ActivationType.LEAKY_RELU, InitializerType.AUTO),
                dense("tanh", 5, true, ActivationType.TANH, InitializerType.AUTO),
                dense("zeros", 5, true, ActivationType.RELU, InitializerType.ZEROS),
                dense("output", 2, true, ActivationType.SOFTMAX, InitializerType.AUTO));
        assertThat(plan.layers().stream().map(layer -> layer.tensor("kernel").initializer().type()).toList()).containsExactly(
                InitializerType.HE_UNIFORM, InitializerType.HE_UNIFORM, InitializerType.GLOROT_UNIFORM, InitializerType.ZEROS,
                InitializerType.GLOROT_UNIFORM).inOrder();
        assertThat(plan.layers().stream().map(layer -> layer.tensor("bias").initializer().type()).distinct().toList())
                .containsExactly(InitializerType.ZEROS);
    }
}
