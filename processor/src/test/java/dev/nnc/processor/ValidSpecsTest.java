package dev.nnc.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.nnc.processor.SpecSource.spec;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.nnc.processor.validate.ReservedNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Valid specs compile without errors or warnings (other than javac's notice that the incubating
 * Vector API is in use), and the class the processor writes compiles too, against the runtime:
 * compile-testing compiles generated sources in the same compilation, so success means both.
 */
class ValidSpecsTest {

    /**
     * Compiles a valid spec and returns the source generated as {@code qualifiedName}, after the
     * checks every generated class passes: the compilation succeeded, nothing but the incubator
     * notice was a warning, the class was compiled, and it is a {@code public final}, {@code @Generated} class.
     */
    private static String compileValid(String qualifiedName, JavaFileObject... sources) {
        RecordingProcessor processor = new RecordingProcessor();
        Compilation compilation = Javac.compile(processor, sources);
        assertWithMessage("errors: %s", Javac.errorTexts(compilation)).that(compilation.errors()).isEmpty();
        assertThat(compilation).succeeded();
        Javac.assertNoWarningsButIncubator(compilation);
        assertThat(processor.createdSources()).containsExactly(qualifiedName);

        int dot = qualifiedName.lastIndexOf('.');
        String packageName = dot < 0 ? "" : qualifiedName.substring(0, dot);
        String simpleName = qualifiedName.substring(dot + 1);
        assertWithMessage("class file of %s", qualifiedName)
                .that(compilation.generatedFile(StandardLocation.CLASS_OUTPUT, packageName, simpleName + ".class"))
                .isPresent();

        String source = contents(compilation.generatedSourceFile(qualifiedName).orElseThrow());
        assertThat(source).contains("import javax.annotation.processing.Generated;");
        assertThat(source).containsMatch("@Generated\\(\\s*value = \"dev.nnc.processor.NetworkProcessor\"");
        assertThat(source).contains("public final class " + simpleName + " implements ");
        assertOffsetsAreLiterals(source);
        assertNoVectorCrossesACall(source);
        assertTakesOnlyReservedTypeNames(source);
        return source;
    }

    private static final Pattern IMPORT = Pattern.compile("^import ([\\w.]+);$", Pattern.MULTILINE);

    private static final Pattern NESTED_CLASS = Pattern.compile("^ +(?:\\w+ )*class (\\w+)", Pattern.MULTILINE);

    /** The types {@code source} imports, by qualified name. */
    private static Set<String> imports(String source) {
        return IMPORT.matcher(source).results().map(match -> match.group(1)).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The names a spec may not give its class because the generated class takes them: the types it
     * imports and the classes it nests, which {@code ReservedNames} lists for the validator.
     */
    private static void assertTakesOnlyReservedTypeNames(String source) {
        assertWithMessage("imports of the generated class missing from ReservedNames.GENERATED_IMPORTS")
                .that(ReservedNames.GENERATED_IMPORTS).containsAtLeastElementsIn(imports(source));
        Set<String> nested = NESTED_CLASS.matcher(source).results().map(match -> match.group(1)).collect(Collectors.toSet());
        assertWithMessage("classes nested in the generated class missing from ReservedNames.NESTED_CLASSES")
                .that(ReservedNames.NESTED_CLASSES).containsAtLeastElementsIn(nested);
    }

    @Test
    void everyReservedTypeNameIsOneAGeneratedClassTakes() {
        // between them, these specs use every part of the runtime a generated class can import
        JavaFileObject floatModel = spec()
                .network("@Network(name = \"SpecNet\", inputs = 2, weights = \"/spec.safetensors\")")
                .members("@Layer(units = 4) @Activation(ActivationType.GELU) void hidden();", "@Layer(units = 1) void output();")
                .build();
        JavaFileObject doubleModel = JavaFileObjects.forSourceLines("test.Twin",
                "package test;",
                "import dev.nnc.annotations.*;",
                "@Network(name = \"TwinNet\", timesteps = 3, features = 2, precision = Precision.DOUBLE)",
                "@Loss(LossType.MSE)",
                "@Optimizer(OptimizerType.ADAM)",
                "interface Twin {",
                "    @Layer(kind = LayerKind.LSTM, units = 4) @Activation(ActivationType.TANH) void lstm();",
                "    @Layer(units = 4, kernelL2 = 0.01) @Activation(ActivationType.GELU) void hidden();",
                "    @Layer(units = 1) void output();",
                "}");
        Compilation compilation = Javac.compile(floatModel, doubleModel);
        assertThat(compilation).succeeded();
        Set<String> imported = new TreeSet<>();
        Set<String> nested = new TreeSet<>();
        for (String name : List.of("test.SpecNet", "test.TwinNet")) {
            String source = contents(compilation.generatedSourceFile(name).orElseThrow());
            imported.addAll(imports(source));
            NESTED_CLASS.matcher(source).results().forEach(match -> nested.add(match.group(1)));
        }
        assertWithMessage("types the generated classes import").that(imported).containsExactlyElementsIn(ReservedNames.GENERATED_IMPORTS);
        assertWithMessage("classes nested in the generated classes").that(nested).containsExactlyElementsIn(ReservedNames.NESTED_CLASSES);
    }

    /** The vector types generated code uses. */
    private static final String VECTOR_TYPE = "(?:FloatVector|DoubleVector|IntVector|VectorMask<\\w+>)";

    /** A method declaration with a vector among its parameters or as its return type. */
    private static final Pattern VECTOR_SIGNATURE = Pattern.compile(
            "\\b" + VECTOR_TYPE + "\\s+\\w+\\s*\\(|\\b\\w+\\s*\\([^()]*\\b" + VECTOR_TYPE + "\\s+\\w+[^()]*\\)\\s*\\{");

    /**
     * Vectors stay inside one method: a vector passed to or returned from a method that C2 does not
     * inline is boxed, and in a large compile unit C2 sometimes leaves a small helper a call.
     */
    private static void assertNoVectorCrossesACall(String source) {
        Matcher matcher = VECTOR_SIGNATURE.matcher(source);
        assertWithMessage("a method signature with a vector").that(matcher.find() ? matcher.group() : null).isNull();
    }

    private static final Pattern INT_CONSTANT = Pattern.compile("static final int (\\w+) = ([^;]+);");

    /** Every {@code static final int} of the class and its name. */
    private static Map<String, String> intConstants(String source) {
        Map<String, String> constants = new LinkedHashMap<>();
        Matcher matcher = INT_CONSTANT.matcher(source);
        while (matcher.find()) {
            constants.put(matcher.group(1), matcher.group(2).trim());
        }
        return constants;
    }

    /**
     * Shapes and offsets are fixed when the class is generated; only the lane count, known when it
     * runs, may come from the vector species. An offset written in lanes would differ between machines.
     */
    private static void assertOffsetsAreLiterals(String source) {
        Map<String, String> constants = intConstants(source);
        assertWithMessage("int constants").that(constants).containsKey("PARAMETERS");
        constants.forEach((name, value) -> {
            if (name.equals("LANES")) {
                assertWithMessage("LANES").that(value).isEqualTo("SPECIES.length()");
            } else if (name.equals("STRIDE")) {
                assertWithMessage("STRIDE").that(value).isEqualTo("TRAINABLE + Checks.VECTOR_SLACK");
            } else {
                assertWithMessage("constant %s", name).that(value).matches("\\d+");
            }
        });
    }

    private static String contents(JavaFileObject file) {
        try {
            return file.getCharContent(false).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aSmallSpec() {
        // SpecSource's default: 2 inputs, hidden 4 TANH, output 1 LINEAR, MSE, ADAM.
        String source = compileValid("test.SpecNet", spec().build());
        assertThat(source).contains("public final class SpecNet implements Model {");
        assertThat(source).contains("comments = \"from test.Spec\"");

        // hidden: kernel 2 x 4 at 0, bias 4 at 8; output: kernel 4 x 1 at 12, bias 1 at 16; 17 in all.
        Map<String, String> constants = intConstants(source);
        assertThat(constants).containsAtLeast(
                "INPUTS", "2",
                "OUTPUTS", "1",
                "PARAMETERS", "17",
                "HIDDEN_KERNEL", "0",
                "HIDDEN_BIAS", "8",
                "OUTPUT_KERNEL", "12",
                "OUTPUT_BIAS", "16");
    }

    @Test
    void dropoutAndNormalisationLayers() throws java.io.IOException {
        JavaFileObject file = spec()
                .network("@Network(name = \"SpecNet\", inputs = 3)")
                .members(
                        "@Layer(kind = LayerKind.LAYER_NORM) void inputNorm();",
                        "@Layer(units = 4, useBias = false) void hidden();",
                        "@Layer(kind = LayerKind.BATCH_NORM, momentum = 0.9) @Activation(ActivationType.RELU) void norm();",
                        "@Layer(kind = LayerKind.DROPOUT, rate = 0.25) void drop();",
                        "@Layer(units = 1) void output();")
                .build();
        String source = compileValid("test.SpecNet", file);
        // trained: input gamma 3 at 0, beta 3 at 3; hidden kernel 3 x 4 at 6; norm gamma 4 at 18, beta 4 at 22;
        // output kernel 4 at 26, bias at 30; then the running statistics, mean 4 at 31 and variance 4 at 35
        assertThat(intConstants(source)).containsAtLeast(
                "TRAINABLE", "31",
                "PARAMETERS", "39",
                "INPUT_NORM_GAMMA", "0",
                "INPUT_NORM_BETA", "3",
                "HIDDEN_KERNEL", "6",
                "NORM_GAMMA", "18",
                "NORM_BETA", "22",
                "OUTPUT_KERNEL", "26",
                "OUTPUT_BIAS", "30",
                "NORM_MOVING_MEAN", "31",
                "NORM_MOVING_VARIANCE", "35");
        assertThat(source).contains("new TensorInfo(\"moving_mean\", NORM_MOVING_MEAN, List.of(4), 0.0, 0.0, false)");
        assertThat(source).contains("random.nextDouble() < 0.25 ? 0.0f : 1.3333334f");
        java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/SpecNet.java"), source);
    }

    @Test
    void aSpecWithoutBiases() {
        JavaFileObject file = spec()
                .network("@Network(name = \"SpecNet\", inputs = 3)")
                .members(
                        "@Layer(units = 5, useBias = false) @Activation(ActivationType.RELU) void hidden();",
                        "@Layer(units = 2, useBias = false) void output();")
                .build();
        Map<String, String> constants = intConstants(compileValid("test.SpecNet", file));
        // hidden: kernel 3 x 5 at 0; output: kernel 5 x 2 at 15; 25 in all, and no bias constants.
        assertThat(constants).containsAtLeast("PARAMETERS", "25", "HIDDEN_KERNEL", "0", "OUTPUT_KERNEL", "15");
        assertThat(constants).doesNotContainKey("HIDDEN_BIAS");
        assertThat(constants).doesNotContainKey("OUTPUT_BIAS");
    }

    @Test
    void inTheDefaultPackage() {
        JavaFileObject file = JavaFileObjects.forSourceLines("Spec",
                "import dev.nnc.annotations.*;",
                "@Network(name = \"SpecNet\", inputs = 2)",
                "@Loss(LossType.MSE)",
                "@Optimizer(OptimizerType.SGD)",
                "interface Spec {",
                "    @Layer(units = 1) void output();",
                "}");
        String source = compileValid("SpecNet", file);
        assertThat(source).doesNotContain("package ");
    }

    @Test
    void asAStaticMemberOfAClass() {
        JavaFileObject file = JavaFileObjects.forSourceLines("test.Outer",
                "package test;",
                "import dev.nnc.annotations.*;",
                "class Outer {",
                "    @Network(name = \"OuterNet\", inputs = 2)",
                "    @Loss(LossType.BINARY_CROSS_ENTROPY)",
                "    @Optimizer(OptimizerType.ADAM)",
                "    interface Spec {",
                "        @Layer(units = 3) @Activation(ActivationType.TANH) void hidden();",
                "        @Layer(units = 1) @Activation(ActivationType.SIGMOID) void output();",
                "    }",
                "}");
        String source = compileValid("test.OuterNet", file);
        assertThat(source).contains("comments = \"from test.Outer.Spec\"");
    }

    @Test
    void asAMemberOfAnInterface() {
        JavaFileObject file = JavaFileObjects.forSourceLines("test.Specs",
                "package test;",
                "import dev.nnc.annotations.*;",
                "interface Specs {",
                "    @Network(name = \"MemberNet\", inputs = 2)",
                "    @Loss(LossType.MSE)",
                "    @Optimizer(OptimizerType.SGD)",
                "    interface Spec {",
                "        @Layer(units = 1) void output();",
                "    }",
                "}");
        compileValid("test.MemberNet", file);
    }

    @Test
    void nonLayerMembersAreLeftAlone() {
        // Constants, methods with a body, nested types and Object's methods declared again are the interface's own business.
        JavaFileObject file = spec()
                .members(
                        "int SIZE = 4;",
                        "String toString();",
                        "boolean equals(Object other);",
                        "int hashCode();",
                        "@Layer(units = 4) @Activation(ActivationType.TANH) void hidden();",
                        "static int twice(int x) { return 2 * x; }",
                        "interface Helper { void help(); }",
                        "default String describe() { return \"spec\"; }",
                        "@Layer(units = 1) void output();")
                .build();
        compileValid("test.SpecNet", file);
    }

    @Test
    void aLearningRateOfZero() {
        // Keras and PyTorch take 0 (a warm-up from 0, a decay to 0), and so does the runtime's setLearningRate.
        JavaFileObject file = spec().optimizer("@Optimizer(value = OptimizerType.SGD, learningRate = 0)").build();
        String source = compileValid("test.SpecNet", file);
        assertThat(source).contains("private double learning = 0.0;");
    }

    @ParameterizedTest
    @CsvSource({
            "FLOAT,  Model",
            "DOUBLE, DoubleModel"})
    void inEachPrecision(String precision, String implemented) {
        JavaFileObject file = spec()
                .network("@Network(name = \"SpecNet\", inputs = 2, seed = 7, precision = Precision." + precision + ")")
                .loss("@Loss(LossType.CATEGORICAL_CROSS_ENTROPY)")
                .members(
                        "@Layer(units = 4) @Activation(ActivationType.RELU) void hidden();",
                        "@Layer(units = 3) @Activation(ActivationType.SOFTMAX) void output();")
                .build();
        String source = compileValid("test.SpecNet", file);
        assertThat(source).contains("import dev.nnc.runtime." + implemented + ";");
        assertThat(source).contains("public final class SpecNet implements " + implemented + " {");
    }

    /** An output layer and the loss it is valid with. */
    enum Head {
        MSE("@Loss(LossType.MSE)", "@Layer(units = 2) void output();"),
        BCE_SIGMOID("@Loss(LossType.BINARY_CROSS_ENTROPY)", "@Layer(units = 1) @Activation(ActivationType.SIGMOID) void output();"),
        BCE_LOGITS("@Loss(value = LossType.BINARY_CROSS_ENTROPY, fromLogits = true)", "@Layer(units = 1) void output();"),
        CCE_SOFTMAX("@Loss(LossType.CATEGORICAL_CROSS_ENTROPY)", "@Layer(units = 3) @Activation(ActivationType.SOFTMAX) void output();"),
        CCE_LOGITS("@Loss(value = LossType.CATEGORICAL_CROSS_ENTROPY, fromLogits = true)", "@Layer(units = 3) void output();"),
        SPARSE_CCE_SOFTMAX("@Loss(LossType.SPARSE_CATEGORICAL_CROSS_ENTROPY)",
                "@Layer(units = 3) @Activation(ActivationType.SOFTMAX) void output();");

        final String loss;
        final String output;

        Head(String loss, String output) {
            this.loss = loss;
            this.output = output;
        }
    }

    enum Step {
        SGD("@Optimizer(OptimizerType.SGD)"),
        SGD_MOMENTUM("@Optimizer(value = OptimizerType.SGD, momentum = 0.9)"),
        SGD_NESTEROV("@Optimizer(value = OptimizerType.SGD, momentum = 0.9, nesterov = true)"),
        ADAM("@Optimizer(value = OptimizerType.ADAM, learningRate = 0.01)"),
        ADAM_WEIGHT_DECAY("@Optimizer(value = OptimizerType.ADAM, weightDecay = 1e-4)");

        final String optimizer;

        Step(String optimizer) {
            this.optimizer = optimizer;
        }
    }

    static Stream<Arguments> combinations() {
        Stream.Builder<Arguments> combinations = Stream.builder();
        for (String hidden : new String[] {"LINEAR", "SIGMOID", "TANH", "RELU", "LEAKY_RELU", "SOFTMAX"}) {
            for (Head head : Head.values()) {
                for (Step step : Step.values()) {
                    combinations.add(Arguments.of(hidden, head, step));
                }
            }
        }
        return combinations.build();
    }

    @ParameterizedTest(name = "{0} hidden, {1}, {2}")
    @MethodSource("combinations")
    void everyValidCombination(String hidden, Head head, Step step) {
        JavaFileObject file = spec()
                .network("@Network(name = \"SpecNet\", inputs = 3)")
                .loss(head.loss)
                .optimizer(step.optimizer)
                .members(
                        "@Layer(units = 4) @Activation(ActivationType." + hidden + ") void hidden();",
                        head.output)
                .build();
        compileValid("test.SpecNet", file);
    }
}
