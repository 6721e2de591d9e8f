package dev.nnc.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import dev.nnc.processor.plan.LayerPlan;
import java.util.List;
import java.util.function.Function;

/**
 * Keras' {@code LSTM}: gates i, f, g, o from {@code x_t W + b + h_(t-1) U}, the cell state
 * {@code c_t = f c_(t-1) + i g} and {@code h_t = o f(c_t)}; the cell states and their activation
 * are kept for the backward pass, and dL/dc is carried from step to step.
 */
final class LstmCell extends RecurrentCell {

    LstmCell(RecurrentParts parts, Numeric numeric, LayerPlan layer, LayerNames names) {
        super(parts, numeric, layer, names);
    }

    @Override
    String gatesDoc() {
        return "gates i, f, g, o of every step, (capacity * steps, 4 units), activated; dz after the backward pass.";
    }

    @Override
    List<FieldSpec> buffers() {
        return List.of(
                parts.buffer("cells", "cell state c of every step, (capacity * steps, units)."),
                parts.buffer("cellOutputs", "activation of the cell state of every step, (capacity * steps, units)."),
                parts.buffer("cellGradient", "dL/dc carried back to the step before, (capacity, units)."));
    }

    @Override
    void reserve(CodeBlock.Builder code, List<String> perStep) {
        perStep.add("cells");
        perStep.add("cellOutputs");
        code.addStatement("$L = new $T[$T.workspace(n, $L)]", names.buffer("cellGradient"), numeric.type(), Types.CHECKS, units());
    }

    @Override
    List<Array> forwardArrays() {
        return List.of(new Array("c", "cells"), new Array("a", "cellOutputs"));
    }

    @Override
    List<Array> backwardArrays() {
        return List.of(new Array("c", "cells"), new Array("a", "cellOutputs"), new Array("dc", "cellGradient"));
    }

    @Override
    List<String> carried() {
        return List.of("dc");
    }

    @Override
    String previousState(String h) {
        return "c";
    }

    @Override
    CodeBlock recurrence(String h) {
        return addedToGates(h);
    }

    @Override
    List<String> cellArrays() {
        return List.of("c", "a");
    }

    @Override
    List<String> cellGradientArrays() {
        return List.of("dc", "a");
    }

    @Override
    MethodSpec.Builder cell(MethodSpec.Builder method) {
        return method.addJavadoc("Layer '$L' at step t: i, f, o = $L(z), g = $L(z), c = f c_(t-1) + i g, h = o $L(c); previous holds\n"
                        + "c_(t-1): the cells, or the zero state at step 0.\n", layer.name(),
                        layer.spec().settings().recurrentActivation(), layer.spec().activation().type(), layer.spec().activation().type())
                .addCode(overUnits(lane -> {
                    CodeBlock i = lane.let("i", lane.apply(true, lane.let("zi", lane.load("z", at("g", 0)))));
                    CodeBlock f = lane.let("f", lane.apply(true, lane.let("zf", lane.load("z", at("g", 1)))));
                    CodeBlock cell = lane.let("cell", lane.apply(false, lane.let("zg", lane.load("z", at("g", 2)))));
                    CodeBlock o = lane.let("o", lane.apply(true, lane.let("zo", lane.load("z", at("g", 3)))));
                    lane.store(i, "z", at("g", 0));
                    lane.store(f, "z", at("g", 1));
                    lane.store(cell, "z", at("g", 2));
                    lane.store(o, "z", at("g", 3));
                    CodeBlock before = lane.let("before", lane.load("previous", "p + j"));
                    CodeBlock state = lane.let("state", lane.add(lane.mul(f, before), lane.mul(i, cell)));
                    lane.store(state, "c", "s + j");
                    CodeBlock activated = lane.let("activated", lane.apply(false, state));
                    lane.store(activated, "a", "s + j");
                    lane.store(lane.mul(o, activated), "h", "s + j");
                }));
    }

    @Override
    MethodSpec.Builder cellGradient(MethodSpec.Builder method, Function<Lane, CodeBlock> dhAt) {
        return method.addJavadoc("Layer '$L' at step t: from dh and the carried dc, the gates' dz over their values; dc carried on.\n",
                        layer.name())
                .addCode(overUnits(lane -> {
                    CodeBlock dht = dhAt.apply(lane);
                    CodeBlock i = lane.let("i", lane.load("z", at("g", 0)));
                    CodeBlock f = lane.let("f", lane.load("z", at("g", 1)));
                    CodeBlock cell = lane.let("cell", lane.load("z", at("g", 2)));
                    CodeBlock o = lane.let("o", lane.load("z", at("g", 3)));
                    CodeBlock activated = lane.let("activated", lane.load("a", "s + j"));
                    CodeBlock before = lane.let("before", lane.load("previous", "p + j"));
                    CodeBlock dho = lane.let("dho", lane.mul(dht, o));
                    CodeBlock dct = lane.let("dct", lane.add(lane.load("dc", "r * " + units() + " + j"), lane.slope(false, dho, activated)));
                    lane.store(lane.mul(dct, f), "dc", "r * " + units() + " + j");
                    CodeBlock di = lane.let("di", lane.mul(dct, cell));
                    CodeBlock df = lane.let("df", lane.mul(dct, before));
                    CodeBlock dg = lane.let("dg", lane.mul(dct, i));
                    CodeBlock dout = lane.let("dout", lane.mul(dht, activated));
                    lane.store(lane.slope(true, di, i), "z", at("g", 0));
                    lane.store(lane.slope(true, df, f), "z", at("g", 1));
                    lane.store(lane.slope(false, dg, cell), "z", at("g", 2));
                    lane.store(lane.slope(true, dout, o), "z", at("g", 3));
                }));
    }
}
