package dev.nnc.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.nnc.processor.layer.Graph;
import dev.nnc.processor.layer.LayerTypes;
import dev.nnc.processor.plan.LayerPlan;
import dev.nnc.processor.plan.NetworkPlan;
import dev.nnc.processor.plan.TensorPlan;
import dev.nnc.processor.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Composes one model class from a plan: constants for every shape and offset, the parameters, a
 * workspace grown to the largest batch, each layer's forward pass and the runtime's
 * {@code Predictor} API; and for a network that trains, the gradient and optimizer-state vectors,
 * each layer's backward pass, the loss, the optimizer step and the rest of the {@code Model} API.
 * A network declared without {@code @Loss} and {@code @Optimizer} gets none of the second half.
 */
public final class ModelEmitter {

    private static final String PROCESSOR = "dev.nnc.processor.NetworkProcessor";

    /** The nested class that holds every line of vector code. */
    static final String KERNELS = "Kernels";

    private final NetworkPlan plan;
    private final NetworkSpec spec;
    private final Numeric numeric;
    private final List<LayerNames> names = new ArrayList<>();
    private final List<LayerEmitter> layers = new ArrayList<>();
    private final LossEmitter loss;
    private final OptimizerEmitter optimizer;
    private final PenaltyEmitter penalties;
    /** Whether the class trains (a {@code Model}) or only predicts (a {@code Predictor}). */
    private final boolean trains;

    public ModelEmitter(NetworkPlan plan) {
        this.plan = plan;
        this.spec = plan.spec();
        this.trains = !spec.predictsOnly();
        this.numeric = Numeric.of(spec.precision());
        NameAllocator allocator = new NameAllocator();
        for (String reserved : List.of("SPECIES", "LANES", "WIDE_TILE", "INPUTS", "OUTPUTS", "TARGETS", "PARAMETERS", "SEED", "LAYERS",
                "EPSILON", "BETA1", "BETA2", "EPSILON_OPTIMIZER", "MOMENTUM", "WEIGHT_DECAY", "RHO", "MOMENTUM_DECAY", "CLIP_NORM",
                "CLIP_VALUE", "STRIDE", "TRAINABLE", "muProduct", "gradientNorm", "trains", "layerIndex", "parameters", "gradients",
                "state", "learning", "steps", "training", "capacity", "deltaA", "deltaB", "forward", "backward",
                "reserve", "lossSum", "lossGradient", "penalty", "initialParameters", "checkBatch", "requireTrainable", "random",
                "refreshMirrors", "OPTIMIZER_SLOTS", "copy", "pretrained", "shared", "requireOwnWeights")) {
            allocator.newName(reserved);
        }
        for (LayerPlan layer : plan.layers()) {
            names.add(LayerNames.allocate(layer, allocator));
        }
        this.loss = new LossEmitter(numeric, plan);
        for (LayerPlan layer : plan.layers()) {
            layers.add(LayerTypes.of(layer.kind()).emitter(numeric, layer, names.get(layer.index())));
        }
        this.optimizer = new OptimizerEmitter(numeric, plan, names);
        this.penalties = new PenaltyEmitter(numeric, plan, names);
    }

    /** The generated class; the caller adds the originating element and writes it. */
    public TypeSpec emit() {
        ClassName self = ClassName.get(spec.packageName(), spec.className());
        TypeSpec.Builder type = TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(trains ? numeric.model() : Types.PREDICTOR)
                .addAnnotation(AnnotationSpec.builder(Types.GENERATED)
                        .addMember("value", "$S", PROCESSOR)
                        .addMember("comments", "$S", "from " + spec.interfaceName())
                        .build())
                .addJavadoc(classDoc());
        addConstants(type);
        addState(type);
        addConstructors(type, self);
        addMirrorRefresh(type);
        addPlumbing(type);
        if (trains) {
            addTrainingPlumbing(type);
            type.addMethod(loss.sum(outputField()));
            type.addMethod(loss.gradient(outputField()));
            if (penalties.any()) {
                type.addMethod(penalties.method());
            }
        }
        addApi(type, self);
        if (trains) {
            addTrainingApi(type);
        }
        type.addType(kernels());
        return type.build();
    }

    private CodeBlock classDoc() {
        CodeBlock.Builder doc = CodeBlock.builder()
                .add("The network declared by {@link $L}, compiled by nnc; do not edit.\n\n<pre>\n",
                        spec.interfaceName())
                .add("input      $L\n", spec.sequential() ? spec.timesteps() + " x " + spec.features() : spec.inputs());
        for (LayerPlan layer : plan.layers()) {
            doc.add("$L $L $L -> $L, $L$L\n", pad(layer.name()), layer.kind(), layer.inputs(), layer.units(),
                    layer.spec().activation().type(), layer.kind() == dev.nnc.annotations.LayerKind.DENSE && !layer.hasBias() ? ", no bias" : "");
        }
        return doc.add("</pre>\n\n$L, $L parameters, $L arithmetic.\n", !trains
                                ? "Predicts only (declared without @Loss and @Optimizer)"
                                : "Loss " + loss.kerasName() + ", optimizer " + optimizer.describe(), plan.parameterCount(), numeric.type())
                .build();
    }

    private static String pad(String name) {
        return name.length() >= 10 ? name : name + " ".repeat(10 - name.length());
    }

    /** The buffer layer {@code index} reads: its source's output, through views, or the input {@code x}. */
    private String inputOf(int index) {
        int source = plan.layers().get(index).source();
        while (source != Graph.INPUT && plan.layers().get(source).view()) {
            source = plan.layers().get(source).source();
        }
        return source == Graph.INPUT ? "x" : names.get(source).output();
    }

    private String outputField() {
        return names.get(names.size() - 1).output();
    }

    /**
     * The vectorised math, as static functions of arrays in llm.c's order (outputs, inputs, weights,
     * sizes). A class of its own so that the JVM verifies vector code only when it first runs it,
     * after the outer class has checked that the Vector API module is there.
     */
    private TypeSpec kernels() {
        TypeSpec.Builder kernels = TypeSpec.classBuilder(KERNELS)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The vectorised math; a class of its own so the JVM loads vector types only after\n"
                        + "{@link $T#require()} has checked that their module is there.\n", Types.VECTOR_MODULE)
                .addField(FieldSpec.builder(numeric.species(), "SPECIES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("Chosen once per JVM by the {@code nnc.vector.bits} property; static final so C2 folds it.\n")
                        .initializer("$T.$L()", Types.VECTORS, numeric.speciesFactory())
                        .build())
                .addField(intConstant("LANES", "SPECIES.length()", "Values per vector.", false))
                .addField(FieldSpec.builder(boolean.class, "WIDE_TILE", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("512-bit vectors come with 32 registers (AVX-512), room for the matrix products' 8 x 2 tile;\n"
                                + "narrower ones may have 16 (AVX2), where it would spill, so they take 4 x 2.\n")
                        .initializer("SPECIES.vectorBitSize() >= 512")
                        .build())
                .addField(FieldSpec.builder(numeric.array(), "LANE_INDEX", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("0, 1, 2, ... one per lane: compared with a count, the mask of a partial last vector.\n")
                        .initializer("new $T[LANES]", numeric.type())
                        .build())
                .addStaticBlock(CodeBlock.builder()
                        .beginControlFlow("for (int lane = 0; lane < LANES; lane++)")
                        .addStatement("LANE_INDEX[lane] = lane")
                        .endControlFlow()
                        .build())
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        for (LayerEmitter layer : layers) {
            kernels.addMethods(layer.kernels());
        }
        if (trains) {
            kernels.addMethod(optimizer.kernel());
            if (penalties.any()) {
                kernels.addMethod(penalties.kernel());
            }
            if (optimizer.clipsNorm()) {
                kernels.addMethod(optimizer.normKernel());
            }
        }
        return kernels.build();
    }

    private void addConstants(TypeSpec.Builder type) {
        type.addField(intConstant("INPUTS", String.valueOf(spec.inputSize()), spec.sequential()
                        ? "Values of one input sample: " + spec.timesteps() + " time steps of " + spec.features() + " features."
                        : "Features of one input sample.", true))
                .addField(intConstant("OUTPUTS", String.valueOf(plan.outputs()), "Values of one output sample.", true))
                .addField(intConstant("PARAMETERS", String.valueOf(plan.parameterCount()), "Parameters of all layers.", true));
        if (trains) {
            type.addField(intConstant("TARGETS", String.valueOf(loss.targetWidth()), loss.targetWidth() == plan.outputs()
                            ? "Values of one target sample: one per output." : "Values of one target sample: its class index.", true))
                    .addField(intConstant("TRAINABLE", String.valueOf(plan.trainableCount()),
                            "Parameters of the layers declared trainable, which come first.", false))
                    .addField(FieldSpec.builder(int.class, "STRIDE", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                            .addJavadoc("Length of the gradient vector and of each optimizer-state vector: the trainable parameters and a\n"
                                    + "vector of slack, which stays zero, for the passes that run whole vectors over them.\n")
                            .initializer("TRAINABLE + $T.VECTOR_SLACK", Types.CHECKS)
                            .build());
        }
        type.addField(FieldSpec.builder(long.class, "SEED", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("Seed of the initial weights.\n")
                        .initializer("$LL", spec.seed())
                        .build());
        for (int i = 0; i < plan.layers().size(); i++) {
            LayerPlan layer = plan.layers().get(i);
            LayerNames n = names.get(i);
            String per = layer.inputSteps() > 0 ? "per time step" : "per sample";
            if (layer.inputSteps() > 0) {
                type.addField(intConstant(n.steps(), String.valueOf(layer.inputSteps()), "Layer '" + layer.name() + "': time steps it takes.",
                        false));
            }
            type.addField(intConstant(n.inputs(), String.valueOf(layer.inputs()), "Layer '" + layer.name() + "': inputs " + per + ".", false))
                    .addField(intConstant(n.units(), String.valueOf(layer.units()),
                            "Layer '" + layer.name() + "': outputs " + (layer.outputSteps() > 0 ? "per time step." : "per sample."), false));
            for (TensorPlan tensor : layer.tensors()) {
                type.addField(intConstant(n.tensor(tensor.name()), String.valueOf(tensor.offset()),
                        "Layer '" + layer.name() + "': offset of its " + tensor.shape() + " " + tensor.name() + ".", false));
            }
        }
        if (trains && loss.usesEpsilon()) {
            type.addField(FieldSpec.builder(double.class, "EPSILON", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("Keras' epsilon: the losses clip probabilities to [EPSILON, 1 - EPSILON] or add it before a log.\n")
                    .initializer("$L", LossEmitter.EPSILON)
                    .build());
        }
        if (trains) {
            type.addFields(optimizer.constants());
        }
        type.addField(FieldSpec.builder(ParameterizedTypeName.get(Types.LIST, Types.LAYER_INFO), "LAYERS",
                        Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer(layerInfos())
                .build());
    }

    private static FieldSpec intConstant(String name, String value, String doc, boolean isPublic) {
        return FieldSpec.builder(int.class, name, isPublic ? Modifier.PUBLIC : Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("$L\n", doc)
                .initializer("$L", value)
                .build();
    }

    private CodeBlock layerInfos() {
        List<CodeBlock> infos = new ArrayList<>();
        for (int i = 0; i < plan.layers().size(); i++) {
            LayerPlan layer = plan.layers().get(i);
            LayerNames n = names.get(i);
            List<CodeBlock> tensors = new ArrayList<>();
            for (TensorPlan tensor : layer.tensors()) {
                tensors.add(CodeBlock.of("new $T($S, $L, $T.of($L), $L, $L, $L)", Types.TENSOR_INFO, tensor.name(), n.tensor(tensor.name()),
                        Types.LIST, tensor.shape().stream().map(String::valueOf).collect(Collectors.joining(", ")), tensor.l1(), tensor.l2(),
                        tensor.declared().trained()));
            }
            double alpha = layer.spec().activation().effectiveAlpha();
            String inputShape = layer.inputSteps() > 0 ? n.steps() + ", " + n.inputs() : n.inputs();
            String outputShape = layer.outputSteps() > 0 ? n.steps() + ", " + n.units() : n.units();
            List<CodeBlock> settings = new ArrayList<>();
            new TreeMap<>(LayerTypes.of(layer.kind()).settings(layer.spec()))
                    .forEach((attribute, value) -> settings.add(CodeBlock.of("$S, $S", attribute, value)));
            infos.add(CodeBlock.of("new $T($S, $S, $S, $T.of($L), $T.of($L), $S, $L, $L, $L, $T.of($L), $T.of($L))", Types.LAYER_INFO,
                    layer.name(), layer.kind().name(), LayerTypes.of(layer.kind()).kerasName(), Types.LIST, inputShape, Types.LIST, outputShape,
                    layer.spec().activation().type().name(), Double.isNaN(alpha) ? "Double.NaN" : Double.toString(alpha),
                    layer.spec().activation().approximate(), layer.trainable(), Map.class, CodeBlock.join(settings, ", "),
                    Types.LIST, CodeBlock.join(tensors, ", ")));
        }
        return CodeBlock.of("$T.of(\n$>$L$<)", Types.LIST, CodeBlock.join(infos, ",\n"));
    }

    private void addState(TypeSpec.Builder type) {
        type.addField(FieldSpec.builder(numeric.array(), "parameters", Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("All weights and biases, laid out by the constants above; shared with predictors.\n").build());
        if (trains) {
            type.addField(FieldSpec.builder(numeric.array(), "gradients", Modifier.PRIVATE, Modifier.FINAL)
                            .addJavadoc("dL/dparameters of the last batch, same layout; null in a predictor.\n").build())
                    .addField(FieldSpec.builder(numeric.array(), "state", Modifier.PRIVATE, Modifier.FINAL)
                            .addJavadoc(stateDoc()).build())
                    .addField(FieldSpec.builder(double.class, "learning", Modifier.PRIVATE)
                            .initializer("$L", spec.optimizerOrStandIn().learningRate()).build())
                    .addField(long.class, "steps", Modifier.PRIVATE)
                    .addField(boolean.class, "training", Modifier.PRIVATE);
        } else {
            type.addField(FieldSpec.builder(boolean.class, "training", Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc("Always false: a network that only predicts runs its layers in inference mode.\n")
                    .initializer("false")
                    .build());
        }
        type.addField(FieldSpec.builder(boolean.class, "shared", Modifier.PRIVATE, Modifier.FINAL)
                        .addJavadoc("Whether this is a predictor, sharing another model's weights.\n").build())
                .addField(FieldSpec.builder(int.class, "capacity", Modifier.PRIVATE)
                        .addJavadoc("Samples the workspace below holds.\n").build());
        if (trains) {
            type.addField(FieldSpec.builder(boolean[].class, "trains", Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc("Whether the optimizer trains each layer now; see setTrainable.\n")
                    .initializer("{$L}", plan.layers().stream().map(l -> String.valueOf(l.trainable())).collect(Collectors.joining(", ")))
                    .build());
        }
        if (trains && optimizer.keepsMomentumProduct()) {
            type.addField(FieldSpec.builder(double.class, "muProduct", Modifier.PRIVATE)
                    .addJavadoc("NAdam: the product of the momentum schedule mu_1 ... mu_t so far.\n")
                    .initializer("1")
                    .build());
        }
        if (usesRandom()) {
            type.addField(FieldSpec.builder(Types.SPLITTABLE_RANDOM, "random", Modifier.PRIVATE)
                    .addJavadoc("Draws the dropout masks; a stream split from the seed's, so a seeded run repeats. See reseed.\n")
                    .initializer("new $T(SEED).split()", Types.SPLITTABLE_RANDOM)
                    .build());
        }
        for (LayerEmitter layer : layers) {
            if (layer.layer().view()) {
                continue;
            }
            type.addField(FieldSpec.builder(numeric.array(), layer.names().output(), Modifier.PRIVATE)
                    .addJavadoc("Layer '$L' output, (capacity, $L).\n", layer.layer().name(), layer.layer().units())
                    .build());
            type.addFields(layer.buffers());
        }
        for (LayerEmitter layer : layers) {
            type.addFields(layer.sharedFields());
        }
        if (trains) {
            type.addField(FieldSpec.builder(numeric.array(), "deltaA", Modifier.PRIVATE)
                            .addJavadoc("Gradients flowing back between layers, (capacity, $L); layers alternate between A and B.\n",
                                    plan.widestLayer())
                            .build())
                    .addField(numeric.array(), "deltaB", Modifier.PRIVATE);
        }
    }

    private String stateDoc() {
        return optimizer.stateDoc();
    }

    private void addConstructors(TypeSpec.Builder type, ClassName self) {
        type.addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PUBLIC)
                        .addJavadoc("A new model with weights drawn from the seed $L.\n", spec.seed())
                        .addStatement("this(initialParameters(), null)")
                        .build())
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .addJavadoc("A model on {@code parameters}; with a {@code source}, a predictor sharing its weights and mirrors.\n")
                        .addParameter(numeric.array(), "parameters")
                        .addParameter(self, "source")
                        .addComment("fails with the flag to add before the JVM loads any vector type (see $L)", KERNELS)
                        .addStatement("$T.require()", Types.VECTOR_MODULE)
                        .addStatement("this.parameters = parameters")
                        .addStatement("this.shared = source != null")
                        .addCode(trains
                                ? CodeBlock.builder()
                                        .addStatement("this.gradients = source == null ? new $T[STRIDE] : null", numeric.type())
                                        .addStatement("this.state = source == null ? new $T[$L * STRIDE] : null", numeric.type(),
                                                plan.stateSlots()).build()
                                : CodeBlock.of(""))
                        .addCode(construction())
                        .addStatement("reserve(1)")
                        .build());
        CodeBlock.Builder init = CodeBlock.builder();
        if (trains) {
            init.add("// a vector of slack past the parameters: the optimizer's masked last vector then stays inside the array,\n")
                    .add("// where JDK 17 compiles it (out of bounds it takes a slow path that allocates)\n")
                    .addStatement("double[] p = new double[PARAMETERS + $T.VECTOR_SLACK]", Types.CHECKS);
        } else {
            init.addStatement("double[] p = new double[PARAMETERS]");
        }
        init.addStatement("$T random = new $T(SEED)", Types.SPLITTABLE_RANDOM, Types.SPLITTABLE_RANDOM);
        for (LayerEmitter layer : layers) {
            init.add(Initialization.of(layer.layer(), layer.names()));
        }
        type.addMethod(MethodSpec.methodBuilder("initialParameters")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addJavadoc("Each layer's tensors drawn in order from one seeded generator, in double, so the float class and its\n"
                        + "double twin start from the same draw.\n")
                .returns(numeric.array())
                .addCode(init.build())
                .addCode(numeric == Numeric.FLOAT
                        ? CodeBlock.builder().addStatement("return $T.toFloat(p)", Types.INITIALIZERS).build()
                        : CodeBlock.builder().addStatement("return p").build())
                .build());
    }

    private CodeBlock construction() {
        CodeBlock.Builder code = CodeBlock.builder();
        for (LayerEmitter layer : layers) {
            code.add(layer.construct());
        }
        if (hasMirrors()) {
            code.beginControlFlow("if (source == null)")
                    .addStatement("refreshMirrors()")
                    .endControlFlow();
        }
        return code.build();
    }

    private boolean hasMirrors() {
        return layers.stream().anyMatch(layer -> !layer.refresh().isEmpty());
    }

    private boolean usesRandom() {
        return plan.layers().stream().anyMatch(layer -> LayerTypes.of(layer.kind()).drawsInTraining(layer.spec()));
    }

    /** Every write to the parameters ends here, so the mirrors never lag behind the weights. */
    private void addMirrorRefresh(TypeSpec.Builder type) {
        if (!hasMirrors()) {
            return;
        }
        CodeBlock.Builder code = CodeBlock.builder();
        for (LayerEmitter layer : layers) {
            code.add(layer.refresh());
        }
        type.addMethod(MethodSpec.methodBuilder("refreshMirrors")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("Copies each mirrored kernel W into its W^T; called whenever the parameters change.\n")
                .addCode(code.build())
                .build());
    }

    private CodeBlock afterParametersChange() {
        return hasMirrors() ? CodeBlock.builder().addStatement("refreshMirrors()").build() : CodeBlock.of("");
    }

    private void addPlumbing(TypeSpec.Builder type) {
        CodeBlock.Builder reserve = CodeBlock.builder()
                .beginControlFlow("if (n <= capacity)")
                .addStatement("return")
                .endControlFlow();
        for (LayerEmitter layer : layers) {
            if (layer.layer().view()) {
                continue;
            }
            String outputSize = layer.layer().outputSteps() > 0 ? layer.names().steps() + " * " + layer.names().units()
                    : layer.names().units();
            reserve.addStatement("$L = new $T[$T.workspace(n, $L)]", layer.names().output(), numeric.type(), Types.CHECKS, outputSize);
            reserve.add(layer.reserve());
        }
        if (trains) {
            reserve.addStatement("deltaA = new $T[$T.workspace(n, $L)]", numeric.type(), Types.CHECKS, plan.widestLayer())
                    .addStatement("deltaB = new $T[deltaA.length]", numeric.type());
        }
        reserve.addStatement("capacity = n");
        type.addMethod(MethodSpec.methodBuilder("reserve")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("Grows the workspace to hold {@code n} samples; allocates only when the batch is larger than any before.\n")
                .addParameter(int.class, "n")
                .addCode(reserve.build())
                .build());

        CodeBlock.Builder forward = CodeBlock.builder();
        for (int i = 0; i < layers.size(); i++) {
            if (plan.layers().get(i).view()) {
                forward.add("// layer '$L' is a view of its input: the next layer reads $L\n", plan.layers().get(i).name(), inputOf(i));
            } else {
                forward.add(layers.get(i).forward(inputOf(i)));
            }
        }
        type.addMethod(MethodSpec.methodBuilder("forward")
                .addModifiers(Modifier.PRIVATE)
                .addParameter(numeric.array(), "x")
                .addParameter(int.class, "n")
                .addCode(forward.build())
                .build());

        type.addMethod(MethodSpec.methodBuilder("requireOwnWeights")
                .addModifiers(Modifier.PRIVATE)
                .beginControlFlow("if (shared)")
                .addStatement("throw new $T($S)", IllegalStateException.class,
                        "this predictor shares another model's weights and cannot change them; write them to the model it came from")
                .endControlFlow()
                .build());
    }

    /** The backward pass and the checks of the training calls. */
    private void addTrainingPlumbing(TypeSpec.Builder type) {
        CodeBlock.Builder backward = CodeBlock.builder().addStatement("lossGradient(targets, sampleWeights, n, deltaA)");
        String dy = "deltaA";
        String dx = "deltaB";
        for (int i = plan.layers().size() - 1; i >= 0; i--) {
            LayerPlan layer = plan.layers().get(i);
            if (!layer.needsBackward()) {
                backward.add("// neither layer '$L' nor any before it trains: the gradient stops here\n", layer.name());
                break;
            }
            if (layer.view()) {
                backward.add("// layer '$L' is a view of its input: the gradient of its output is its input's\n", layer.name());
                continue;
            }
            backward.add(layers.get(i).backward(dx, dy, inputOf(i)));
            String swap = dy;
            dy = dx;
            dx = swap;
        }
        type.addMethod(MethodSpec.methodBuilder("backward")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("Back-propagates the loss of the last forward pass, from the output layer to the first.\n")
                .addParameter(numeric.array(), "x")
                .addParameter(numeric.array(), "targets")
                .addParameter(numeric.array(), "sampleWeights")
                .addParameter(int.class, "n")
                .addCode(backward.build())
                .build());

        type.addMethod(MethodSpec.methodBuilder("checkBatch")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(numeric.array(), "inputs")
                .addParameter(numeric.array(), "targets")
                .addParameter(numeric.array(), "sampleWeights")
                .addParameter(int.class, "n")
                .addStatement("$T.batchSize(n)", Types.CHECKS)
                .addStatement("$T.batch($S, inputs, n, INPUTS)", Types.CHECKS, "inputs")
                .addStatement("$T.batch($S, targets, n, TARGETS)", Types.CHECKS, "targets")
                .addStatement("$L($S, inputs, n, INPUTS)", numeric.finiteCheck(), "inputs")
                .addStatement("$L($S, targets, n, TARGETS)", numeric.finiteCheck(), "targets")
                .addCode(loss.targetChecks())
                .addStatement("$T.sampleWeights(sampleWeights, n)", Types.CHECKS)
                .build());
        type.addMethod(MethodSpec.methodBuilder("requireTrainable")
                .addModifiers(Modifier.PRIVATE)
                .beginControlFlow("if (gradients == null)")
                .addStatement("throw new $T($S)", IllegalStateException.class,
                        "this predictor shares another model's weights and cannot train; train the model it came from")
                .endControlFlow()
                .build());
    }

    /** The {@code Predictor} API (of the float class; the double twin has {@code DoubleModel}'s few). */
    private void addApi(TypeSpec.Builder type, ClassName self) {
        type.addMethod(override("name", ClassName.get(String.class)).addStatement("return $S", spec.className()).build())
                .addMethod(override("layers", ParameterizedTypeName.get(Types.LIST, Types.LAYER_INFO)).addStatement("return LAYERS").build())
                .addMethod(override("inputSize", com.palantir.javapoet.TypeName.INT).addStatement("return INPUTS").build())
                .addMethod(override("outputSize", com.palantir.javapoet.TypeName.INT).addStatement("return OUTPUTS").build())
                .addMethod(override("parameterCount", com.palantir.javapoet.TypeName.INT).addStatement("return PARAMETERS").build());

        type.addMethod(override("predict", null)
                .addParameter(numeric.array(), "inputs")
                .addParameter(int.class, "n")
                .addParameter(numeric.array(), "outputs")
                .addStatement("$T.batchSize(n)", Types.CHECKS)
                .addStatement("$T.batch($S, inputs, n, INPUTS)", Types.CHECKS, "inputs")
                .addStatement("$T.batch($S, outputs, n, OUTPUTS)", Types.CHECKS, "outputs")
                .addStatement("$L($S, inputs, n, INPUTS)", numeric.finiteCheck(), "inputs")
                .addCode(trains ? CodeBlock.builder().addStatement("training = false").build() : CodeBlock.of(""))
                .addStatement("reserve(n)")
                .addStatement("forward(inputs, n)")
                .addStatement("$T.arraycopy($L, 0, outputs, 0, n * OUTPUTS)", System.class, outputField())
                .build());

        type.addMethod(override("readParameters", null)
                .addParameter(numeric.array(), "destination")
                .addStatement("$T.size($S, destination, PARAMETERS)", Types.CHECKS, "destination")
                .addStatement("$T.arraycopy(parameters, 0, destination, 0, PARAMETERS)", System.class)
                .build());
        type.addMethod(override("writeParameters", null)
                .addParameter(numeric.array(), "source")
                .addStatement("requireOwnWeights()")
                .addStatement("$T.exactSize($S, source, PARAMETERS)", Types.CHECKS, "source")
                .addStatement("$T.finite($S, source, PARAMETERS)", Types.CHECKS, "source")
                .addStatement("$T.arraycopy(source, 0, parameters, 0, PARAMETERS)", System.class)
                .addCode(afterParametersChange())
                .build());
        if (numeric != Numeric.FLOAT) {
            return;
        }
        type.addMethod(override("newPredictor", self)
                .addJavadoc("Shares this model's weights (updates show through) with a workspace of its own; it cannot train.\n")
                .addStatement("return new $T(parameters, this)", self)
                .build());
        type.addMethod(override("copy", self)
                .addJavadoc(trains
                        ? "An independent model: a copy of this one's weights and, when this one trains, of its optimizer state,\n"
                                + "learning rate, step count and frozen layers; its dropout generator starts again from the seed.\n"
                        : "An independent instance with a copy of this one's weights.\n")
                .addStatement("$T copy = new $T(parameters.clone(), null)", self, self)
                .addCode(trains ? copyTrainingState() : CodeBlock.of(""))
                .addStatement("return copy")
                .build());
        List<String> weights = new ArrayList<>(List.of("parameters"));
        List<String> workspace = new ArrayList<>();
        for (LayerEmitter layer : layers) {
            layer.sharedFields().forEach(field -> weights.add(field.name()));
            if (!layer.layer().view()) {
                workspace.add(layer.names().output());
            }
            layer.buffers().forEach(field -> workspace.add(field.name()));
        }
        if (trains) {
            workspace.addAll(List.of("deltaA", "deltaB"));
        }
        type.addMethod(override("memory", Types.MEMORY)
                .addStatement("return new $T($T.bytes($L), $L, $L, $T.bytes($L), capacity)", Types.MEMORY,
                        Types.MEMORY, String.join(", ", weights), trains ? CodeBlock.of("$T.bytes(gradients)", Types.MEMORY) : "0",
                        trains ? CodeBlock.of("$T.bytes(state)", Types.MEMORY) : "0", Types.MEMORY, String.join(", ", workspace))
                .build());
        if (!spec.weights().isEmpty()) {
            type.addMethod(MethodSpec.methodBuilder("pretrained")
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .addJavadoc("A model with the weights of the classpath resource {@code $L}, read and checked on each call.\n\n", spec.weights())
                    .addJavadoc("@throws $T when the resource is not a weights file of this network; its message says what and where\n",
                            Types.WEIGHTS_FORMAT_EXCEPTION)
                    .addJavadoc("@throws $T when there is no such resource, or it cannot be read\n", java.io.IOException.class)
                    .returns(self)
                    .addException(java.io.IOException.class)
                    .addStatement("$T model = new $T()", self, self)
                    .addStatement("$T.load(model, $T.class, $S)", Types.WEIGHTS, self, spec.weights())
                    .addStatement("return model")
                    .build());
        }
        type.addMethod(override("toString", ClassName.get(String.class))
                .addStatement("return $S", spec.className() + "[" + (spec.sequential() ? spec.timesteps() + " x " + spec.features()
                        : String.valueOf(spec.inputs())) + " -> "
                        + plan.layers().stream().map(l -> l.name() + " " + (l.kind() == dev.nnc.annotations.LayerKind.DENSE ? ""
                                        : l.kind() + " ") + l.units() + " " + l.spec().activation().type())
                                .collect(Collectors.joining(" -> "))
                        + (!trains ? "; predicts only]" : "; " + loss.kerasName() + "; " + optimizer.describe() + "]"))
                .build());
    }

    /** Copies this model's optimizer state, learning rate, steps and frozen layers into {@code copy}, unless it is a predictor. */
    private CodeBlock copyTrainingState() {
        CodeBlock.Builder code = CodeBlock.builder()
                .beginControlFlow("if (gradients != null)")
                .addStatement("$T.arraycopy(state, 0, copy.state, 0, state.length)", System.class)
                .addStatement("copy.steps = steps")
                .addStatement("copy.learning = learning");
        if (optimizer.keepsMomentumProduct()) {
            code.addStatement("copy.muProduct = muProduct");
        }
        return code.addStatement("$T.arraycopy(trains, 0, copy.trains, 0, trains.length)", System.class)
                .endControlFlow()
                .build();
    }

    /** What a {@code Model} adds: the training calls, the optimizer's settings and state, frozen layers. */
    private void addTrainingApi(TypeSpec.Builder type) {
        type.addMethod(override("targetSize", com.palantir.javapoet.TypeName.INT).addStatement("return TARGETS").build());
        type.addMethod(override("computeGradients", numeric.type())
                .addParameter(numeric.array(), "inputs")
                .addParameter(numeric.array(), "targets")
                .addParameter(numeric.array(), "sampleWeights")
                .addParameter(int.class, "n")
                .addStatement("requireTrainable()")
                .addStatement("checkBatch(inputs, targets, sampleWeights, n)")
                .addStatement("training = true")
                .addStatement("reserve(n)")
                .addStatement("forward(inputs, n)")
                .addStatement("double loss = lossSum(targets, sampleWeights, n) / n")
                .addStatement("backward(inputs, targets, sampleWeights, n)")
                .addCode(penalties.any() ? CodeBlock.builder().addStatement("loss += penalty(true)").build() : CodeBlock.of(""))
                .addStatement("return $Lloss", numeric.narrow())
                .build());
        type.addMethod(override("applyGradients", null)
                .addStatement("requireTrainable()")
                .addCode(optimizer.call())
                .addCode(afterParametersChange())
                .build());
        type.addMethod(override("readGradients", null)
                .addParameter(numeric.array(), "destination")
                .addStatement("requireTrainable()")
                .addStatement("$T.size($S, destination, PARAMETERS)", Types.CHECKS, "destination")
                .addComment("trainable layers' parameters come first; frozen ones have no gradient")
                .addStatement("$T.arraycopy(gradients, 0, destination, 0, TRAINABLE)", System.class)
                .addStatement("$T.fill(destination, TRAINABLE, PARAMETERS, $L)", java.util.Arrays.class, numeric.literal(0))
                .build());
        type.addMethod(override("setTrainable", null)
                .addParameter(String.class, "layer")
                .addParameter(boolean.class, "trainable")
                .addStatement("int index = layerIndex(layer)")
                .addStatement("$T info = LAYERS.get(index)", Types.LAYER_INFO)
                .beginControlFlow("if (!info.trainable())")
                .beginControlFlow("if (trainable)")
                .addStatement("throw new $T($S + layer + $S)", IllegalArgumentException.class, "layer '",
                        "' is declared @Layer(trainable = false) and cannot be thawed; declare it trainable")
                .endControlFlow()
                .addStatement("return")
                .endControlFlow()
                .beginControlFlow("if (!trainable && gradients != null)")
                .addComment("a frozen layer's gradients stay 0, so readGradients and clipping see none")
                .beginControlFlow("for ($T tensor : info.tensors())", Types.TENSOR_INFO)
                .beginControlFlow("if (tensor.trainable())")
                .addStatement("$T.fill(gradients, tensor.offset(), tensor.offset() + tensor.size(), $L)", java.util.Arrays.class,
                        numeric.literal(0))
                .endControlFlow()
                .endControlFlow()
                .endControlFlow()
                .addStatement("trains[index] = trainable")
                .build());
        type.addMethod(override("isTrainable", com.palantir.javapoet.TypeName.BOOLEAN)
                .addParameter(String.class, "layer")
                .addStatement("return trains[layerIndex(layer)]")
                .build());
        type.addMethod(override("reseed", null)
                .addParameter(long.class, "seed")
                .addCode(usesRandom() ? CodeBlock.builder().addStatement("random = new $T(seed).split()", Types.SPLITTABLE_RANDOM).build()
                        : CodeBlock.of("// no layer draws random numbers\n"))
                .build());
        type.addMethod(MethodSpec.methodBuilder("layerIndex")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(int.class)
                .addParameter(String.class, "layer")
                .beginControlFlow("for (int i = 0; i < LAYERS.size(); i++)")
                .beginControlFlow("if (LAYERS.get(i).name().equals(layer))")
                .addStatement("return i")
                .endControlFlow()
                .endControlFlow()
                .addStatement("throw new $T($S + layer + $S + LAYERS.stream().map($T::name).toList())", IllegalArgumentException.class,
                        "no layer '", "' in " + spec.className() + "; layers are ", Types.LAYER_INFO)
                .build());

        if (numeric != Numeric.FLOAT) {
            type.addMethod(override("loss", com.palantir.javapoet.TypeName.DOUBLE)
                    .addParameter(numeric.array(), "inputs")
                    .addParameter(numeric.array(), "targets")
                    .addParameter(numeric.array(), "sampleWeights")
                    .addParameter(int.class, "n")
                    .addStatement("checkBatch(inputs, targets, sampleWeights, n)")
                    .addStatement("training = false")
                    .addStatement("reserve(n)")
                    .addStatement("forward(inputs, n)")
                    .addStatement(penalties.any() ? "return lossSum(targets, sampleWeights, n) / n + penalty(false)"
                            : "return lossSum(targets, sampleWeights, n) / n")
                    .build());
            return;
        }
        type.addMethod(override("loss", ClassName.get(String.class))
                .addStatement("return $S", loss.kerasName()).build());
        type.addMethod(override("trainBatch", numeric.type())
                .addParameter(numeric.array(), "inputs")
                .addParameter(numeric.array(), "targets")
                .addParameter(numeric.array(), "sampleWeights")
                .addParameter(int.class, "n")
                .addStatement("float loss = computeGradients(inputs, targets, sampleWeights, n)")
                .addStatement("applyGradients()")
                .addStatement("return loss")
                .build());
        type.addMethod(override("evaluate", numeric.type())
                .addParameter(numeric.array(), "inputs")
                .addParameter(numeric.array(), "targets")
                .addParameter(numeric.array(), "sampleWeights")
                .addParameter(int.class, "n")
                .addParameter(Types.EVALUATION, "into")
                .addStatement("$T.requireNonNull(into, $S)", Objects.class, "into")
                .addStatement("checkBatch(inputs, targets, sampleWeights, n)")
                .addStatement("training = false")
                .addStatement("reserve(n)")
                .addStatement("forward(inputs, n)")
                .addStatement(penalties.any() ? "double loss = lossSum(targets, sampleWeights, n) / n + penalty(false)"
                        : "double loss = lossSum(targets, sampleWeights, n) / n")
                .addStatement("into.add(loss, $L, targets, n, OUTPUTS)", outputField())
                .addStatement("return (float) loss")
                .build());
        type.addMethod(override("learningRate", com.palantir.javapoet.TypeName.DOUBLE).addStatement("return learning").build());
        type.addMethod(override("setLearningRate", null)
                .addParameter(double.class, "learningRate")
                .beginControlFlow("if (!(learningRate >= 0) || Double.isInfinite(learningRate))")
                .addStatement("throw new $T($S + learningRate)", IllegalArgumentException.class,
                        "learningRate must be a finite number at least 0, found ")
                .endControlFlow()
                .addStatement("learning = learningRate")
                .build());
        type.addMethod(override("steps", com.palantir.javapoet.TypeName.LONG).addStatement("return steps").build());
        type.addMethod(override("isTraining", com.palantir.javapoet.TypeName.BOOLEAN).addStatement("return training").build());
        type.addMethod(override("setTraining", null)
                .addParameter(boolean.class, "training")
                .addStatement("this.training = training")
                .build());
        type.addField(optimizer.slotsConstant());
        type.addMethods(optimizer.stateMethods());
    }

    private static MethodSpec.Builder override(String name, com.palantir.javapoet.TypeName returns) {
        MethodSpec.Builder method = MethodSpec.methodBuilder(name)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC);
        if (returns != null) {
            method.returns(returns);
        }
        return method;
    }
}
