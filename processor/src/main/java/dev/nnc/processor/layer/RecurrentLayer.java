package dev.nnc.processor.layer;

import com.palantir.javapoet.CodeBlock;
import dev.nnc.annotations.ActivationType;
import dev.nnc.annotations.LayerKind;
import dev.nnc.processor.emit.Initialization;
import dev.nnc.processor.emit.LayerEmitter;
import dev.nnc.processor.emit.LayerNames;
import dev.nnc.processor.emit.Numeric;
import dev.nnc.processor.emit.RecurrentEmitter;
import dev.nnc.processor.plan.LayerPlan;
import dev.nnc.processor.spec.LayerSettings;
import dev.nnc.processor.spec.LayerSpec;
import dev.nnc.processor.spec.Penalties;
import dev.nnc.processor.validate.Message;
import dev.nnc.processor.validate.ValidationReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keras' {@code SimpleRNN}, {@code LSTM} and {@code GRU}: a cell run along the time axis, whose
 * gates are blocks of {@code units} columns of its kernels.
 */
public final class RecurrentLayer implements LayerType {

    /** Activations whose derivative a recurrent layer can take from their output, which it keeps for every step. */
    private static final Set<ActivationType> FROM_OUTPUT = Set.of(ActivationType.LINEAR, ActivationType.SIGMOID,
            ActivationType.HARD_SIGMOID, ActivationType.TANH, ActivationType.RELU, ActivationType.RELU6, ActivationType.LEAKY_RELU);

    private final LayerKind kind;
    private final String name;
    private final Set<String> attributes;

    private RecurrentLayer(LayerKind kind, String name, Set<String> ownAttributes) {
        this.kind = kind;
        this.name = name;
        Set<String> attributes = new HashSet<>(Weighted.ATTRIBUTES);
        attributes.addAll(Set.of("returnSequences", "dropout", "recurrentDropout", "recurrentInitializer"));
        attributes.addAll(ownAttributes);
        this.attributes = Set.copyOf(attributes);
    }

    static RecurrentLayer simpleRnn() {
        return new RecurrentLayer(LayerKind.SIMPLE_RNN, "SimpleRNN", Set.of());
    }

    static RecurrentLayer lstm() {
        return new RecurrentLayer(LayerKind.LSTM, "LSTM", Set.of("recurrentActivation", "unitForgetBias"));
    }

    static RecurrentLayer gru() {
        return new RecurrentLayer(LayerKind.GRU, "GRU", Set.of("recurrentActivation", "resetAfter"));
    }

    /** Gates of a recurrent layer, each a block of {@code units} columns of its kernels: 1, 4 (LSTM) or 3 (GRU). */
    public static int gates(LayerSpec layer) {
        return switch (layer.kind()) {
            case LSTM -> 4;
            case GRU -> 3;
            default -> 1;
        };
    }

    /** Whether the layer keeps a second bias row for its recurrent product: GRU in Keras' reset-after form. */
    public static boolean twoBiases(LayerSpec layer) {
        return layer.kind() == LayerKind.GRU && layer.settings().resetAfter();
    }

    @Override
    public String kerasName() {
        return name;
    }


    @Override
    public Set<String> attributes() {
        return attributes;
    }

    @Override
    public ActivationType defaultActivation() {
        return ActivationType.TANH;
    }

    @Override
    public boolean needsSequence() {
        return true;
    }

    @Override
    public Shape output(LayerSpec layer, Shape input) {
        return layer.settings().returnSequences() ? input.withWidth(layer.units()) : Shape.vector(layer.units());
    }

    @Override
    public void check(LayerSpec layer, ValidationReport report) {
        Weighted.checkUnits(layer, report);
        LayerSettings settings = layer.settings();
        for (String rate : List.of("dropout", "recurrentDropout")) {
            double value = rate.equals("dropout") ? settings.dropout() : settings.recurrentDropout();
            if (!(value >= 0 && value < 1)) {
                report.add(Message.LAYER_SETTING_INVALID, layer.source().at(rate), layer.name(), rate, "in [0, 1)", value);
            }
        }
        if (!FROM_OUTPUT.contains(layer.activation().type())) {
            report.add(Message.RECURRENT_ACTIVATION, layer.activation().source(), layer.name(), layer.kind(), "activation",
                    layer.activation().type());
        }
        if (attributes.contains("recurrentActivation") && !FROM_OUTPUT.contains(settings.recurrentActivation())) {
            report.add(Message.RECURRENT_ACTIVATION, layer.source().at("recurrentActivation"), layer.name(), layer.kind(),
                    "recurrentActivation", settings.recurrentActivation());
        }
    }

    @Override
    public List<TensorSpec> tensors(LayerSpec layer, Shape input) {
        int inputs = input.width();
        int units = layer.units();
        int columns = gates(layer) * units;
        Penalties penalties = layer.penalties();
        List<TensorSpec> tensors = new ArrayList<>();
        tensors.add(new TensorSpec("kernel", List.of(inputs, columns), Weighted.kernel(layer), inputs, columns,
                penalties.kernelL1(), penalties.kernelL2(), true));
        tensors.add(new TensorSpec("recurrent_kernel", List.of(units, columns), layer.settings().recurrentInitializer(),
                units, columns, 0, 0, true));
        if (layer.useBias()) {
            // GRU's reset-after form keeps the input and the recurrent bias as two rows, as Keras
            List<Integer> shape = twoBiases(layer) ? List.of(2, columns) : List.of(columns);
            tensors.add(new TensorSpec("bias", shape, Weighted.bias(layer), columns, columns,
                    penalties.biasL1(), penalties.biasL2(), true));
        }
        return tensors;
    }

    @Override
    public Map<String, String> settings(LayerSpec layer) {
        LayerSettings settings = layer.settings();
        Map<String, String> read = new LinkedHashMap<>();
        read.put("returnSequences", String.valueOf(settings.returnSequences()));
        read.put("dropout", String.valueOf(settings.dropout()));
        read.put("recurrentDropout", String.valueOf(settings.recurrentDropout()));
        if (attributes.contains("recurrentActivation")) {
            read.put("recurrentActivation", settings.recurrentActivation().name());
        }
        if (attributes.contains("resetAfter")) {
            read.put("resetAfter", String.valueOf(settings.resetAfter()));
        }
        return read;
    }

    /** U^T for every backward step's dh; W^T for dx, where the gradient reaches the input. */
    @Override
    public List<String> mirrors(Shape output, boolean needsBackward, boolean needsInputGradient) {
        List<String> mirrors = new ArrayList<>();
        if (needsBackward) {
            mirrors.add("recurrent_kernel");
        }
        if (needsInputGradient) {
            mirrors.add("kernel");
        }
        return mirrors;
    }

    @Override
    public boolean drawsInTraining(LayerSpec layer) {
        return layer.settings().dropout() > 0 || layer.settings().recurrentDropout() > 0;
    }

    @Override
    public List<String> buffers() {
        return List.of("gates", "states", "cells", "cellOutputs", "candidates", "recurrentProduct", "recurrentT", "kernelT",
                "stateGradient", "cellGradient", "zeroState", "inputMask", "droppedInputs", "recurrentMask", "directGradient",
                "resetStates", "resetGradient");
    }

    @Override
    public CodeBlock afterInitialization(LayerPlan layer, LayerNames names) {
        if (kind != LayerKind.LSTM || !layer.spec().settings().unitForgetBias() || !layer.spec().useBias()) {
            return CodeBlock.of("");
        }
        return CodeBlock.builder()
                .add("// the forget gate's block starts at 1 (unitForgetBias, as Keras)\n")
                .add(Initialization.constant(names.bias() + " + " + names.units(), names.units(), 1.0))
                .build();
    }

    @Override
    public LayerEmitter emitter(Numeric numeric, LayerPlan layer, LayerNames names) {
        return new RecurrentEmitter(numeric, layer, names);
    }
}
