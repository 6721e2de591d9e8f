package dev.nnc.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.nnc.processor.plan.LayerPlan;
import dev.nnc.processor.plan.TensorPlan;
import dev.nnc.processor.plan.NetworkPlan;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The layers' L1 and L2 penalties, Keras' regularisers: {@code l1 * sum |w| + l2 * sum w^2} per
 * tensor, added to the reported loss, and {@code l1 sign(w) + 2 l2 w} added to the gradient after
 * the backward pass. One vector kernel serves every penalised tensor.
 */
final class PenaltyEmitter {

    private final Numeric numeric;
    private final NetworkPlan plan;
    private final List<LayerNames> names;

    PenaltyEmitter(Numeric numeric, NetworkPlan plan, List<LayerNames> names) {
        this.numeric = numeric;
        this.plan = plan;
        this.names = names;
    }

    /** Whether any layer is penalised; without, nothing is emitted. */
    boolean any() {
        return plan.layers().stream().anyMatch(layer -> layer.spec().penalties().any());
    }

    /** {@code double penalty(boolean withGradient)}: the sum of the penalties, and optionally their gradient. */
    MethodSpec method() {
        List<CodeBlock> terms = new ArrayList<>();
        for (int i = 0; i < plan.layers().size(); i++) {
            LayerPlan layer = plan.layers().get(i);
            // a frozen layer's penalty is part of the loss but moves nothing (Keras)
            String g = layer.trains() ? "withGradient && trains[" + i + "] ? gradients : null" : "null";
            for (TensorPlan tensor : layer.tensors()) {
                if (tensor.l1() != 0 || tensor.l2() != 0) {
                    terms.add(CodeBlock.of("$L.penalty(parameters, $L, $L, $L, $L, $L)", ModelEmitter.KERNELS, g,
                            names.get(i).tensor(tensor.name()), tensor.size(), numeric.literal(tensor.l1()), numeric.literal(tensor.l2())));
                }
            }
        }
        return MethodSpec.methodBuilder("penalty")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("The layers' L1 and L2 penalties (Keras' regularisers), part of the loss; with {@code withGradient},\n"
                        + "their gradient is added to the gradients of the last backward pass.\n")
                .returns(double.class)
                .addParameter(boolean.class, "withGradient")
                .addStatement("return $L", CodeBlock.join(terms, "\n+ "))
                .build();
    }

    /**
     * The kernel: {@code l1 * sum |w| + l2 * sum w^2} over one tensor, each sum in the runtime's
     * fixed order, adding its gradient into {@code g} unless null. A vector lane and the scalar tail
     * compute each gradient in the same order, so its bits do not depend on which one ran.
     */
    MethodSpec kernel() {
        String type = numeric.type().toString();
        return MethodSpec.methodBuilder("penalty")
                .addModifiers(Modifier.STATIC)
                .addJavadoc("l1 * sum |w| + l2 * sum w^2 over w[offset, offset + count); with g, also g += l1 sign(w) + 2 l2 w.\n")
                .returns(double.class)
                .addParameter(numeric.array(), "w")
                .addParameter(numeric.array(), "g")
                .addParameter(int.class, "offset")
                .addParameter(int.class, "count")
                .addParameter(numeric.type(), "l1")
                .addParameter(numeric.type(), "l2")
                .beginControlFlow("if (g != null)")
                .addStatement("int i = 0")
                .beginControlFlow("for (; i < SPECIES.loopBound(count); i += LANES)")
                .addStatement("$T wv = $T.fromArray(SPECIES, w, offset + i)", numeric.vector(), numeric.vector())
                .addComment("sign(w): 1, -1, or 0 at 0, as the derivative of |w| is taken (Keras)")
                .addStatement("$T sign = $T.zero(SPECIES).blend($L, wv.compare($T.GT, $L)).blend($L, wv.compare($T.LT, $L))",
                        numeric.vector(), numeric.vector(), numeric.literal(1), Types.VECTOR_OPERATORS, numeric.literal(0),
                        numeric.literal(-1), Types.VECTOR_OPERATORS, numeric.literal(0))
                .addStatement("$T.fromArray(SPECIES, g, offset + i).add(sign.mul(l1)).add(wv.mul(2 * l2)).intoArray(g, offset + i)",
                        numeric.vector())
                .endControlFlow()
                .beginControlFlow("for (; i < count; i++)")
                .addStatement("$L wi = w[offset + i]", type)
                .addStatement("g[offset + i] = g[offset + i] + Math.signum(wi) * l1 + wi * (2 * l2)")
                .endControlFlow()
                .endControlFlow()
                .addStatement("double absolutes = l1 == 0 ? 0 : $T.sumOfAbsolutes(w, offset, count)", Types.FIXED_ORDER_SUMS)
                .addStatement("double squares = l2 == 0 ? 0 : $T.sumOfSquares(w, offset, count)", Types.FIXED_ORDER_SUMS)
                .addStatement("return l1 * absolutes + l2 * squares")
                .build();
    }
}
