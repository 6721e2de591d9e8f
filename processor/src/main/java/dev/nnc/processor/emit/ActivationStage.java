package dev.nnc.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.nnc.annotations.ActivationType;
import dev.nnc.processor.plan.Activations;
import dev.nnc.processor.plan.Activations.DerivativeInput;
import dev.nnc.processor.spec.ActivationSpec;
import javax.lang.model.element.Modifier;

/**
 * A layer's activation as a stage of its own, after whatever computed the pre-activation z:
 * {@code y = f(z)} over the batch, and in the backward pass {@code dz = dy * f'} in place. Dense
 * layers fuse the piecewise-linear functions into their product instead and use this for the
 * rest; normalisation layers use it for all. PReLU, whose slopes are a Dense layer's parameters,
 * is the Dense emitter's.
 */
final class ActivationStage {

    private final Numeric numeric;
    private final ActivationEmitter activations;

    ActivationStage(Numeric numeric) {
        this.numeric = numeric;
        this.activations = new ActivationEmitter(numeric);
    }

    /**
     * {@code y = f(z)} for {@code n} rows of {@code out} values, from {@code source} ({@code z}, or
     * {@code y} itself) into {@code y}, as a method of its own, {@code name(y[, z], n)}; null for
     * LINEAR. Apart from the layer's product because C2 then compiles each on its own: in one
     * method, a product grown by its edge tiles left a tanh pass's vector intrinsics unexpanded
     * (measured: 4 KB boxed per call of a GRU stack's evaluate).
     */
    MethodSpec forwardMethod(String name, String layerName, ActivationSpec activation, String source,
            String out) {
        if (activation.type() == ActivationType.LINEAR) {
            return null;
        }
        MethodSpec.Builder method = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addJavadoc("Layer '$L': y = $L($L) over n rows.\n", layerName, activation.type(), source)
                .addParameter(numeric.array(), "y");
        if (!source.equals("y")) {
            method.addParameter(numeric.array(), source);
        }
        method.addParameter(int.class, "n");
        if (Activations.rowWise(activation.type())) {
            return method.addCode(activation.type() == ActivationType.SOFTMAX ? softmaxRows(out) : logSoftmaxRows(out)).build();
        }
        return method.addCode(activationPass(activations.of(activation), source, out)).build();
    }

    /** The call of {@link #forwardMethod}: nothing for LINEAR. */
    CodeBlock forwardCall(String name, ActivationSpec activation, String source) {
        if (activation.type() == ActivationType.LINEAR) {
            return CodeBlock.of("");
        }
        return CodeBlock.builder().addStatement("$L(y, $Ln)", name, source.equals("y") ? "" : source + ", ").build();
    }

    /** {@code dz = dy * f'} in place, reading what the plan says ({@code LayerPlan.derivativeInput}); nothing when it reads nothing. */
    CodeBlock backward(ActivationSpec activation, DerivativeInput reads, String out) {
        if (reads == DerivativeInput.NOTHING) {
            return CodeBlock.of("");
        }
        return Activations.rowWise(activation.type()) ? rowWiseGradient(activation, out)
                : derivativePass(activations.of(activation), reads, out);
    }

    /**
     * {@code y = f(z)} over the whole batch in whole vectors: the workspaces carry a vector of slack
     * past {@code n * units}, so there is no tail, and a narrow layer fills every lane too.
     */
    private CodeBlock activationPass(ActivationEmitter.Form form, String source, String out) {
        CodeBlock.Builder body = CodeBlock.builder()
                .addStatement("$T zv = $T.fromArray(SPECIES, $L, i)", numeric.vector(), numeric.vector(), source);
        CodeBlock y = form.vector().emit(body, "zv");
        body.addStatement("$L.intoArray(y, i)", y);
        return CodeBlock.builder()
                .add("// y = $L(z) over the batch, whole vectors into the workspace's slack\n", form.mathName())
                .beginControlFlow("for (int i = 0; i < n * $L; i += LANES)", out)
                .add(body.build())
                .endControlFlow()
                .build();
    }

    /**
     * Softmax over each row of {@code y}, shifted by the row's maximum so exp never overflows. The
     * exponentials run over the whole batch at once: a row of ten classes alone would leave most
     * of a vector empty and fall to a scalar exp, which cost more than the layer's product.
     */
    private CodeBlock softmaxRows(String out) {
        String type = numeric.type().toString();
        CodeBlock.Builder exponentials = CodeBlock.builder();
        String exp = new Transcendentals(numeric).exp(exponentials, "exp", CodeBlock.of("$T.fromArray(SPECIES, y, i)", numeric.vector()));
        exponentials.addStatement("$L.intoArray(y, i)", exp);
        return CodeBlock.builder()
                .add("// softmax over each sample: y[r][j] = exp(z[r][j] - max z[r]) / sum_k exp(z[r][k] - max z[r])\n")
                .beginControlFlow("for (int r = 0; r < n; r++)")
                .add(rowMax(out))
                .beginControlFlow("for (int j = 0; j < $L; j++)", out)
                .addStatement("y[row + j] -= max")
                .endControlFlow()
                .endControlFlow()
                .add("// exponentials over the batch, whole vectors into the workspace's slack\n")
                .beginControlFlow("for (int i = 0; i < n * $L; i += LANES)", out)
                .add(exponentials.build())
                .endControlFlow()
                .beginControlFlow("for (int r = 0; r < n; r++)")
                .addStatement("int row = r * $L", out)
                .addStatement("$L sum = 0", type)
                .beginControlFlow("for (int j = 0; j < $L; j++)", out)
                .addStatement("sum += y[row + j]")
                .endControlFlow()
                .addStatement("$L scale = $L / sum", type, numeric.literal(1))
                .beginControlFlow("for (int j = 0; j < $L; j++)", out)
                .addStatement("y[row + j] *= scale")
                .endControlFlow()
                .endControlFlow()
                .build();
    }

    /** {@code int row} of sample r and {@code max}, the largest of its values in {@code y}. */
    private CodeBlock rowMax(String out) {
        return CodeBlock.builder()
                .addStatement("int row = r * $L", out)
                .addStatement("$L max = y[row]", numeric.type())
                .beginControlFlow("for (int j = 1; j < $L; j++)", out)
                .addStatement("max = Math.max(max, y[row + j])")
                .endControlFlow()
                .build();
    }

    /** Log-softmax over each row of {@code y}: {@code y[r][j] = z[r][j] - max z[r] - log(sum_k exp(z[r][k] - max z[r]))}. */
    private CodeBlock logSoftmaxRows(String out) {
        return CodeBlock.builder()
                .add("// log-softmax over each sample: y[r][j] = z[r][j] - max z[r] - log(sum_k exp(z[r][k] - max z[r]))\n")
                .beginControlFlow("for (int r = 0; r < n; r++)")
                .add(rowMax(out))
                .addStatement("double sum = 0")
                .beginControlFlow("for (int j = 0; j < $L; j++)", out)
                .addStatement("sum += StrictMath.exp(y[row + j] - max)")
                .endControlFlow()
                .addStatement("double shift = max + StrictMath.log(sum)")
                .beginControlFlow("for (int j = 0; j < $L; j++)", out)
                .addStatement("y[row + j] = $L(y[row + j] - shift)", numeric.narrow())
                .endControlFlow()
                .endControlFlow()
                .build();
    }

    /** {@code dz = dy * f'(v)} in place, over the batch in whole vectors (the workspaces carry slack). */
    private CodeBlock derivativePass(ActivationEmitter.Form form, DerivativeInput reads, String out) {
        String v = reads == DerivativeInput.OUTPUT ? "y" : "z";
        CodeBlock.Builder body = CodeBlock.builder()
                .addStatement("$T dyv = $T.fromArray(SPECIES, dy, i)", numeric.vector(), numeric.vector())
                .addStatement("$T $Lv = $T.fromArray(SPECIES, $L, i)", numeric.vector(), v, numeric.vector(), v);
        CodeBlock dz = form.derivative().emit(body, "dyv", v + "v");
        body.addStatement("$L.intoArray(dy, i)", dz);
        return CodeBlock.builder()
                .add("// dz = dy * $L'($L) in place, whole vectors into the workspace's slack\n", form.mathName(), v)
                .beginControlFlow("for (int i = 0; i < n * $L; i += LANES)", out)
                .add(body.build())
                .endControlFlow()
                .build();
    }

    /** The Jacobian of a row-wise activation, when no loss fused it in. */
    private CodeBlock rowWiseGradient(ActivationSpec activation, String out) {
        return activation.type() == ActivationType.SOFTMAX ? softmaxGradientRows(out) : logSoftmaxGradientRows(out);
    }

    /** Log-softmax's Jacobian: {@code dz[j] = dy[j] - exp(y[j]) * sum_k dy[k]}. */
    private CodeBlock logSoftmaxGradientRows(String out) {
        return CodeBlock.builder()
                .add("// log-softmax backward: dz[r][j] = dy[r][j] - exp(y[r][j]) * sum_k dy[r][k]\n")
                .beginControlFlow("for (int r = 0; r < n; r++)")
                .addStatement("int row = r * $L", out)
                .addStatement("double sum = 0")
                .beginControlFlow("for (int j = 0; j < $L; j++)", out)
                .addStatement("sum += dy[row + j]")
                .endControlFlow()
                .beginControlFlow("for (int j = 0; j < $L; j++)", out)
                .addStatement("dy[row + j] = $L(dy[row + j] - StrictMath.exp(y[row + j]) * sum)", numeric.narrow())
                .endControlFlow()
                .endControlFlow()
                .build();
    }

    /** Softmax's Jacobian, when no loss fused it: {@code dz[j] = y[j] * (dy[j] - sum_k dy[k] * y[k])}. */
    private CodeBlock softmaxGradientRows(String out) {
        String type = numeric.type().toString();
        return CodeBlock.builder()
                .add("// softmax backward: dz[r][j] = y[r][j] * (dy[r][j] - sum_k dy[r][k] * y[r][k])\n")
                .beginControlFlow("for (int r = 0; r < n; r++)")
                .addStatement("int row = r * $L", out)
                .addStatement("$L dot = 0", type)
                .beginControlFlow("for (int j = 0; j < $L; j++)", out)
                .addStatement("dot += dy[row + j] * y[row + j]")
                .endControlFlow()
                .beginControlFlow("for (int j = 0; j < $L; j++)", out)
                .addStatement("dy[row + j] = y[row + j] * (dy[row + j] - dot)")
                .endControlFlow()
                .endControlFlow()
                .build();
    }
}
