package dev.nnc.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import dev.nnc.processor.plan.LayerPlan;
import java.util.List;
import java.util.function.Function;
import javax.lang.model.element.Modifier;

/**
 * Keras' {@code GRU} with {@code reset_after = False}, the original form: the z and r blocks of
 * the step's recurrent product come first, then the gates, then the candidate's product of
 * {@code r h_(t-1)}, which is kept for the backward pass.
 */
final class OriginalGruCell extends GruCellBase {

    OriginalGruCell(RecurrentParts parts, Numeric numeric, LayerPlan layer, LayerNames names) {
        super(parts, numeric, layer, names);
    }

    @Override
    List<FieldSpec> formBuffers() {
        return List.of(
                parts.buffer("resetStates", "r h_(t-1) of every step, which the candidate's product reads, (capacity * steps, units)."),
                parts.buffer("resetGradient", "one step's dL/d(r h_(t-1)), then its share r of it, (capacity, units)."));
    }

    @Override
    void reserveForm(CodeBlock.Builder code, List<String> perStep) {
        perStep.add("resetStates");
        code.addStatement("$L = new $T[$T.workspace(n, $L)]", names.buffer("resetGradient"), numeric.type(), Types.CHECKS, units());
    }

    @Override
    List<Array> forwardArrays() {
        return List.of(new Array("rs", "resetStates"), new Array("q", "recurrentProduct"));
    }

    @Override
    List<Array> backwardArrays() {
        return List.of(new Array("rs", "resetStates"), new Array("q", "recurrentProduct"), new Array("dd", "directGradient"),
                new Array("rg", "resetGradient"));
    }

    @Override
    CodeBlock recurrence(String h) {
        String u = units();
        String recurrentKernel = names.tensor("recurrent_kernel");
        return CodeBlock.builder()
                .add(parts.call(names.forward() + "Recurrence", "q[r][0, 2 units) = h[r][t - 1] U_zr (h_(-1) = 0).",
                        parts.recurrentArrays("q", h, "w"), true, parts.product(Extent.runtime("n"), "q", "r * " + columns(),
                                parts.maskedState(h, "(r * " + steps() + " + t - 1) * " + u + " + k", "r * " + u + " + k"),
                                Extent.runtime("(t > 0 ? " + u + " : 0)"), "w", recurrentKernel + " + k * " + columns(),
                                Extent.constant("2 * " + u, 2 * layer.units()), MatmulEmitter.Start.ZERO)))
                .addStatement("$L(z, q, rs, $Lt > 0 ? $L : zero, n, t)", names.forward() + "Gates", recurrentDropout() > 0 ? "hm, " : "", h)
                .add(parts.call(names.forward() + "Candidate", "q[r][2 units, 3 units) = (r h)[r][t] U_h.", List.of("q", "rs", "w"), true,
                        parts.product(Extent.runtime("n"), "q", "r * " + columns() + " + 2 * " + u, "rs[(r * " + steps() + " + t) * " + u + " + k]",
                                parts.unitsExtent(), "w", recurrentKernel + " + k * " + columns() + " + 2 * " + u, parts.unitsExtent(),
                                MatmulEmitter.Start.ZERO)))
                .build();
    }

    @Override
    List<MethodSpec> forwardKernels() {
        return List.of(gatesKernel(), cellKernel());
    }

    @Override
    List<MethodSpec> backwardKernels() {
        return List.of(cellGradientKernel(), gatesGradientKernel());
    }

    @Override
    List<String> cellArrays() {
        return List.of("q");
    }

    @Override
    List<String> cellGradientArrays() {
        return List.of("q", "dd");
    }

    @Override
    MethodSpec.Builder cell(MethodSpec.Builder method) {
        return method.addJavadoc("Layer '$L' at step t, after its gates: g = $L(x W_h + b_h + q_h), h = z h_(t-1) + (1 - z) g; previous holds\n"
                        + "h_(t-1): the states, or the zero state at step 0.\n", layer.name(), layer.spec().activation().type())
                .addCode(overUnits(lane -> {
                    CodeBlock cell = lane.let("cell", lane.apply(false, lane.let("zg", lane.add(lane.load("z", at("g", 2)),
                            lane.load("q", at("qr", 2))))));
                    CodeBlock update = lane.let("update", lane.load("z", at("g", 0)));
                    CodeBlock before = lane.let("before", lane.load("previous", "p + j"));
                    lane.store(cell, "z", at("g", 2));
                    lane.store(lane.add(lane.mul(update, before), lane.mul(lane.oneMinus(update), cell)), "h", "s + j");
                }));
    }

    @Override
    MethodSpec.Builder cellGradient(MethodSpec.Builder method, Function<Lane, CodeBlock> dhAt) {
        return method.addJavadoc("Layer '$L' at step t: dz of z and of the candidate over their values and into q, and the direct share\n"
                        + "z dh of dL/dh_(t-1) into dd; the reset gate's comes after the candidate's product.\n", layer.name())
                .addCode(overUnits(lane -> {
                    lane.store(gruStep(lane, dhAt.apply(lane)), "q", at("qr", 2));
                }));
    }

    /** The candidate's gradient through its product, then the reset gate's. */
    @Override
    CodeBlock afterCellGradient(String h, boolean trains) {
        String u = units();
        return CodeBlock.builder()
                .add(parts.call(names.backward() + "Candidate", "rg[r] = dq_h[r] U_h^T: dL/d(r h_(t-1)).", List.of("rg", "q", "ut"), true,
                        parts.product(Extent.runtime("n"), "rg", "r * " + u, "q[r * " + columns() + " + 2 * " + u + " + k]", parts.unitsExtent(), "ut",
                                "(2 * " + u + " + k) * " + u, parts.unitsExtent(), MatmulEmitter.Start.ZERO)))
                .addStatement("$L(z, q, rg, $Lt > 0 ? $L : zero, n, t)", names.backward() + "Gates", recurrentDropout() > 0 ? "hm, " : "", h)
                .build();
    }

    /** The z and r blocks; the candidate's follows, from r h_(t-1). */
    @Override
    Extent recurrentColumns() {
        return Extent.constant("2 * " + units(), 2 * layer.units());
    }

    @Override
    String recurrentBlocksDoc() {
        return ", the z and r blocks.";
    }

    @Override
    CodeBlock afterRecurrentKernelGradient() {
        String u = units();
        String recurrent = names.tensor("recurrent_kernel");
        return parts.call(names.backward() + "CandidateKernel", "dU_h[i][j] += sum over samples of (r h_(t-1))[i] dq_h[j].",
                List.of("g", "rs", "q"), true,
                parts.product(parts.unitsExtent(), "g", recurrent + " + r * " + columns() + " + 2 * " + u, "rs[(k * " + steps() + " + t) * " + u + " + r]",
                        Extent.runtime("n"), "q", "k * " + columns() + " + 2 * " + u, parts.unitsExtent(), MatmulEmitter.Start.from("g")));
    }

    @Override
    MatmulEmitter.Start stateGradientStart() {
        return MatmulEmitter.Start.from("rg");
    }

    @Override
    String stateGradientDoc() {
        return "dh[r] = rg[r] + dq_zr[r] U_zr^T, carried to step t - 1 (through the state's mask there).";
    }

    /**
     * The original GRU's gates at step t: z and r from the input's and the state's products, and
     * {@code r h_(t-1)} (through the state's mask), which the candidate's product then reads.
     */
    private MethodSpec gatesKernel() {
        return gatesStep(names.forward() + "Gates", "rs")
                .addJavadoc("Layer '$L' at step t: z, r = $L(x W + b + q), rs = r h_(t-1).\n", layer.name(),
                        layer.spec().settings().recurrentActivation())
                .addCode(overUnits(lane -> {
                    CodeBlock update = lane.let("update", lane.apply(true, lane.let("zu",
                            lane.add(lane.load("z", at("g", 0)), lane.load("q", at("qr", 0))))));
                    CodeBlock reset = lane.let("reset", lane.apply(true, lane.let("zr",
                            lane.add(lane.load("z", at("g", 1)), lane.load("q", at("qr", 1))))));
                    lane.store(update, "z", at("g", 0));
                    lane.store(reset, "z", at("g", 1));
                    lane.store(lane.mul(reset, maskedPrevious(lane)), "rs", "s + j");
                }))
                .build();
    }

    /**
     * The original GRU's gates backward at step t, after the candidate's: from {@code rg =
     * dL/d(r h_(t-1))}, the reset gate's dz into its gates and q, and the share {@code rg r} of
     * dL/dh_(t-1) through the candidate's product, left in rg.
     */
    private MethodSpec gatesGradientKernel() {
        return gatesStep(names.backward() + "Gates", "rg")
                .addJavadoc("Layer '$L' at step t: dr from rg = dL/d(r h_(t-1)); rg becomes its share r rg of dL/dh_(t-1).\n",
                        layer.name())
                .addCode(overUnits(lane -> {
                    CodeBlock reset = lane.let("reset", lane.load("z", at("g", 1)));
                    CodeBlock through = lane.let("through", lane.load("rg", "r * " + units() + " + j"));
                    CodeBlock dr = lane.let("dr", lane.mul(through, maskedPrevious(lane)));
                    CodeBlock dReset = lane.let("dReset", lane.slope(true, dr, reset));
                    lane.store(dReset, "z", at("g", 1));
                    lane.store(dReset, "q", at("qr", 1));
                    lane.store(lane.mul(through, reset), "rg", "r * " + units() + " + j");
                }))
                .build();
    }

    /** The gate kernels: {@code name(z, q, array[, hm], previous, n, t)}. */
    private MethodSpec.Builder gatesStep(String name, String array) {
        MethodSpec.Builder method = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(numeric.array(), "z")
                .addParameter(numeric.array(), "q")
                .addParameter(numeric.array(), array);
        if (recurrentDropout() > 0) {
            method.addParameter(numeric.array(), "hm");
        }
        return method.addParameter(numeric.array(), "previous")
                .addParameter(int.class, "n")
                .addParameter(int.class, "t");
    }

    /** h_(t-1) where it feeds the recurrent kernel: through the state's mask where the layer drops it. */
    private CodeBlock maskedPrevious(Lane lane) {
        CodeBlock before = lane.let("before", lane.load("previous", "p + j"));
        return recurrentDropout() > 0 ? lane.let("masked", lane.mul(before, lane.load("hm", "r * " + units() + " + j"))) : before;
    }
}
