package dev.nnc.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.nnc.processor.plan.LayerPlan;
import java.util.List;
import java.util.function.Function;

/** Keras' {@code SimpleRNN}: {@code h_t = f(x_t W + b + h_(t-1) U)}. */
final class SimpleRnnCell extends RecurrentCell {

    SimpleRnnCell(RecurrentParts parts, Numeric numeric, LayerPlan layer, LayerNames names) {
        super(parts, numeric, layer, names);
    }

    @Override
    String gatesDoc() {
        return "pre-activation of every step, (capacity * steps, units); dz after the backward pass.";
    }

    @Override
    CodeBlock recurrence(String h) {
        return addedToGates(h);
    }

    @Override
    List<String> cellArrays() {
        return List.of();
    }

    @Override
    List<String> cellGradientArrays() {
        return List.of();
    }

    @Override
    MethodSpec.Builder cell(MethodSpec.Builder method) {
        return method.addJavadoc("Layer '$L' at step t: h = $L(z).\n", layer.name(), layer.spec().activation().type())
                .addCode(overUnits(lane -> lane.store(lane.apply(false, lane.let("zt", lane.load("z", "g + j"))), "h", "s + j")));
    }

    @Override
    MethodSpec.Builder cellGradient(MethodSpec.Builder method, Function<Lane, CodeBlock> dht) {
        return method.addJavadoc("Layer '$L' at step t: dz = dh f'(h), over z.\n", layer.name())
                .addCode(overUnits(lane -> {
                    CodeBlock dh = dht.apply(lane);
                    CodeBlock ht = lane.let("ht", lane.load("h", "s + j"));
                    lane.store(lane.slope(false, dh, ht), "z", "g + j");
                }));
    }
}
