package dev.nnc.processor.layer;

import dev.nnc.annotations.InitializerType;
import dev.nnc.processor.emit.LayerEmitter;
import dev.nnc.processor.emit.LayerNames;
import dev.nnc.processor.emit.Numeric;
import dev.nnc.processor.emit.NormalizationEmitter;
import dev.nnc.processor.plan.LayerPlan;
import dev.nnc.processor.spec.InitializerSpec;
import dev.nnc.processor.spec.LayerSettings;
import dev.nnc.processor.spec.LayerSpec;
import dev.nnc.processor.validate.Message;
import dev.nnc.processor.validate.ValidationReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keras' {@code LayerNormalization} (over each sample's features) and {@code BatchNormalization}
 * (per feature over the batch, with running statistics the optimizer does not train).
 */
final class NormalizationLayer implements LayerType {

    private final boolean batch;

    private NormalizationLayer(boolean batch) {
        this.batch = batch;
    }

    static NormalizationLayer layer() {
        return new NormalizationLayer(false);
    }

    static NormalizationLayer batch() {
        return new NormalizationLayer(true);
    }

    @Override
    public String kerasName() {
        return batch ? "BatchNormalization" : "LayerNormalization";
    }

    @Override
    public boolean activatesOutput() {
        return true;
    }

    @Override
    public Set<String> attributes() {
        return batch ? Set.of("momentum", "epsilon", "center", "scale") : Set.of("epsilon", "center", "scale");
    }

    @Override
    public Shape output(LayerSpec layer, Shape input) {
        return input;
    }

    @Override
    public void check(LayerSpec layer, ValidationReport report) {
        LayerSettings settings = layer.settings();
        if (batch && !(settings.momentum() >= 0 && settings.momentum() < 1)) {
            report.add(Message.LAYER_SETTING_INVALID, layer.source().at("momentum"), layer.name(), "momentum", "in [0, 1)",
                    settings.momentum());
        }
        if (!(settings.epsilon() > 0) || Double.isInfinite(settings.epsilon())) {
            report.add(Message.LAYER_SETTING_INVALID, layer.source().at("epsilon"), layer.name(), "epsilon",
                    "a finite number greater than 0", settings.epsilon());
        }
    }

    @Override
    public List<TensorSpec> tensors(LayerSpec layer, Shape input) {
        int features = input.width();
        List<TensorSpec> tensors = new ArrayList<>();
        if (layer.settings().scale()) {
            tensors.add(perFeature("gamma", InitializerType.ONES, layer, features, true));
        }
        if (layer.settings().center()) {
            tensors.add(perFeature("beta", InitializerType.ZEROS, layer, features, true));
        }
        if (batch) {
            tensors.add(perFeature("moving_mean", InitializerType.ZEROS, layer, features, false));
            tensors.add(perFeature("moving_variance", InitializerType.ONES, layer, features, false));
        }
        return tensors;
    }

    private static TensorSpec perFeature(String name, InitializerType initializer, LayerSpec layer, int features, boolean trained) {
        return new TensorSpec(name, List.of(features), InitializerSpec.of(initializer, layer.source()), features, features,
                0, 0, trained);
    }

    @Override
    public Map<String, String> settings(LayerSpec layer) {
        LayerSettings settings = layer.settings();
        Map<String, String> read = new LinkedHashMap<>();
        if (batch) {
            read.put("momentum", String.valueOf(settings.momentum()));
        }
        read.put("epsilon", String.valueOf(settings.epsilon()));
        read.put("center", String.valueOf(settings.center()));
        read.put("scale", String.valueOf(settings.scale()));
        return read;
    }

    @Override
    public List<String> buffers() {
        return List.of("preActivation", "normalized", "inverseDeviation");
    }

    @Override
    public LayerEmitter emitter(Numeric numeric, LayerPlan layer, LayerNames names) {
        return new NormalizationEmitter(numeric, layer, names);
    }
}
