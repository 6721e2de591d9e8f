package dev.nnc.examples;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.nnc.processor.NetworkProcessor;
import dev.nnc.runtime.DoubleModel;
import dev.nnc.runtime.Model;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * The catalogue's test networks, written as source from one table and compiled by the processor
 * in a single javac run, then loaded. Adding an activation to the product is adding a row here;
 * {@code ActivationTest} fails while an {@code ActivationType} has none.
 */
final class Catalogue {

    private Catalogue() {}

    private static final String PACKAGE = "dev.nnc.catalogue";

    /**
     * One activation as a user writes it.
     *
     * @param name what reports call it
     * @param type the {@code ActivationType} constant
     * @param settings the annotation's other attributes, such as {@code approximate = true}, or ""
     */
    record ActivationRow(String name, String type, String settings) {

        String annotation() {
            return settings.isEmpty()
                    ? "@Activation(ActivationType." + type + ")"
                    : "@Activation(value = ActivationType." + type + ", " + settings + ")";
        }

        boolean rowWise() {
            return type.equals("SOFTMAX") || type.equals("LOG_SOFTMAX");
        }
    }

    static final List<ActivationRow> ACTIVATIONS = List.of(
            new ActivationRow("linear", "LINEAR", ""),
            new ActivationRow("sigmoid", "SIGMOID", ""),
            new ActivationRow("hard sigmoid", "HARD_SIGMOID", ""),
            new ActivationRow("tanh", "TANH", ""),
            new ActivationRow("ReLU", "RELU", ""),
            new ActivationRow("ReLU6", "RELU6", ""),
            new ActivationRow("leaky ReLU", "LEAKY_RELU", ""),
            new ActivationRow("leaky ReLU, alpha 0.01", "LEAKY_RELU", "alpha = 0.01"),
            new ActivationRow("PReLU", "PRELU", "alpha = 0.25"),
            new ActivationRow("ELU", "ELU", ""),
            new ActivationRow("ELU, alpha 0.5", "ELU", "alpha = 0.5"),
            new ActivationRow("SELU", "SELU", ""),
            new ActivationRow("softplus", "SOFTPLUS", ""),
            new ActivationRow("softsign", "SOFTSIGN", ""),
            new ActivationRow("swish", "SWISH", ""),
            new ActivationRow("SiLU", "SILU", ""),
            new ActivationRow("GELU", "GELU", ""),
            new ActivationRow("GELU, tanh form", "GELU", "approximate = true"),
            new ActivationRow("Mish", "MISH", ""),
            new ActivationRow("softmax", "SOFTMAX", ""),
            new ActivationRow("log-softmax", "LOG_SOFTMAX", ""));

    /**
     * Output activation and loss pairs whose gradient the loss fuses: {@code name}, the loss
     * annotation, the output layer's activation annotation.
     */
    static final List<List<String>> FUSED_PAIRS = List.of(
            List.of("CCE after log-softmax (NLL)", "@Loss(LossType.CATEGORICAL_CROSS_ENTROPY)", "@Activation(ActivationType.LOG_SOFTMAX)"));

    /** Units of the probe networks: two 16-lane vectors and a tail of 5. */
    static final int PROBE_UNITS = 37;

    /**
     * The hidden activation {@code row} in a 3-13-17-2 net under MSE (13 units take the dot-product
     * form, 17 the broadcast one), as a double twin and float product.
     */
    static Cases.Case hiddenCase(int row) {
        ActivationRow activation = ACTIVATIONS.get(row);
        return new Cases.Case("MSE, hidden " + activation.name(), () -> twin("Hidden" + row + "D"),
                () -> model("Hidden" + row + "F"), false);
    }

    /**
     * A float net of one layer whose units all compute the activation {@code row} of the one input
     * (element-wise rows: 1 -> 37 units; row-wise: 3 -> 3 units), for probing the function itself.
     */
    static Model probe(int row) {
        return model("Probe" + row);
    }

    static Model model(String className) {
        return (Model) instantiate(className);
    }

    static DoubleModel twin(String className) {
        return (DoubleModel) instantiate(className);
    }

    private static Object instantiate(String className) {
        try {
            return Compiled.LOADER.loadClass(PACKAGE + "." + className).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot instantiate " + className, e);
        }
    }

    /** Compiled once per test JVM, on first use. */
    private static final class Compiled {
        static final ClassLoader LOADER = compile();
    }

    private static ClassLoader compile() {
        List<JavaFileObject> sources = new ArrayList<>();
        for (int i = 0; i < ACTIVATIONS.size(); i++) {
            ActivationRow row = ACTIVATIONS.get(i);
            for (String precision : List.of("DOUBLE", "FLOAT")) {
                String name = "Hidden" + i + precision.charAt(0);
                // a row-wise activation once: two stacked log-softmax layers feed the next a large
                // common offset, whose cancellation float cannot resolve to the 1e-4 of the check
                String second = row.rowWise() ? "@Activation(ActivationType.TANH)" : row.annotation();
                sources.add(spec(name, 3, precision, "@Loss(LossType.MSE)",
                        "@Layer(units = 13) " + row.annotation() + " void hidden1();",
                        "@Layer(units = 17) " + second + " void hidden2();",
                        "@Layer(units = 2) void output();"));
            }
            sources.add(spec("Probe" + i, row.rowWise() ? 3 : 1, "FLOAT", "@Loss(LossType.MSE)",
                    "@Layer(units = " + (row.rowWise() ? 3 : PROBE_UNITS) + ") " + row.annotation() + " void probe();"));
        }
        for (int i = 0; i < FUSED_PAIRS.size(); i++) {
            List<String> pair = FUSED_PAIRS.get(i);
            for (String precision : List.of("DOUBLE", "FLOAT")) {
                sources.add(spec("Pair" + i + precision.charAt(0), 3, precision, pair.get(1),
                        "@Layer(units = 13) @Activation(ActivationType.TANH) void hidden();",
                        "@Layer(units = 4) " + pair.get(2) + " void output();"));
            }
        }
        Compilation compilation = Compiler.javac()
                .withProcessors(new NetworkProcessor())
                .withOptions("--add-modules", "jdk.incubator.vector")
                .compile(sources);
        if (compilation.status() != Compilation.Status.SUCCESS) {
            throw new AssertionError("the catalogue's specs did not compile: " + compilation.errors());
        }
        Map<String, byte[]> classes = new HashMap<>();
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() == JavaFileObject.Kind.CLASS) {
                classes.put(binaryName(file), bytes(file));
            }
        }
        return new ClassLoader(Catalogue.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
    }

    private static JavaFileObject spec(String className, int inputs, String precision, String loss, String... layers) {
        String source = String.join("\n",
                "package " + PACKAGE + ";",
                "import dev.nnc.annotations.*;",
                "@Network(name = \"" + className + "\", inputs = " + inputs + ", seed = 11, precision = Precision." + precision + ")",
                loss,
                "@Optimizer(OptimizerType.SGD)",
                "interface " + className + "Spec {",
                String.join("\n", layers),
                "}");
        return JavaFileObjects.forSourceString(PACKAGE + "." + className + "Spec", source);
    }

    /** {@code /CLASS_OUTPUT/dev/nnc/catalogue/X$Kernels.class} -> {@code dev.nnc.catalogue.X$Kernels}. */
    private static String binaryName(JavaFileObject file) {
        String path = file.toUri().getPath();
        String relative = path.substring(path.indexOf(PACKAGE.replace('.', '/')));
        return relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
    }

    private static byte[] bytes(JavaFileObject file) {
        try (InputStream in = file.openInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every activation in hidden layers, then every fused pair at the output. */
    static List<Cases.Case> cases() {
        List<Cases.Case> cases = new ArrayList<>();
        for (int i = 0; i < ACTIVATIONS.size(); i++) {
            cases.add(hiddenCase(i));
        }
        for (int i = 0; i < FUSED_PAIRS.size(); i++) {
            int pair = i;
            cases.add(new Cases.Case(FUSED_PAIRS.get(i).get(0), () -> twin("Pair" + pair + "D"), () -> model("Pair" + pair + "F"), false));
        }
        return cases;
    }
}
