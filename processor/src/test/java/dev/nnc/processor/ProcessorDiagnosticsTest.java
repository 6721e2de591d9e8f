package dev.nnc.processor;

import java.util.List;
import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.nnc.processor.SpecSource.LOSS_LINE;
import static dev.nnc.processor.SpecSource.NETWORK_LINE;
import static dev.nnc.processor.SpecSource.OPTIMIZER_LINE;
import static dev.nnc.processor.SpecSource.memberLine;
import static dev.nnc.processor.SpecSource.spec;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every mistake a spec can make is a compile error with its tag and words, in the spec's file, at
 * the line of the element that has it: the {@code @Network} annotation for the type and its
 * attributes, the {@code @Loss} or {@code @Optimizer} annotation for theirs, the layer's own line
 * for a layer. Where the error points at an attribute, the column is that of its value.
 *
 * <p>Most specs are built by {@link SpecSource}, whose fixed layout gives the line constants;
 * specs of another shape are written out in full.
 */
class ProcessorDiagnosticsTest {

    /** Compiles sources that hold mistakes: the compilation fails and the processor writes nothing. */
    private static Compilation compileWithErrors(JavaFileObject... sources) {
        RecordingProcessor processor = new RecordingProcessor();
        Compilation compilation = Javac.compile(processor, sources);
        assertThat(compilation).failed();
        assertWithMessage("sources the processor wrote").that(processor.createdSources()).isEmpty();
        return compilation;
    }

    /** The spec fails with exactly one error, {@code message}, on {@code line} of {@code file}. */
    private static void assertOnlyError(JavaFileObject file, String message, int line) {
        Compilation compilation = compileWithErrors(file);
        assertThat(compilation).hadErrorContaining(message).inFile(file).onLine(line);
        assertThat(compilation).hadErrorCount(1);
    }

    /** As {@link #assertOnlyError(JavaFileObject, String, int)}, at {@code column} of the line. */
    private static void assertOnlyError(JavaFileObject file, String message, int line, long column) {
        Compilation compilation = compileWithErrors(file);
        assertThat(compilation).hadErrorContaining(message).inFile(file).onLine(line).atColumn(column);
        assertThat(compilation).hadErrorCount(1);
    }

    @Nested
    class TheAnnotatedType {

        @Test
        void isAClass() {
            SpecSource source = spec()
                    .type("abstract class Spec")
                    .members("@Layer(units = 1) abstract void output();");
            JavaFileObject file = source.build();
            Compilation compilation = compileWithErrors(file);
            assertThat(compilation)
                    .hadErrorContaining("[nnc.not-interface] @Network must annotate an interface; 'Spec' is a class")
                    .inFile(file).onLine(NETWORK_LINE).atColumn(1);
            assertThat(compilation).hadErrorCount(1);
        }

        @Test
        void isAnEnum() {
            JavaFileObject file = spec()
                    .type("enum Spec")
                    .members("A;", "@Layer(units = 1) void output() {}")
                    .build();
            Compilation compilation = compileWithErrors(file);
            assertThat(compilation)
                    .hadErrorContaining("[nnc.not-interface] @Network must annotate an interface; 'Spec' is an enum")
                    .inFile(file).onLine(NETWORK_LINE);
            assertThat(compilation).hadErrorCount(1);
        }

        @Test
        void isGeneric() {
            JavaFileObject file = spec().type("interface Spec<T>").build();
            assertOnlyError(file, "[nnc.generic] network interface 'Spec' must not declare type parameters", NETWORK_LINE);
        }

        @Test
        void isAnInnerClass() {
            // A member interface is always static; only a member class can be inner.
            JavaFileObject file = JavaFileObjects.forSourceLines("test.Outer",
                    "package test;",                                           // 1
                    "import dev.nnc.annotations.*;",                           // 2
                    "class Outer {",                                           // 3
                    "    @Network(name = \"SpecNet\", inputs = 2)",            // 4
                    "    @Loss(LossType.MSE)",                                 // 5
                    "    @Optimizer(OptimizerType.ADAM)",                      // 6
                    "    abstract class Spec {",                               // 7
                    "        @Layer(units = 1) abstract void output();",       // 8
                    "    }",
                    "}");
            Compilation compilation = compileWithErrors(file);
            assertThat(compilation)
                    .hadErrorContaining("[nnc.inner] network interface 'Spec' must be top-level or a static member")
                    .inFile(file).onLine(4).atColumn(5);
            assertThat(compilation)
                    .hadErrorContaining("[nnc.not-interface] @Network must annotate an interface; 'Spec' is a class")
                    .inFile(file).onLine(4);
            assertThat(compilation).hadErrorCount(2);
        }
    }

    @Nested
    class TheNetwork {

        @Test
        void hasNoLayers() {
            JavaFileObject file = spec().members().build();
            assertOnlyError(file, "[nnc.no-layers] network 'Spec' has no layers: annotate its methods with @Layer(units = ...)", NETWORK_LINE);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -3})
        void hasInputsBelowOne(int inputs) {
            SpecSource source = spec().network("@Network(name = \"SpecNet\", inputs = " + inputs + ")");
            JavaFileObject file = source.build();
            assertOnlyError(file, "[nnc.inputs] @Network inputs must be at least 1, found " + inputs, NETWORK_LINE, source.column(NETWORK_LINE, inputs + ")"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"  ", "models\\spec.safetensors", "/models/"})
        void namesWeightsThatAreNoResource(String weights) {
            String written = weights.replace("\\", "\\\\");
            SpecSource source = spec().network("@Network(name = \"SpecNet\", inputs = 2, weights = \"" + written + "\")");
            JavaFileObject file = source.build();
            assertOnlyError(file, "[nnc.weights] @Network weights must name a classpath resource, such as \"/models/SpecNet.safetensors\":"
                    + " not blank, no backslash, not a directory; found \"" + weights + "\"", NETWORK_LINE,
                    source.column(NETWORK_LINE, "\"" + written + "\""));
        }

        /** 0 and "" stand for "none" only when left out; written, they are mistakes at their value. */
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "inputs = 2, timesteps = 0               | timesteps = 0 | inputs = 2, timesteps = 0, features = 0",
                "inputs = 2, features = 0                | features = 0  | inputs = 2, timesteps = 0, features = 0",
                "inputs = 0, timesteps = 5, features = 3 | inputs = 0    | inputs = 0, timesteps = 5, features = 3"})
        void writesZeroForTheOtherShape(String attributes, String attribute, String found) {
            SpecSource source = spec().network("@Network(name = \"SpecNet\", " + attributes + ")");
            JavaFileObject file = source.build();
            int column = source.column(NETWORK_LINE, attribute) + attribute.length() - 1; // the 0
            assertOnlyError(file, "[nnc.inputs] @Network takes inputs (a vector) or timesteps and features (a sequence), each at"
                    + " least 1, and nothing of the other shape, not even 0; found " + found, NETWORK_LINE, column);
        }

        @Test
        void writesNoWeights() {
            SpecSource source = spec().network("@Network(name = \"SpecNet\", inputs = 2, weights = \"\")");
            JavaFileObject file = source.build();
            assertOnlyError(file, "[nnc.weights] @Network weights must name a classpath resource, such as \"/models/SpecNet.safetensors\":"
                    + " not blank, no backslash, not a directory; found \"\"", NETWORK_LINE, source.column(NETWORK_LINE, "\"\")"));
        }

        @Test
        void namesWeightsForADoubleTwin() {
            SpecSource source = spec().network("@Network(name = \"SpecNet\", inputs = 2, precision = Precision.DOUBLE,"
                    + " weights = \"/w.safetensors\")");
            JavaFileObject file = source.build();
            assertOnlyError(file, "[nnc.weights] @Network weights load into the float model; a DOUBLE twin (SpecNet) is for"
                    + " verification and has no pretrained(): remove weights or precision", NETWORK_LINE,
                    source.column(NETWORK_LINE, "\"/w.safetensors\""));
        }

        @Test
        void declaresADoubleTwinThatOnlyPredicts() {
            SpecSource source = spec().network("@Network(name = \"SpecNet\", inputs = 2, precision = Precision.DOUBLE)").loss("")
                    .optimizer("");
            JavaFileObject file = source.build();
            assertOnlyError(file, "[nnc.precision] a DOUBLE twin (SpecNet) checks the float model's gradients and training, so it"
                    + " needs @Loss and @Optimizer; declare both or remove precision", NETWORK_LINE,
                    source.column(NETWORK_LINE, ".DOUBLE"));
        }

        @Test
        void namesWeightsTheBuildCannotSeeWithAWarning() {
            SpecSource source = spec().network("@Network(name = \"SpecNet\", inputs = 2, weights = \"/nowhere.safetensors\")");
            JavaFileObject file = source.build();
            Compilation compilation = Javac.compile(new RecordingProcessor(), file);
            assertThat(compilation).succeeded();
            assertThat(compilation).hadWarningContaining("[nnc.weights] @Network weights: no resource \"/nowhere.safetensors\" in"
                    + " the build's output or on its class path; SpecNet.pretrained() will throw NoSuchFileException unless it is on"
                    + " the class path at run time").inFile(file).onLine(NETWORK_LINE).atColumn(source.column(NETWORK_LINE,
                    "\"/nowhere.safetensors\""));
            assertThat(compilation).generatedSourceFile("test.SpecNet").contentsAsUtf8String()
                    .contains("public static SpecNet pretrained() throws IOException {");
        }

        @Test
        void hasNoLoss() {
            JavaFileObject file = spec().loss("").build();
            assertOnlyError(file, "[nnc.no-loss] network 'Spec' has an @Optimizer but no @Loss: add one, such as"
                    + " @Loss(LossType.MSE), or remove @Optimizer for a network that only predicts", NETWORK_LINE);
        }

        @Test
        void hasNoOptimizer() {
            JavaFileObject file = spec().optimizer("").build();
            assertOnlyError(file, "[nnc.no-optimizer] network 'Spec' has a @Loss but no @Optimizer: add one, such as"
                    + " @Optimizer(OptimizerType.ADAM), or remove @Loss for a network that only predicts", NETWORK_LINE);
        }

        @Test
        void hasNeitherLossNorOptimizerAndOnlyPredicts() throws java.io.IOException {
            JavaFileObject file = spec().loss("").optimizer("").build();
            Compilation compilation = Javac.compile(new RecordingProcessor(), file);
            assertThat(compilation).succeeded();
            assertWithMessage("the processor's diagnostics").that(compilation.diagnostics().stream()
                    .filter(d -> d.getMessage(null).contains("[nnc.")).toList()).isEmpty();
            // a Predictor, not a Model: no backward pass, no gradients, no optimizer state, no training calls
            String generated = compilation.generatedSourceFile("test.SpecNet").orElseThrow().getCharContent(true).toString();
            assertThat(generated).contains("public final class SpecNet implements Predictor {");
            for (String training : List.of("Model", "backward", "gradients", "state", "optimizer", "lossSum", "trainBatch", "deltaA")) {
                assertWithMessage("the predictor's source mentions %s", training).that(generated).doesNotContainMatch("\\b" + training + "\\b");
            }
        }
    }

    @Nested
    class TheClassName {

        @ParameterizedTest
        @ValueSource(strings = {"9Net", "my-net", "class", "my.Net", "var", ""})
        void isNotAValidIdentifier(String name) {
            SpecSource source = spec().network("@Network(name = \"" + name + "\", inputs = 2)");
            JavaFileObject file = source.build();
            assertOnlyError(file, "[nnc.class-name] @Network name '" + name + "' is not a valid Java identifier", NETWORK_LINE, source.column(NETWORK_LINE, "\"" + name + "\""));
        }

        @Test
        void isTheInterfacesOwnName() {
            SpecSource source = spec().network("@Network(name = \"Spec\", inputs = 2)");
            JavaFileObject file = source.build();
            Compilation compilation = compileWithErrors(file);
            assertThat(compilation)
                    .hadErrorContaining("[nnc.class-name] @Network name 'Spec' is the interface's own name; pick another, such as 'SpecNet'")
                    .inFile(file).onLine(NETWORK_LINE).atColumn(source.column(NETWORK_LINE, "\"Spec\""));
            assertThat(compilation).hadErrorCount(1);
        }

        @Test
        void isAlsoTheNameOfAnotherSpecInTheBuild() {
            JavaFileObject other = JavaFileObjects.forSourceLines("test.Other",
                    "package test;",
                    "import dev.nnc.annotations.*;",
                    "@Network(name = \"SpecNet\", inputs = 3)",
                    "@Loss(LossType.MSE)",
                    "@Optimizer(OptimizerType.SGD)",
                    "interface Other {",
                    "    @Layer(units = 1) void output();",
                    "}");
            SpecSource source = spec();
            JavaFileObject file = source.build();
            Compilation compilation = Javac.compile(other, file);
            assertThat(compilation).failed();
            // javac processes the files in order: Other claims SpecNet first, Spec is told which spec has it
            assertThat(compilation)
                    .hadErrorContaining("[nnc.class-name] @Network name 'SpecNet' is taken by test.Other, another spec of this build;"
                            + " give one of the two another name")
                    .inFile(file).onLine(NETWORK_LINE).atColumn(source.column(NETWORK_LINE, "\"SpecNet\""));
            assertThat(compilation).hadErrorCount(1);
        }

        @Test
        void isTheNameOfAnotherSpecWithMistakes() {
            // Other's mistake does not free its name: fixed, it would clash again
            JavaFileObject other = JavaFileObjects.forSourceLines("test.Other",
                    "package test;",
                    "import dev.nnc.annotations.*;",
                    "@Network(name = \"SpecNet\", inputs = 0)",
                    "interface Other {",
                    "    @Layer(units = 1) void output();",
                    "}");
            SpecSource source = spec();
            JavaFileObject file = source.build();
            Compilation compilation = compileWithErrors(other, file);
            assertThat(compilation).hadErrorContaining("[nnc.inputs]").inFile(other).onLine(3);
            assertThat(compilation).hadErrorContaining("[nnc.class-name] @Network name 'SpecNet' is taken by test.Other")
                    .inFile(file).onLine(NETWORK_LINE).atColumn(source.column(NETWORK_LINE, "\"SpecNet\""));
            assertThat(compilation).hadErrorCount(2);
        }

        /** A class of the package comes before java.lang: every file of the package would see the generated class. */
        @ParameterizedTest
        @ValueSource(strings = {"String", "Object", "Override", "Math", "Float", "Record"})
        void wouldHideAJavaLangType(String name) {
            SpecSource source = spec().network("@Network(name = \"" + name + "\", inputs = 2)");
            JavaFileObject file = source.build();
            assertOnlyError(file, "[nnc.class-name] @Network name '" + name + "' would hide java.lang." + name + " from every file"
                    + " of package 'test', where '" + name + "' would then mean the generated class; pick another, such as 'SpecNet'",
                    NETWORK_LINE, source.column(NETWORK_LINE, "\"" + name + "\""));
        }

        @ParameterizedTest
        @CsvSource({
                "List,        java.util.List",
                "Arrays,      java.util.Arrays",
                "Model,       dev.nnc.runtime.Model",
                "Checks,      dev.nnc.runtime.Checks",
                "FloatVector, jdk.incubator.vector.FloatVector",
                "Generated,   javax.annotation.processing.Generated"})
        void isTheNameOfATypeTheGeneratedClassUses(String name, String type) {
            SpecSource source = spec().network("@Network(name = \"" + name + "\", inputs = 2)");
            JavaFileObject file = source.build();
            assertOnlyError(file, "[nnc.class-name] @Network name '" + name + "' is the name of " + type + ", which the generated"
                    + " class uses: files of package 'test' that import it on demand would get the generated class instead; pick"
                    + " another, such as 'SpecNet'", NETWORK_LINE, source.column(NETWORK_LINE, "\"" + name + "\""));
        }

        @Test
        void isTheNameOfAClassNestedInTheGeneratedClass() {
            SpecSource source = spec().network("@Network(name = \"Kernels\", inputs = 2)");
            JavaFileObject file = source.build();
            assertOnlyError(file, "[nnc.class-name] @Network name 'Kernels' is the name of a class nested in the generated class, which"
                    + " a class may not share; pick another, such as 'SpecNet'", NETWORK_LINE, source.column(NETWORK_LINE, "\"Kernels\""));
        }

        /** The spec's file with {@code imports} before a spec named {@code name}. */
        private JavaFileObject specImporting(String name, String imports) {
            return JavaFileObjects.forSourceLines("test.Spec",
                    "package test;",                                               // 1
                    "import dev.nnc.annotations.*;",                               // 2
                    imports,                                                       // 3
                    "@Network(name = \"" + name + "\", inputs = 2)",               // 4
                    "@Loss(LossType.MSE)",
                    "@Optimizer(OptimizerType.ADAM)",
                    "interface Spec {",
                    "    @Layer(units = 1) void output();",
                    "}");
        }

        /** A class of the package comes before an import on demand, and shares its name with a type a single import brings. */
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "Layer    |                              | dev.nnc.annotations.Layer | import dev.nnc.annotations.*;",
                "LossType |                              | dev.nnc.annotations.LossType | import dev.nnc.annotations.*;",
                "Duration | import java.time.Duration;   | java.time.Duration        | import java.time.Duration;",
                "Entry    | import static java.util.Map.*; | java.util.Map.Entry     | import static java.util.Map.*;"})
        void clashesWithATypeItsFileImports(String name, String imports, String type, String declaration) {
            JavaFileObject file = specImporting(name, imports == null ? "" : imports);
            // the real javac environment: a test's RecordingProcessor wraps it, which hides the file's imports
            Compilation compilation = Javac.compile(file);
            assertThat(compilation).failed();
            assertThat(compilation).hadErrorContaining("[nnc.class-name] @Network name '" + name + "' clashes with " + type
                    + ", which this file imports (" + declaration + "); pick another, such as 'SpecNet'")
                    .inFile(file).onLine(4).atColumn(17);
            assertThat(compilation).hadErrorCount(1);
        }

        @Test
        void isLeftToJavacWhereTheFilesImportsCannotBeRead() {
            // RecordingProcessor wraps javac's environment, as Gradle's incremental processing does: javac's
            // tree API refuses it, and the processor goes on without the file's imports, as it would under ECJ
            RecordingProcessor processor = new RecordingProcessor();
            Compilation compilation = Javac.compile(processor, specImporting("Duration", "import java.time.Duration;"));
            assertThat(compilation).succeeded();
            assertThat(processor.createdSources()).containsExactly("test.Duration");
        }

        @Test
        void clashesWithATypeInThePackage() {
            JavaFileObject taken = JavaFileObjects.forSourceLines("test.Taken", "package test;", "class Taken {}");
            SpecSource source = spec().network("@Network(name = \"Taken\", inputs = 2)");
            JavaFileObject file = source.build();
            Compilation compilation = compileWithErrors(file, taken);
            assertThat(compilation)
                    .hadErrorContaining("[nnc.class-name] @Network name 'Taken' clashes with an existing type in package 'test'")
                    .inFile(file).onLine(NETWORK_LINE).atColumn(source.column(NETWORK_LINE, "\"Taken\""));
            assertThat(compilation).hadErrorCount(1);
        }
    }

    @Nested
    class ALayerMethod {

        private void assertOneErrorOnOutput(SpecSource source, String message) {
            JavaFileObject file = source.build();
            assertOnlyError(file, message, memberLine(1));
        }

        @Test
        void takesParameters() {
            assertOneErrorOnOutput(
                    spec().members(
                            "@Layer(units = 4) @Activation(ActivationType.TANH) void hidden();",
                            "@Layer(units = 1) void output(float[] x, int n);"),
                    "[nnc.layer-method] layer 'output': a layer method takes no parameters, found 2");
        }

        @Test
        void returnsAValue() {
            assertOneErrorOnOutput(
                    spec().members(
                            "@Layer(units = 4) @Activation(ActivationType.TANH) void hidden();",
                            "@Layer(units = 1) int output();"),
                    "[nnc.layer-method] layer 'output': a layer method returns void, found int");
        }

        @Test
        void isADefaultMethod() {
            assertOneErrorOnOutput(
                    spec().members(
                            "@Layer(units = 4) @Activation(ActivationType.TANH) void hidden();",
                            "@Layer(units = 1) default void output() {}"),
                    "[nnc.layer-method] layer 'output': a layer method is abstract, found a default method");
        }

        @Test
        void isAStaticMethod() {
            assertOneErrorOnOutput(
                    spec().members(
                            "@Layer(units = 4) @Activation(ActivationType.TANH) void hidden();",
                            "@Layer(units = 1) static void output() {}"),
                    "[nnc.layer-method] layer 'output': a layer method is abstract, found a static method");
        }

        @Test
        void isAPrivateMethod() {
            assertOneErrorOnOutput(
                    spec().members(
                            "@Layer(units = 4) @Activation(ActivationType.TANH) void hidden();",
                            "@Layer(units = 1) private void output() {}"),
                    "[nnc.layer-method] layer 'output': a layer method is abstract, found a private method");
        }

        @Test
        void isDeclaredInASuperinterface() {
            JavaFileObject base = JavaFileObjects.forSourceLines("test.Base",
                    "package test;",
                    "import dev.nnc.annotations.*;",
                    "interface Base {",
                    "    @Layer(units = 4) void hidden();",
                    "}");
            JavaFileObject file = spec()
                    .type("interface Spec extends Base")
                    .members("@Layer(units = 1) void output();")
                    .build();
            Compilation compilation = compileWithErrors(file, base);
            // The network that extends Base is the mistake, so the error is at its @Network.
            assertThat(compilation)
                    .hadErrorContaining("[nnc.layer-method] layer 'hidden' is declared in superinterface 'Base': "
                            + "declare every layer in the @Network interface itself, in order")
                    .inFile(file).onLine(NETWORK_LINE);
            assertThat(compilation).hadErrorCount(1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"predict", "layers", "parameters", "name"})
        void hasTheNameOfAMethodOfModel(String name) {
            JavaFileObject file = spec()
                    .members(
                            "@Layer(units = 4) @Activation(ActivationType.TANH) void " + name + "();",
                            "@Layer(units = 1) void output();")
                    .build();
            Compilation compilation = compileWithErrors(file);
            assertThat(compilation)
                    .hadErrorContaining("[nnc.layer-name] layer '" + name
                            + "': the name is reserved by the generated class (a member of Model); rename the method")
                    .inFile(file).onLine(memberLine(0));
            assertThat(compilation).hadErrorCount(1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"wait", "getClass", "hashCode", "notify", "finalize"})
        void hasTheNameOfAMethodOfObject(String name) {
            JavaFileObject file = spec()
                    .members(
                            "@Layer(units = 4) @Activation(ActivationType.TANH) void " + name + "();",
                            "@Layer(units = 1) void output();")
                    .build();
            assertOnlyError(file, "[nnc.layer-name] layer '" + name
                    + "': the name is reserved by the generated class (a method of java.lang.Object); rename the method", memberLine(0));
        }

        @Test
        void isNamedAfterAnObjectMethod() {
            // An interface may redeclare hashCode() only with Object's signature, so the layer also returns a value.
            JavaFileObject file = spec()
                    .members(
                            "@Layer(units = 4) @Activation(ActivationType.TANH) int hashCode();",
                            "@Layer(units = 1) void output();")
                    .build();
            Compilation compilation = compileWithErrors(file);
            assertThat(compilation)
                    .hadErrorContaining("[nnc.layer-name] layer 'hashCode': the name is reserved by the generated class (a method of java.lang.Object)")
                    .inFile(file).onLine(memberLine(0));
            assertThat(compilation)
                    .hadErrorContaining("[nnc.layer-method] layer 'hashCode': a layer method returns void, found int")
                    .inFile(file).onLine(memberLine(0));
            assertThat(compilation).hadErrorCount(2);
        }

        @Test
        void isDeclaredTwice() {
            // Overloads are the only way to write two methods of one name; the second is both mistakes.
            JavaFileObject file = spec()
                    .members(
                            "@Layer(units = 4) @Activation(ActivationType.TANH) void hidden();",
                            "@Layer(units = 1) void hidden(float[] x);")
                    .build();
            Compilation compilation = compileWithErrors(file);
            assertThat(compilation)
                    .hadErrorContaining("[nnc.layer-name] layer 'hidden' is declared more than once")
                    .inFile(file).onLine(memberLine(1));
            assertThat(compilation)
                    .hadErrorContaining("[nnc.layer-method] layer 'hidden': a layer method takes no parameters, found 1")
                    .inFile(file).onLine(memberLine(1));
            assertThat(compilation).hadErrorCount(2);
        }

        @Test
        void isAnAbstractMethodWithoutLayer() {
            // every abstract method of a spec declares a layer: one without @Layer is a layer forgotten
            SpecSource source = spec().members(
                    "@Layer(units = 4) @Activation(ActivationType.TANH) void hidden();",
                    "void middle();",
                    "@Layer(units = 1) void output();");
            JavaFileObject file = source.build();
            assertOnlyError(file, "[nnc.layer-method] method 'middle' of network 'Spec' has no @Layer: every abstract method of a"
                    + " network interface declares a layer; add @Layer(units = ...), or give the method a body if it is not a layer",
                    memberLine(1), source.column(memberLine(1), "middle"));
        }

        @Test
        void hasActivationButNoLayer() {
            SpecSource source = spec().members(
                    "@Layer(units = 4) @Activation(ActivationType.TANH) void hidden();",
                    "@Layer(units = 1) void output();",
                    "@Activation(ActivationType.RELU) void helper();");
            JavaFileObject file = source.build();
            assertOnlyError(file, "[nnc.activation] method 'helper' has @Activation but no @Layer", memberLine(2), source.column(memberLine(2), "@Activation"));
        }
    }

    /** An annotation that no spec reads is an error at it, not dropped without a word. */
    @Nested
    class AnAnnotationOutsideASpec {

        @Test
        void layerInAnInterfaceWithoutNetwork() {
            JavaFileObject file = JavaFileObjects.forSourceLines("test.Spec",
                    "package test;",                                                    // 1
                    "import dev.nnc.annotations.*;",                                    // 2
                    "interface Spec {",                                                 // 3
                    "    @Layer(units = 4) @Activation(ActivationType.TANH) void hidden();", // 4
                    "    @Activation(ActivationType.RELU) void other();",               // 5
                    "}");
            Compilation compilation = compileWithErrors(file);
            assertThat(compilation).hadErrorContaining("[nnc.no-network] @Layer on method 'hidden' does nothing: 'Spec' has no"
                    + " @Network; add @Network(name = ..., inputs = ...) to 'Spec', or remove @Layer").inFile(file).onLine(4).atColumn(5);
            assertThat(compilation).hadErrorContaining("[nnc.no-network] @Activation on method 'other' does nothing: 'Spec' has no"
                    + " @Network; add @Network(name = ..., inputs = ...) to 'Spec', or remove @Activation").inFile(file).onLine(5).atColumn(5);
            assertThat(compilation).hadErrorCount(2);
        }

        @Test
        void lossAndOptimizerOnAnInterfaceWithoutNetwork() {
            JavaFileObject file = JavaFileObjects.forSourceLines("test.Spec",
                    "package test;",                                 // 1
                    "import dev.nnc.annotations.*;",                 // 2
                    "@Loss(LossType.MSE)",                           // 3
                    "@Optimizer(OptimizerType.ADAM)",                // 4
                    "interface Spec {",
                    "}");
            Compilation compilation = compileWithErrors(file);
            assertThat(compilation).hadErrorContaining("[nnc.no-network] @Loss on 'Spec' does nothing: it has no @Network; add"
                    + " @Network(name = ..., inputs = ...), or remove @Loss").inFile(file).onLine(3).atColumn(1);
            assertThat(compilation).hadErrorContaining("[nnc.no-network] @Optimizer on 'Spec' does nothing: it has no @Network; add"
                    + " @Network(name = ..., inputs = ...), or remove @Optimizer").inFile(file).onLine(4).atColumn(1);
            assertThat(compilation).hadErrorCount(2);
        }

        @Test
        void layerInAnInterfaceNestedInASpec() {
            SpecSource source = spec().members(
                    "@Layer(units = 4) @Activation(ActivationType.TANH) void hidden();",
                    "@Layer(units = 1) void output();",
                    "interface Block { @Layer(units = 2) void inner(); }");
            JavaFileObject file = source.build();
            // the spec around it is valid and generated; the build fails on the orphan alone
            Compilation compilation = Javac.compile(file);
            assertThat(compilation).failed();
            assertThat(compilation).hadErrorContaining("[nnc.no-network] @Layer on method 'inner' does nothing: 'Block' has no @Network;"
                    + " add @Network(name = ..., inputs = ...) to 'Block', or remove @Layer")
                    .inFile(file).onLine(memberLine(2)).atColumn(source.column(memberLine(2), "@Layer"));
            assertThat(compilation).hadErrorCount(1);
        }

        @Test
        void leavesTheAnnotationsToOtherProcessors() {
            // process() claims nothing: a processor after it is still offered every nnc annotation
            Set<String> offered = new TreeSet<>();
            Processor after = new AbstractProcessor() {
                @Override
                public Set<String> getSupportedAnnotationTypes() {
                    return Set.of("dev.nnc.annotations.*");
                }

                @Override
                public SourceVersion getSupportedSourceVersion() {
                    return SourceVersion.latestSupported();
                }

                @Override
                public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
                    annotations.forEach(annotation -> offered.add(annotation.getSimpleName().toString()));
                    return false;
                }
            };
            Compilation compilation = Javac.compile(List.of(new NetworkProcessor(), after), spec().build());
            assertThat(compilation).succeeded();
            assertThat(offered).containsExactly("Activation", "Layer", "Loss", "Network", "Optimizer");
        }
    }

    @Nested
    class InitializersAndPenalties {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "initializer = @Initializer(value = InitializerType.GLOROT_UNIFORM, stddev = 0.1) | [nnc.initializer] layer 'hidden': stddev applies to RANDOM_NORMAL and TRUNCATED_NORMAL, not GLOROT_UNIFORM",
                "initializer = @Initializer(value = InitializerType.CONSTANT, gain = 2.0)         | [nnc.initializer] layer 'hidden': gain applies to ORTHOGONAL, not CONSTANT",
                "initializer = @Initializer(value = InitializerType.RANDOM_NORMAL, stddev = 0.0)  | [nnc.initializer] layer 'hidden': stddev must be a finite number greater than 0, found 0.0",
                "initializer = @Initializer(value = InitializerType.RANDOM_UNIFORM, minval = 0.5) | [nnc.initializer] layer 'hidden': maxval must be finite and greater than minval 0.5, found 0.05",
                "initializer = @Initializer(value = InitializerType.ORTHOGONAL, gain = -1.0)      | [nnc.initializer] layer 'hidden': gain must be a finite number greater than 0, found -1.0",
                "biasInitializer = @Initializer(InitializerType.ORTHOGONAL)                       | [nnc.initializer] layer 'hidden': ORTHOGONAL needs a kernel's two dimensions; a bias has one",
                "useBias = false, biasInitializer = @Initializer(InitializerType.ONES)            | [nnc.no-bias] layer 'hidden': biasInitializer is set but the layer has useBias = false",
                "kernelL2 = -0.1                                                                  | [nnc.penalty] layer 'hidden': kernelL2 must be a finite number at least 0, found -0.1",
                "useBias = false, biasL1 = 0.1                                                    | [nnc.no-bias] layer 'hidden': biasL1 is set but the layer has useBias = false"})
        void aMistakeIsReportedAtItsAttribute(String attributes, String message) {
            SpecSource source = spec().members(
                    "@Layer(units = 4, " + attributes + ") @Activation(ActivationType.TANH) void hidden();",
                    "@Layer(units = 1) void output();");
            JavaFileObject file = source.build();
            assertOnlyError(file, message, memberLine(0));
        }
    }

    @Nested
    class DropoutAndNormalisation {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "kind = LayerKind.DROPOUT                            | [nnc.layer-setting] layer 'middle': DROPOUT needs a rate in [0, 1), such as rate = 0.2",
                "kind = LayerKind.DROPOUT, rate = 1.0                | [nnc.layer-setting] layer 'middle': rate must be in [0, 1), found 1.0",
                "kind = LayerKind.DROPOUT, rate = Double.NaN         | [nnc.layer-setting] layer 'middle': rate must be in [0, 1), found NaN",
                "kind = LayerKind.DROPOUT, rate = 0.5, units = 4     | [nnc.layer-setting] layer 'middle': units applies to DENSE, GRU, LSTM and SIMPLE_RNN layers, not DROPOUT",
                "kind = LayerKind.LAYER_NORM, momentum = 0.9         | [nnc.layer-setting] layer 'middle': momentum applies to BATCH_NORM layers, not LAYER_NORM",
                "kind = LayerKind.BATCH_NORM, momentum = 1.0         | [nnc.layer-setting] layer 'middle': momentum must be in [0, 1), found 1.0",
                "kind = LayerKind.BATCH_NORM, epsilon = 0.0          | [nnc.layer-setting] layer 'middle': epsilon must be a finite number greater than 0, found 0.0",
                "kind = LayerKind.BATCH_NORM, kernelL2 = 0.1         | [nnc.layer-setting] layer 'middle': kernelL2 applies to DENSE, GRU, LSTM and SIMPLE_RNN layers, not BATCH_NORM",
                "kind = LayerKind.DENSE, units = 3, center = false   | [nnc.layer-setting] layer 'middle': center applies to BATCH_NORM and LAYER_NORM layers, not DENSE",
                "kind = LayerKind.FLATTEN, units = 4                 | [nnc.layer-setting] layer 'middle': units applies to DENSE, GRU, LSTM and SIMPLE_RNN layers, not FLATTEN",
                "kind = LayerKind.DENSE                              | [nnc.units] layer 'middle': units must be at least 1, found 0"})
        void aMistakeIsReportedAtTheLayer(String attributes, String message) {
            SpecSource source = spec().members(
                    "@Layer(units = 4) @Activation(ActivationType.TANH) void hidden();",
                    "@Layer(" + attributes + ") void middle();",
                    "@Layer(units = 1) void output();");
            JavaFileObject file = source.build();
            assertOnlyError(file, message, memberLine(1));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"kind = LayerKind.DROPOUT, rate = 0.2 | DROPOUT", "kind = LayerKind.FLATTEN | FLATTEN"})
        void aLayerThatOnlyMovesValuesTakesNoActivation(String attributes, String kind) {
            SpecSource source = spec().members(
                    "@Layer(units = 4) void hidden();",
                    "@Layer(" + attributes + ") @Activation(ActivationType.RELU) void drop();",
                    "@Layer(units = 1) void output();");
            JavaFileObject file = source.build();
            Compilation compilation = compileWithErrors(file);
            assertThat(compilation)
                    .hadErrorContaining("[nnc.activation] layer 'drop': a " + kind + " layer takes no @Activation; put it on the layer before")
                    .inFile(file).onLine(memberLine(1)).atColumn(source.column(memberLine(1), "@Activation"));
            assertThat(compilation).hadErrorCount(1);
        }

        @Test
        void preluLearnsItsSlopesOnDenseLayersOnly() {
            SpecSource source = spec().members(
                    "@Layer(units = 4) void hidden();",
                    "@Layer(kind = LayerKind.LAYER_NORM) @Activation(ActivationType.PRELU) void norm();",
                    "@Layer(units = 1) void output();");
            JavaFileObject file = source.build();
            assertOnlyError(file, "[nnc.activation] layer 'norm': PRELU learns its slopes on DENSE layers only, not on LAYER_NORM", memberLine(1));
        }
    }

    @Nested
    class Sequences {

        private static final String SEQUENCE = "@Network(name = \"SpecNet\", timesteps = 5, features = 3)";

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "@Network(name = \"SpecNet\")                                  | [nnc.inputs] @Network inputs must be at least 1, found 0",
                "@Network(name = \"SpecNet\", timesteps = 5)                   | [nnc.inputs] @Network takes inputs (a vector) or timesteps and features (a sequence), each at least 1, and nothing of the other shape, not even 0; found inputs = 0, timesteps = 5, features = 0",
                "@Network(name = \"SpecNet\", inputs = 3, timesteps = 5, features = 3) | [nnc.inputs] @Network takes inputs (a vector) or timesteps and features (a sequence), each at least 1, and nothing of the other shape, not even 0; found inputs = 3, timesteps = 5, features = 3"})
        void theInputShapeIsAVectorOrASequence(String network, String message) {
            JavaFileObject file = spec().network(network).build();
            assertOnlyError(file, message, NETWORK_LINE);
        }

        @Test
        void aRecurrentLayerOnAVectorIsAnErrorAtTheLayer() {
            JavaFileObject file = spec().members(
                    "@Layer(units = 4) void hidden();",
                    "@Layer(kind = LayerKind.LSTM, units = 4) void lstm();",
                    "@Layer(units = 1) void output();").build();
            Compilation compilation = compileWithErrors(file);
            assertThat(compilation).hadErrorContaining("[nnc.layer-shape] layer 'lstm': LSTM takes a sequence, but layer 'hidden' has no"
                    + " time axis; give the network timesteps and features, or returnSequences = true to the recurrent layer before")
                    .inFile(file).onLine(memberLine(1));
            assertThat(compilation).hadErrorCount(1);
        }

        @Test
        void aRecurrentLayerAfterOneThatReturnsItsLastStepIsAnError() {
            JavaFileObject file = spec().network(SEQUENCE).members(
                    "@Layer(kind = LayerKind.GRU, units = 4) void first();",
                    "@Layer(kind = LayerKind.SIMPLE_RNN, units = 4) void second();",
                    "@Layer(units = 1) void output();").build();
            assertOnlyError(file, "[nnc.layer-shape] layer 'second': SIMPLE_RNN takes a sequence, but layer 'first'"
                    + " has no time axis", memberLine(1));
        }

        @Test
        void aLossOverWholeRowsNeedsAnOutputWithoutATimeAxis() {
            JavaFileObject file = spec().network(SEQUENCE)
                    .loss("@Loss(LossType.CATEGORICAL_CROSS_ENTROPY)")
                    .members(
                            "@Layer(kind = LayerKind.LSTM, units = 4, returnSequences = true) void lstm();",
                            "@Layer(units = 3) @Activation(ActivationType.SOFTMAX) void output();").build();
            Compilation compilation = compileWithErrors(file);
            assertThat(compilation).hadErrorContaining("[nnc.loss-output] CATEGORICAL_CROSS_ENTROPY takes one row of outputs per sample,"
                    + " but output layer 'output' gives a sequence; set returnSequences = false on the last recurrent layer")
                    .inFile(file).onLine(LOSS_LINE);
            assertThat(compilation).hadErrorCount(1);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "@Layer(kind = LayerKind.LSTM, units = 4) @Activation(ActivationType.GELU) void lstm(); | [nnc.activation] layer 'lstm': LSTM's activation must be one whose derivative follows from its output (LINEAR, SIGMOID, HARD_SIGMOID, TANH, RELU, RELU6, LEAKY_RELU), found GELU",
                "@Layer(kind = LayerKind.GRU, units = 4, recurrentActivation = ActivationType.SWISH) void lstm(); | [nnc.activation] layer 'lstm': GRU's recurrentActivation must be one whose derivative follows from its output (LINEAR, SIGMOID, HARD_SIGMOID, TANH, RELU, RELU6, LEAKY_RELU), found SWISH",
                "@Layer(kind = LayerKind.SIMPLE_RNN, units = 4, unitForgetBias = false) void lstm(); | [nnc.layer-setting] layer 'lstm': unitForgetBias applies to LSTM layers, not SIMPLE_RNN",
                "@Layer(units = 4, returnSequences = true) void lstm(); | [nnc.layer-setting] layer 'lstm': returnSequences applies to GRU, LSTM and SIMPLE_RNN layers, not DENSE",
                "@Layer(kind = LayerKind.LSTM, units = 4, recurrentDropout = 1.0) void lstm(); | [nnc.layer-setting] layer 'lstm': recurrentDropout must be in [0, 1), found 1.0",
                "@Layer(units = 4, dropout = 0.2) void lstm(); | [nnc.layer-setting] layer 'lstm': dropout applies to GRU, LSTM and SIMPLE_RNN layers, not DENSE",
                "@Layer(kind = LayerKind.LSTM, units = 4, resetAfter = false) void lstm(); | [nnc.layer-setting] layer 'lstm': resetAfter applies to GRU layers, not LSTM"})
        void recurrentSettings(String layer, String message) {
            JavaFileObject file = spec().network(SEQUENCE).members(layer, "@Layer(units = 1) void output();").build();
            assertOnlyError(file, message, memberLine(0));
        }
    }

    @Nested
    class Sizes {

        @Test
        void unitsZero() {
            SpecSource source = spec().members(
                    "@Layer(units = 0) @Activation(ActivationType.TANH) void hidden();",
                    "@Layer(units = 1) void output();");
            JavaFileObject file = source.build();
            assertOnlyError(file, "[nnc.units] layer 'hidden': units must be at least 1, found 0", memberLine(0), source.column(memberLine(0), "0)"));
        }

        @Test
        void parametersOverflowAJavaArray() {
            // 100000 * 100000 + 100000 parameters in the first layer alone; reported once, there.
            SpecSource source = spec()
                    .network("@Network(name = \"SpecNet\", inputs = 100000)")
                    .optimizer("@Optimizer(OptimizerType.SGD)")
                    .members(
                            "@Layer(units = 100000) @Activation(ActivationType.TANH) void hidden();",
                            "@Layer(units = 100000) void output();");
            JavaFileObject file = source.build();
            Compilation compilation = compileWithErrors(file);
            assertThat(compilation)
                    .hadErrorContaining("[nnc.size] layer 'hidden': the network would need 10000100000 parameters, "
                            + "more than a Java array holds (2147483639); make the layers smaller")
                    .inFile(file).onLine(memberLine(0)).atColumn(source.column(memberLine(0), "100000)"));
            assertThat(compilation).hadErrorCount(1);
        }

        @Test
        void adamStateOverflowsAJavaArray() {
            // 40000 * 40000 + 40000 = 1600040000 parameters fit in an array; Adam's m and v, twice that, do not.
            SpecSource source = spec()
                    .network("@Network(name = \"SpecNet\", inputs = 40000)")
                    .optimizer("@Optimizer(OptimizerType.ADAM)")
                    .members("@Layer(units = 40000) void output();");
            JavaFileObject file = source.build();
            Compilation compilation = compileWithErrors(file);
            assertThat(compilation)
                    .hadErrorContaining("[nnc.size] layer 'output': the network would need 3200080000 optimizer state values, "
                            + "more than a Java array holds (2147483639); make the layers smaller")
                    .inFile(file).onLine(memberLine(0)).atColumn(source.column(memberLine(0), "40000)"));
            assertThat(compilation).hadErrorCount(1);
        }
    }

    @Nested
    class Activations {

        @ParameterizedTest
        @ValueSource(strings = {"SOFTMAX", "LOG_SOFTMAX"})
        void rowWiseActivationWithOneUnit(String activation) {
            SpecSource source = spec().members(
                    "@Layer(units = 4) @Activation(ActivationType.TANH) void hidden();",
                    "@Layer(units = 1) @Activation(ActivationType." + activation + ") void output();");
            JavaFileObject file = source.build();
            assertOnlyError(file, "[nnc.softmax] layer 'output': " + activation + " needs at least 2 units, found 1", memberLine(1), source.column(memberLine(1), "@Activation"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"RELU", "TANH", "ELU", "SWISH", "MISH"})
        void approximateOnAnActivationOtherThanGelu(String activation) {
            SpecSource source = spec().members(
                    "@Layer(units = 4) @Activation(value = ActivationType." + activation + ", approximate = true) void hidden();",
                    "@Layer(units = 1) void output();");
            JavaFileObject file = source.build();
            assertOnlyError(file, "[nnc.approximate] layer 'hidden': approximate applies only to GELU, not " + activation, memberLine(0), source.column(memberLine(0), "true"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"LINEAR", "SIGMOID", "TANH", "RELU", "SOFTMAX", "SELU", "GELU", "SOFTPLUS"})
        void alphaOnAnActivationWithoutOne(String activation) {
            SpecSource source = spec().members(
                    "@Layer(units = 4) @Activation(value = ActivationType." + activation + ", alpha = 0.1) void hidden();",
                    "@Layer(units = 1) void output();");
            JavaFileObject file = source.build();
            Compilation compilation = compileWithErrors(file);
            assertThat(compilation)
                    .hadErrorContaining("[nnc.alpha] layer 'hidden': " + activation
                            + " takes no alpha; alpha is LEAKY_RELU's negative slope, ELU's scale or PRELU's initial slope")
                    .inFile(file).onLine(memberLine(0)).atColumn(source.column(memberLine(0), "0.1"));
            assertThat(compilation).hadErrorCount(1);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "-0.1                     | -0.1",
                "Double.POSITIVE_INFINITY | Infinity",
                "Double.NaN               | NaN"})
        void alphaNotFiniteAndAtLeastZero(String alpha, String shown) {
            for (String activation : List.of("LEAKY_RELU", "ELU", "PRELU")) {
                JavaFileObject file = spec()
                        .members(
                                "@Layer(units = 4) @Activation(value = ActivationType." + activation + ", alpha = " + alpha + ") void hidden();",
                                "@Layer(units = 1) void output();")
                        .build();
                assertOnlyError(file, "[nnc.alpha] layer 'hidden': " + activation + " alpha must be a finite number at least 0, found " + shown, memberLine(0));
            }
        }
    }

    @Nested
    class TheLoss {

        @ParameterizedTest
        @ValueSource(strings = {"RELU", "TANH", "LINEAR", "SOFTMAX"})
        void binaryCrossEntropyWithoutASigmoidOutput(String activation) {
            SpecSource source = spec()
                    .loss("@Loss(LossType.BINARY_CROSS_ENTROPY)")
                    .members(
                            "@Layer(units = 4) @Activation(ActivationType.TANH) void hidden();",
                            "@Layer(units = 2) @Activation(ActivationType." + activation + ") void output();");
            JavaFileObject file = source.build();
            Compilation compilation = compileWithErrors(file);
            assertThat(compilation)
                    .hadErrorContaining("[nnc.loss-output] BINARY_CROSS_ENTROPY needs a SIGMOID output, or a LINEAR one "
                            + "with fromLogits = true; output layer 'output' is " + activation)
                    .inFile(file).onLine(LOSS_LINE).atColumn(1);
            assertThat(compilation).hadErrorCount(1);
        }

        @Test
        void binaryCrossEntropyFromLogitsOnASigmoidOutput() {
            JavaFileObject file = spec()
                    .loss("@Loss(value = LossType.BINARY_CROSS_ENTROPY, fromLogits = true)")
                    .members(
                            "@Layer(units = 4) @Activation(ActivationType.TANH) void hidden();",
                            "@Layer(units = 1) @Activation(ActivationType.SIGMOID) void output();")
                    .build();
            Compilation compilation = compileWithErrors(file);
            assertThat(compilation)
                    .hadErrorContaining("[nnc.loss-output] BINARY_CROSS_ENTROPY needs a SIGMOID output, or a LINEAR one "
                            + "with fromLogits = true; output layer 'output' is SIGMOID")
                    .inFile(file).onLine(LOSS_LINE);
            assertThat(compilation).hadErrorCount(1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"LINEAR", "SIGMOID", "RELU"})
        void categoricalCrossEntropyWithoutASoftmaxOutput(String activation) {
            JavaFileObject file = spec()
                    .loss("@Loss(LossType.CATEGORICAL_CROSS_ENTROPY)")
                    .members(
                            "@Layer(units = 4) @Activation(ActivationType.TANH) void hidden();",
                            "@Layer(units = 3) @Activation(ActivationType." + activation + ") void output();")
                    .build();
            Compilation compilation = compileWithErrors(file);
            assertThat(compilation)
                    .hadErrorContaining("[nnc.loss-output] CATEGORICAL_CROSS_ENTROPY needs a SOFTMAX or LOG_SOFTMAX output, or a LINEAR one "
                            + "with fromLogits = true; output layer 'output' is " + activation)
                    .inFile(file).onLine(LOSS_LINE);
            assertThat(compilation).hadErrorCount(1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"SOFTMAX", "LOG_SOFTMAX"})
        void categoricalCrossEntropyFromLogitsOnANormalisedOutput(String activation) {
            JavaFileObject file = spec()
                    .loss("@Loss(value = LossType.CATEGORICAL_CROSS_ENTROPY, fromLogits = true)")
                    .members(
                            "@Layer(units = 4) @Activation(ActivationType.TANH) void hidden();",
                            "@Layer(units = 3) @Activation(ActivationType." + activation + ") void output();")
                    .build();
            Compilation compilation = compileWithErrors(file);
            assertThat(compilation)
                    .hadErrorContaining("[nnc.loss-output] CATEGORICAL_CROSS_ENTROPY needs a SOFTMAX or LOG_SOFTMAX output, or a LINEAR one "
                            + "with fromLogits = true; output layer 'output' is " + activation)
                    .inFile(file).onLine(LOSS_LINE);
            assertThat(compilation).hadErrorCount(1);
        }

        @Test
        void categoricalCrossEntropyFromLogitsWithOneUnit() {
            JavaFileObject file = spec()
                    .loss("@Loss(value = LossType.CATEGORICAL_CROSS_ENTROPY, fromLogits = true)")
                    .members(
                            "@Layer(units = 4) @Activation(ActivationType.TANH) void hidden();",
                            "@Layer(units = 1) void output();")
                    .build();
            Compilation compilation = compileWithErrors(file);
            assertThat(compilation)
                    .hadErrorContaining("[nnc.loss-output] CATEGORICAL_CROSS_ENTROPY needs at least 2 output units; "
                            + "output layer 'output' has 1")
                    .inFile(file).onLine(LOSS_LINE);
            assertThat(compilation).hadErrorCount(1);
        }

        @Test
        void sparseCategoricalCrossEntropyOnASigmoidOutput() {
            JavaFileObject file = spec()
                    .loss("@Loss(LossType.SPARSE_CATEGORICAL_CROSS_ENTROPY)")
                    .members(
                            "@Layer(units = 4) @Activation(ActivationType.TANH) void hidden();",
                            "@Layer(units = 3) @Activation(ActivationType.SIGMOID) void output();")
                    .build();
            Compilation compilation = compileWithErrors(file);
            assertThat(compilation)
                    .hadErrorContaining("[nnc.loss-output] SPARSE_CATEGORICAL_CROSS_ENTROPY needs a SOFTMAX or LOG_SOFTMAX output, or a"
                            + " LINEAR one with fromLogits = true; output layer 'output' is SIGMOID")
                    .inFile(file).onLine(LOSS_LINE);
            assertThat(compilation).hadErrorCount(1);
        }

        @Test
        void sparseCategoricalCrossEntropyOnOneUnit() {
            JavaFileObject file = spec()
                    .loss("@Loss(value = LossType.SPARSE_CATEGORICAL_CROSS_ENTROPY, fromLogits = true)")
                    .members(
                            "@Layer(units = 4) @Activation(ActivationType.TANH) void hidden();",
                            "@Layer(units = 1) void output();")
                    .build();
            Compilation compilation = compileWithErrors(file);
            assertThat(compilation)
                    .hadErrorContaining("[nnc.loss-output] SPARSE_CATEGORICAL_CROSS_ENTROPY needs at least 2 output units; "
                            + "output layer 'output' has 1")
                    .inFile(file).onLine(LOSS_LINE);
            assertThat(compilation).hadErrorCount(1);
        }

        @Test
        void categoricalCrossEntropyOnASoftmaxOfOneUnitIsTheSoftmaxMistake() {
            // One mistake, one error: the softmax's, at the layer, and no second one at the loss.
            JavaFileObject file = spec()
                    .loss("@Loss(LossType.CATEGORICAL_CROSS_ENTROPY)")
                    .members(
                            "@Layer(units = 4) @Activation(ActivationType.TANH) void hidden();",
                            "@Layer(units = 1) @Activation(ActivationType.SOFTMAX) void output();")
                    .build();
            assertOnlyError(file, "[nnc.softmax] layer 'output': SOFTMAX needs at least 2 units, found 1", memberLine(1));
        }

        @Test
        void fromLogitsOnMeanSquaredError() {
            SpecSource source = spec().loss("@Loss(value = LossType.MSE, fromLogits = true)");
            JavaFileObject file = source.build();
            assertOnlyError(file, "[nnc.from-logits] fromLogits applies only to the cross-entropy and focal losses, not MSE", LOSS_LINE, source.column(LOSS_LINE, "true"));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "HINGE         | SOFTMAX | HINGE needs a LINEAR or TANH output (a score); output layer 'output' is SOFTMAX",
                "SQUARED_HINGE | SIGMOID | SQUARED_HINGE needs a LINEAR or TANH output (a score); output layer 'output' is SIGMOID",
                "KL_DIVERGENCE | LINEAR  | KL_DIVERGENCE needs a SOFTMAX or SIGMOID output (probabilities); output layer 'output' is LINEAR",
                "POISSON       | TANH    | POISSON needs an output that is never negative (SOFTPLUS, RELU, RELU6, SIGMOID, HARD_SIGMOID or SOFTMAX); output layer 'output' is TANH",
                "BINARY_FOCAL  | RELU    | BINARY_FOCAL needs a SIGMOID output, or a LINEAR one with fromLogits = true; output layer 'output' is RELU"})
        void aLossOnAnOutputItDoesNotFit(String loss, String activation, String message) {
            JavaFileObject file = spec()
                    .loss("@Loss(LossType." + loss + ")")
                    .members(
                            "@Layer(units = 4) @Activation(ActivationType.TANH) void hidden();",
                            "@Layer(units = 3) @Activation(ActivationType." + activation + ") void output();")
                    .build();
            assertOnlyError(file, "[nnc.loss-output] " + message, LOSS_LINE);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "MSE, delta = 0.5          | 0.5  | delta applies only to HUBER, not MSE",
                "MAE, quantile = 0.9       | 0.9  | quantile applies only to QUANTILE, not MAE",
                "HUBER, gamma = 3.0        | 3.0  | gamma applies only to BINARY_FOCAL, not HUBER",
                "HUBER, delta = 0.0        | 0.0  | delta must be a finite number greater than 0, found 0.0",
                "QUANTILE, quantile = 1.0  | 1.0  | quantile must be in (0, 1), found 1.0",
                "BINARY_FOCAL, gamma = -1.0 | -1.0 | gamma must be a finite number at least 0, found -1.0",
                "BINARY_FOCAL, alpha = 1.5 | 1.5  | alpha must be in [0, 1], found 1.5",
                "BINARY_FOCAL, alpha = Double.NaN | .NaN | alpha must be in [0, 1], found NaN"})
        void aLossSettingOutOfPlaceOrRange(String loss, String value, String message) {
            String[] parts = loss.split(", ");
            boolean focal = parts[0].equals("BINARY_FOCAL");
            SpecSource source = spec()
                    .loss("@Loss(value = LossType." + parts[0] + ", " + parts[1] + ")")
                    .members(
                            "@Layer(units = 4) @Activation(ActivationType.TANH) void hidden();",
                            "@Layer(units = 3) @Activation(ActivationType." + (focal ? "SIGMOID" : "LINEAR") + ") void output();");
            JavaFileObject file = source.build();
            assertOnlyError(file, "[nnc.loss-setting] " + message, LOSS_LINE, source.column(LOSS_LINE, value));
        }
    }

    @Nested
    class TheOptimizer {

        private void assertOneOptimizerError(String optimizer, String message, String value) {
            SpecSource source = spec().optimizer(optimizer);
            JavaFileObject file = source.build();
            assertOnlyError(file, message, OPTIMIZER_LINE, source.column(OPTIMIZER_LINE, value));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "ADAM, momentum = 0.9         | 0.9  | momentum is read only by RMSPROP, SGD, not ADAM",
                "SGD, beta1 = 0.8             | 0.8  | beta1 is read only by ADAM, ADAMAX, ADAMW, LION, NADAM, not SGD",
                "ADAM, rho = 0.9              | 0.9  | rho is read only by RMSPROP, not ADAM",
                "SGD, amsgrad = true          | true | amsgrad is read only by ADAM, ADAMW, not SGD",
                "LION, epsilon = 1e-6         | 1e-6 | epsilon is read only by ADAGRAD, ADAM, ADAMAX, ADAMW, NADAM, RMSPROP, not LION",
                "ADAM, momentumDecay = 0.01   | 0.01 | momentumDecay is read only by NADAM, not ADAM"})
        void aSettingTheOptimizerDoesNotRead(String optimizer, String value, String message) {
            String[] parts = optimizer.split(", ");
            assertOneOptimizerError("@Optimizer(value = OptimizerType." + parts[0] + ", " + parts[1] + ")",
                    "[nnc.optimizer-setting] " + message, value);
        }

        @Test
        void clipNormAndClipValueTogether() {
            assertOneOptimizerError("@Optimizer(value = OptimizerType.ADAM, clipNorm = 1.0, clipValue = 0.5)",
                    "[nnc.optimizer-setting] set one of clipNorm and clipValue, not both (as Keras)", "0.5");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"clipNorm | -1.0", "clipValue | 0.0"})
        void clippingThresholdNotPositive(String setting, String value) {
            assertOneOptimizerError("@Optimizer(value = OptimizerType.ADAM, " + setting + " = " + value + ")",
                    "[nnc.optimizer-range] " + setting + " must be a finite number greater than 0, found " + value, value);
        }

        /** {@code at} is where javac places an error at the value: a literal's start, a field access's dot, an operator. */
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "-0.01                    | -0.01    | -0.01",
                "-Double.MIN_VALUE        | -4.9E-324 | -",
                "Double.POSITIVE_INFINITY | Infinity | .POSITIVE_INFINITY",
                "1.0 / 0.0                | Infinity | /",
                "Double.NaN               | NaN      | .NaN"})
        void learningRateNegativeOrNotFinite(String learningRate, String shown, String at) {
            assertOneOptimizerError(
                    "@Optimizer(value = OptimizerType.SGD, learningRate = " + learningRate + ")",
                    "[nnc.learning-rate] learningRate must be a finite number at least 0, found " + shown,
                    at);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "1.0  | 1.0",
                "-0.1 | -0.1"})
        void momentumOutsideZeroToOne(String momentum, String shown) {
            assertOneOptimizerError(
                    "@Optimizer(value = OptimizerType.SGD, momentum = " + momentum + ")",
                    "[nnc.optimizer-range] momentum must be in [0, 1), found " + shown,
                    momentum + ")");
        }

        /** The annotation writes these defaults as NaN; only leaving a setting out means its default, so a NaN written is refused. */
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "beta2       | [nnc.optimizer-range] beta2 must be in [0, 1), found NaN",
                "epsilon     | [nnc.optimizer-range] epsilon must be a finite number greater than 0, found NaN",
                "weightDecay | [nnc.optimizer-range] weightDecay must be a finite number at least 0, found NaN"})
        void aSettingWhoseDefaultIsWrittenAsNaNWrittenAsNaN(String setting, String message) {
            assertOneOptimizerError("@Optimizer(value = OptimizerType.ADAM, " + setting + " = Double.NaN)", message, ".NaN");
        }

        @Test
        void aNaNForASettingTheOptimizerDoesNotReadIsOneMistake() {
            assertOneOptimizerError("@Optimizer(value = OptimizerType.SGD, beta2 = Double.NaN)",
                    "[nnc.optimizer-setting] beta2 is read only by ADAM, ADAMAX, ADAMW, LION, NADAM, not SGD", ".NaN");
        }

        @Test
        void beta1One() {
            assertOneOptimizerError(
                    "@Optimizer(value = OptimizerType.ADAM, beta1 = 1.0)",
                    "[nnc.optimizer-range] beta1 must be in [0, 1), found 1.0",
                    "1.0)");
        }

        @Test
        void beta2Negative() {
            assertOneOptimizerError(
                    "@Optimizer(value = OptimizerType.ADAM, beta2 = -0.5)",
                    "[nnc.optimizer-range] beta2 must be in [0, 1), found -0.5",
                    "-0.5");
        }

        @Test
        void epsilonZero() {
            assertOneOptimizerError(
                    "@Optimizer(value = OptimizerType.ADAM, epsilon = 0)",
                    "[nnc.optimizer-range] epsilon must be a finite number greater than 0, found 0.0",
                    "0)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"SGD", "ADAM"})
        void weightDecayNegative(String optimizer) {
            assertOneOptimizerError(
                    "@Optimizer(value = OptimizerType." + optimizer + ", weightDecay = -0.01)",
                    "[nnc.optimizer-range] weightDecay must be a finite number at least 0, found -0.01",
                    "-0.01");
        }

        @Test
        void nesterovWithoutMomentum() {
            assertOneOptimizerError(
                    "@Optimizer(value = OptimizerType.SGD, nesterov = true)",
                    "[nnc.nesterov] nesterov = true needs a momentum greater than 0",
                    "true");
        }

        @Test
        void errorIsOnTheLineOfTheValueInAnAnnotationOverSeveralLines() {
            JavaFileObject file = JavaFileObjects.forSourceLines("test.Spec",
                    "package test;",                                       // 1
                    "import dev.nnc.annotations.*;",                       // 2
                    "@Network(name = \"SpecNet\", inputs = 2)",            // 3
                    "@Loss(LossType.MSE)",                                 // 4
                    "@Optimizer(",                                         // 5
                    "        value = OptimizerType.SGD,",                  // 6
                    "        momentum = 0.9,",                             // 7
                    "        learningRate = -1)",                          // 8
                    "interface Spec {",
                    "    @Layer(units = 1) void output();",
                    "}");
            assertOnlyError(file, "[nnc.learning-rate] learningRate must be a finite number at least 0, found -1.0", 8, 24);
        }
    }

    /** One spec with five mistakes of different kinds: one compilation reports each at its own place. */
    @Test
    void reportsEveryMistakeOfASpecInOneCompilation() {
        SpecSource source = spec()
                .network("@Network(name = \"SpecNet\", inputs = 0)")
                .loss("@Loss(LossType.MSE)")
                .optimizer("@Optimizer(value = OptimizerType.ADAM, learningRate = -1, beta1 = 2)")
                .members(
                        "@Layer(units = 4) @Activation(ActivationType.TANH) void predict();",
                        "@Layer(units = 1) @Activation(ActivationType.SOFTMAX) void output();");
        JavaFileObject file = source.build();
        Compilation compilation = compileWithErrors(file);

        assertWithMessage("errors: %s", Javac.errorTexts(compilation)).that(compilation.errors()).hasSize(5);
        assertThat(compilation)
                .hadErrorContaining("[nnc.inputs] @Network inputs must be at least 1, found 0")
                .inFile(file).onLine(NETWORK_LINE).atColumn(source.column(NETWORK_LINE, "0)"));
        assertThat(compilation)
                .hadErrorContaining("[nnc.layer-name] layer 'predict': the name is reserved by the generated class")
                .inFile(file).onLine(memberLine(0));
        assertThat(compilation)
                .hadErrorContaining("[nnc.softmax] layer 'output': SOFTMAX needs at least 2 units, found 1")
                .inFile(file).onLine(memberLine(1));
        assertThat(compilation)
                .hadErrorContaining("[nnc.learning-rate] learningRate must be a finite number at least 0, found -1.0")
                .inFile(file).onLine(OPTIMIZER_LINE).atColumn(source.column(OPTIMIZER_LINE, "-1"));
        assertThat(compilation)
                .hadErrorContaining("[nnc.optimizer-range] beta1 must be in [0, 1), found 2.0")
                .inFile(file).onLine(OPTIMIZER_LINE).atColumn(source.column(OPTIMIZER_LINE, "2)"));
    }

    /** The mistakes that once compiled without a word, in two files: one build reports each at its place. */
    @Test
    void reportsTheMistakesThatOnceCompiledInOneBuild() {
        SpecSource source = spec()
                .network("@Network(name = \"Override\", inputs = 2, timesteps = 0)")
                .optimizer("@Optimizer(value = OptimizerType.ADAM, learningRate = Double.NaN)")
                .members(
                        "@Layer(units = 4) @Activation(value = ActivationType.LEAKY_RELU, alpha = Double.NaN) void wait();",
                        "void forgotten();",
                        "@Layer(units = 1) void output();");
        JavaFileObject file = source.build();
        JavaFileObject base = JavaFileObjects.forSourceLines("test.Base",
                "package test;",
                "import dev.nnc.annotations.*;",
                "interface Base {",
                "    @Layer(units = 4) void hidden();",
                "}");
        Compilation compilation = compileWithErrors(file, base);

        assertWithMessage("errors: %s", Javac.errorTexts(compilation)).that(compilation.errors()).hasSize(7);
        assertThat(compilation).hadErrorContaining("[nnc.class-name] @Network name 'Override' would hide java.lang.Override")
                .inFile(file).onLine(NETWORK_LINE).atColumn(source.column(NETWORK_LINE, "\"Override\""));
        assertThat(compilation).hadErrorContaining("[nnc.inputs] @Network takes inputs (a vector) or timesteps and features")
                .inFile(file).onLine(NETWORK_LINE).atColumn(source.column(NETWORK_LINE, "0)"));
        assertThat(compilation).hadErrorContaining("[nnc.layer-name] layer 'wait': the name is reserved by the generated class (a method"
                + " of java.lang.Object)").inFile(file).onLine(memberLine(0));
        assertThat(compilation).hadErrorContaining("[nnc.alpha] layer 'wait': LEAKY_RELU alpha must be a finite number at least 0,"
                + " found NaN").inFile(file).onLine(memberLine(0)).atColumn(source.column(memberLine(0), ".NaN"));
        assertThat(compilation).hadErrorContaining("[nnc.layer-method] method 'forgotten' of network 'Spec' has no @Layer")
                .inFile(file).onLine(memberLine(1));
        assertThat(compilation).hadErrorContaining("[nnc.learning-rate] learningRate must be a finite number at least 0, found NaN")
                .inFile(file).onLine(OPTIMIZER_LINE).atColumn(source.column(OPTIMIZER_LINE, ".NaN"));
        assertThat(compilation).hadErrorContaining("[nnc.no-network] @Layer on method 'hidden' does nothing: 'Base' has no @Network")
                .inFile(base).onLine(4);
    }

    /** Two specs in one compilation: the mistakes of one do not stop the other from being generated. */
    @Test
    void aSpecWithMistakesDoesNotStopAnother() {
        JavaFileObject broken = spec().network("@Network(name = \"SpecNet\", inputs = 0)").build();
        JavaFileObject good = JavaFileObjects.forSourceLines("test.Good",
                "package test;",
                "import dev.nnc.annotations.*;",
                "@Network(name = \"GoodNet\", inputs = 2)",
                "@Loss(LossType.MSE)",
                "@Optimizer(OptimizerType.SGD)",
                "interface Good {",
                "    @Layer(units = 1) void output();",
                "}");
        RecordingProcessor processor = new RecordingProcessor();
        Compilation compilation = Javac.compile(processor, broken, good);
        assertThat(compilation).hadErrorContaining("[nnc.inputs]").inFile(broken).onLine(NETWORK_LINE);
        assertThat(compilation).hadErrorCount(1);
        assertThat(processor.createdSources()).containsExactly("test.GoodNet");
    }
}
