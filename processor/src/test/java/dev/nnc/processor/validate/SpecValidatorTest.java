package dev.nnc.processor.validate;

import static com.google.common.truth.Truth.assertThat;

import dev.nnc.annotations.ActivationType;
import dev.nnc.annotations.InitializerType;
import dev.nnc.processor.spec.InitializerSpec;
import dev.nnc.processor.spec.Penalties;
import dev.nnc.annotations.LayerKind;
import dev.nnc.annotations.LossType;
import dev.nnc.annotations.OptimizerType;
import dev.nnc.annotations.Precision;
import dev.nnc.processor.spec.ActivationSpec;
import dev.nnc.processor.spec.ClassNameFacts;
import dev.nnc.processor.spec.LayerSettings;
import dev.nnc.processor.spec.LayerSpec;
import dev.nnc.processor.spec.LossSpec;
import dev.nnc.processor.spec.MethodShape;
import dev.nnc.processor.spec.NetworkSpec;
import dev.nnc.processor.spec.OptimizerSpec;
import dev.nnc.processor.spec.Source;
import dev.nnc.processor.spec.SpecFixtures;
import dev.nnc.processor.spec.TypeShape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The validator on specs built by hand, without a compiler: exactly the expected diagnostics, in
 * the order the validator finds them (type, layers in declaration order, loss, optimizer), each at
 * its source. Sources are opaque numbers here: the network is 0, the loss 1, the optimizer 2,
 * layer {@code i} is {@code 10 + i} and its {@code @Activation} {@code 20 + i}.
 */
class SpecValidatorTest {

    private static final Source NETWORK = Source.of(0);
    private static final Source LOSS = Source.of(1);
    private static final Source OPTIMIZER = Source.of(2);

    private static Source layerAt(int index) {
        return Source.of(10 + index);
    }

    private static Source activationAt(int index) {
        return Source.of(20 + index);
    }

    private static final OptimizerSpec ADAM = adam(1e-3, 0.9, 0.999, 1e-8);

    private static OptimizerSpec adam(double learningRate, double beta1, double beta2, double epsilon) {
        return new OptimizerSpec(OptimizerType.ADAM, learningRate, 0, false, beta1, beta2, epsilon, 0, 0.99, false, false, 4e-3,
                0, 0, java.util.Set.of("learningRate", "beta1", "beta2", "epsilon"), OPTIMIZER);
    }

    private static OptimizerSpec sgd(double learningRate, double momentum, boolean nesterov) {
        return new OptimizerSpec(OptimizerType.SGD, learningRate, momentum, nesterov, 0.9, 0.999, 1e-8, 0, 0.99, false, false, 4e-3,
                0, 0, java.util.Set.of("learningRate", "momentum", "nesterov"), OPTIMIZER);
    }

    /** A spec of interface {@code test.Spec} generating {@code SpecNet}; a test changes what it is about. */
    private static final class Spec {
        String className = "SpecNet";
        ClassNameFacts classNameFacts = ClassNameFacts.none();
        TypeShape type = new TypeShape("interface", false, false);
        int inputs = 2;
        /** A sequence of this many steps of {@code features} values instead of {@code inputs}, when above 0. */
        int timesteps = 0;
        int features = 0;
        final List<LayerSpec> layers = new ArrayList<>();
        final List<NetworkSpec.Stray> strays = new ArrayList<>();
        LossSpec loss = SpecFixtures.loss(LossType.MSE, false, LOSS);
        OptimizerSpec optimizer = ADAM;

        Spec layer(String name, int units, ActivationType activation) {
            return layer(name, units, true, activation, Double.NaN, MethodShape.abstractVoid());
        }

        Spec layer(String name, int units, boolean useBias, ActivationType activation, double alpha, MethodShape method) {
            int index = layers.size();
            layers.add(new LayerSpec(name, layerAt(index), method, LayerKind.DENSE, units, useBias, true,
                    InitializerSpec.of(InitializerType.AUTO, layerAt(index)), InitializerSpec.of(InitializerType.AUTO, layerAt(index)),
                    Penalties.none(layerAt(index)),
                    new ActivationSpec(activation, alpha, false, activationAt(index)), LayerSettings.defaults(layerAt(index))));
            return this;
        }

        Spec loss(LossType type, boolean fromLogits) {
            loss = SpecFixtures.loss(type, fromLogits, LOSS);
            return this;
        }

        Spec optimizer(OptimizerSpec optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        ValidationReport report() {
            boolean sequence = timesteps > 0;
            NetworkSpec spec = new NetworkSpec("test", "test.Spec", className, classNameFacts, type, NETWORK, sequence ? 0 : inputs,
                    timesteps, features, 42L, Precision.FLOAT, "",
                    sequence ? java.util.Set.of("name", "timesteps", "features") : java.util.Set.of("name", "inputs"),
                    layers, strays, List.of(), loss, optimizer);
            return new SpecValidator().validate(spec);
        }

        List<Diagnostic> validate() {
            return report().diagnostics();
        }
    }

    private static Spec spec() {
        return new Spec();
    }

    @Test
    void aValidSpecGivesACleanReport() {
        Spec spec = spec()
                .layer("hidden", 4, ActivationType.TANH)
                .layer("output", 1, ActivationType.SIGMOID)
                .loss(LossType.BINARY_CROSS_ENTROPY, false);
        ValidationReport report = spec.report();
        assertThat(report.isClean()).isTrue();
        assertThat(report.diagnostics()).isEmpty();
    }

    @Test
    void severalMistakesGiveSeveralDiagnosticsInOrder() {
        Spec spec = spec()
                .layer("predict", 4, ActivationType.TANH)
                .layer("output", 1, ActivationType.SOFTMAX);
        spec.inputs = 0;
        spec.optimizer = adam(-1, 2, 0.999, 1e-8);

        assertThat(spec.validate()).containsExactly(
                new Diagnostic(Message.INPUTS_NOT_POSITIVE, NETWORK.at("inputs"),
                        "[nnc.inputs] @Network inputs must be at least 1, found 0"),
                new Diagnostic(Message.LAYER_NAME_RESERVED, layerAt(0),
                        "[nnc.layer-name] layer 'predict': the name is reserved by the generated class (a member of Model); rename the method"),
                new Diagnostic(Message.SOFTMAX_TOO_FEW_UNITS, activationAt(1),
                        "[nnc.softmax] layer 'output': SOFTMAX needs at least 2 units, found 1"),
                new Diagnostic(Message.LEARNING_RATE_INVALID, OPTIMIZER.at("learningRate"),
                        "[nnc.learning-rate] learningRate must be a finite number at least 0, found -1.0"),
                new Diagnostic(Message.OUT_OF_UNIT_RANGE, OPTIMIZER.at("beta1"),
                        "[nnc.optimizer-range] beta1 must be in [0, 1), found 2.0"))
                .inOrder();
    }

    @Test
    void aSpecWithNothingInItMissesLayersButMayOnlyPredict() {
        Spec spec = spec();
        spec.loss = null;
        spec.optimizer = null;
        // neither @Loss nor @Optimizer: a network that only predicts
        assertThat(spec.validate()).containsExactly(
                new Diagnostic(Message.NO_LAYERS, NETWORK,
                        "[nnc.no-layers] network 'Spec' has no layers: annotate its methods with @Layer(units = ...)"));
    }

    @Test
    void aLossWithoutAnOptimizerOrTheOtherWayRoundIsASlip() {
        Spec noLoss = spec();
        noLoss.loss = null;
        assertThat(noLoss.validate()).contains(new Diagnostic(Message.NO_LOSS, NETWORK,
                "[nnc.no-loss] network 'Spec' has an @Optimizer but no @Loss: add one, such as @Loss(LossType.MSE), or remove"
                        + " @Optimizer for a network that only predicts"));
        Spec noOptimizer = spec();
        noOptimizer.optimizer = null;
        assertThat(noOptimizer.validate()).contains(new Diagnostic(Message.NO_OPTIMIZER, NETWORK,
                "[nnc.no-optimizer] network 'Spec' has a @Loss but no @Optimizer: add one, such as"
                        + " @Optimizer(OptimizerType.ADAM), or remove @Loss for a network that only predicts"));
    }

    @ParameterizedTest
    @CsvSource({
            "class,           a class",
            "enum,            an enum",
            "record,          a record",
            "annotation type, an annotation type"})
    void aTypeThatIsNotAnInterfaceIsNamedWithItsArticle(String kind, String described) {
        Spec spec = spec().layer("output", 1, ActivationType.LINEAR);
        spec.type = new TypeShape(kind, false, false);
        assertThat(spec.validate()).containsExactly(new Diagnostic(Message.NOT_AN_INTERFACE, NETWORK,
                "[nnc.not-interface] @Network must annotate an interface; 'Spec' is " + described));
    }

    @Test
    void aGenericInnerClassHasThreeMistakes() {
        Spec spec = spec().layer("output", 1, ActivationType.LINEAR);
        spec.type = new TypeShape("class", true, true);
        assertThat(spec.validate()).containsExactly(
                new Diagnostic(Message.NOT_AN_INTERFACE, NETWORK, "[nnc.not-interface] @Network must annotate an interface; 'Spec' is a class"),
                new Diagnostic(Message.GENERIC_INTERFACE, NETWORK, "[nnc.generic] network interface 'Spec' must not declare type parameters"),
                new Diagnostic(Message.INNER_TYPE, NETWORK, "[nnc.inner] network interface 'Spec' must be top-level or a static member"))
                .inOrder();
    }

    @ParameterizedTest
    @ValueSource(strings = {"9Net", "my-net", "class", "my.Net", "var", "record", "yield", "_", ""})
    void aClassNameThatCannotNameAClass(String name) {
        Spec spec = spec().layer("output", 1, ActivationType.LINEAR);
        spec.className = name;
        assertThat(spec.validate()).containsExactly(new Diagnostic(Message.INVALID_CLASS_NAME, NETWORK.at("name"),
                "[nnc.class-name] @Network name '" + name + "' is not a valid Java identifier"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Var", "vars", "Record", "$Net", "Net_2", "\u00e9tude"})
    void aClassNameNearARestrictedOneIsFine(String name) {
        Spec spec = spec().layer("output", 1, ActivationType.LINEAR);
        spec.className = name;
        assertThat(spec.validate()).isEmpty();
    }

    @Test
    void aClassNameThatIsTakenIsReportedWithItsPackage() {
        Spec spec = spec().layer("output", 1, ActivationType.LINEAR);
        spec.classNameFacts = new ClassNameFacts("test.SpecNet", null, null, null, null);
        assertThat(spec.validate()).containsExactly(new Diagnostic(Message.CLASS_NAME_TAKEN, NETWORK.at("name"),
                "[nnc.class-name] @Network name 'SpecNet' clashes with an existing type in package 'test'; pick another name"));
    }

    /**
     * One error for a name, the first of these that applies: another spec's, a type of the package,
     * java.lang's, the generated class's own imports and nested classes, the spec file's imports.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "String  | CLASS_NAME_OF_OTHER_SPEC          | test.Other | test.String | java.lang.String | java.lang.String | import java.lang.String; | @Network name 'String' is taken by test.Other, another spec of this build; give one of the two another name",
            "String  | CLASS_NAME_TAKEN                  |            | test.String | java.lang.String | java.lang.String | import java.lang.String; | @Network name 'String' clashes with an existing type in package 'test'; pick another name",
            "String  | CLASS_NAME_HIDES_JAVA_LANG        |            |             | java.lang.String | java.lang.String | import java.lang.String; | @Network name 'String' would hide java.lang.String from every file of package 'test', where 'String' would then mean the generated class; pick another, such as 'SpecNet'",
            "List    | CLASS_NAME_HIDES_GENERATED_IMPORT |            |             |                  | java.util.List   | import java.util.*;      | @Network name 'List' is the name of java.util.List, which the generated class uses: files of package 'test' that import it on demand would get the generated class instead; pick another, such as 'SpecNet'",
            "Kernels | CLASS_NAME_OF_NESTED_CLASS        |            |             |                  | other.Kernels    | import other.*;          | @Network name 'Kernels' is the name of a class nested in the generated class, which a class may not share; pick another, such as 'SpecNet'",
            "Layer   | CLASS_NAME_HIDES_IMPORT           |            |             |                  | dev.nnc.annotations.Layer | import dev.nnc.annotations.*; | @Network name 'Layer' clashes with dev.nnc.annotations.Layer, which this file imports (import dev.nnc.annotations.*;); pick another, such as 'SpecNet'",
            "SpecNet | CLASS_NAME_HIDES_IMPORT           |            |             |                  | other.SpecNet    | import other.SpecNet;    | @Network name 'SpecNet' clashes with other.SpecNet, which this file imports (import other.SpecNet;); pick another, such as 'SpecModel'"})
    void aClassNameThatMeetsAnotherTypeIsOneError(String name, Message message, String otherSpec, String packageType,
            String javaLangType, String importedType, String importDeclaration, String text) {
        Spec spec = spec().layer("output", 1, ActivationType.LINEAR);
        spec.className = name;
        spec.classNameFacts = new ClassNameFacts(packageType, otherSpec, javaLangType, importedType, importDeclaration);
        assertThat(spec.validate()).containsExactly(new Diagnostic(message, NETWORK.at("name"), "[nnc.class-name] " + text));
    }

    @Test
    void everyMistakeOfALayerMethodIsReported() {
        // Inherited, with two parameters, returning a String, with a body: four mistakes of one method.
        Spec spec = spec().layer("output", 1, true, ActivationType.LINEAR, Double.NaN,
                new MethodShape(2, "java.lang.String", "private", "Base"));
        assertThat(spec.validate()).containsExactly(
                new Diagnostic(Message.LAYER_INHERITED, layerAt(0),
                        "[nnc.layer-method] layer 'output' is declared in superinterface 'Base': declare every layer in the @Network interface itself, in order"),
                new Diagnostic(Message.LAYER_HAS_PARAMETERS, layerAt(0),
                        "[nnc.layer-method] layer 'output': a layer method takes no parameters, found 2"),
                new Diagnostic(Message.LAYER_RETURNS_VALUE, layerAt(0),
                        "[nnc.layer-method] layer 'output': a layer method returns void, found java.lang.String"),
                new Diagnostic(Message.LAYER_HAS_BODY, layerAt(0),
                        "[nnc.layer-method] layer 'output': a layer method is abstract, found a private method"))
                .inOrder();
    }

    @Test
    void aDuplicateNameIsReportedAtTheSecondLayer() {
        Spec spec = spec()
                .layer("hidden", 4, ActivationType.TANH)
                .layer("hidden", 1, ActivationType.LINEAR);
        assertThat(spec.validate()).containsExactly(new Diagnostic(Message.LAYER_NAME_DUPLICATE, layerAt(1),
                "[nnc.layer-name] layer 'hidden' is declared more than once"));
    }

    @Test
    void aStrayActivationIsReportedAtItsAnnotation() {
        Spec spec = spec().layer("output", 1, ActivationType.LINEAR);
        spec.strays.add(new NetworkSpec.Stray("helper", Source.of(30)));
        assertThat(spec.validate()).containsExactly(new Diagnostic(Message.ACTIVATION_WITHOUT_LAYER, Source.of(30),
                "[nnc.activation] method 'helper' has @Activation but no @Layer"));
    }

    @Test
    void unitsBelowOneAreReportedAtTheValue() {
        Spec spec = spec()
                .layer("hidden", 0, ActivationType.TANH)
                .layer("output", -2, ActivationType.LINEAR);
        assertThat(spec.validate()).containsExactly(
                new Diagnostic(Message.UNITS_NOT_POSITIVE, layerAt(0).at("units"),
                        "[nnc.units] layer 'hidden': units must be at least 1, found 0"),
                new Diagnostic(Message.UNITS_NOT_POSITIVE, layerAt(1).at("units"),
                        "[nnc.units] layer 'output': units must be at least 1, found -2"))
                .inOrder();
    }

    @Test
    void theLargestJavaArrayIsTheLimitOfParameters() {
        // 2147483639 = 7 * 17 * 18046081 is the largest array every JVM allocates; one more is too many.
        Spec fits = spec().layer("output", 18046081, false, ActivationType.LINEAR, Double.NaN, MethodShape.abstractVoid());
        fits.inputs = 7 * 17;
        fits.optimizer = sgd(0.01, 0, false);
        assertThat(fits.validate()).isEmpty();

        Spec tooLarge = spec().layer("output", 268435455, false, ActivationType.LINEAR, Double.NaN, MethodShape.abstractVoid());
        tooLarge.inputs = 8; // 8 * 268435455 = 2147483640
        tooLarge.optimizer = sgd(0.01, 0, false);
        assertThat(tooLarge.validate()).containsExactly(new Diagnostic(Message.PLAN_TOO_LARGE, layerAt(0).at("units"),
                "[nnc.size] layer 'output': the network would need 2147483640 parameters, more than a Java array holds (2147483639); make the layers smaller"));
    }

    @Test
    void aSampleTooLargeForAnArrayIsReportedAtTheLayerThatMakesIt() {
        // a Dense layer at every one of 70000 steps: 70000 * 40000 = 2800000000 values per sample, with few parameters
        Spec spec = spec().layer("perStep", 40000, ActivationType.LINEAR).layer("output", 1, ActivationType.LINEAR);
        spec.timesteps = 70000;
        spec.features = 1;
        assertThat(spec.validate()).containsExactly(new Diagnostic(Message.PLAN_TOO_LARGE, layerAt(0),
                "[nnc.size] layer 'perStep': the network would need 2800000000 values per sample of its output, more than a Java array holds (2147483639); make the layers smaller"));
    }

    @Test
    void tooManyParametersAreReportedOnceAtTheFirstLayerThatOverflows() {
        // 50000 * 30000 + 30000 = 1500030000 fit; 30000 * 30000 + 30000 more make 2400060000, which do not.
        Spec spec = spec()
                .layer("first", 30000, ActivationType.TANH)
                .layer("second", 30000, ActivationType.TANH)
                .layer("third", 30000, ActivationType.LINEAR);
        spec.inputs = 50000;
        spec.optimizer = sgd(0.01, 0, false);
        assertThat(spec.validate()).containsExactly(new Diagnostic(Message.PLAN_TOO_LARGE, layerAt(1).at("units"),
                "[nnc.size] layer 'second': the network would need 2400060000 parameters, more than a Java array holds (2147483639); make the layers smaller"));
    }

    @Test
    void theOptimizerStateMustFitInAnArrayToo() {
        // 40000 * 40000 + 40000 = 1600040000 parameters: plain SGD keeps no state, momentum one copy, Adam two.
        Spec plain = bigSingleLayer(sgd(0.01, 0, false));
        Spec momentum = bigSingleLayer(sgd(0.01, 0.9, false));
        Spec adam = bigSingleLayer(ADAM);
        assertThat(plain.validate()).isEmpty();
        assertThat(momentum.validate()).isEmpty();
        assertThat(adam.validate()).containsExactly(new Diagnostic(Message.PLAN_TOO_LARGE, layerAt(0).at("units"),
                "[nnc.size] layer 'output': the network would need 3200080000 optimizer state values, more than a Java array holds (2147483639); make the layers smaller"));
    }

    private static Spec bigSingleLayer(OptimizerSpec optimizer) {
        Spec spec = spec().layer("output", 40000, ActivationType.LINEAR);
        spec.inputs = 40000;
        spec.optimizer = optimizer;
        return spec;
    }

    @Test
    void alphaIsLeakyReluOnlyAndAtLeastZero() {
        Spec spec = spec()
                .layer("a", 4, true, ActivationType.LEAKY_RELU, 0.0, MethodShape.abstractVoid())
                .layer("b", 4, true, ActivationType.LEAKY_RELU, Double.NaN, MethodShape.abstractVoid())
                .layer("c", 4, true, ActivationType.LEAKY_RELU, -0.5, MethodShape.abstractVoid())
                .layer("d", 4, true, ActivationType.LEAKY_RELU, Double.POSITIVE_INFINITY, MethodShape.abstractVoid())
                .layer("e", 1, true, ActivationType.TANH, 0.3, MethodShape.abstractVoid());
        assertThat(spec.validate()).containsExactly(
                new Diagnostic(Message.ALPHA_INVALID, activationAt(2).at("alpha"),
                        "[nnc.alpha] layer 'c': LEAKY_RELU alpha must be a finite number at least 0, found -0.5"),
                new Diagnostic(Message.ALPHA_INVALID, activationAt(3).at("alpha"),
                        "[nnc.alpha] layer 'd': LEAKY_RELU alpha must be a finite number at least 0, found Infinity"),
                new Diagnostic(Message.ALPHA_NOT_APPLICABLE, activationAt(4).at("alpha"),
                        "[nnc.alpha] layer 'e': TANH takes no alpha; alpha is LEAKY_RELU's negative slope, ELU's scale or PRELU's initial slope"))
                .inOrder();
    }

    @Test
    void categoricalCrossEntropyOnOneSoftmaxUnitIsOnlyTheSoftmaxMistake() {
        Spec spec = spec()
                .layer("output", 1, ActivationType.SOFTMAX)
                .loss(LossType.CATEGORICAL_CROSS_ENTROPY, false);
        assertThat(spec.validate()).containsExactly(new Diagnostic(Message.SOFTMAX_TOO_FEW_UNITS, activationAt(0),
                "[nnc.softmax] layer 'output': SOFTMAX needs at least 2 units, found 1"));
    }

    @ParameterizedTest
    @CsvSource({
            "MSE,                       false, LINEAR,  1",
            "MSE,                       false, RELU,    1",
            "BINARY_CROSS_ENTROPY,      false, SIGMOID, 1",
            "BINARY_CROSS_ENTROPY,      false, SIGMOID, 3",
            "BINARY_CROSS_ENTROPY,      true,  LINEAR,  1",
            "CATEGORICAL_CROSS_ENTROPY, false, SOFTMAX, 2",
            "CATEGORICAL_CROSS_ENTROPY, true,  LINEAR,  2",
            "SPARSE_CATEGORICAL_CROSS_ENTROPY, false, SOFTMAX,     2",
            "SPARSE_CATEGORICAL_CROSS_ENTROPY, false, LOG_SOFTMAX, 3",
            "SPARSE_CATEGORICAL_CROSS_ENTROPY, true,  LINEAR,      2"})
    void lossesWithTheOutputsTheyNeed(LossType loss, boolean fromLogits, ActivationType output, int units) {
        Spec spec = spec().layer("output", units, output).loss(loss, fromLogits);
        assertThat(spec.validate()).isEmpty();
    }

    @Test
    void optimizerBoundaries() {
        // [0, 1) includes 0; a learning rate may be 0, as at run time; epsilon only needs to be above 0.
        assertThat(spec().layer("output", 1, ActivationType.LINEAR).optimizer(sgd(0, 0, false)).validate()).isEmpty();
        assertThat(spec().layer("output", 1, ActivationType.LINEAR).optimizer(sgd(Double.MIN_VALUE, 0, false)).validate()).isEmpty();
        assertThat(spec().layer("output", 1, ActivationType.LINEAR).optimizer(adam(1e-3, 0, 0, Double.MIN_VALUE)).validate()).isEmpty();
        assertThat(spec().layer("output", 1, ActivationType.LINEAR).optimizer(sgd(0.1, 0.999, true)).validate()).isEmpty();
    }

    @Test
    void nesterovNeedsMomentumAndEpsilonMustBePositive() {
        assertThat(spec().layer("output", 1, ActivationType.LINEAR).optimizer(sgd(0.1, 0, true)).validate())
                .containsExactly(new Diagnostic(Message.NESTEROV_WITHOUT_MOMENTUM, OPTIMIZER.at("nesterov"),
                        "[nnc.nesterov] nesterov = true needs a momentum greater than 0"));
        assertThat(spec().layer("output", 1, ActivationType.LINEAR).optimizer(adam(1e-3, 0.9, 0.999, -1)).validate())
                .containsExactly(new Diagnostic(Message.EPSILON_INVALID, OPTIMIZER.at("epsilon"),
                        "[nnc.optimizer-range] epsilon must be a finite number greater than 0, found -1.0"));
    }

    @Test
    void onlyASettingLeftOutTakesItsDefault() {
        // NaN marks the default in the annotation: left out, it becomes Adam's 1e-3; written, it stays NaN and is refused.
        OptimizerSpec leftOut = new OptimizerSpec(OptimizerType.ADAM, Double.NaN, 0, false, 0.9, Double.NaN, Double.NaN, Double.NaN,
                0.99, false, false, 4e-3, 0, 0, java.util.Set.of(), OPTIMIZER);
        assertThat(leftOut.learningRate()).isEqualTo(1e-3);
        assertThat(spec().layer("output", 1, ActivationType.LINEAR).optimizer(leftOut).validate()).isEmpty();

        OptimizerSpec written = new OptimizerSpec(OptimizerType.ADAM, Double.NaN, 0, false, 0.9, Double.NaN, Double.NaN, Double.NaN,
                0.99, false, false, 4e-3, 0, 0, java.util.Set.of("learningRate"), OPTIMIZER);
        assertThat(spec().layer("output", 1, ActivationType.LINEAR).optimizer(written).validate())
                .containsExactly(new Diagnostic(Message.LEARNING_RATE_INVALID, OPTIMIZER.at("learningRate"),
                        "[nnc.learning-rate] learningRate must be a finite number at least 0, found NaN"));
    }
}
