package dev.nnc.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.nnc.annotations.ActivationType;
import dev.nnc.annotations.LossType;
import dev.nnc.processor.plan.Losses;
import dev.nnc.processor.plan.NetworkPlan;
import dev.nnc.processor.spec.LossSpec;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Each loss's value and its gradient at the output layer, in {@code double}. Reductions are
 * Keras': a sample's loss is the mean (or, for the divergences, the sum) over its outputs, and the
 * batch's is {@code sum_r w_r loss_r / n}, each sample weighted by its sample weight (1 when there
 * are none). Cross-entropy after the matching sigmoid or softmax (or on logits) fuses the
 * activation's derivative: the gradient at the pre-activation is {@code (p - y) / count}. Adding
 * a loss is one case in {@link #form()}.
 */
final class LossEmitter {

    /** Keras' backend epsilon, to which cross-entropy clips probabilities. */
    static final double EPSILON = 1e-7;

    /** Below this squared norm, cosine similarity's L2 normalisation divides by its square root instead (Keras). */
    private static final double NORM_FLOOR = 1e-12;

    /** sigmoid(p) in a form whose exp cannot overflow, for the losses on logits. */
    private static final String STABLE_SIGMOID = "p >= 0 ? 1 / (1 + StrictMath.exp(-p)) : StrictMath.exp(p) / (1 + StrictMath.exp(p))";

    /** How a sample's loss reduces over its outputs. */
    private enum Reduction { MEAN, SUM }

    /**
     * One loss's math, per sample. An element-wise loss gives, in terms of the locals
     * {@code double p} (the output) and {@code double y} (the target), the statements it needs, the
     * element's value and its slope {@code dl/dp} (or {@code dl/dz} where the plan folds the output's
     * activation into the loss, {@code Losses.foldsOutputActivation}). A
     * loss that couples a sample's outputs gives instead the code that sets {@code double loss} for
     * the sample whose outputs start at {@code row}, and the code that writes its
     * {@code dy[row + j]} as {@code scale} times the slope.
     */
    private record Form(
            String kerasName,
            Reduction reduction,
            List<String> locals,
            String value,
            String slope,
            CodeBlock rowLoss,
            CodeBlock rowGradient) {

        static Form elementwise(String kerasName, Reduction reduction, List<String> locals, String value, String slope) {
            return new Form(kerasName, reduction, locals, value, slope, null, null);
        }

        static Form rows(String kerasName, CodeBlock rowLoss, CodeBlock rowGradient) {
            return new Form(kerasName, Reduction.SUM, List.of(), null, null, rowLoss, rowGradient);
        }

        boolean isElementwise() {
            return rowLoss == null;
        }
    }

    private final Numeric numeric;
    private final NetworkPlan plan;
    private final LossSpec loss;
    private final Form form;

    LossEmitter(Numeric numeric, NetworkPlan plan) {
        this.numeric = numeric;
        this.plan = plan;
        this.loss = plan.spec().lossOrStandIn();
        this.form = form();
    }

    private Form form() {
        String q = "Math.min(Math.max(p, EPSILON), 1 - EPSILON)";
        return switch (loss.type()) {
            case MSE -> Form.elementwise("mean_squared_error", Reduction.MEAN, List.of(),
                    "(p - y) * (p - y)", "2 * (p - y)");
            case MAE -> Form.elementwise("mean_absolute_error", Reduction.MEAN, List.of(),
                    "Math.abs(p - y)", "Math.signum(p - y)");
            case HUBER -> {
                String delta = Double.toString(loss.delta());
                yield Form.elementwise("huber", Reduction.MEAN, List.of("double e = p - y"),
                        "Math.abs(e) <= " + delta + " ? 0.5 * e * e : " + delta + " * (Math.abs(e) - 0.5 * " + delta + ")",
                        "Math.max(-" + delta + ", Math.min(" + delta + ", e))");
            }
            case LOG_COSH -> Form.elementwise("log_cosh", Reduction.MEAN, List.of("double e = p - y"),
                    // log(cosh(e)) = e + softplus(-2e) - log 2, with softplus(v) = max(v, 0) + log1p(exp(-|v|))
                    "e + Math.max(-2 * e, 0) + StrictMath.log1p(StrictMath.exp(-Math.abs(2 * e))) - StrictMath.log(2)",
                    "StrictMath.tanh(e)");
            case QUANTILE -> {
                String quantile = Double.toString(loss.quantile());
                yield Form.elementwise("quantile", Reduction.MEAN, List.of("double e = y - p"),
                        "Math.max(" + quantile + " * e, (" + quantile + " - 1) * e)",
                        "e > 0 ? -" + quantile + " : 1 - " + quantile);
            }
            case BINARY_CROSS_ENTROPY -> loss.fromLogits()
                    ? Form.elementwise("binary_crossentropy", Reduction.MEAN, List.of(),
                            "Math.max(p, 0) - p * y + StrictMath.log1p(StrictMath.exp(-Math.abs(p)))",
                            "(" + STABLE_SIGMOID + ") - y")
                    // with the sigmoid output the slope at z is p - y
                    : Form.elementwise("binary_crossentropy", Reduction.MEAN, List.of("double q = " + q),
                            "-(y * StrictMath.log(q) + (1 - y) * StrictMath.log(1 - q))", "p - y");
            case BINARY_FOCAL -> focal();
            case CATEGORICAL_CROSS_ENTROPY -> categorical(false);
            case SPARSE_CATEGORICAL_CROSS_ENTROPY -> categorical(true);
            case HINGE -> Form.elementwise("hinge", Reduction.MEAN, List.of(),
                    "Math.max(1 - y * p, 0)", "y * p < 1 ? -y : 0");
            case SQUARED_HINGE -> Form.elementwise("squared_hinge", Reduction.MEAN,
                    List.of("double margin = Math.max(1 - y * p, 0)"), "margin * margin", "-2 * y * margin");
            case KL_DIVERGENCE -> Form.elementwise("kl_divergence", Reduction.SUM,
                    List.of("double yc = Math.min(Math.max(y, EPSILON), 1)", "double pc = Math.min(Math.max(p, EPSILON), 1)"),
                    "yc * StrictMath.log(yc / pc)", "p >= EPSILON && p <= 1 ? -yc / pc : 0");
            case POISSON -> Form.elementwise("poisson", Reduction.MEAN, List.of(),
                    "p - y * StrictMath.log(p + EPSILON)", "1 - y / (p + EPSILON)");
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
                logits ? "double bce = Math.max(p, 0) - p * y + StrictMath.log1p(StrictMath.exp(-Math.abs(p)))"
                        : "double bce = -(y * StrictMath.log(s) + (1 - y) * StrictMath.log(1 - s))",
                "double miss = 1 - (y * s + (1 - y) * (1 - s))",
                "double weight = " + weight);
        // the slope at p (times sigmoid's s (1 - s) for the slope at z on logits)
        String focusing = "-" + gamma + " * StrictMath.pow(miss, " + gamma + " - 1) * (2 * y - 1) * bce";
        String slope = logits
                ? "weight * (" + focusing + " * s * (1 - s) + StrictMath.pow(miss, " + gamma + ") * (s - y))"
                : "p < EPSILON || p > 1 - EPSILON ? 0 : weight * (" + focusing
                        + " + StrictMath.pow(miss, " + gamma + ") * (s - y) / (s * (1 - s)))";
        return Form.elementwise("binary_focal_crossentropy", Reduction.MEAN, locals,
                "weight * StrictMath.pow(miss, " + gamma + ") * bce", slope);
    }

    /**
     * Cross-entropy over a sample's classes, on one-hot (or smoothed) target rows or, when
     * {@code sparse}, on one class index per sample. The output is a probability row (SOFTMAX),
     * log-probabilities (LOG_SOFTMAX: the negative log-likelihood) or logits; in each case the
     * slope at the pre-activation is {@code softmax(z) - y}.
     */
    private Form categorical(boolean sparse) {
        ActivationType output = plan.output().spec().activation().type();
        boolean logits = loss.fromLogits();
        CodeBlock setup = logits ? rowMaxAndExps() : CodeBlock.of("");
        String negativeLog;
        String probability;
        if (logits) {
            setup = setup.toBuilder().addStatement("double logSumExp = max + StrictMath.log(exps)").build();
            negativeLog = "logSumExp - out[row + $L]";
            probability = "StrictMath.exp(out[row + j] - max) / exps";
        } else if (output == ActivationType.LOG_SOFTMAX) {
            negativeLog = "-out[row + $L]";
            probability = "StrictMath.exp(out[row + j])";
        } else {
            // probabilities are clipped to [eps, 1 - eps] before the log, as Keras does
            negativeLog = "-StrictMath.log(Math.min(Math.max(out[row + $L], EPSILON), 1 - EPSILON))";
            probability = "out[row + j]";
        }
        CodeBlock.Builder rowLoss = CodeBlock.builder().add(setup);
        CodeBlock.Builder rowGradient = CodeBlock.builder().add(logits ? rowMaxAndExps() : CodeBlock.of(""));
        if (sparse) {
            rowLoss.addStatement("int label = (int) targets[r]")
                    .addStatement("double loss = " + negativeLog, "label");
            rowGradient.addStatement("int label = (int) targets[r]")
                    .add("// the slope at z is softmax(z) minus the one-hot row of the label\n")
                    .beginControlFlow("for (int j = 0; j < OUTPUTS; j++)")
                    .addStatement("dy[row + j] = $L(scale * ($L - (j == label ? 1 : 0)))", numeric.narrow(), probability)
                    .endControlFlow();
        } else {
            rowLoss.addStatement("double loss = 0")
                    .beginControlFlow("for (int j = 0; j < OUTPUTS; j++)")
                    .add("// a one-hot row has one term that is not 0 * -log p; only it needs the log\n")
                    .beginControlFlow("if (targets[row + j] != 0)")
                    .addStatement("loss += targets[row + j] * (" + negativeLog + ")", "j")
                    .endControlFlow()
                    .endControlFlow();
            rowGradient.add("// targets summing to 1, the slope at z is softmax(z) - y\n")
                    .beginControlFlow("for (int j = 0; j < OUTPUTS; j++)")
                    .addStatement("dy[row + j] = $L(scale * ($L - targets[row + j]))", numeric.narrow(), probability)
                    .endControlFlow();
        }
        return Form.rows(sparse ? "sparse_categorical_crossentropy" : "categorical_crossentropy",
                rowLoss.build(), rowGradient.build());
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
                .addStatement("exps += StrictMath.exp(out[row + j] - max)")
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
        CodeBlock rowLoss = CodeBlock.builder()
                .add("// -(y / |y|) · (p / |p|), norms floored at sqrt(1e-12) as Keras' l2_normalize\n")
                .add(norms)
                .addStatement("double loss = -yp * inverseY * inverseP")
                .build();
        CodeBlock rowGradient = CodeBlock.builder()
                .add("// dL/dp_j = -(y_j / |y|) / |p| + (ŷ · p) p_j / |p|^3, the second term only where |p| is not floored\n")
                .add(norms)
                .addStatement("double radial = pp > $L ? yp * inverseY * inverseP * inverseP * inverseP : 0", NORM_FLOOR)
                .beginControlFlow("for (int j = 0; j < OUTPUTS; j++)")
                .addStatement("dy[row + j] = $L(scale * (radial * out[row + j] - targets[row + j] * inverseY * inverseP))", numeric.narrow())
                .endControlFlow()
                .build();
        return Form.rows("cosine_similarity", rowLoss, rowGradient);
    }

    /** Keras' name of the loss. */
    String kerasName() {
        return form.kerasName();
    }

    /** Whether {@link #gradient} gives dL/dz, the output activation's derivative folded in. */
    private boolean gradientIsAtPreActivation() {
        return Losses.foldsOutputActivation(loss);
    }

    /** Whether the generated code reads Keras' {@link #EPSILON}. */
    boolean usesEpsilon() {
        String text = String.join(" ", form.locals()) + " " + form.value() + " " + form.slope() + " "
                + form.rowLoss() + " " + form.rowGradient();
        return text.contains("EPSILON");
    }

    /** Values per target sample: a class index for sparse cross-entropy, else one per output. */
    int targetWidth() {
        return loss.type() == LossType.SPARSE_CATEGORICAL_CROSS_ENTROPY ? 1 : plan.outputs();
    }

    /** Argument checks the loss relies on. */
    CodeBlock targetChecks() {
        return switch (loss.type()) {
            case CATEGORICAL_CROSS_ENTROPY -> CodeBlock.of("$T.distributions(\"targets\", targets, n, OUTPUTS);\n", Types.CHECKS);
            case SPARSE_CATEGORICAL_CROSS_ENTROPY -> CodeBlock.of("$T.classIndices(\"targets\", targets, n, OUTPUTS);\n", Types.CHECKS);
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

    /**
     * {@code double lossSum(targets, sampleWeights, n)}: the sum over samples of each sample's loss
     * times its weight, from the output workspace.
     */
    MethodSpec sum(String outputField) {
        CodeBlock.Builder sample = CodeBlock.builder();
        if (form.isElementwise()) {
            sample.addStatement("double loss = 0")
                    .beginControlFlow("for (int j = 0; j < OUTPUTS; j++)")
                    .add(elementLocals())
                    .add(localsFor(form.value()))
                    .addStatement("loss += $L", form.value())
                    .endControlFlow();
        } else {
            sample.add(form.rowLoss());
        }
        return MethodSpec.methodBuilder("lossSum")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("Sum over the $L samples of each sample's $L loss$L, times its weight (1 without weights).\n", "n",
                        kerasName(), form.reduction() == Reduction.MEAN ? " (the mean over its outputs)" : "")
                .returns(double.class)
                .addParameter(numeric.array(), "targets")
                .addParameter(numeric.array(), "sampleWeights")
                .addParameter(int.class, "n")
                .addStatement("$T out = $L", numeric.array(), outputField)
                .addCode(zeroOneConversion())
                .addStatement("double sum = 0")
                .beginControlFlow("for (int r = 0; r < n; r++)")
                .addStatement("int row = r * OUTPUTS")
                .addCode(sample.build())
                .addStatement("sum += sampleWeights == null ? loss : sampleWeights[r] * loss")
                .endControlFlow()
                .addStatement(form.reduction() == Reduction.MEAN ? "return sum / OUTPUTS" : "return sum")
                .build();
    }

    /** {@code lossGradient(targets, sampleWeights, n, dy)}: the gradient of the batch's loss at the output layer. */
    MethodSpec gradient(String outputField) {
        CodeBlock.Builder sample = CodeBlock.builder();
        if (form.isElementwise()) {
            sample.beginControlFlow("for (int j = 0; j < OUTPUTS; j++)")
                    .add(elementLocals())
                    .add(localsFor(form.slope()))
                    .addStatement("dy[row + j] = $L(scale * ($L))", numeric.narrow(), form.slope())
                    .endControlFlow();
        } else {
            sample.add(form.rowGradient());
        }
        return MethodSpec.methodBuilder("lossGradient")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc(gradientIsAtPreActivation()
                        ? "Writes dL/dz of the output layer (its activation's derivative folded in) into dy.\n"
                        : "Writes dL/dy of the output layer into dy.\n")
                .addParameter(numeric.array(), "targets")
                .addParameter(numeric.array(), "sampleWeights")
                .addParameter(int.class, "n")
                .addParameter(numeric.array(), "dy")
                .addStatement("$T out = $L", numeric.array(), outputField)
                .addCode(zeroOneConversion())
                .addStatement("double count = $L", form.reduction() == Reduction.MEAN ? "(double) n * OUTPUTS" : "n")
                .beginControlFlow("for (int r = 0; r < n; r++)")
                .addStatement("int row = r * OUTPUTS")
                .addStatement("double scale = (sampleWeights == null ? 1 : sampleWeights[r]) / count")
                .addCode(sample.build())
                .endControlFlow()
                .build();
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
                ? CodeBlock.of("double p = out[row + j], y = zeroOne ? 2 * targets[row + j] - 1 : targets[row + j];\n")
                : CodeBlock.of("double p = out[row + j], y = targets[row + j];\n");
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
