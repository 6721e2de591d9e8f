package dev.nnc.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.nnc.annotations.ActivationType;
import dev.nnc.processor.plan.NetworkPlan;
import dev.nnc.processor.spec.LossSpec;
import javax.lang.model.element.Modifier;

/**
 * Each loss's value and its gradient at the output layer. Reductions are Keras': the mean over
 * the batch, and for element-wise losses also over the outputs. Cross-entropy after the matching
 * sigmoid or softmax (or on logits) fuses the activation's derivative: the gradient at the
 * pre-activation is {@code (p - y) / count}. Adding a loss is one case in each switch here.
 */
final class LossEmitter {

    /** Keras' backend epsilon, to which cross-entropy clips probabilities. */
    static final double EPSILON = 1e-7;

    private final Numeric numeric;
    private final NetworkPlan plan;
    private final LossSpec loss;

    LossEmitter(Numeric numeric, NetworkPlan plan) {
        this.numeric = numeric;
        this.plan = plan;
        this.loss = plan.spec().loss();
    }

    /** Keras' name of the loss. */
    String kerasName() {
        return switch (loss.type()) {
            case MSE -> "mean_squared_error";
            case BINARY_CROSS_ENTROPY -> "binary_crossentropy";
            case CATEGORICAL_CROSS_ENTROPY -> "categorical_crossentropy";
        };
    }

    /** Whether {@link #gradient()} gives dL/dz, the output activation's derivative folded in. */
    boolean gradientIsAtPreActivation() {
        ActivationType output = plan.output().spec().activation().type();
        return switch (loss.type()) {
            case MSE -> false;
            case BINARY_CROSS_ENTROPY -> output == ActivationType.SIGMOID || loss.fromLogits();
            case CATEGORICAL_CROSS_ENTROPY -> output == ActivationType.SOFTMAX || output == ActivationType.LOG_SOFTMAX
                    || loss.fromLogits();
        };
    }

    /** Whether categorical cross-entropy reads log-probabilities: PyTorch's NLL loss after a LOG_SOFTMAX output. */
    private boolean onLogProbabilities() {
        return plan.output().spec().activation().type() == ActivationType.LOG_SOFTMAX;
    }

    /** Whether the loss clips probabilities to Keras' {@link #EPSILON}: the cross-entropies on probabilities. */
    boolean clipsProbabilities() {
        return switch (loss.type()) {
            case MSE -> false;
            case BINARY_CROSS_ENTROPY -> !loss.fromLogits();
            case CATEGORICAL_CROSS_ENTROPY -> !loss.fromLogits() && !onLogProbabilities();
        };
    }

    /** Argument checks the loss's fused gradient relies on. */
    CodeBlock targetChecks() {
        return switch (loss.type()) {
            case MSE, BINARY_CROSS_ENTROPY -> CodeBlock.of("");
            case CATEGORICAL_CROSS_ENTROPY ->
                    CodeBlock.of("$T.distributions(\"targets\", targets, n, OUTPUTS);\n", Types.CHECKS);
        };
    }

    /** {@code double lossSum(targets, n)}: the sum over samples of each sample's loss, from the output workspace. */
    MethodSpec sum(String outputField) {
        MethodSpec.Builder method = MethodSpec.methodBuilder("lossSum")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("Sum over the $L samples of each sample's $L loss.\n", "n", kerasName())
                .returns(double.class)
                .addParameter(numeric.array(), "targets")
                .addParameter(int.class, "n")
                .addStatement("$T p = $L", numeric.array(), outputField)
                .addStatement("double sum = 0");
        switch (loss.type()) {
            case MSE -> method
                    .addComment("mean over outputs of (p - y)^2")
                    .beginControlFlow("for (int i = 0; i < n * OUTPUTS; i++)")
                    .addStatement("double e = p[i] - targets[i]")
                    .addStatement("sum += e * e")
                    .endControlFlow()
                    .addStatement("return sum / OUTPUTS");
            case BINARY_CROSS_ENTROPY -> {
                method.beginControlFlow("for (int i = 0; i < n * OUTPUTS; i++)")
                        .addStatement("double y = targets[i]");
                if (loss.fromLogits()) {
                    method.addComment("stable form on logits z: max(z, 0) - z * y + log(1 + exp(-|z|))")
                            .addStatement("double z = p[i]")
                            .addStatement("sum += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)))");
                } else {
                    method.addComment("-(y log q + (1 - y) log(1 - q)), q = p clipped to [eps, 1 - eps] as Keras")
                            .addStatement("double q = Math.min(Math.max(p[i], EPSILON), 1 - EPSILON)")
                            .addStatement("sum -= y * Math.log(q) + (1 - y) * Math.log(1 - q)");
                }
                method.endControlFlow().addStatement("return sum / OUTPUTS");
            }
            case CATEGORICAL_CROSS_ENTROPY -> {
                method.beginControlFlow("for (int r = 0; r < n; r++)")
                        .addStatement("int row = r * OUTPUTS");
                if (loss.fromLogits()) {
                    method.addComment("-sum_j y_j log softmax(z)_j = sum_j y_j (logsumexp(z) - z_j)")
                            .addStatement("double max = p[row]")
                            .beginControlFlow("for (int j = 1; j < OUTPUTS; j++)")
                            .addStatement("max = Math.max(max, p[row + j])")
                            .endControlFlow()
                            .addStatement("double exps = 0")
                            .beginControlFlow("for (int j = 0; j < OUTPUTS; j++)")
                            .addStatement("exps += Math.exp(p[row + j] - max)")
                            .endControlFlow()
                            .addStatement("double logSumExp = max + Math.log(exps)")
                            .beginControlFlow("for (int j = 0; j < OUTPUTS; j++)")
                            .addStatement("sum += targets[row + j] * (logSumExp - p[row + j])")
                            .endControlFlow();
                } else if (onLogProbabilities()) {
                    method.addComment("negative log-likelihood on log-probabilities: -sum_j y_j p_j")
                            .beginControlFlow("for (int j = 0; j < OUTPUTS; j++)")
                            .addStatement("sum -= targets[row + j] * p[row + j]")
                            .endControlFlow();
                } else {
                    method.addComment("-sum_j y_j log q_j, q = p clipped to [eps, 1 - eps] as Keras")
                            .beginControlFlow("for (int j = 0; j < OUTPUTS; j++)")
                            .addComment("a one-hot row has one term that is not 0 * log q; only it needs the log")
                            .beginControlFlow("if (targets[row + j] != 0)")
                            .addStatement("sum -= targets[row + j] * Math.log(Math.min(Math.max(p[row + j], EPSILON), 1 - EPSILON))")
                            .endControlFlow()
                            .endControlFlow();
                }
                method.endControlFlow().addStatement("return sum");
            }
        }
        return method.build();
    }

    /** {@code dy = scale * (p - y)} over the batch: the gradient every fused loss pair ends in. */
    private static CodeBlock scaledDifference() {
        return CodeBlock.builder()
                .beginControlFlow("for (int i = 0; i < n * OUTPUTS; i++)")
                .addStatement("dy[i] = scale * (p[i] - targets[i])")
                .endControlFlow()
                .build();
    }

    /** {@code lossGradient(targets, n, dy)}: the gradient of the batch's mean loss at the output layer. */
    MethodSpec gradient(String outputField) {
        String type = numeric.type().toString();
        MethodSpec.Builder method = MethodSpec.methodBuilder("lossGradient")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc(gradientIsAtPreActivation()
                        ? "Writes dL/dz of the output layer (its activation's derivative folded in) into dy.\n"
                        : "Writes dL/dy of the output layer into dy.\n")
                .addParameter(numeric.array(), "targets")
                .addParameter(int.class, "n")
                .addParameter(numeric.array(), "dy")
                .addStatement("$T p = $L", numeric.array(), outputField);
        switch (loss.type()) {
            case MSE -> method
                    .addComment("d/dp mean((p - y)^2) = 2 (p - y) / (n * outputs)")
                    .addStatement("$L scale = $L / (n * OUTPUTS)", type, numeric.literal(2))
                    .addCode(scaledDifference());
            case BINARY_CROSS_ENTROPY -> {
                method.addStatement("$L scale = $L / (n * OUTPUTS)", type, numeric.literal(1));
                if (loss.fromLogits()) {
                    method.addComment("dL/dz = (sigmoid(z) - y) / (n * outputs), sigmoid in a form that cannot overflow")
                            .beginControlFlow("for (int i = 0; i < n * OUTPUTS; i++)")
                            .addStatement("double z = p[i]")
                            .addStatement("double e = Math.exp(-Math.abs(z))")
                            .addStatement("double sigmoid = z >= 0 ? 1 / (1 + e) : e / (1 + e)")
                            .addStatement("dy[i] = scale * $L(sigmoid - targets[i])", numeric.narrow())
                            .endControlFlow();
                } else {
                    method.addComment("sigmoid and cross-entropy together: dL/dz = (p - y) / (n * outputs)")
                            .addCode(scaledDifference());
                }
            }
            case CATEGORICAL_CROSS_ENTROPY -> {
                method.addStatement("$L scale = $L / n", type, numeric.literal(1));
                if (loss.fromLogits()) {
                    method.addComment("dL/dz = (softmax(z) - y) / n")
                            .beginControlFlow("for (int r = 0; r < n; r++)")
                            .addStatement("int row = r * OUTPUTS")
                            .addStatement("double max = p[row]")
                            .beginControlFlow("for (int j = 1; j < OUTPUTS; j++)")
                            .addStatement("max = Math.max(max, p[row + j])")
                            .endControlFlow()
                            .addStatement("double exps = 0")
                            .beginControlFlow("for (int j = 0; j < OUTPUTS; j++)")
                            .addStatement("exps += Math.exp(p[row + j] - max)")
                            .endControlFlow()
                            .beginControlFlow("for (int j = 0; j < OUTPUTS; j++)")
                            .addStatement("dy[row + j] = scale * $L(Math.exp(p[row + j] - max) / exps - targets[row + j])", numeric.narrow())
                            .endControlFlow()
                            .endControlFlow();
                } else if (onLogProbabilities()) {
                    method.addComment("log-softmax and negative log-likelihood together, targets summing to 1: dL/dz = (exp(p) - y) / n")
                            .beginControlFlow("for (int i = 0; i < n * OUTPUTS; i++)")
                            .addStatement("dy[i] = scale * ($LMath.exp(p[i]) - targets[i])", numeric.narrow())
                            .endControlFlow();
                } else {
                    method.addComment("softmax and cross-entropy together, targets summing to 1: dL/dz = (p - y) / n")
                            .addCode(scaledDifference());
                }
            }
        }
        return method.build();
    }
}
