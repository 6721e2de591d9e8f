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
     * A network for the gradient check, written out: what reports call it, the class name (D and F
     * are appended for the double twin and the float product), whether its loss reads logits, the
     * loss annotation and the layers. Adam, seed 11, 3 inputs; sizes 3, 13 and 31, which no lane
     * count divides.
     */
    record Net(String name, String className, boolean fromLogits, String loss, String... layers) {}

    static final List<Net> NETS = List.of(
            new Net("MSE, linear output", "MseLinear", false,
                    "@Loss(LossType.MSE)", "@Layer(units = 13) @Activation(value = ActivationType.TANH) void hidden1();", "@Layer(units = 31, useBias = false) @Activation(value = ActivationType.RELU) void hidden2();", "@Layer(units = 3) @Activation(ActivationType.LINEAR) void output();"),
            new Net("MSE, one linear unit", "MseLinearOne", false,
                    "@Loss(LossType.MSE)", "@Layer(units = 31) @Activation(value = ActivationType.RELU) void hidden1();", "@Layer(units = 1) @Activation(ActivationType.LINEAR) void output();"),
            new Net("MSE, sigmoid", "MseSigmoid", false,
                    "@Loss(LossType.MSE)", "@Layer(units = 13) @Activation(value = ActivationType.SIGMOID) void hidden1();", "@Layer(units = 3) @Activation(ActivationType.SIGMOID) void output();"),
            new Net("MSE, tanh after leaky ReLU 0.1", "MseTanh", false,
                    "@Loss(LossType.MSE)", "@Layer(units = 13) @Activation(value = ActivationType.LEAKY_RELU, alpha = 0.1) void hidden1();", "@Layer(units = 3) @Activation(ActivationType.TANH) void output();"),
            new Net("MSE, ReLU", "MseRelu", false,
                    "@Loss(LossType.MSE)", "@Layer(units = 13) @Activation(value = ActivationType.RELU) void hidden1();", "@Layer(units = 3) @Activation(ActivationType.RELU) void output();"),
            new Net("MSE, leaky ReLU", "MseLeaky", false,
                    "@Loss(LossType.MSE)", "@Layer(units = 13) @Activation(value = ActivationType.LINEAR) void hidden1();", "@Layer(units = 3) @Activation(ActivationType.LEAKY_RELU) void output();"),
            new Net("MSE, softmax (no fusion)", "MseSoftmax", false,
                    "@Loss(LossType.MSE)", "@Layer(units = 13) @Activation(value = ActivationType.SOFTMAX) void hidden1();", "@Layer(units = 3) @Activation(ActivationType.SOFTMAX) void output();"),
            new Net("BCE, one sigmoid unit", "BceSigmoidOne", false,
                    "@Loss(LossType.BINARY_CROSS_ENTROPY)", "@Layer(units = 13) @Activation(value = ActivationType.TANH) void hidden1();", "@Layer(units = 1) @Activation(ActivationType.SIGMOID) void output();"),
            new Net("BCE, multi-label sigmoid", "BceSigmoid", false,
                    "@Loss(LossType.BINARY_CROSS_ENTROPY)", "@Layer(units = 31) @Activation(value = ActivationType.RELU) void hidden1();", "@Layer(units = 3) @Activation(ActivationType.SIGMOID) void output();"),
            new Net("BCE from logits", "BceLogits", true,
                    "@Loss(value = LossType.BINARY_CROSS_ENTROPY, fromLogits = true)", "@Layer(units = 13) @Activation(value = ActivationType.TANH) void hidden1();", "@Layer(units = 3) @Activation(ActivationType.LINEAR) void output();"),
            new Net("CCE, softmax", "CceSoftmax", false,
                    "@Loss(LossType.CATEGORICAL_CROSS_ENTROPY)", "@Layer(units = 13) @Activation(value = ActivationType.TANH) void hidden1();", "@Layer(units = 31) @Activation(value = ActivationType.LEAKY_RELU) void hidden2();", "@Layer(units = 3) @Activation(ActivationType.SOFTMAX) void output();"),
            new Net("CCE from logits", "CceLogits", true,
                    "@Loss(value = LossType.CATEGORICAL_CROSS_ENTROPY, fromLogits = true)", "@Layer(units = 13) @Activation(value = ActivationType.RELU) void hidden1();", "@Layer(units = 3) @Activation(ActivationType.LINEAR) void output();"));

    /**
     * A network around a layer that is not Dense, written out for the gradient check: what reports
     * call it, its class name (D and F appended), its loss, whether the check runs in training mode
     * (dropout and batch normalisation behave differently in each), and its layers. 3 inputs, Adam,
     * seed 11.
     */
    record LayerNet(String name, String className, String loss, boolean training, String... layers) {}

    static final List<LayerNet> LAYER_NETS = List.of(
            new LayerNet("dropout 0.3 between tanh layers", "DropoutMiddle", "@Loss(LossType.MSE)", true,
                    "@Layer(units = 13) @Activation(ActivationType.TANH) void hidden();",
                    "@Layer(kind = LayerKind.DROPOUT, rate = 0.3) void drop();",
                    "@Layer(units = 2) void output();"),
            new LayerNet("dropout 0.5 as the first layer", "DropoutFirst", "@Loss(LossType.MSE)", true,
                    "@Layer(kind = LayerKind.DROPOUT, rate = 0.5) void drop();",
                    "@Layer(units = 13) @Activation(ActivationType.TANH) void hidden();",
                    "@Layer(units = 2) void output();"),
            new LayerNet("layer norm with tanh", "LayerNormTanh", "@Loss(LossType.MSE)", false,
                    "@Layer(units = 13) void hidden();",
                    "@Layer(kind = LayerKind.LAYER_NORM) @Activation(ActivationType.TANH) void norm();",
                    "@Layer(units = 2) void output();"),
            new LayerNet("layer norm first, without centre or scale", "LayerNormBare", "@Loss(LossType.MSE)", false,
                    "@Layer(kind = LayerKind.LAYER_NORM, center = false, scale = false) void norm();",
                    "@Layer(units = 13) @Activation(ActivationType.TANH) void hidden();",
                    "@Layer(units = 2) void output();"),
            new LayerNet("batch norm between Dense and swish", "BatchNormSwish", "@Loss(LossType.MSE)", true,
                    "@Layer(units = 13, useBias = false) void hidden();",
                    "@Layer(kind = LayerKind.BATCH_NORM) @Activation(ActivationType.SWISH) void norm();",
                    "@Layer(units = 2) void output();"),
            new LayerNet("batch norm first, momentum 0.9", "BatchNormFirst", "@Loss(LossType.MSE)", true,
                    "@Layer(kind = LayerKind.BATCH_NORM, momentum = 0.9) void norm();",
                    "@Layer(units = 13) @Activation(ActivationType.TANH) void hidden();",
                    "@Layer(units = 2) void output();"),
            new LayerNet("batch norm with a softmax output under CCE", "BatchNormSoftmax", "@Loss(LossType.CATEGORICAL_CROSS_ENTROPY)", true,
                    "@Layer(units = 13) @Activation(ActivationType.TANH) void hidden();",
                    "@Layer(units = 4, useBias = false) void logits();",
                    "@Layer(kind = LayerKind.BATCH_NORM, scale = false) @Activation(ActivationType.SOFTMAX) void output();"));

    /**
     * A network on sequences for the gradient check: 5 time steps of 3 features, MSE, Adam, seed 11;
     * units of 4 or fewer, as the recurrent layers' finite differences run through every step.
     */
    record SequenceNet(String name, String className, boolean training, String... layers) {}

    static final int STEPS = 5;

    static final List<SequenceNet> SEQUENCE_NETS = List.of(
            new SequenceNet("SimpleRNN, then Dense", "RnnLast", false,
                    "@Layer(kind = LayerKind.SIMPLE_RNN, units = 4) void rnn();",
                    "@Layer(units = 2) void output();"),
            new SequenceNet("SimpleRNN (sigmoid) returning sequences, then Dense at every step", "RnnSequence", false,
                    "@Layer(kind = LayerKind.SIMPLE_RNN, units = 3, returnSequences = true) @Activation(ActivationType.SIGMOID) void rnn();",
                    "@Layer(units = 2) void output();"),
            new SequenceNet("LSTM returning sequences, flattened, then Dense over every step's output", "LstmFlatten", false,
                    "@Layer(kind = LayerKind.LSTM, units = 3, returnSequences = true) void lstm();",
                    "@Layer(kind = LayerKind.FLATTEN) void flatten();",
                    "@Layer(units = 2) @Activation(ActivationType.TANH) void output();"),
            new SequenceNet("LSTM returning sequences, flattened as the output", "FlattenOutput", false,
                    "@Layer(kind = LayerKind.LSTM, units = 2, returnSequences = true) void lstm();",
                    "@Layer(kind = LayerKind.FLATTEN) void flatten();"),
            new SequenceNet("the input sequence flattened, then Dense", "FlattenFirst", false,
                    "@Layer(kind = LayerKind.FLATTEN) void flatten();",
                    "@Layer(units = 4) @Activation(ActivationType.TANH) void hidden();",
                    "@Layer(units = 1) void output();"),
            new SequenceNet("LSTM, then Dense", "LstmLast", false,
                    "@Layer(kind = LayerKind.LSTM, units = 4) void lstm();",
                    "@Layer(units = 1) void output();"),
            new SequenceNet("stacked LSTMs, then Dense", "LstmStacked", false,
                    "@Layer(kind = LayerKind.LSTM, units = 3, returnSequences = true) void lstm1();",
                    "@Layer(kind = LayerKind.LSTM, units = 4, useBias = false) void lstm2();",
                    "@Layer(units = 2) void output();"),
            new SequenceNet("Dense (tanh) and layer norm at every step, then LSTM returning sequences", "LstmAfterDense", false,
                    "@Layer(units = 4) @Activation(ActivationType.TANH) void embed();",
                    "@Layer(kind = LayerKind.LAYER_NORM) void norm();",
                    "@Layer(kind = LayerKind.LSTM, units = 3, returnSequences = true, unitForgetBias = false) void lstm();",
                    "@Layer(units = 1) void output();"),
            new SequenceNet("GRU, then Dense", "GruLast", false,
                    "@Layer(kind = LayerKind.GRU, units = 4, biasInitializer = @Initializer(value = InitializerType.RANDOM_NORMAL, stddev = 0.3)) void gru();",
                    "@Layer(units = 2) void output();"),
            new SequenceNet("Dense at every step, then GRU returning sequences without bias, then GRU", "GruStacked", false,
                    "@Layer(units = 3) @Activation(ActivationType.TANH) void embed();",
                    "@Layer(kind = LayerKind.GRU, units = 3, returnSequences = true, useBias = false) void gru1();",
                    "@Layer(kind = LayerKind.GRU, units = 2) void gru2();",
                    "@Layer(units = 1) void output();"),
            new SequenceNet("LSTM with dropout 0.2 and recurrent dropout 0.3, then LSTM", "LstmDropout", true,
                    "@Layer(kind = LayerKind.LSTM, units = 3, returnSequences = true, dropout = 0.2, recurrentDropout = 0.3) void lstm1();",
                    "@Layer(kind = LayerKind.LSTM, units = 4, recurrentDropout = 0.25) void lstm2();",
                    "@Layer(units = 2) void output();"),
            new SequenceNet("GRU with dropout 0.3 and recurrent dropout 0.2, after Dense", "GruDropout", true,
                    "@Layer(units = 3) @Activation(ActivationType.TANH) void embed();",
                    "@Layer(kind = LayerKind.GRU, units = 4, dropout = 0.3, recurrentDropout = 0.2) void gru();",
                    "@Layer(units = 1) void output();"),
            new SequenceNet("GRU in its original form (reset before), returning sequences, then GRU", "GruResetBefore", false,
                    "@Layer(kind = LayerKind.GRU, units = 3, returnSequences = true, resetAfter = false,"
                            + " biasInitializer = @Initializer(value = InitializerType.RANDOM_NORMAL, stddev = 0.3)) void gru1();",
                    "@Layer(kind = LayerKind.GRU, units = 4, resetAfter = false) void gru2();",
                    "@Layer(units = 1) void output();"),
            new SequenceNet("GRU in its original form with dropout 0.2 and recurrent dropout 0.3", "GruResetBeforeDropout", true,
                    "@Layer(kind = LayerKind.GRU, units = 4, resetAfter = false, dropout = 0.2, recurrentDropout = 0.3) void gru();",
                    "@Layer(units = 2) void output();"),
            new SequenceNet("SimpleRNN with recurrent dropout 0.4", "RnnDropout", true,
                    "@Layer(kind = LayerKind.SIMPLE_RNN, units = 4, recurrentDropout = 0.4) void rnn();",
                    "@Layer(units = 2) void output();"));

    /** Width and rate of {@code DropoutProbe}, a net of one dropout layer whose output is its input, masked. */
    static final int DROPOUT_PROBE_WIDTH = 500;
    static final double DROPOUT_PROBE_RATE = 0.3;

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
     * One loss on its natural output, as a user writes them.
     *
     * @param name what reports call it
     * @param type the {@code LossType} constant
     * @param settings the annotation's other attributes, such as {@code delta = 0.3}, or ""
     * @param output the output layer's activation annotation, or "" for LINEAR
     * @param units the output layer's units
     */
    record LossRow(String name, String type, String settings, String output, int units) {

        String annotation() {
            return settings.isEmpty() ? "@Loss(LossType." + type + ")" : "@Loss(value = LossType." + type + ", " + settings + ")";
        }

        /** The settings as numbers, for the tests' reference ({@code fromLogits} as 1). */
        Map<String, Double> values() {
            Map<String, Double> values = new HashMap<>();
            for (String setting : settings.split(",")) {
                if (!setting.isBlank()) {
                    String[] parts = setting.split("=");
                    String value = parts[1].trim();
                    values.put(parts[0].trim(), value.equals("true") ? 1.0 : Double.parseDouble(value));
                }
            }
            return values;
        }
    }

    static final List<LossRow> LOSSES = List.of(
            new LossRow("MSE", "MSE", "", "", 3),
            new LossRow("BCE after sigmoid", "BINARY_CROSS_ENTROPY", "", "@Activation(ActivationType.SIGMOID)", 3),
            new LossRow("BCE from logits", "BINARY_CROSS_ENTROPY", "fromLogits = true", "", 3),
            new LossRow("CCE after softmax", "CATEGORICAL_CROSS_ENTROPY", "", "@Activation(ActivationType.SOFTMAX)", 4),
            new LossRow("CCE from logits", "CATEGORICAL_CROSS_ENTROPY", "fromLogits = true", "", 4),
            new LossRow("MAE", "MAE", "", "", 3),
            new LossRow("Huber, delta 0.3", "HUBER", "delta = 0.3", "", 3),
            new LossRow("log-cosh", "LOG_COSH", "", "", 3),
            new LossRow("quantile 0.3", "QUANTILE", "quantile = 0.3", "", 3),
            new LossRow("hinge", "HINGE", "", "", 3),
            new LossRow("squared hinge on tanh, 0/1 targets", "SQUARED_HINGE", "", "@Activation(ActivationType.TANH)", 3),
            new LossRow("KL divergence after softmax", "KL_DIVERGENCE", "", "@Activation(ActivationType.SOFTMAX)", 4),
            new LossRow("Poisson after softplus", "POISSON", "", "@Activation(ActivationType.SOFTPLUS)", 3),
            new LossRow("cosine similarity", "COSINE_SIMILARITY", "", "", 3),
            new LossRow("binary focal after sigmoid", "BINARY_FOCAL", "", "@Activation(ActivationType.SIGMOID)", 3),
            new LossRow("binary focal from logits, alpha 0.25, gamma 1.5", "BINARY_FOCAL",
                    "fromLogits = true, alpha = 0.25, gamma = 1.5", "", 3),
            new LossRow("CCE after log-softmax (NLL)", "CATEGORICAL_CROSS_ENTROPY", "", "@Activation(ActivationType.LOG_SOFTMAX)", 4),
            new LossRow("sparse CCE after softmax", "SPARSE_CATEGORICAL_CROSS_ENTROPY", "", "@Activation(ActivationType.SOFTMAX)", 4),
            new LossRow("sparse CCE from logits", "SPARSE_CATEGORICAL_CROSS_ENTROPY", "fromLogits = true", "", 4),
            new LossRow("sparse CCE after log-softmax (NLL)", "SPARSE_CATEGORICAL_CROSS_ENTROPY", "",
                    "@Activation(ActivationType.LOG_SOFTMAX)", 4));

    /** The loss rows the gradient check also runs with per-sample weights: an element-wise loss and both kinds of row loss. */
    static final List<String> WEIGHTED_LOSSES = List.of("MSE", "CCE after softmax", "sparse CCE from logits");

    /**
     * A double net of one layer, 2 -> 2, for a loss's value on outputs a test sets: with the
     * identity kernel and no bias, the outputs are the activation of the inputs.
     */
    static DoubleModel lossProbe(int row) {
        return twin("LossProbe" + row);
    }

    /**
     * One initialiser with its settings, drawn for the kernel (20 x 600) and bias (600) of a layer;
     * ORTHOGONAL draws the kernel only.
     */
    record InitializerRow(String type, String settings) {

        String annotation() {
            return settings.isEmpty()
                    ? "@Initializer(InitializerType." + type + ")"
                    : "@Initializer(value = InitializerType." + type + ", " + settings + ")";
        }
    }

    static final List<InitializerRow> INITIALIZERS = List.of(
            new InitializerRow("ZEROS", ""),
            new InitializerRow("ONES", ""),
            new InitializerRow("CONSTANT", "constant = 0.3"),
            new InitializerRow("RANDOM_NORMAL", "mean = 0.2, stddev = 0.3"),
            new InitializerRow("RANDOM_UNIFORM", "minval = -0.1, maxval = 0.5"),
            new InitializerRow("TRUNCATED_NORMAL", "mean = -0.2, stddev = 0.4"),
            new InitializerRow("GLOROT_UNIFORM", ""),
            new InitializerRow("GLOROT_NORMAL", ""),
            new InitializerRow("HE_UNIFORM", ""),
            new InitializerRow("HE_NORMAL", ""),
            new InitializerRow("LECUN_UNIFORM", ""),
            new InitializerRow("LECUN_NORMAL", ""),
            new InitializerRow("ORTHOGONAL", "gain = 1.5"));

    static final int INIT_INPUTS = 20;
    static final int INIT_UNITS = 600;

    /** The float model whose layer draws initialiser {@code row}. */
    static Model initialized(int row) {
        return model("Init" + row);
    }

    /**
     * One network per optimizer setting, whose steps {@code OptimizerStepTest} checks against the
     * formulas: its class name and what follows {@code value = } in its {@code @Optimizer}. Each is
     * 3 -> 13 (tanh) -> 2 under MSE, seed 5.
     */
    static final List<List<String>> OPTIMIZERS = List.of(
            List.of("PlainSgdNet", "OptimizerType.SGD, learningRate = 0.1"),
            List.of("MomentumSgdNet", "OptimizerType.SGD, learningRate = 0.1, momentum = 0.9, weightDecay = 0.01"),
            List.of("NesterovSgdNet", "OptimizerType.SGD, learningRate = 0.1, momentum = 0.8, nesterov = true"),
            List.of("AdamNet", "OptimizerType.ADAM, learningRate = 0.01"),
            List.of("AdamDecayNet", "OptimizerType.ADAM, learningRate = 0.01, beta1 = 0.8, beta2 = 0.99, epsilon = 1e-6, weightDecay = 0.05"),
            List.of("AdagradNet", "OptimizerType.ADAGRAD, learningRate = 0.1, weightDecay = 0.01"),
            List.of("RmspropNet", "OptimizerType.RMSPROP, learningRate = 0.01"),
            List.of("CenteredRmspropNet", "OptimizerType.RMSPROP, learningRate = 0.01, rho = 0.9, momentum = 0.5, centered = true, epsilon = 1e-6"),
            List.of("AmsgradNet", "OptimizerType.ADAM, learningRate = 0.01, amsgrad = true"),
            List.of("AdamwNet", "OptimizerType.ADAMW, learningRate = 0.01, weightDecay = 0.1"),
            List.of("NadamNet", "OptimizerType.NADAM, learningRate = 0.01, weightDecay = 0.01"),
            List.of("AdamaxNet", "OptimizerType.ADAMAX, learningRate = 0.02"),
            List.of("LionNet", "OptimizerType.LION, learningRate = 0.001, weightDecay = 0.1"),
            List.of("ClipNormAdamNet", "OptimizerType.ADAM, learningRate = 0.01, clipNorm = 0.05"),
            List.of("ClipValueSgdNet", "OptimizerType.SGD, learningRate = 0.1, clipValue = 0.01"));

    /** Units of the probe networks: two 16-lane vectors and a tail of 5. */
    static final int PROBE_UNITS = 37;

    /**
     * The hidden activation {@code row} in a 3-13-17-2 net under MSE (13 units take the dot-product
     * form, 17 the broadcast one), as a double twin and float product.
     */
    static Cases.Case hiddenCase(int row) {
        ActivationRow activation = ACTIVATIONS.get(row);
        return new Cases.Case("MSE, hidden " + activation.name(), () -> twin("Hidden" + row + "D"),
                () -> model("Hidden" + row + "F"), false, Map.of());
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
        for (Net net : NETS) {
            for (String precision : List.of("DOUBLE", "FLOAT")) {
                sources.add(spec(net.className() + precision.charAt(0), 3, precision, net.loss(), 11,
                        "@Optimizer(OptimizerType.ADAM)", net.layers()));
            }
        }
        for (SequenceNet net : SEQUENCE_NETS) {
            for (String precision : List.of("DOUBLE", "FLOAT")) {
                sources.add(source(net.className() + precision.charAt(0), "timesteps = " + STEPS + ", features = 3", precision,
                        "@Loss(LossType.MSE)", 11, "@Optimizer(OptimizerType.ADAM)", net.layers()));
            }
        }
        sources.add(source("WindowSum", "timesteps = 10, features = 1", "FLOAT", "@Loss(LossType.MSE)", 5,
                "@Optimizer(value = OptimizerType.ADAM, learningRate = 0.01)",
                "@Layer(kind = LayerKind.LSTM, units = 16) void lstm();",
                "@Layer(units = 1) void output();"));
        sources.add(spec("DropoutProbe", DROPOUT_PROBE_WIDTH, "FLOAT", "@Loss(LossType.MSE)",
                "@Layer(kind = LayerKind.DROPOUT, rate = " + DROPOUT_PROBE_RATE + ") void drop();"));
        for (LayerNet net : LAYER_NETS) {
            for (String precision : List.of("DOUBLE", "FLOAT")) {
                sources.add(spec(net.className() + precision.charAt(0), 3, precision, net.loss(), 11,
                        "@Optimizer(OptimizerType.ADAM)", net.layers()));
            }
        }
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
        for (int i = 0; i < LOSSES.size(); i++) {
            LossRow loss = LOSSES.get(i);
            for (String precision : List.of("DOUBLE", "FLOAT")) {
                sources.add(spec("Loss" + i + precision.charAt(0), 3, precision, loss.annotation(),
                        "@Layer(units = 13) @Activation(ActivationType.TANH) void hidden();",
                        "@Layer(units = " + loss.units() + ") " + loss.output() + " void output();"));
            }
        }
        for (int i = 0; i < LOSSES.size(); i++) {
            LossRow loss = LOSSES.get(i);
            sources.add(spec("LossProbe" + i, 2, "DOUBLE", loss.annotation(),
                    "@Layer(units = 2, useBias = false) " + loss.output() + " void probe();"));
        }
        for (int i = 0; i < INITIALIZERS.size(); i++) {
            InitializerRow init = INITIALIZERS.get(i);
            String bias = init.type().equals("ORTHOGONAL") ? "" : ", biasInitializer = " + init.annotation();
            sources.add(spec("Init" + i, INIT_INPUTS, "FLOAT", "@Loss(LossType.MSE)",
                    "@Layer(units = " + INIT_UNITS + ", initializer = " + init.annotation() + bias + ") void layer();"));
        }
        for (String precision : List.of("DOUBLE", "FLOAT")) {
            sources.add(spec("FrozenMiddle" + precision.charAt(0), 3, precision, "@Loss(LossType.MSE)", 11, "@Optimizer(OptimizerType.ADAM)",
                    "@Layer(units = 13) @Activation(ActivationType.TANH) void hidden1();",
                    "@Layer(units = 17, trainable = false) @Activation(ActivationType.PRELU) void hidden2();",
                    "@Layer(units = 2) void output();"));
            sources.add(spec("FrozenFirst" + precision.charAt(0), 3, precision, "@Loss(LossType.MSE)", 11, "@Optimizer(OptimizerType.ADAM)",
                    "@Layer(units = 13, trainable = false, kernelL2 = 0.01) @Activation(ActivationType.TANH) void hidden();",
                    "@Layer(units = 2) void output();"));
        }
        for (String precision : List.of("DOUBLE", "FLOAT")) {
            sources.add(spec("Penalties" + precision.charAt(0), 3, precision, "@Loss(LossType.MSE)",
                    "@Layer(units = 13, kernelL1 = 0.01, kernelL2 = 0.02, biasL1 = 0.03, biasL2 = 0.04,"
                            + " biasInitializer = @Initializer(value = InitializerType.RANDOM_NORMAL, stddev = 0.1))"
                            + " @Activation(ActivationType.TANH) void hidden1();",
                    "@Layer(units = 17, kernelL2 = 0.05) @Activation(ActivationType.RELU) void hidden2();",
                    "@Layer(units = 2, biasL1 = 0.02) void output();"));
        }
        for (List<String> optimizer : OPTIMIZERS) {
            sources.add(spec(optimizer.get(0), 3, "FLOAT", "@Loss(LossType.MSE)", 5, "@Optimizer(value = " + optimizer.get(1) + ")",
                    "@Layer(units = 13) @Activation(ActivationType.TANH) void hidden();",
                    "@Layer(units = 2) void output();"));
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
        return spec(className, inputs, precision, loss, 11, "@Optimizer(OptimizerType.SGD)", layers);
    }

    private static JavaFileObject spec(String className, int inputs, String precision, String loss, int seed, String optimizer,
            String... layers) {
        return source(className, "inputs = " + inputs, precision, loss, seed, optimizer, layers);
    }

    private static JavaFileObject source(String className, String shape, String precision, String loss, int seed, String optimizer,
            String... layers) {
        String source = String.join("\n",
                "package " + PACKAGE + ";",
                "import dev.nnc.annotations.*;",
                "@Network(name = \"" + className + "\", " + shape + ", seed = " + seed + ", precision = Precision." + precision + ")",
                loss,
                optimizer,
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

    /**
     * The written-out networks, every activation in hidden layers, every loss on its output, frozen
     * layers, and a net with penalties on every tensor.
     */
    static List<Cases.Case> cases() {
        List<Cases.Case> cases = new ArrayList<>();
        for (Net net : NETS) {
            cases.add(new Cases.Case(net.name(), () -> twin(net.className() + "D"), () -> model(net.className() + "F"),
                    net.fromLogits(), Map.of()));
        }
        for (LayerNet net : LAYER_NETS) {
            cases.add(new Cases.Case(net.name(), () -> twin(net.className() + "D"), () -> model(net.className() + "F"), false,
                    Map.of(), false, net.training()));
        }
        for (SequenceNet net : SEQUENCE_NETS) {
            cases.add(new Cases.Case(net.name(), () -> twin(net.className() + "D"), () -> model(net.className() + "F"), false, Map.of(),
                    false, net.training()));
        }
        for (int i = 0; i < ACTIVATIONS.size(); i++) {
            cases.add(hiddenCase(i));
        }
        for (int i = 0; i < LOSSES.size(); i++) {
            int row = i;
            LossRow loss = LOSSES.get(i);
            boolean fromLogits = loss.settings().contains("fromLogits = true");
            cases.add(new Cases.Case(loss.name(), () -> twin("Loss" + row + "D"), () -> model("Loss" + row + "F"),
                    fromLogits, loss.values()));
            if (WEIGHTED_LOSSES.contains(loss.name())) {
                cases.add(new Cases.Case(loss.name() + ", sample weights", () -> twin("Loss" + row + "D"),
                        () -> model("Loss" + row + "F"), fromLogits, loss.values(), true, false));
            }
        }
        cases.add(new Cases.Case("a frozen middle layer (PReLU)", () -> twin("FrozenMiddleD"), () -> model("FrozenMiddleF"), false, Map.of()));
        cases.add(new Cases.Case("a frozen first layer with a penalty", () -> twin("FrozenFirstD"), () -> model("FrozenFirstF"), false, Map.of()));
        cases.add(new Cases.Case("MSE with L1 and L2 penalties", () -> twin("PenaltiesD"), () -> model("PenaltiesF"), false, Map.of()));
        return cases;
    }
}
