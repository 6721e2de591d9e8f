package dev.nnc.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import dev.nnc.processor.plan.LayerPlan;
import java.util.List;
import java.util.function.Function;

/**
 * Keras' {@code GRU} in its default reset-after form, PyTorch's {@code GRU}: the step's recurrent
 * product {@code h_(t-1) U + b'} is kept apart, and the reset gate scales its candidate block
 * ({@code g = f(x W_h + b_h + r (h_(t-1) U_h + b'_h))}).
 */
final class GruCell extends GruCellBase {

    GruCell(RecurrentParts parts, Numeric numeric, LayerPlan layer, LayerNames names) {
        super(parts, numeric, layer, names);
    }

    @Override
    List<FieldSpec> formBuffers() {
        return List.of(
                parts.buffer("candidates", "the candidate's recurrent part h_(t-1) U_h + b'_h of every step, (capacity * steps, units)."));
    }

    @Override
    void reserveForm(CodeBlock.Builder code, List<String> perStep) {
        perStep.add("candidates");
    }

    @Override
    List<Array> forwardArrays() {
        return List.of(new Array("hc", "candidates"), new Array("q", "recurrentProduct"));
    }

    @Override
    List<Array> backwardArrays() {
        return List.of(new Array("hc", "candidates"), new Array("q", "recurrentProduct"), new Array("dd", "directGradient"));
    }

    /** The recurrent bias is the second row of bias [2][3 units]. */
    @Override
    CodeBlock recurrence(String h) {
        String bias = names.tensor("bias");
        return parts.call(names.forward() + "Recurrence", "q[r] = h[r][t - 1] U + b', kept apart: the reset gate scales the"
                        + " candidate's block (h_(-1) = 0).", parts.recurrentArrays("q", h, "w"), true, parts.product(Extent.runtime("n"), "q",
                        "r * " + columns(), parts.maskedState(h, "(r * " + steps() + " + t - 1) * " + units() + " + k", "r * " + units() + " + k"),
                        Extent.runtime("(t > 0 ? " + units() + " : 0)"), "w", names.tensor("recurrent_kernel") + " + k * " + columns(),
                        parts.columnsExtent(), bias == null ? MatmulEmitter.Start.ZERO : parts.fromParameters(bias + " + " + columns())));
    }

    @Override
    List<String> cellArrays() {
        return List.of("hc", "q");
    }

    @Override
    List<String> cellGradientArrays() {
        return List.of("hc", "q", "dd");
    }

    @Override
    MethodSpec.Builder cell(MethodSpec.Builder method) {
        return method.addJavadoc("Layer '$L' at step t: z, r = $L(x W + b + q), g = $L(x W_h + b_h + r q_h), h = z h_(t-1) + (1 - z) g;\n"
                        + "previous holds h_(t-1): the states, or the zero state at step 0.\n", layer.name(),
                        layer.spec().settings().recurrentActivation(), layer.spec().activation().type())
                .addCode(overUnits(lane -> {
                    CodeBlock update = lane.let("update", lane.apply(true, lane.let("zu",
                            lane.add(lane.load("z", at("g", 0)), lane.load("q", at("qr", 0))))));
                    CodeBlock reset = lane.let("reset", lane.apply(true, lane.let("zr",
                            lane.add(lane.load("z", at("g", 1)), lane.load("q", at("qr", 1))))));
                    CodeBlock recurrent = lane.let("recurrent", lane.load("q", at("qr", 2)));
                    CodeBlock cell = lane.let("cell", lane.apply(false, lane.let("zg", lane.add(lane.load("z", at("g", 2)),
                            lane.mul(reset, recurrent)))));
                    CodeBlock before = lane.let("before", lane.load("previous", "p + j"));
                    lane.store(update, "z", at("g", 0));
                    lane.store(reset, "z", at("g", 1));
                    lane.store(cell, "z", at("g", 2));
                    lane.store(recurrent, "hc", "s + j");
                    lane.store(lane.add(lane.mul(update, before), lane.mul(lane.oneMinus(update), cell)), "h", "s + j");
                }));
    }

    @Override
    MethodSpec.Builder cellGradient(MethodSpec.Builder method, Function<Lane, CodeBlock> dhAt) {
        return method.addJavadoc("Layer '$L' at step t: the gates' dz over their values, dL/d(h_(t-1) U + b') into q, and the direct\n"
                        + "share z dh of dL/dh_(t-1) into dd; the caller puts dq U^T into dh.\n", layer.name())
                .addCode(overUnits(lane -> {
                    CodeBlock dCell = gruStep(lane, dhAt.apply(lane));
                    CodeBlock reset = lane.let("reset", lane.load("z", at("g", 1)));
                    CodeBlock dr = lane.let("dr", lane.mul(dCell, lane.load("hc", "s + j")));
                    CodeBlock dReset = lane.let("dReset", lane.slope(true, dr, reset));
                    lane.store(dReset, "z", at("g", 1));
                    lane.store(dReset, "q", at("qr", 1));
                    lane.store(lane.mul(dCell, reset), "q", at("qr", 2));
                }));
    }

    /** db' (the bias's second row) gets every step's dq, the first step's too. */
    @Override
    CodeBlock afterCellGradient(String h, boolean trains) {
        String bias = names.tensor("bias");
        if (!trains || bias == null) {
            return CodeBlock.of("");
        }
        return CodeBlock.builder()
                .beginControlFlow("if (train)")
                .add("// db' (the bias's second row) gets every step's dq, the first step's too\n")
                .beginControlFlow("for (int r = 0; r < n; r++)")
                .beginControlFlow("for (int j = 0; j < $L; j++)", columns())
                .addStatement("g[$L + $L + j] += q[r * $L + j]", bias, columns(), columns())
                .endControlFlow()
                .endControlFlow()
                .endControlFlow()
                .build();
    }
}
