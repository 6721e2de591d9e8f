package dev.nnc.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import dev.nnc.processor.plan.LayerPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * What both forms of Keras' {@code GRU} share: each step's recurrent product kept apart from the
 * gates (in q), the update gate's and the candidate's backward, and the share {@code z dh} of
 * dL/dh_(t-1) that skips the recurrent kernel (in dd).
 */
abstract class GruCellBase extends RecurrentCell {

    GruCellBase(RecurrentParts parts, Numeric numeric, LayerPlan layer, LayerNames names) {
        super(parts, numeric, layer, names);
    }

    @Override
    String gatesDoc() {
        return "gates z, r and the candidate g of every step, (capacity * steps, 3 units), activated; dz after the backward pass.";
    }

    @Override
    List<String> carried() {
        return List.of("dd");
    }

    @Override
    boolean carriesDirectly() {
        return true;
    }

    /** GRU's own: dL/d(h_(t-1) U + b'), a sample per row of q. */
    @Override
    String recurrentGradient() {
        return "q";
    }

    @Override
    String recurrentGradientRow(String sample) {
        return sample + " * " + columns();
    }

    /** The buffers both forms keep, around the form's own. */
    @Override
    final List<FieldSpec> buffers() {
        List<FieldSpec> buffers = new ArrayList<>();
        buffers.add(parts.buffer("directGradient", "the share z dh of dL/dh_(t-1) that skips the recurrent kernel, (capacity, units)."));
        buffers.addAll(formBuffers());
        buffers.add(parts.buffer("recurrentProduct", "one step's products of h_(t-1) with U, and in the backward pass their gradient,"
                + " (capacity, 3 units)."));
        return buffers;
    }

    @Override
    final void reserve(CodeBlock.Builder code, List<String> perStep) {
        code.addStatement("$L = new $T[$T.workspace(n, $L)]", names.buffer("directGradient"), numeric.type(), Types.CHECKS, units());
        reserveForm(code, perStep);
        code.addStatement("$L = new $T[$T.workspace(n, $L)]", names.buffer("recurrentProduct"), numeric.type(), Types.CHECKS, columns());
    }

    /** The form's own buffers. */
    abstract List<FieldSpec> formBuffers();

    /** Allocates them, as {@link #reserve}. */
    abstract void reserveForm(CodeBlock.Builder code, List<String> perStep);

    /**
     * What both GRU forms do first at a step: from {@code dht}, the update gate's and the
     * candidate's dz, written over their values and the update gate's into q, and the direct share
     * {@code z dht} of dL/dh_(t-1) into dd. Returns the candidate's dz, which the form sends on.
     */
    CodeBlock gruStep(Lane lane, CodeBlock dht) {
        CodeBlock update = lane.let("update", lane.load("z", at("g", 0)));
        CodeBlock cell = lane.let("cell", lane.load("z", at("g", 2)));
        CodeBlock before = lane.let("before", lane.load("previous", "p + j"));
        CodeBlock du = lane.let("du", lane.mul(dht, lane.sub(before, cell)));
        CodeBlock dUpdate = lane.let("dUpdate", lane.slope(true, du, update));
        CodeBlock dg = lane.let("dg", lane.mul(dht, lane.oneMinus(update)));
        CodeBlock dCell = lane.let("dCell", lane.slope(false, dg, cell));
        lane.store(dUpdate, "z", at("g", 0));
        lane.store(dCell, "z", at("g", 2));
        lane.store(dUpdate, "q", at("qr", 0));
        lane.store(lane.mul(dht, update), "dd", "r * " + units() + " + j");
        return dCell;
    }
}
