package dev.nnc.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.nnc.annotations.ActivationType;
import dev.nnc.processor.plan.NetworkPlan;
import dev.nnc.processor.spec.LossSpec;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Each loss's value and its gradient at the output layer, in {@code double}. Reductions are
 * Keras': a sample's loss is the mean (or, for the divergences, the sum) over its outputs, and the
 * batch's is the mean over samples. Cross-entropy after the matching sigmoid or softmax (or on
 * logits) fuses the activation's derivative: the gradient at the pre-activation is
 * {@code (p - y) / count}. Adding a loss is one case in {@link #form()}.
 */
final class LossEmitter {

    /** Keras' backend epsilon, to which cross-entropy clips probabilities. */
    static final double EPSILON = 1e-7;

    /** Below this squared norm, cosine similarity's L2 normalisation divides by its square root instead (Keras). */
    private static final double NORM_FLOOR = 1e-12;

    /** sigmoid(p) in a form whose exp cannot overflow, for the losses on logits. */
    private static final String STABLE_SIGMOID = "p >= 0 ? 1 / (1 + Math.exp(-p)) : Math.exp(p) / (1 + Math.exp(p))";

    /** How a sample's loss reduces over its outputs. */
    private enum Reduction { MEAN, SUM }

    /**
     * One loss's math. An element-wise loss gives, in terms of the locals {@code double p} (the
     * output) and {@code double y} (the target), the statements it needs, the element's value and
     * its slope {@code dl/dp} (or {@code dl/dz} when {@code atPreActivation}); a loss that couples
     * a sample's outputs writes its own loops instead.
     */
    private record Form(
            String kerasName,
            boolean atPreActivation,
            Reduction reduction,
            List<String> locals,
            String value,
            String slope,
            CodeBlock rowSum,
            CodeBlock rowGradient) {

        static Form elementwise(String kerasName, boolean atPreActivation, Reduction reduction, List<String> locals,
                String value, String slope) {
            return new Form(kerasName, atPreActivation, reduction, locals, value, slope, null, null);
        }

        static Form rows(String kerasName, boolean atPreActivation, CodeBlock rowSum, CodeBlock rowGradient) {
            return new Form(kerasName, atPreActivation, Reduction.SUM, List.of(), null, null, rowSum, rowGradient);
        }

        boolean isElementwise() {
            return rowSum == null;
        }
    }

    private final Numeric numeric;
    private final NetworkPlan plan;
    private final LossSpec loss;
    private final Form form;

    LossEmitter(Numeric numeric, NetworkPlan plan) {
        this.numeric = numeric;
        this.plan = plan;
        this.loss = plan.spec().loss();
        this.form = form();
    }

    private Form form() {
        String q = "Math.min(Math.max(p, EPSILON), 1 - EPSILON)";
        return switch (loss.type()) {
            case MSE -> Form.elementwise("mean_squared_error", false, Reduction.MEAN, List.of(),
                    "(p - y) * (p - y)", "2 * (p - y)");
            case MAE -> Form.elementwise("mean_absolute_error", false, Reduction.MEAN, List.of(),
                    "Math.abs(p - y)", "Math.signum(p - y)");
            case HUBER -> {
                String delta = Double.toString(loss.delta());
                yield Form.elementwise("huber", false, Reduction.MEAN, List.of("double e = p - y"),
                        "Math.abs(e) <= " + delta + " ? 0.5 * e * e : " + delta + " * (Math.abs(e) - 0.5 * " + delta + ")",
                        "Math.max(-" + delta + ", Math.min(" + delta + ", e))");
            }
            case LOG_COSH -> Form.elementwise("log_cosh", false, Reduction.MEAN, List.of("double e = p - y"),
                    // log(cosh(e)) = e + softplus(-2e) - log 2, with softplus(v) = max(v, 0) + log1p(exp(-|v|))
                    "e + Math.max(-2 * e, 0) + Math.log1p(Math.exp(-Math.abs(2 * e))) - Math.log(2)",
                    "Math.tanh(e)");
            case QUANTILE -> {
                String quantile = Double.toString(loss.quantile());
                yield Form.elementwise("quantile", false, Reduction.MEAN, List.of("double e = y - p"),
                        "Math.max(" + quantile + " * e, (" + quantile + " - 1) * e)",
                        "e > 0 ? -" + quantile + " : 1 - " + quantile);
            }
            case BINARY_CROSS_ENTROPY -> loss.fromLogits()
                    ? Form.elementwise("binary_crossentropy", true, Reduction.MEAN, List.of(),
                            "Math.max(p, 0) - p * y + Math.log1p(Math.exp(-Math.abs(p)))",
                            "(" + STABLE_SIGMOID + ") - y")
                    // with the sigmoid output the slope at z is p - y
                    : Form.elementwise("binary_crossentropy", true, Reduction.MEAN, List.of("double q = " + q),
                            "-(y * Math.log(q) + (1 - y) * Math.log(1 - q))", "p - y");
            case BINARY_FOCAL -> focal();
            case CATEGORICAL_CROSS_ENTROPY -> categorical();
            case HINGE -> Form.elementwise("hinge", false, Reduction.MEAN, List.of(),
                    "Math.max(1 - y * p, 0)", "y * p < 1 ? -y : 0");
            case SQUARED_HINGE -> Form.elementwise("squared_hinge", false, Reduction.MEAN,
                    List.of("double margin = Math.max(1 - y * p, 0)"), "margin * margin", "-2 * y * margin");
            case KL_DIVERGENCE -> Form.elementwise("kl_divergence", false, Reduction.SUM,
                    List.of("double yc = Math.min(Math.max(y, EPSILON), 1)", "double pc = Math.min(Math.max(p, EPSILON), 1)"),
                    "yc * Math.log(yc / pc)", "p >= EPSILON && p <= 1 ? -yc / pc : 0");
            case POISSON -> Form.elementwise("poisson", false, Reduction.MEAN, List.of(),
                    "p - y * Math.log(p + EPSILON)", "1 - y / (p + EPSILON)");
            case COSINE_SIMILARITY -> cosine();
        };
    }

    /**
     * Focal loss, {@code w (1 - pt)^gamma bce}, on the probability s (the clipped output, or the
     * sigmoid of the logit). Its slope at p is
     * {@code w (-gamma (1 - pt)^(gamma - 1) (2y - 1) bce + (1 - pt)^gamma (s - y) / (s (1 - s)))};
     * on logits, at z, the same times {@code s (1 - s)}.
     */
    private Form focal() {
        String gamma = Double.toString(loss.gamma());
        String weight = Double.isNaN(loss.alpha()) ? "1"
                : "y * " + loss.alpha() + " + (1 - y) * " + (1 - loss.alpha());
        boolean logits = loss.fromLogits();
        List<String> locals = List.of(
                logits ? "double s = " + STABLE_SIGMOID
                        : "double s = Math.min(Math.max(p, EPSILON), 1 - EPSILON)",
                logits ? "double bce = Math.max(p, 0) - p * y + Math.log1p(Math.exp(-Math.abs(p)))"
                        : "double bce = -(y * Math.log(s) + (1 - y) * Math.log(1 - s))",
                "double miss = 1 - (y * s + (1 - y) * (1 - s))",
                "double weight = " + weight);
        // the slope at p (times sigmoid's s (1 - s) for the slope at z on logits)
        String focusing = "-" + gamma + " * Math.pow(miss, " + gamma + " - 1) * (2 * y - 1) * bce";
        String slope = logits
                ? "weight * (" + focusing + " * s * (1 - s) + Math.pow(miss, " + gamma + ") * (s - y))"
                : "p < EPSILON || p > 1 - EPSILON ? 0 : weight * (" + focusing
                        + " + Math.pow(miss, " + gamma + ") * (s - y) / (s * (1 - s)))";
        return Form.elementwise("binary_focal_crossentropy", logits, Reduction.MEAN, locals,
                "weight * Math.pow(miss, " + gamma + ") * bce", slope);
    }

    private Form categorical() {
        ActivationType output = plan.output().spec().activation().type();
        CodeBlock.Builder sum = CodeBlock.builder().beginControlFlow("for (int r = 0; r < n; r++)").addStatement("int row = r * OUTPUTS");
        CodeBlock.Builder gradient = CodeBlock.builder().addStatement("double scale = 1.0 / n");
        if (loss.fromLogits()) {
            sum.add("// -sum_j y_j log softmax(z)_j = sum_j y_j (logsumexp(z) - z_j)\n")
                    .add(rowMaxAndExps())
                    .addStatement("double logSumExp = max + Math.log(exps)")
                    .beginControlFlow("for (int j = 0; j < OUTPUTS; j++)")
                    .addStatement("sum += targets[row + j] * (logSumExp - out[row + j])")
                    .endControlFlow();
            gradient.add("// dL/dz = (softmax(z) - y) / n\n")
                    .beginControlFlow("for (int r = 0; r < n; r++)")
                    .addStatement("int row = r * OUTPUTS")
                    .add(rowMaxAndExps())
                    .beginControlFlow("for (int j = 0; j < OUTPUTS; j++)")
                    .addStatement("dy[row + j] = $L(scale * (Math.exp(out[row + j] - max) / exps - targets[row + j]))", numeric.narrow())
                    .endControlFlow()
                    .endControlFlow();
        } else if (output == ActivationType.LOG_SOFTMAX) {
            sum.add("// negative log-likelihood on log-probabilities: -sum_j y_j p_j\n")
                    .beginControlFlow("for (int j = 0; j < OUTPUTS; j++)")
                    .addStatement("sum -= targets[row + j] * out[row + j]")
                    .endControlFlow();
            gradient.add("// log-softmax and negative log-likelihood together, targets summing to 1: dL/dz = (exp(p) - y) / n\n")
                    .beginControlFlow("for (int i = 0; i < n * OUTPUTS; i++)")
                    .addStatement("dy[i] = $L(scale * (Math.exp(out[i]) - targets[i]))", numeric.narrow())
                    .endControlFlow();
        } else {
            sum.add("// -sum_j y_j log q_j, q = p clipped to [eps, 1 - eps] as Keras\n")
                    .beginControlFlow("for (int j = 0; j < OUTPUTS; j++)")
                    .add("// a one-hot row has one term that is not 0 * log q; only it needs the log\n")
                    .beginControlFlow("if (targets[row + j] != 0)")
                    .addStatement("sum -= targets[row + j] * Math.log(Math.min(Math.max(out[row + j], EPSILON), 1 - EPSILON))")
                    .endControlFlow()
                    .endControlFlow();
            gradient.add("// softmax and cross-entropy together, targets summing to 1: dL/dz = (p - y) / n\n")
                    .beginControlFlow("for (int i = 0; i < n * OUTPUTS; i++)")
                    .addStatement("dy[i] = $L(scale * (out[i] - targets[i]))", numeric.narrow())
                    .endControlFlow();
        }
        sum.endControlFlow();
        return Form.rows("categorical_crossentropy", true, sum.build(), gradient.build());
    }

    /** {@code max} and {@code exps = sum_j exp(z_j - max)} of the row at {@code row}. */
    private static CodeBlock rowMaxAndExps() {
        return CodeBlock.builder()
                .addStatement("double max = out[row]")
                .beginControlFlow("for (int j = 1; j < OUTPUTS; j++)")
                .addStatement("max = Math.max(max, out[row + j])")
                .endControlFlow()
                .addStatement("double exps = 0")
                .beginControlFlow("for (int j = 0; j < OUTPUTS; j++)")
                .addStatement("exps += Math.exp(out[row + j] - max)")
                .endControlFlow()
                .build();
    }

    /**
     * {@code -sum_j ŷ_j p̂_j}; its slope at p is {@code -(ŷ / |p| - (ŷ · p) p / |p|^3)}, or
     * {@code -ŷ / |p|} where the norm is floored.
     */
    private Form cosine() {
        CodeBlock norms = CodeBlock.builder()
                .addStatement("double yy = 0, pp = 0, yp = 0")
                .beginControlFlow("for (int j = 0; j < OUTPUTS; j++)")
                .addStatement("double y = targets[row + j], p = out[row + j]")
                .addStatement("yy += y * y")
                .addStatement("pp += p * p")
                .addStatement("yp += y * p")
                .endControlFlow()
                .addStatement("double inverseY = 1 / Math.sqrt(Math.max(yy, $L))", NORM_FLOOR)
                .addStatement("double inverseP = 1 / Math.sqrt(Math.max(pp, $L))", NORM_FLOOR)
                .build();
        CodeBlock sum = CodeBlock.builder()
                .add("// -(y / |y|) · (p / |p|), norms floored at sqrt(1e-12) as Keras' l2_normalize\n")
                .beginControlFlow("for (int r = 0; r < n; r++)")
                .addStatement("int row = r * OUTPUTS")
                .add(norms)
                .addStatement("sum -= yp * inverseY * inverseP")
                .endControlFlow()
                .build();
        CodeBlock gradient = CodeBlock.builder()
                .addStatement("double scale = 1.0 / n")
                .add("// dL/dp_j = -(y_j / |y|) / |p| + (ŷ · p) p_j / |p|^3, the second term only where |p| is not floored\n")
                .beginControlFlow("for (int r = 0; r < n; r++)")
                .addStatement("int row = r * OUTPUTS")
                .add(norms)
                .addStatement("double radial = pp > $L ? yp * inverseY * inverseP * inverseP * inverseP : 0", NORM_FLOOR)
                .beginControlFlow("for (int j = 0; j < OUTPUTS; j++)")
                .addStatement("dy[row + j] = $L(scale * (radial * out[row + j] - targets[row + j] * inverseY * inverseP))", numeric.narrow())
                .endControlFlow()
                .endControlFlow()
                .build();
        return Form.rows("cosine_similarity", false, sum, gradient);
    }

    /** Keras' name of the loss. */
    String kerasName() {
        return form.kerasName();
    }

    /** Whether {@link #gradient} gives dL/dz, the output activation's derivative folded in. */
    boolean gradientIsAtPreActivation() {
        return form.atPreActivation();
    }

    /** Whether the generated code reads Keras' {@link #EPSILON}. */
    boolean usesEpsilon() {
        String text = String.join(" ", form.locals()) + " " + form.value() + " " + form.slope() + " "
                + form.rowSum() + " " + form.rowGradient();
        return text.contains("EPSILON");
    }

    /** Argument checks the loss relies on. */
    CodeBlock targetChecks() {
        return switch (loss.type()) {
            case CATEGORICAL_CROSS_ENTROPY -> CodeBlock.of("$T.distributions(\"targets\", targets, n, OUTPUTS);\n", Types.CHECKS);
            default -> CodeBlock.of("");
        };
    }

    /** Hinge losses read 0/1 targets as -1/1 when a whole batch is 0 or 1, as Keras does. */
    private boolean convertsZeroOneTargets() {
        return switch (loss.type()) {
            case HINGE, SQUARED_HINGE -> true;
            default -> false;
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
                .addStatement("$T out = $L", numeric.array(), outputField)
                .addStatement("double sum = 0");
        if (!form.isElementwise()) {
            return method.addCode(form.rowSum()).addStatement("return sum").build();
        }
        method.addCode(zeroOneConversion())
                .beginControlFlow("for (int i = 0; i < n * OUTPUTS; i++)")
                .addCode(elementLocals())
                .addCode(localsFor(form.value()))
                .addStatement("sum += $L", form.value())
                .endControlFlow();
        return method.addStatement(form.reduction() == Reduction.MEAN ? "return sum / OUTPUTS" : "return sum").build();
    }

    /** {@code lossGradient(targets, n, dy)}: the gradient of the batch's mean loss at the output layer. */
    MethodSpec gradient(String outputField) {
        MethodSpec.Builder method = MethodSpec.methodBuilder("lossGradient")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc(gradientIsAtPreActivation()
                        ? "Writes dL/dz of the output layer (its activation's derivative folded in) into dy.\n"
                        : "Writes dL/dy of the output layer into dy.\n")
                .addParameter(numeric.array(), "targets")
                .addParameter(int.class, "n")
                .addParameter(numeric.array(), "dy")
                .addStatement("$T out = $L", numeric.array(), outputField);
        if (!form.isElementwise()) {
            return method.addCode(form.rowGradient()).build();
        }
        method.addStatement(form.reduction() == Reduction.MEAN ? "double scale = 1.0 / (n * OUTPUTS)" : "double scale = 1.0 / n")
                .addCode(zeroOneConversion())
                .beginControlFlow("for (int i = 0; i < n * OUTPUTS; i++)")
                .addCode(elementLocals())
                .addCode(localsFor(form.slope()))
                .addStatement("dy[i] = $L(scale * ($L))", numeric.narrow(), form.slope())
                .endControlFlow();
        return method.build();
    }

    /** The form's locals that {@code expression} reads, directly or through another local, in order. */
    private CodeBlock localsFor(String expression) {
        StringBuilder needed = new StringBuilder(expression);
        boolean[] keep = new boolean[form.locals().size()];
        for (int i = form.locals().size() - 1; i >= 0; i--) {
            String local = form.locals().get(i);
            String name = local.split(" ")[1];
            if (needed.toString().matches("(?s).*\\b" + name + "\\b.*")) {
                keep[i] = true;
                needed.append(' ').append(local.substring(local.indexOf('=')));
            }
        }
        CodeBlock.Builder code = CodeBlock.builder();
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                code.addStatement(form.locals().get(i));
            }
        }
        return code.build();
    }

    private CodeBlock elementLocals() {
        return convertsZeroOneTargets()
                ? CodeBlock.of("double p = out[i], y = zeroOne ? 2 * targets[i] - 1 : targets[i];\n")
                : CodeBlock.of("double p = out[i], y = targets[i];\n");
    }

    private CodeBlock zeroOneConversion() {
        return convertsZeroOneTargets()
                ? CodeBlock.builder()
                        .add("// a batch of 0/1 targets is read as -1/1, as Keras does\n")
                        .addStatement("boolean zeroOne = $T.allZeroOrOne(targets, n * OUTPUTS)", Types.CHECKS)
                        .build()
                : CodeBlock.of("");
    }
}
