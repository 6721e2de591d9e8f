package dev.nnc.processor.validate;

import dev.nnc.annotations.ActivationType;
import dev.nnc.annotations.InitializerType;
import dev.nnc.annotations.LayerKind;
import dev.nnc.annotations.LossType;
import dev.nnc.annotations.OptimizerType;
import dev.nnc.annotations.Precision;
import dev.nnc.processor.layer.Graph;
import dev.nnc.processor.layer.LayerType;
import dev.nnc.processor.layer.LayerTypes;
import dev.nnc.processor.layer.Shape;
import dev.nnc.processor.layer.TensorSpec;
import dev.nnc.processor.plan.Activations;
import dev.nnc.processor.spec.ActivationSpec;
import dev.nnc.processor.spec.ClassNameFacts;
import dev.nnc.processor.spec.InitializerSpec;
import dev.nnc.processor.spec.LayerSpec;
import dev.nnc.processor.spec.LossSpec;
import dev.nnc.processor.spec.MethodShape;
import dev.nnc.processor.spec.NetworkSpec;
import dev.nnc.processor.spec.OptimizerSpec;
import dev.nnc.processor.spec.Penalties;
import dev.nnc.processor.spec.Source;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * Finds every mistake in a spec, each at its most precise source. Never throws for a user's
 * mistake, and never stops at the first: one build shows them all.
 */
public final class SpecValidator {

    /** The largest Java array length that every JVM allocates. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** Identifiers that cannot name a type (JLS 3.9): a class called {@code var} does not compile. */
    private static final Set<String> RESTRICTED_TYPE_NAMES = Set.of("var", "yield", "record", "sealed", "permits");

    public ValidationReport validate(NetworkSpec spec) {
        ValidationReport report = new ValidationReport();
        checkType(spec, report);
        Graph graph = Graph.of(spec);
        checkLayers(spec, graph, report);
        checkLoss(spec, graph.output(), report);
        checkOptimizer(spec.optimizer(), report);
        return report;
    }

    private static void checkType(NetworkSpec spec, ValidationReport report) {
        String simpleName = spec.interfaceSimpleName();
        if (!spec.type().isInterface()) {
            report.add(Message.NOT_AN_INTERFACE, spec.source(), simpleName, article(spec.type().kind()));
        }
        if (spec.type().generic()) {
            report.add(Message.GENERIC_INTERFACE, spec.source(), simpleName);
        }
        if (spec.type().innerClassMember()) {
            report.add(Message.INNER_TYPE, spec.source(), simpleName);
        }
        String className = spec.className();
        if (!SourceVersion.isName(className) || className.contains(".") || RESTRICTED_TYPE_NAMES.contains(className)) {
            report.add(Message.INVALID_CLASS_NAME, spec.source().at("name"), className);
        } else if (className.equals(simpleName)) {
            report.add(Message.CLASS_NAME_IS_INTERFACE, spec.source().at("name"), className, simpleName);
        } else {
            checkClassNameClashes(spec, report);
        }
        // 0 stands for "not this shape" only when left out: a shape written is at least 1
        Set<String> written = spec.written();
        if (!written.contains("timesteps") && !written.contains("features")) {
            if (spec.inputs() < 1) {
                report.add(Message.INPUTS_NOT_POSITIVE, spec.source().at("inputs"), spec.inputs());
            }
        } else if (written.contains("inputs") || spec.timesteps() < 1 || spec.features() < 1) {
            String attribute = written.contains("timesteps") && spec.timesteps() < 1 ? "timesteps"
                    : written.contains("features") && spec.features() < 1 ? "features"
                    : written.contains("inputs") ? "inputs"
                    : spec.timesteps() < 1 ? "timesteps" : "features";
            report.add(Message.INPUT_SHAPE, spec.source().at(attribute), spec.inputs(), spec.timesteps(), spec.features());
        }
        String weights = spec.weights();
        if (written.contains("weights") && (weights.isBlank() || weights.contains("\\") || weights.endsWith("/"))) {
            report.add(Message.WEIGHTS_RESOURCE, spec.source().at("weights"), className, weights);
        } else if (!weights.isEmpty() && spec.precision() == Precision.DOUBLE) {
            report.add(Message.WEIGHTS_IN_DOUBLE, spec.source().at("weights"), className);
        }
        if (spec.layers().isEmpty()) {
            report.add(Message.NO_LAYERS, spec.source(), simpleName);
        }
        // neither: a network that only predicts (weights from a file); one without the other is a slip
        if (spec.loss() == null && spec.optimizer() != null) {
            report.add(Message.NO_LOSS, spec.source(), simpleName);
        }
        if (spec.optimizer() == null && spec.loss() != null) {
            report.add(Message.NO_OPTIMIZER, spec.source(), simpleName);
        }
        if (spec.predictsOnly() && spec.precision() == Precision.DOUBLE) {
            report.add(Message.DOUBLE_WITHOUT_TRAINING, spec.source().at("precision"), className);
        }
        for (NetworkSpec.Stray stray : spec.strayActivations()) {
            report.add(Message.ACTIVATION_WITHOUT_LAYER, stray.source(), stray.methodName());
        }
        for (NetworkSpec.Stray stray : spec.methodsWithoutLayer()) {
            report.add(Message.METHOD_WITHOUT_LAYER, stray.source(), stray.methodName(), simpleName);
        }
    }

    /** The generated class's name may neither take a type's place in the package nor hide one that the package's files see. */
    private static void checkClassNameClashes(NetworkSpec spec, ValidationReport report) {
        String name = spec.className();
        ClassNameFacts facts = spec.classNameFacts();
        String inPackage = spec.packageName().isEmpty() ? "the unnamed package" : "package '" + spec.packageName() + "'";
        String generatedImport = ReservedNames.GENERATED_IMPORTS.stream()
                .filter(type -> type.endsWith("." + name)).findFirst().orElse(null);
        Source at = spec.source().at("name");
        if (facts.otherSpec() != null) {
            report.add(Message.CLASS_NAME_OF_OTHER_SPEC, at, name, facts.otherSpec());
        } else if (facts.packageType() != null) {
            report.add(Message.CLASS_NAME_TAKEN, at, name, inPackage);
        } else if (facts.javaLangType() != null) {
            report.add(Message.CLASS_NAME_HIDES_JAVA_LANG, at, name, facts.javaLangType(), inPackage, name, otherName(spec));
        } else if (generatedImport != null) {
            report.add(Message.CLASS_NAME_HIDES_GENERATED_IMPORT, at, name, generatedImport, inPackage, otherName(spec));
        } else if (ReservedNames.NESTED_CLASSES.contains(name)) {
            report.add(Message.CLASS_NAME_OF_NESTED_CLASS, at, name, otherName(spec));
        } else if (facts.importedType() != null) {
            report.add(Message.CLASS_NAME_HIDES_IMPORT, at, name, facts.importedType(), facts.importDeclaration(), otherName(spec));
        }
    }

    /** A name to suggest instead of the spec's: the interface's with "Net", as XorNet for Xor. */
    private static String otherName(NetworkSpec spec) {
        String suggestion = spec.interfaceSimpleName() + "Net";
        return suggestion.equals(spec.className()) ? spec.interfaceSimpleName() + "Model" : suggestion;
    }

    /** Each layer, with the shapes of the graph's one shape pass. */
    private static void checkLayers(NetworkSpec spec, Graph graph, ValidationReport report) {
        Set<String> seen = new HashSet<>();
        long parameters = 0;
        int stateSlots = spec.optimizer() == null ? 0 : spec.optimizer().stateSlots();
        boolean sizeReported = false;
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            LayerType type = LayerTypes.of(layer.kind());
            Shape input = graph.inputOf(i);
            Shape output = graph.outputOf(i);
            checkMethod(layer, report);
            if (type.needsSequence() && !input.isSequence() && input.width() >= 1) {
                int source = graph.sources().get(i).get(0);
                report.add(Message.NEEDS_SEQUENCE, layer.source(), layer.name(), layer.kind(),
                        source == Graph.INPUT ? "the network's input" : "layer '" + spec.layers().get(source).name() + "'");
            }
            if (ReservedNames.OBJECT.contains(layer.name())) {
                report.add(Message.LAYER_NAME_RESERVED, layer.source(), layer.name(), "a method of java.lang.Object");
            } else if (ReservedNames.MODEL.contains(layer.name())) {
                report.add(Message.LAYER_NAME_RESERVED, layer.source(), layer.name(), "a member of Model");
            }
            if (!seen.add(layer.name())) {
                report.add(Message.LAYER_NAME_DUPLICATE, layer.source(), layer.name());
            }
            checkKindSettings(layer, type, report);
            if (input.width() >= 1 && output.width() >= 1 && !sizeReported) {
                parameters += type.tensors(layer, input).stream().mapToLong(TensorSpec::count).sum();
                if (parameters > MAX_ARRAY) {
                    report.add(Message.PLAN_TOO_LARGE, layer.source().at("units"), layer.name(),
                            parameters, "parameters", MAX_ARRAY);
                    sizeReported = true;
                } else if (parameters * stateSlots > MAX_ARRAY) {
                    // the optimizer's state is one array of stateSlots * parameters values
                    report.add(Message.PLAN_TOO_LARGE, layer.source().at("units"), layer.name(),
                            parameters * stateSlots, "optimizer state values", MAX_ARRAY);
                    sizeReported = true;
                }
            }
            if (output.size() > MAX_ARRAY && !sizeReported) {
                // a sample's values are one block of each workspace array
                report.add(Message.PLAN_TOO_LARGE, layer.source(), layer.name(), output.size(), "values per sample of its output",
                        MAX_ARRAY);
                sizeReported = true;
            }
            checkActivation(layer, type, output.width(), report);
            checkInitializer(layer, layer.kernelInitializer(), false, report);
            checkInitializer(layer, layer.biasInitializer(), true, report);
            if (type.attributes().contains("recurrentInitializer")) {
                checkInitializer(layer, layer.settings().recurrentInitializer(), false, report);
            }
            checkPenalties(layer, report);
        }
    }

    private static void checkMethod(LayerSpec layer, ValidationReport report) {
        MethodShape method = layer.method();
        if (method.declaredIn() != null) {
            report.add(Message.LAYER_INHERITED, layer.source(), layer.name(), method.declaredIn());
        }
        if (method.parameterCount() > 0) {
            report.add(Message.LAYER_HAS_PARAMETERS, layer.source(), layer.name(), method.parameterCount());
        }
        if (!method.returnType().equals("void")) {
            report.add(Message.LAYER_RETURNS_VALUE, layer.source(), layer.name(), method.returnType());
        }
        if (method.modifier() != null) {
            report.add(Message.LAYER_HAS_BODY, layer.source(), layer.name(), method.modifier());
        }
    }

    /** Which initialisers read each setting of {@code @Initializer}. */
    private static final Map<String, Set<InitializerType>> INITIALIZER_SETTINGS = Map.of(
            "mean", Set.of(InitializerType.RANDOM_NORMAL, InitializerType.TRUNCATED_NORMAL),
            "stddev", Set.of(InitializerType.RANDOM_NORMAL, InitializerType.TRUNCATED_NORMAL),
            "minval", Set.of(InitializerType.RANDOM_UNIFORM),
            "maxval", Set.of(InitializerType.RANDOM_UNIFORM),
            "constant", Set.of(InitializerType.CONSTANT),
            "gain", Set.of(InitializerType.ORTHOGONAL));

    private static void checkInitializer(LayerSpec layer, InitializerSpec init, boolean bias, ValidationReport report) {
        String attribute = bias ? "biasInitializer" : "initializer";
        for (String setting : new java.util.TreeSet<>(init.written())) {
            Set<InitializerType> readers = INITIALIZER_SETTINGS.get(setting);
            if (readers != null && !readers.contains(init.type())) {
                report.add(Message.INITIALIZER_SETTING_NOT_APPLICABLE, init.source(), layer.name(), setting,
                        readers.stream().map(Enum::name).sorted().collect(java.util.stream.Collectors.joining(" and ")), init.type());
            }
        }
        if (bias && init.type() == InitializerType.ORTHOGONAL) {
            report.add(Message.ORTHOGONAL_BIAS, init.source(), layer.name());
        }
        if (bias && !layer.useBias() && init.type() != InitializerType.ZEROS && init.type() != InitializerType.AUTO) {
            report.add(Message.WITHOUT_BIAS, init.source(), layer.name(), attribute);
        }
        switch (init.type()) {
            case RANDOM_NORMAL, TRUNCATED_NORMAL -> {
                if (!Double.isFinite(init.mean())) {
                    report.add(Message.INITIALIZER_SETTING_INVALID, init.source(), layer.name(), "mean", "finite", init.mean());
                }
                if (!(init.stddev() > 0) || Double.isInfinite(init.stddev())) {
                    report.add(Message.INITIALIZER_SETTING_INVALID, init.source(), layer.name(), "stddev",
                            "a finite number greater than 0", init.stddev());
                }
            }
            case RANDOM_UNIFORM -> {
                if (!(init.minval() < init.maxval()) || Double.isInfinite(init.minval()) || Double.isInfinite(init.maxval())) {
                    report.add(Message.INITIALIZER_SETTING_INVALID, init.source(), layer.name(), "maxval",
                            "finite and greater than minval " + init.minval(), init.maxval());
                }
            }
            case CONSTANT -> {
                if (!Double.isFinite(init.constant())) {
                    report.add(Message.INITIALIZER_SETTING_INVALID, init.source(), layer.name(), "constant", "finite", init.constant());
                }
            }
            case ORTHOGONAL -> {
                if (!(init.gain() > 0) || Double.isInfinite(init.gain())) {
                    report.add(Message.INITIALIZER_SETTING_INVALID, init.source(), layer.name(), "gain",
                            "a finite number greater than 0", init.gain());
                }
            }
            default -> { }
        }
    }

    private static void checkPenalties(LayerSpec layer, ValidationReport report) {
        Penalties penalties = layer.penalties();
        Map<String, Double> values = new java.util.LinkedHashMap<>();
        values.put("kernelL1", penalties.kernelL1());
        values.put("kernelL2", penalties.kernelL2());
        values.put("biasL1", penalties.biasL1());
        values.put("biasL2", penalties.biasL2());
        values.forEach((name, value) -> {
            if (!(value >= 0) || Double.isInfinite(value)) {
                report.add(Message.PENALTY_INVALID, penalties.source().at(name), layer.name(), name, value);
            } else if (value > 0 && name.startsWith("bias") && !layer.useBias()) {
                report.add(Message.WITHOUT_BIAS, penalties.source().at(name), layer.name(), name);
            }
        });
    }

    /** {@code DENSE, LSTM and SIMPLE_RNN}: the names in order, the last two joined by "and". */
    private static String inWords(Set<LayerKind> kinds) {
        List<String> sorted = kinds.stream().map(Enum::name).sorted().toList();
        return sorted.size() == 1 ? sorted.get(0)
                : String.join(", ", sorted.subList(0, sorted.size() - 1)) + " and " + sorted.get(sorted.size() - 1);
    }

    /** Each attribute written on {@code @Layer} belongs to the layer's kind and is in range. */
    private static void checkKindSettings(LayerSpec layer, LayerType type, ValidationReport report) {
        for (String attribute : new java.util.TreeSet<>(layer.settings().written())) {
            Set<LayerKind> readers = LayerTypes.readersOf(attribute);
            if (!readers.isEmpty() && !type.attributes().contains(attribute)) {
                report.add(Message.LAYER_SETTING_NOT_APPLICABLE, layer.source().at(attribute), layer.name(), attribute,
                        inWords(readers), layer.kind());
            }
        }
        type.check(layer, report);
    }

    private static void checkActivation(LayerSpec layer, LayerType layerType, int width, ValidationReport report) {
        ActivationSpec activation = layer.activation();
        ActivationType type = activation.type();
        if (!layerType.takesActivation() && !activation.source().equals(layer.source())) {
            report.add(Message.ACTIVATION_NOT_TAKEN, activation.source(), layer.name(), layer.kind());
            return;
        }
        if (activation.learnsAlpha() && !layerType.learnsActivationSlopes()) {
            report.add(Message.PRELU_NOT_AVAILABLE, activation.source(), layer.name(), layer.kind());
        }
        if (Activations.rowWise(type) && width >= 1 && width < 2) {
            report.add(Message.SOFTMAX_TOO_FEW_UNITS, activation.source(), layer.name(), type, width);
        }
        if (activation.written().contains("alpha")) {
            if (type != ActivationType.LEAKY_RELU && type != ActivationType.ELU && type != ActivationType.PRELU) {
                report.add(Message.ALPHA_NOT_APPLICABLE, activation.source().at("alpha"), layer.name(), type);
            } else if (!Double.isFinite(activation.alpha()) || activation.alpha() < 0) {
                report.add(Message.ALPHA_INVALID, activation.source().at("alpha"), layer.name(), type, activation.alpha());
            }
        }
        if (activation.approximate() && type != ActivationType.GELU) {
            report.add(Message.APPROXIMATE_NOT_APPLICABLE, activation.source().at("approximate"), layer.name(), type);
        }
    }

    /** Outputs that are never negative, as the Poisson loss's log needs. */
    private static final Set<ActivationType> NON_NEGATIVE = Set.of(ActivationType.SOFTPLUS, ActivationType.RELU,
            ActivationType.RELU6, ActivationType.SIGMOID, ActivationType.HARD_SIGMOID, ActivationType.SOFTMAX);

    private static void checkLoss(NetworkSpec spec, Shape outputShape, ValidationReport report) {
        LossSpec loss = spec.loss();
        if (loss == null) {
            return;
        }
        checkLossSettings(loss, report);
        if (spec.layers().isEmpty()) {
            return;
        }
        LayerSpec output = spec.outputLayer();
        ActivationType activation = output.activation().type();
        ActivationType expected = loss.fromLogits() ? ActivationType.LINEAR : null;
        boolean rowLoss = loss.type() == LossType.CATEGORICAL_CROSS_ENTROPY || loss.type() == LossType.SPARSE_CATEGORICAL_CROSS_ENTROPY
                || loss.type() == LossType.COSINE_SIMILARITY;
        if (rowLoss && outputShape.isSequence()) {
            report.add(Message.LOSS_OVER_TIME, loss.source(), loss.type(), output.name());
        }
        switch (loss.type()) {
            case MSE, MAE, HUBER, LOG_COSH, QUANTILE, COSINE_SIMILARITY -> { }
            case BINARY_CROSS_ENTROPY, BINARY_FOCAL -> {
                if (activation != (expected == null ? ActivationType.SIGMOID : expected)) {
                    report.add(Message.BCE_OUTPUT, loss.source(), loss.type(), output.name(), activation);
                }
            }
            case CATEGORICAL_CROSS_ENTROPY, SPARSE_CATEGORICAL_CROSS_ENTROPY -> {
                boolean fits = expected == null
                        ? Activations.rowWise(activation)
                        : activation == expected;
                if (!fits) {
                    report.add(Message.CCE_OUTPUT, loss.source(), loss.type(), output.name(), activation);
                } else if (loss.fromLogits() && output.units() == 1) {
                    // a one-unit softmax is reported at its activation
                    report.add(Message.CCE_TOO_FEW_UNITS, loss.source(), loss.type(), output.name(), output.units());
                }
            }
            case HINGE, SQUARED_HINGE -> {
                if (activation != ActivationType.LINEAR && activation != ActivationType.TANH) {
                    report.add(Message.HINGE_OUTPUT, loss.source(), loss.type(), output.name(), activation);
                }
            }
            case KL_DIVERGENCE -> {
                if (activation != ActivationType.SOFTMAX && activation != ActivationType.SIGMOID) {
                    report.add(Message.KLD_OUTPUT, loss.source(), output.name(), activation);
                }
            }
            case POISSON -> {
                if (!NON_NEGATIVE.contains(activation)) {
                    report.add(Message.POISSON_OUTPUT, loss.source(), output.name(), activation);
                }
            }
        }
    }

    /** Each setting written on {@code @Loss} belongs to its loss and is in range. */
    private static void checkLossSettings(LossSpec loss, ValidationReport report) {
        LossType type = loss.type();
        boolean logits = type == LossType.BINARY_CROSS_ENTROPY || type == LossType.CATEGORICAL_CROSS_ENTROPY
                || type == LossType.SPARSE_CATEGORICAL_CROSS_ENTROPY || type == LossType.BINARY_FOCAL;
        if (loss.fromLogits() && !logits) {
            report.add(Message.FROM_LOGITS_NOT_APPLICABLE, loss.source().at("fromLogits"), type);
        }
        lossSetting(loss, "delta", LossType.HUBER, loss.delta() > 0 && Double.isFinite(loss.delta()),
                "a finite number greater than 0", loss.delta(), report);
        lossSetting(loss, "quantile", LossType.QUANTILE, loss.quantile() > 0 && loss.quantile() < 1,
                "in (0, 1)", loss.quantile(), report);
        lossSetting(loss, "gamma", LossType.BINARY_FOCAL, loss.gamma() >= 0 && Double.isFinite(loss.gamma()),
                "a finite number at least 0", loss.gamma(), report);
        lossSetting(loss, "alpha", LossType.BINARY_FOCAL, loss.alpha() >= 0 && loss.alpha() <= 1,
                "in [0, 1]", loss.alpha(), report);
    }

    private static void lossSetting(LossSpec loss, String name, LossType owner, boolean valid, String range, double value,
            ValidationReport report) {
        if (!loss.written().contains(name)) {
            return;
        }
        if (loss.type() != owner) {
            report.add(Message.LOSS_SETTING_NOT_APPLICABLE, loss.source().at(name), name, owner, loss.type());
        } else if (!valid) {
            report.add(Message.LOSS_SETTING_INVALID, loss.source().at(name), name, range, value);
        }
    }

    private static void checkOptimizer(OptimizerSpec optimizer, ValidationReport report) {
        if (optimizer == null) {
            return;
        }
        // a setting the optimizer does not read is one mistake, reported once: its range is not checked
        Set<String> misplaced = new HashSet<>();
        for (String setting : new java.util.TreeSet<>(optimizer.written())) {
            Set<OptimizerType> readers = OptimizerSpec.READERS.get(setting);
            if (readers != null && !readers.contains(optimizer.type())) {
                misplaced.add(setting);
                report.add(Message.OPTIMIZER_SETTING_NOT_APPLICABLE, optimizer.source().at(setting), setting,
                        readers.stream().map(Enum::name).sorted().collect(java.util.stream.Collectors.joining(", ")), optimizer.type());
            }
        }
        if (!(optimizer.learningRate() >= 0) || Double.isInfinite(optimizer.learningRate())) {
            report.add(Message.LEARNING_RATE_INVALID, optimizer.source().at("learningRate"), optimizer.learningRate());
        }
        if (!(optimizer.weightDecay() >= 0) || Double.isInfinite(optimizer.weightDecay())) {
            report.add(Message.WEIGHT_DECAY_INVALID, optimizer.source().at("weightDecay"), optimizer.weightDecay());
        }
        unitRange("momentum", optimizer.momentum(), optimizer, misplaced, report);
        unitRange("beta1", optimizer.beta1(), optimizer, misplaced, report);
        unitRange("beta2", optimizer.beta2(), optimizer, misplaced, report);
        unitRange("rho", optimizer.rho(), optimizer, misplaced, report);
        if (!misplaced.contains("nesterov") && optimizer.nesterov() && !(optimizer.momentum() > 0)) {
            report.add(Message.NESTEROV_WITHOUT_MOMENTUM, optimizer.source().at("nesterov"));
        }
        if (!misplaced.contains("epsilon") && (!(optimizer.epsilon() > 0) || Double.isInfinite(optimizer.epsilon()))) {
            report.add(Message.EPSILON_INVALID, optimizer.source().at("epsilon"), optimizer.epsilon());
        }
        if (!misplaced.contains("momentumDecay") && (!(optimizer.momentumDecay() >= 0) || Double.isInfinite(optimizer.momentumDecay()))) {
            report.add(Message.OPTIMIZER_SETTING_INVALID, optimizer.source().at("momentumDecay"), "momentumDecay",
                    "a finite number at least 0", optimizer.momentumDecay());
        }
        for (String clip : List.of("clipNorm", "clipValue")) {
            double value = clip.equals("clipNorm") ? optimizer.clipNorm() : optimizer.clipValue();
            if (optimizer.written().contains(clip) && (!(value > 0) || Double.isInfinite(value))) {
                report.add(Message.OPTIMIZER_SETTING_INVALID, optimizer.source().at(clip), clip, "a finite number greater than 0", value);
            }
        }
        if (optimizer.clipNorm() > 0 && optimizer.clipValue() > 0) {
            report.add(Message.TWO_CLIPS, optimizer.source().at("clipValue"));
        }
    }

    private static void unitRange(String name, double value, OptimizerSpec optimizer, Set<String> misplaced, ValidationReport report) {
        if (!misplaced.contains(name) && !(value >= 0 && value < 1)) {
            report.add(Message.OUT_OF_UNIT_RANGE, optimizer.source().at(name), name, value);
        }
    }

    private static String article(String kind) {
        return ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
    }
}
