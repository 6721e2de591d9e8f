package dev.nnc.processor.layer;

import dev.nnc.processor.emit.DropoutEmitter;
import dev.nnc.processor.emit.LayerEmitter;
import dev.nnc.processor.emit.LayerNames;
import dev.nnc.processor.emit.Numeric;
import dev.nnc.processor.plan.LayerPlan;
import dev.nnc.processor.spec.LayerSpec;
import dev.nnc.processor.validate.Message;
import dev.nnc.processor.validate.ValidationReport;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Keras' {@code Dropout(rate)}, inverted: kept values are scaled in training, so inference passes values through. */
final class DropoutLayer implements LayerType {

    @Override
    public String kerasName() {
        return "Dropout";
    }


    @Override
    public Set<String> attributes() {
        return Set.of("rate");
    }

    @Override
    public boolean takesActivation() {
        return false;
    }

    @Override
    public Shape output(LayerSpec layer, Shape input) {
        return input;
    }

    @Override
    public void check(LayerSpec layer, ValidationReport report) {
        double rate = layer.settings().rate();
        if (!layer.settings().written().contains("rate")) {
            report.add(Message.DROPOUT_RATE_MISSING, layer.source(), layer.name());
        } else if (!(rate >= 0 && rate < 1)) {
            report.add(Message.LAYER_SETTING_INVALID, layer.source().at("rate"), layer.name(), "rate", "in [0, 1)", rate);
        }
    }

    @Override
    public List<TensorSpec> tensors(LayerSpec layer, Shape input) {
        return List.of();
    }

    @Override
    public Map<String, String> settings(LayerSpec layer) {
        return Map.of("rate", String.valueOf(layer.settings().rate()));
    }

    @Override
    public boolean drawsInTraining(LayerSpec layer) {
        return true;
    }

    @Override
    public List<String> buffers() {
        return List.of("mask");
    }

    @Override
    public LayerEmitter emitter(Numeric numeric, LayerPlan layer, LayerNames names) {
        return new DropoutEmitter(numeric, layer, names);
    }
}
