package dev.nnc.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import dev.nnc.processor.plan.LayerPlan;
import dev.nnc.processor.plan.NetworkPlan;
import dev.nnc.processor.spec.OptimizerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * The optimizer step: a vectorised pass over each trainable layer's contiguous parameters
 * (parameters, gradients and each state vector share offsets; trainable layers come first),
 * whole vectors and one masked vector for the rest, with {@code torch.optim}'s formulas.
 * Adding an optimizer is one case in {@link #form()} and its state-slot count in
 * {@link OptimizerSpec#stateSlots()}.
 */
final class OptimizerEmitter {

    /**
     * Why state is flushed: a weight whose gradient stays 0 (a dead ReLU unit) decays its state by
     * the momentum factor every step until it is subnormal, and subnormal arithmetic is one to two
     * orders of magnitude slower on x86: a whole step slowed 2-3x in the benchmarks. Such state moves
     * no weight by a representable amount, so flushing it to 0 changes no result.
     */
    private static final String FLUSH_DOC = "State below the smallest normal value is flushed to 0: it moves no weight, and subnormal arithmetic is slow.\n";

    /** The step's vector math on {@code gv} (the gradient, clipped and decayed) and {@code wv}, with the state vectors by name. */
    interface Step {
        /** Adds the statements that update the state vectors (and any temporaries); returns the new weights' expression. */
        CodeBlock emit(CodeBlock.Builder body);
    }

    /**
     * One optimizer.
     *
     * @param description for {@code toString} and comments
     * @param formula the update, for the kernel's Javadoc
     * @param constants its settings as constants of the class
     * @param state the names of its state vectors, in slot order
     * @param coefficients statements of {@code applyGradients} that compute the step's scalars, in double
     * @param scalars the names of those scalars, passed to the kernel narrowed
     * @param step the vector math
     */
    private record Form(
            String description,
            String formula,
            List<FieldSpec> constants,
            List<String> state,
            CodeBlock coefficients,
            List<String> scalars,
            Step step) {}

    /** torch.optim's key of each state vector, by the name the kernels give it. */
    private static final Map<String, String> TORCH_KEYS = Map.of(
            "m", "exp_avg",
            "v", "exp_avg_sq",
            "vmax", "max_exp_avg_sq",
            "b", "momentum_buffer",
            "sum", "sum",
            "square", "square_avg",
            "average", "grad_avg",
            "u", "exp_inf");

    private final Numeric numeric;
    private final NetworkPlan plan;
    private final List<LayerNames> names;
    private final OptimizerSpec optimizer;
    private final Form form;

    OptimizerEmitter(Numeric numeric, NetworkPlan plan, List<LayerNames> names) {
        this.numeric = numeric;
        this.plan = plan;
        this.names = names;
        this.optimizer = plan.spec().optimizerOrStandIn();
        this.form = form();
    }

    private Form form() {
        List<FieldSpec> constants = new ArrayList<>();
        if (optimizer.weightDecay() > 0) {
            constants.add(constant("WEIGHT_DECAY", optimizer.weightDecay(), optimizer.couplesWeightDecay()
                    ? "L2 penalty added to each gradient" : "decoupled weight decay: w *= 1 - lr * WEIGHT_DECAY each step"));
        }
        CodeBlock lr = CodeBlock.builder().addStatement("double lr = learning").build();
        return switch (optimizer.type()) {
            case SGD -> {
                boolean momentum = optimizer.momentum() > 0;
                if (momentum) {
                    constants.add(constant("MOMENTUM", optimizer.momentum(), "SGD momentum factor"));
                }
                yield new Form(momentum ? (optimizer.nesterov() ? "SGD with Nesterov momentum" : "SGD with momentum") : "SGD",
                        momentum ? "b = momentum * b + g; w -= lr * " + (optimizer.nesterov() ? "(g + momentum * b)" : "b") : "w -= lr * g",
                        constants, momentum ? List.of("b") : List.of(), lr, List.of("lr"), body -> {
                            if (!momentum) {
                                return CodeBlock.of("wv.sub(gv.mul(lr))");
                            }
                            body.addStatement("b = b.mul(MOMENTUM).add(gv)");
                            return optimizer.nesterov() ? CodeBlock.of("wv.sub(gv.add(b.mul(MOMENTUM)).mul(lr))") : CodeBlock.of("wv.sub(b.mul(lr))");
                        });
            }
            case ADAGRAD -> {
                constants.add(constant("EPSILON_OPTIMIZER", optimizer.epsilon(), "Adagrad: added to the denominator"));
                yield new Form("Adagrad", "s += g^2; w -= lr * g / (sqrt(s) + eps)", constants, List.of("sum"), lr, List.of("lr"),
                        body -> {
                            body.addStatement("sum = gv.fma(gv, sum)");
                            return CodeBlock.of("wv.sub(gv.mul(lr).div(sum.sqrt().add(EPSILON_OPTIMIZER)))");
                        });
            }
            case RMSPROP -> rmsprop(constants, lr);
            case ADAM, ADAMW -> adam(constants);
            case NADAM -> nadam(constants);
            case ADAMAX -> {
                constants.add(constant("BETA1", optimizer.beta1(), "decay of the first moment"));
                constants.add(constant("BETA2", optimizer.beta2(), "decay of the infinity norm"));
                constants.add(constant("EPSILON_OPTIMIZER", optimizer.epsilon(), "added to |g| in the infinity norm"));
                CodeBlock coefficients = CodeBlock.builder()
                        .addStatement("double stepSize = learning / (1 - StrictMath.pow(BETA1, steps))")
                        .build();
                yield new Form("Adamax", "m = beta1 m + (1 - beta1) g; u = max(beta2 u, |g| + eps); w -= lr / (1 - beta1^t) * m / u",
                        constants, List.of("m", "u"), coefficients, List.of("stepSize"), body -> {
                            body.addStatement("m = m.mul(BETA1).add(gv.mul(1 - BETA1))");
                            body.addStatement("u = u.mul(BETA2).max(gv.abs().add(EPSILON_OPTIMIZER))");
                            return CodeBlock.of("wv.sub(m.mul(stepSize).div(u))");
                        });
            }
            case LION -> {
                constants.add(constant("BETA1", optimizer.beta1(), "interpolation of the update's momentum"));
                constants.add(constant("BETA2", optimizer.beta2(), "decay of the momentum"));
                boolean decays = optimizer.weightDecay() > 0;
                CodeBlock.Builder coefficients = CodeBlock.builder().addStatement("double lr = learning");
                if (decays) {
                    coefficients.addStatement("double decayFactor = 1 - learning * WEIGHT_DECAY");
                }
                yield new Form("Lion", "c = beta1 m + (1 - beta1) g; w = w (1 - lr wd) - lr sign(c); m = beta2 m + (1 - beta2) g",
                        constants, List.of("m"), coefficients.build(), decays ? List.of("lr", "decayFactor") : List.of("lr"), body -> {
                            body.addStatement("$T c = m.mul(BETA1).add(gv.mul(1 - BETA1))", numeric.vector());
                            body.addStatement("$T sign = $T.zero(SPECIES).blend($L, c.compare($T.GT, $L)).blend($L, c.compare($T.LT, $L))",
                                    numeric.vector(), numeric.vector(), numeric.literal(1), Types.VECTOR_OPERATORS, numeric.literal(0),
                                    numeric.literal(-1), Types.VECTOR_OPERATORS, numeric.literal(0));
                            body.addStatement("m = m.mul(BETA2).add(gv.mul(1 - BETA2))");
                            return decays ? CodeBlock.of("wv.mul(decayFactor).sub(sign.mul(lr))") : CodeBlock.of("wv.sub(sign.mul(lr))");
                        });
            }
        };
    }

    private Form rmsprop(List<FieldSpec> constants, CodeBlock lr) {
        boolean momentum = optimizer.momentum() > 0;
        boolean centered = optimizer.centered();
        constants.add(constant("RHO", optimizer.rho(), "decay of the squared-gradient average (torch's alpha)"));
        constants.add(constant("EPSILON_OPTIMIZER", optimizer.epsilon(), "added to the denominator"));
        if (momentum) {
            constants.add(constant("MOMENTUM", optimizer.momentum(), "momentum factor"));
        }
        List<String> state = new ArrayList<>(List.of("square"));
        if (centered) {
            state.add("average");
        }
        if (momentum) {
            state.add("b");
        }
        return new Form((centered ? "centered " : "") + "RMSprop" + (momentum ? " with momentum" : ""),
                "s = rho s + (1 - rho) g^2; " + (centered ? "a = rho a + (1 - rho) g; d = sqrt(s - a^2) + eps" : "d = sqrt(s) + eps")
                        + (momentum ? "; b = momentum b + g / d; w -= lr b" : "; w -= lr g / d"),
                constants, state, lr, List.of("lr"), body -> {
                    body.addStatement("square = square.mul(RHO).add(gv.mul(gv).mul(1 - RHO))");
                    if (centered) {
                        body.addStatement("average = average.mul(RHO).add(gv.mul(1 - RHO))");
                        body.add("// s - a^2 >= 0 in exact arithmetic; rounding must not take the square root of a negative\n");
                        body.addStatement("$T denominator = square.sub(average.mul(average)).max($L).sqrt().add(EPSILON_OPTIMIZER)",
                                numeric.vector(), numeric.literal(0));
                    } else {
                        body.addStatement("$T denominator = square.sqrt().add(EPSILON_OPTIMIZER)", numeric.vector());
                    }
                    if (momentum) {
                        body.addStatement("b = b.mul(MOMENTUM).add(gv.div(denominator))");
                        return CodeBlock.of("wv.sub(b.mul(lr))");
                    }
                    return CodeBlock.of("wv.sub(gv.mul(lr).div(denominator))");
                });
    }

    /** Adam, AMSGrad and AdamW, PyTorch's form: epsilon after the bias correction. */
    private Form adam(List<FieldSpec> constants) {
        boolean decoupled = !optimizer.couplesWeightDecay();
        boolean decays = decoupled && optimizer.weightDecay() > 0;
        boolean amsgrad = optimizer.amsgrad();
        constants.add(constant("BETA1", optimizer.beta1(), "decay of the first moment"));
        constants.add(constant("BETA2", optimizer.beta2(), "decay of the second moment"));
        constants.add(constant("EPSILON_OPTIMIZER", optimizer.epsilon(), "added after the bias correction, as PyTorch"));
        CodeBlock.Builder coefficients = CodeBlock.builder()
                .addStatement("double stepSize = learning / (1 - StrictMath.pow(BETA1, steps))")
                .addStatement("double inverseCorrection2 = 1 / Math.sqrt(1 - StrictMath.pow(BETA2, steps))");
        List<String> scalars = new ArrayList<>(List.of("stepSize", "inverseCorrection2"));
        if (decays) {
            coefficients.addStatement("double decayFactor = 1 - learning * WEIGHT_DECAY");
            scalars.add("decayFactor");
        }
        String second = amsgrad ? "vmax" : "v";
        return new Form((decoupled ? "AdamW" : "Adam") + (amsgrad ? " (AMSGrad)" : ""),
                (decays ? "w *= 1 - lr wd; " : "") + "m = beta1 m + (1 - beta1) g; v = beta2 v + (1 - beta2) g^2; "
                        + (amsgrad ? "vmax = max(vmax, v); " : "")
                        + "w -= stepSize * m / (sqrt(" + second + ") * inverseCorrection2 + eps), stepSize = lr / (1 - beta1^t),"
                        + " inverseCorrection2 = 1 / sqrt(1 - beta2^t): multiplying by the inverse spares a vector division,"
                        + " which shares its slow unit with the square root (within an ulp of PyTorch's division)",
                constants, amsgrad ? List.of("m", "v", "vmax") : List.of("m", "v"), coefficients.build(), scalars, body -> {
                    body.addStatement("m = m.mul(BETA1).add(gv.mul(1 - BETA1))");
                    body.addStatement("v = v.mul(BETA2).add(gv.mul(gv).mul(1 - BETA2))");
                    if (amsgrad) {
                        body.addStatement("vmax = vmax.max(v)");
                    }
                    CodeBlock update = CodeBlock.of("m.mul(stepSize).div($L.sqrt().mul(inverseCorrection2).add(EPSILON_OPTIMIZER))", second);
                    return decays ? CodeBlock.of("wv.mul(decayFactor).sub($L)", update) : CodeBlock.of("wv.sub($L)", update);
                });
    }

    /** NAdam as torch.optim.NAdam, with its momentum-decay schedule mu_t = beta1 (1 - 0.5 * 0.96^(t psi)). */
    private Form nadam(List<FieldSpec> constants) {
        constants.add(constant("BETA1", optimizer.beta1(), "decay of the first moment"));
        constants.add(constant("BETA2", optimizer.beta2(), "decay of the second moment"));
        constants.add(constant("EPSILON_OPTIMIZER", optimizer.epsilon(), "added after the bias correction, as PyTorch"));
        constants.add(constant("MOMENTUM_DECAY", optimizer.momentumDecay(), "psi of the momentum schedule"));
        CodeBlock coefficients = CodeBlock.builder()
                .addStatement("double mu = BETA1 * (1 - 0.5 * StrictMath.pow(0.96, steps * MOMENTUM_DECAY))")
                .addStatement("double muNext = BETA1 * (1 - 0.5 * StrictMath.pow(0.96, (steps + 1) * MOMENTUM_DECAY))")
                .addStatement("muProduct *= mu")
                .addStatement("double gradientStep = learning * (1 - mu) / (1 - muProduct)")
                .addStatement("double momentumStep = learning * muNext / (1 - muProduct * muNext)")
                .addStatement("double inverseCorrection2 = 1 / Math.sqrt(1 - StrictMath.pow(BETA2, steps))")
                .build();
        return new Form("NAdam", "m and v as Adam; d = sqrt(v) * inverseCorrection2 + eps;"
                        + " w -= (gradientStep * g + momentumStep * m) / d",
                constants, List.of("m", "v"), coefficients, List.of("gradientStep", "momentumStep", "inverseCorrection2"), body -> {
                    body.addStatement("m = m.mul(BETA1).add(gv.mul(1 - BETA1))");
                    body.addStatement("v = v.mul(BETA2).add(gv.mul(gv).mul(1 - BETA2))");
                    return CodeBlock.of("wv.sub(gv.mul(gradientStep).add(m.mul(momentumStep)).div(v.sqrt().mul(inverseCorrection2).add(EPSILON_OPTIMIZER)))");
                });
    }

    private FieldSpec constant(String name, double value, String doc) {
        return FieldSpec.builder(numeric.type(), name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("$L.\n", doc)
                .initializer("$L", numeric.literal(value))
                .build();
    }

    /** The optimizer's settings (and clipping thresholds) as constants of the generated class. */
    List<FieldSpec> constants() {
        List<FieldSpec> constants = new ArrayList<>(form.constants());
        if (optimizer.clipNorm() > 0) {
            constants.add(FieldSpec.builder(double.class, "CLIP_NORM", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("Gradients whose global L2 norm exceeds this are scaled down to it.\n")
                    .initializer("$L", optimizer.clipNorm()).build());
        }
        if (optimizer.clipValue() > 0) {
            constants.add(constant("CLIP_VALUE", optimizer.clipValue(), "each gradient is clamped to [-CLIP_VALUE, CLIP_VALUE]"));
        }
        return constants;
    }

    /** Whether {@code applyGradients} keeps NAdam's running product of the momentum schedule. */
    boolean keepsMomentumProduct() {
        return optimizer.type() == dev.nnc.annotations.OptimizerType.NADAM;
    }

    /** The body of {@code applyGradients()}: the step's scalar coefficients, then one call to the kernel. */
    CodeBlock call() {
        CodeBlock.Builder code = CodeBlock.builder().addStatement("steps++");
        List<String> arguments = new ArrayList<>(List.of("parameters"));
        if (!form.state().isEmpty()) {
            arguments.add("state");
        }
        arguments.add("gradients");
        if (optimizer.clipNorm() > 0) {
            code.add("// global-norm clipping: one reduction over all gradients, then a scale the step applies\n")
                    .addStatement("double norm = $L.gradientNorm(gradients)", ModelEmitter.KERNELS)
                    .addStatement("$T gradientScale = $L(Math.min(1, CLIP_NORM / (norm + 1e-6)))", numeric.type(), numeric.narrow());
            arguments.add("gradientScale");
        }
        code.add(form.coefficients());
        List<String> scalars = new ArrayList<>();
        for (String scalar : form.scalars()) {
            scalars.add(numeric.narrow() + scalar);
        }
        code.add("// each layer the optimizer trains now: its trained tensors are contiguous\n");
        for (int i = 0; i < plan.layers().size(); i++) {
            LayerPlan layer = plan.layers().get(i);
            if (!layer.trains()) {
                continue;
            }
            List<String> call = new ArrayList<>(arguments);
            String from = names.get(i).tensor(layer.trainedTensors().get(0).name());
            call.add(from);
            call.add(from + " + " + layer.trainedCount());
            call.addAll(scalars);
            code.beginControlFlow("if (trains[$L])", i)
                    .addStatement("$L.$L($L)", ModelEmitter.KERNELS, kernelName(), String.join(", ", call))
                    .endControlFlow();
        }
        return code.build();
    }

    /** {@code sqrt(sum g^2)} over all gradients, for global-norm clipping; emitted when clipNorm is set. */
    MethodSpec normKernel() {
        return MethodSpec.methodBuilder("gradientNorm")
                .addModifiers(Modifier.STATIC)
                .addJavadoc("The global L2 norm of the gradients, its sum in the runtime's fixed order.\n")
                .returns(double.class)
                .addParameter(numeric.array(), "g")
                .addStatement("return Math.sqrt($T.sumOfSquares(g, 0, TRAINABLE))", Types.FIXED_ORDER_SUMS)
                .build();
    }

    boolean clipsNorm() {
        return optimizer.clipNorm() > 0;
    }

    private String kernelName() {
        return optimizer.type().name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The step itself over the parameters [from, to) (a layer's tensors): whole vectors, then the
     * last vector with its lanes past {@code to} put back as they were, so the step never moves a
     * neighbouring layer, which may be frozen. The arrays carry a vector of slack, so that vector
     * stays inside them; it is written unmasked, since JDK 17 runs masked stores in Java, allocating.
     */
    MethodSpec kernel() {
        MethodSpec.Builder method = MethodSpec.methodBuilder(kernelName()).addModifiers(Modifier.STATIC)
                .addJavadoc("$L, as torch.optim, over w[from, to): $L.\n", form.description(), form.formula())
                .addParameter(numeric.array(), "w");
        if (!form.state().isEmpty()) {
            method.addJavadoc("State: $L, slot k at [k * STRIDE, k * STRIDE + TRAINABLE).\n", String.join(", ", form.state()))
                    .addJavadoc(FLUSH_DOC)
                    .addParameter(numeric.array(), "state");
        }
        method.addParameter(numeric.array(), "g");
        if (optimizer.clipNorm() > 0) {
            method.addParameter(numeric.type(), "gradientScale");
        }
        method.addParameter(int.class, "from").addParameter(int.class, "to");
        for (String scalar : form.scalars()) {
            method.addParameter(numeric.type(), scalar);
        }
        return method.addStatement("int i = from")
                .beginControlFlow("for (; i + LANES <= to; i += LANES)")
                .addCode(stepBody(false))
                .endControlFlow()
                .beginControlFlow("if (i < to)")
                .addComment("lanes below `to`; from LANE_INDEX, since JDK 17 runs SPECIES.indexInRange in Java, allocating")
                .addStatement("$T mask = $T.fromArray(SPECIES, LANE_INDEX, 0).compare($T.LT, to - i)", numeric.mask(), numeric.vector(),
                        Types.VECTOR_OPERATORS)
                .addCode(stepBody(true))
                .endControlFlow()
                .build();
    }

    /** One vector of the step; on the last one, only the lanes in {@code mask} take new values. */
    private CodeBlock stepBody(boolean last) {
        CodeBlock.Builder body = CodeBlock.builder();
        CodeBlock gradient = CodeBlock.of("$T.fromArray(SPECIES, g, i)", numeric.vector());
        if (optimizer.clipNorm() > 0) {
            gradient = CodeBlock.of("$L.mul(gradientScale)", gradient);
        }
        if (optimizer.clipValue() > 0) {
            gradient = CodeBlock.of("$L.max(-CLIP_VALUE).min(CLIP_VALUE)", gradient);
        }
        body.addStatement("$T wv = $T.fromArray(SPECIES, w, i)", numeric.vector(), numeric.vector());
        body.addStatement("$T gv = $L", numeric.vector(), gradient);
        if (optimizer.weightDecay() > 0 && optimizer.couplesWeightDecay()) {
            body.addStatement("gv = gv.add(wv.mul(WEIGHT_DECAY))");
        }
        for (int slot = 0; slot < form.state().size(); slot++) {
            body.addStatement("$T $L = $T.fromArray(SPECIES, state, $L)", numeric.vector(), form.state().get(slot), numeric.vector(),
                    slotOffset(slot));
        }
        CodeBlock weights = form.step().emit(body);
        for (int slot = 0; slot < form.state().size(); slot++) {
            String name = form.state().get(slot);
            CodeBlock flushed = CodeBlock.of("$L.blend($L, $L.abs().compare($T.LT, $L))", name, numeric.literal(0), name,
                    Types.VECTOR_OPERATORS, numeric.minNormal());
            // on the last vector, the lanes past `to` keep what the array holds
            body.addStatement("$L.intoArray(state, $L)", last
                    ? CodeBlock.of("$T.fromArray(SPECIES, state, $L).blend($L, mask)", numeric.vector(), slotOffset(slot), flushed)
                    : flushed, slotOffset(slot));
        }
        body.addStatement("$L.intoArray(w, i)", last ? CodeBlock.of("wv.blend($L, mask)", weights) : weights);
        return body.build();
    }

    private static String slotOffset(int slot) {
        return slot == 0 ? "i" : slot == 1 ? "STRIDE + i" : slot + " * STRIDE + i";
    }

    /** A one-line description for {@code toString} and comments. */
    String describe() {
        return form.description();
    }

    /** The optimizer as {@code torch.optim}'s class name in lower case, as the runtime's {@code OptimizerState} names it. */
    private String torchName() {
        return optimizer.type().name().toLowerCase(Locale.ROOT);
    }

    /** {@code OPTIMIZER_SLOTS}: the state vectors by {@code torch.optim}'s keys, in slot order. */
    FieldSpec slotsConstant() {
        return FieldSpec.builder(ParameterizedTypeName.get(Types.LIST, ClassName.get(String.class)), "OPTIMIZER_SLOTS",
                        Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The optimizer's state vectors by torch.optim's keys, in slot order.\n")
                .initializer("$T.of($L)", Types.LIST, form.state().stream().map(name -> CodeBlock.of("$S", TORCH_KEYS.get(name)).toString())
                        .collect(Collectors.joining(", ")))
                .build();
    }

    /** {@code optimizer()}, {@code optimizerState()} and {@code setOptimizerState()} over the model's state fields. */
    List<MethodSpec> stateMethods() {
        CodeBlock scalars = keepsMomentumProduct() ? CodeBlock.of("$T.of($S, muProduct)", Map.class, "mu_product") : CodeBlock.of("$T.of()", Map.class);
        MethodSpec.Builder restore = MethodSpec.methodBuilder("setOptimizerState")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(Types.OPTIMIZER_STATE, "saved")
                .addStatement("requireTrainable()")
                .addStatement("$T.requireNonNull(saved, $S)", Objects.class, "state")
                .addStatement("saved.write($S, OPTIMIZER_SLOTS, $T.of($L), state, STRIDE, TRAINABLE, PARAMETERS)", torchName(), Types.LIST,
                        keepsMomentumProduct() ? CodeBlock.of("$S", "mu_product") : "")
                .addStatement("steps = saved.steps()")
                .addStatement("learning = saved.learningRate()");
        if (keepsMomentumProduct()) {
            restore.addStatement("muProduct = saved.scalar($S)", "mu_product");
        }
        return List.of(
                MethodSpec.methodBuilder("optimizer")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(String.class)
                        .addStatement("return $S", torchName())
                        .build(),
                MethodSpec.methodBuilder("optimizerState")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(Types.OPTIMIZER_STATE)
                        .addStatement("requireTrainable()")
                        .addStatement("return $T.read($S, steps, learning, OPTIMIZER_SLOTS, state, STRIDE, TRAINABLE, PARAMETERS, $L)",
                                Types.OPTIMIZER_STATE, torchName(), scalars)
                        .build(),
                restore.build());
    }

    /** The state vectors, for the field's Javadoc. */
    String stateDoc() {
        return form.state().isEmpty()
                ? form.description() + " keeps no state.\n"
                : form.description() + " state " + String.join(", ", form.state()) + ", each STRIDE values from slot * STRIDE.\n";
    }
}
