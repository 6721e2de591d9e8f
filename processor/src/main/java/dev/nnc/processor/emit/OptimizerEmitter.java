package dev.nnc.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import dev.nnc.processor.plan.NetworkPlan;
import dev.nnc.processor.spec.OptimizerSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The optimizer step: one vectorised pass over the whole parameter vector (parameters, gradients
 * and state are contiguous and share offsets), with {@code torch.optim}'s formulas. Adding an
 * optimizer is one case in each switch here and its state-slot count in the planner.
 */
final class OptimizerEmitter {

    /**
     * Why state is flushed: a weight whose gradient stays 0 (a dead ReLU unit) decays its state by
     * the momentum factor every step until it is subnormal, and subnormal arithmetic is one to two
     * orders of magnitude slower on x86: a whole step slowed 2-3x in the benchmarks. Such state moves
     * no weight by a representable amount, so flushing it to 0 changes no result.
     */
    private static final String FLUSH_DOC = "State below the smallest normal value is flushed to 0: it moves no weight, and subnormal arithmetic is slow.\n";

    private final Numeric numeric;
    private final NetworkPlan plan;
    private final OptimizerSpec optimizer;

    OptimizerEmitter(Numeric numeric, NetworkPlan plan) {
        this.numeric = numeric;
        this.plan = plan;
        this.optimizer = plan.spec().optimizer();
    }

    /** The optimizer's settings as constants of the generated class. */
    List<FieldSpec> constants() {
        List<FieldSpec> fields = new ArrayList<>();
        if (optimizer.weightDecay() > 0) {
            fields.add(constant("WEIGHT_DECAY", optimizer.weightDecay(), "L2 penalty added to each gradient"));
        }
        switch (optimizer.type()) {
            case SGD -> {
                if (optimizer.momentum() > 0) {
                    fields.add(constant("MOMENTUM", optimizer.momentum(), "SGD momentum factor"));
                }
            }
            case ADAM -> {
                fields.add(constant("BETA1", optimizer.beta1(), "Adam: decay of the first moment"));
                fields.add(constant("BETA2", optimizer.beta2(), "Adam: decay of the second moment"));
                fields.add(constant("EPSILON_ADAM", optimizer.epsilon(), "Adam: added after the bias correction, as PyTorch"));
            }
        }
        return fields;
    }

    private FieldSpec constant(String name, double value, String doc) {
        return FieldSpec.builder(numeric.type(), name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("$L.\n", doc)
                .initializer("$L", numeric.literal(value))
                .build();
    }

    /** The body of {@code applyGradients()}: the step's scalar coefficients, then one call to the kernel. */
    CodeBlock call() {
        String type = numeric.type().toString();
        CodeBlock.Builder code = CodeBlock.builder().addStatement("steps++");
        switch (optimizer.type()) {
            case SGD -> code.addStatement("$L.$L(parameters, $Lgradients, $Llearning)", ModelEmitter.KERNELS, kernelName(),
                    plan.stateSlots() > 0 ? "state, " : "", numeric.narrow());
            case ADAM -> code
                    .addStatement("$L stepSize = $L(learning / (1 - Math.pow(BETA1, steps)))", type, numeric.narrow())
                    .addStatement("$L inverseCorrection2 = $L(1 / Math.sqrt(1 - Math.pow(BETA2, steps)))", type, numeric.narrow())
                    .addStatement("$L.$L(parameters, state, gradients, stepSize, inverseCorrection2)", ModelEmitter.KERNELS, kernelName());
        }
        return code.build();
    }

    /** {@code value}, or 0 where its magnitude is below the smallest normal number. */
    /**
     * {@code vector = 0} in the lanes below the smallest normal value. Written out in place, not as
     * a helper: a vector passed to a method C2 does not inline is boxed, and in a large compile unit
     * (the optimizer step inlined into {@code trainBatch}) C2 sometimes left the helper a call.
     */
    private CodeBlock flushVector(String vector) {
        return CodeBlock.builder()
                .addStatement("$L = $L.blend($L, $L.abs().compare($T.LT, $L))", vector, vector, numeric.literal(0), vector,
                        Types.VECTOR_OPERATORS, numeric.minNormal())
                .build();
    }

    private CodeBlock flushScalar(String value) {
        return CodeBlock.of("flushSubnormal($L)", value);
    }

    /** The helper the step's scalar tail calls to flush subnormal state (scalars cross calls unboxed). */
    MethodSpec flushHelper() {
        return MethodSpec.methodBuilder("flushSubnormal")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(numeric.type())
                .addParameter(numeric.type(), "v")
                .addStatement("return Math.abs(v) < $L ? $L : v", numeric.minNormal(), numeric.literal(0))
                .build();
    }

    /** Whether the step keeps state, which {@link #flushHelper()} then serves. */
    boolean keepsState() {
        return plan.stateSlots() > 0;
    }

    private String kernelName() {
        return switch (optimizer.type()) {
            case SGD -> "sgd";
            case ADAM -> "adam";
        };
    }

    /** The step itself: one vectorised pass over all parameters, with its scalar tail. */
    MethodSpec kernel() {
        String type = numeric.type().toString();
        boolean decay = optimizer.weightDecay() > 0;
        CodeBlock vectorGradient = decay
                ? CodeBlock.of("$T.fromArray(SPECIES, g, i).add($T.fromArray(SPECIES, w, i).mul(WEIGHT_DECAY))", numeric.vector(), numeric.vector())
                : CodeBlock.of("$T.fromArray(SPECIES, g, i)", numeric.vector());
        CodeBlock scalarGradient = decay ? CodeBlock.of("g[i] + WEIGHT_DECAY * w[i]") : CodeBlock.of("g[i]");
        MethodSpec.Builder method = MethodSpec.methodBuilder(kernelName()).addModifiers(Modifier.STATIC)
                .addParameter(numeric.array(), "w");
        CodeBlock.Builder code = CodeBlock.builder();
        switch (optimizer.type()) {
            case SGD -> {
                if (optimizer.momentum() > 0) {
                    String direction = optimizer.nesterov() ? "Nesterov: w -= lr * (g + momentum * b)" : "w -= lr * b";
                    method.addJavadoc("SGD with momentum, as PyTorch: b = momentum * b + g; $L.\n", direction)
                            .addJavadoc(FLUSH_DOC)
                            .addParameter(numeric.array(), "b");
                    code.addStatement("int i = 0")
                            .beginControlFlow("for (; i < SPECIES.loopBound(PARAMETERS); i += LANES)")
                            .addStatement("$T gv = $L", numeric.vector(), vectorGradient)
                            .addStatement("$T bv = $T.fromArray(SPECIES, b, i).mul(MOMENTUM).add(gv)", numeric.vector(), numeric.vector())
                            .add(flushVector("bv"))
                            .addStatement("bv.intoArray(b, i)")
                            .addStatement("$T dv = $L", numeric.vector(), optimizer.nesterov() ? "bv.mul(MOMENTUM).add(gv)" : "bv")
                            .addStatement("$T.fromArray(SPECIES, w, i).sub(dv.mul(lr)).intoArray(w, i)", numeric.vector())
                            .endControlFlow()
                            .beginControlFlow("for (; i < PARAMETERS; i++)")
                            .addStatement("$L gi = $L", type, scalarGradient)
                            .addStatement("b[i] = $L", flushScalar("MOMENTUM * b[i] + gi"))
                            .addStatement("w[i] -= lr * $L", optimizer.nesterov() ? "(gi + MOMENTUM * b[i])" : "b[i]")
                            .endControlFlow();
                } else {
                    method.addJavadoc("SGD: w -= lr * g.\n");
                    code.addStatement("int i = 0")
                            .beginControlFlow("for (; i < SPECIES.loopBound(PARAMETERS); i += LANES)")
                            .addStatement("$T.fromArray(SPECIES, w, i).sub($L.mul(lr)).intoArray(w, i)", numeric.vector(), vectorGradient)
                            .endControlFlow()
                            .beginControlFlow("for (; i < PARAMETERS; i++)")
                            .addStatement("w[i] -= lr * ($L)", scalarGradient)
                            .endControlFlow();
                }
                method.addParameter(numeric.array(), "g").addParameter(numeric.type(), "lr");
            }
            case ADAM -> {
                method.addJavadoc("Adam, as PyTorch: m = beta1 m + (1 - beta1) g; v = beta2 v + (1 - beta2) g^2;\n")
                        .addJavadoc("w -= stepSize * m / (sqrt(v) * inverseCorrection2 + epsilon), with stepSize = lr / (1 - beta1^t)\n")
                        .addJavadoc("and inverseCorrection2 = 1 / sqrt(1 - beta2^t): epsilon after the bias correction. Multiplying by the\n")
                        .addJavadoc("inverse spares a vector division, which shares its slow unit with the square root (within an ulp of\n")
                        .addJavadoc("PyTorch's division). m is state[0, PARAMETERS), v is state[PARAMETERS, 2 * PARAMETERS).\n")
                        .addJavadoc(FLUSH_DOC)
                        .addParameter(numeric.array(), "state")
                        .addParameter(numeric.array(), "g")
                        .addParameter(numeric.type(), "stepSize")
                        .addParameter(numeric.type(), "inverseCorrection2");
                code.addStatement("int i = 0")
                        .beginControlFlow("for (; i < SPECIES.loopBound(PARAMETERS); i += LANES)")
                        .addStatement("$T gv = $L", numeric.vector(), vectorGradient)
                        .addStatement("$T mv = $T.fromArray(SPECIES, state, i).mul(BETA1).add(gv.mul(1 - BETA1))", numeric.vector(), numeric.vector())
                        .addStatement("$T vv = $T.fromArray(SPECIES, state, PARAMETERS + i).mul(BETA2).add(gv.mul(gv).mul(1 - BETA2))",
                                numeric.vector(), numeric.vector())
                        .add(flushVector("mv"))
                        .add(flushVector("vv"))
                        .addStatement("mv.intoArray(state, i)")
                        .addStatement("vv.intoArray(state, PARAMETERS + i)")
                        .addStatement("$T denominator = vv.sqrt().mul(inverseCorrection2).add(EPSILON_ADAM)", numeric.vector())
                        .addStatement("$T.fromArray(SPECIES, w, i).sub(mv.mul(stepSize).div(denominator)).intoArray(w, i)", numeric.vector())
                        .endControlFlow()
                        .beginControlFlow("for (; i < PARAMETERS; i++)")
                        .addStatement("$L gi = $L", type, scalarGradient)
                        .addStatement("$L mi = $L", type, flushScalar("BETA1 * state[i] + (1 - BETA1) * gi"))
                        .addStatement("$L vi = $L", type, flushScalar("BETA2 * state[PARAMETERS + i] + (1 - BETA2) * gi * gi"))
                        .addStatement("state[i] = mi")
                        .addStatement("state[PARAMETERS + i] = vi")
                        .addStatement("w[i] -= stepSize * mi / ($LMath.sqrt(vi) * inverseCorrection2 + EPSILON_ADAM)", numeric.narrow())
                        .endControlFlow();
            }
        }
        return method.addCode(code.build()).build();
    }

    /** A one-line description for {@code toString} and comments. */
    String describe() {
        return switch (optimizer.type()) {
            case SGD -> optimizer.momentum() > 0 ? "SGD with momentum" : "SGD";
            case ADAM -> "Adam";
        };
    }

    int stateSlots() {
        return plan.stateSlots();
    }
}
