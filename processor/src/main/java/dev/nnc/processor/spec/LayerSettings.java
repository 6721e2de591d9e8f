package dev.nnc.processor.spec;

import dev.nnc.annotations.ActivationType;
import dev.nnc.annotations.InitializerType;
import dev.nnc.annotations.LayerKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The settings of {@code @Layer} that only some kinds of layer read, and which attributes of the
 * annotation were written, so the validator can refuse one that the layer's kind does not read.
 *
 * @param rate dropout's rate, NaN when not written
 * @param momentum batch normalisation's momentum (Keras' meaning)
 * @param epsilon the normalisation layers' variance epsilon
 * @param center whether a normalisation layer learns beta
 * @param scale whether a normalisation layer learns gamma
 * @param returnSequences whether a recurrent layer gives every step's output
 * @param recurrentActivation the gates' activation of LSTM and GRU
 * @param unitForgetBias whether LSTM's forget-gate bias starts at 1
 * @param recurrentInitializer how a recurrent kernel starts
 * @param dropout a recurrent layer's input dropout
 * @param recurrentDropout a recurrent layer's dropout of the previous state
 * @param resetAfter GRU's reset-after form (Keras' default) or the original one
 * @param written the attributes written on {@code @Layer}, as opposed to left at their defaults
 */
public record LayerSettings(
        double rate,
        double momentum,
        double epsilon,
        boolean center,
        boolean scale,
        boolean returnSequences,
        ActivationType recurrentActivation,
        boolean unitForgetBias,
        InitializerSpec recurrentInitializer,
        double dropout,
        double recurrentDropout,
        boolean resetAfter,
        Set<String> written) {

    public LayerSettings {
        written = Set.copyOf(written);
    }

    private static final Set<LayerKind> RECURRENT = Set.of(LayerKind.SIMPLE_RNN, LayerKind.LSTM, LayerKind.GRU);

    /** Which kinds of layer read each of these settings, by its attribute of {@code @Layer}. */
    public static final Map<String, Set<LayerKind>> READERS = Map.ofEntries(
            Map.entry("returnSequences", RECURRENT),
            Map.entry("dropout", RECURRENT),
            Map.entry("recurrentDropout", RECURRENT),
            Map.entry("recurrentInitializer", RECURRENT),
            Map.entry("recurrentActivation", Set.of(LayerKind.LSTM, LayerKind.GRU)),
            Map.entry("unitForgetBias", Set.of(LayerKind.LSTM)),
            Map.entry("resetAfter", Set.of(LayerKind.GRU)),
            Map.entry("rate", Set.of(LayerKind.DROPOUT)),
            Map.entry("momentum", Set.of(LayerKind.BATCH_NORM)),
            Map.entry("epsilon", Set.of(LayerKind.LAYER_NORM, LayerKind.BATCH_NORM)),
            Map.entry("center", Set.of(LayerKind.LAYER_NORM, LayerKind.BATCH_NORM)),
            Map.entry("scale", Set.of(LayerKind.LAYER_NORM, LayerKind.BATCH_NORM)));

    /**
     * The settings {@code kind} reads, as text by attribute, for the runtime's {@code LayerInfo}:
     * all but the initializers, which only say how training starts.
     */
    public Map<String, String> readBy(LayerKind kind) {
        Map<String, String> read = new LinkedHashMap<>();
        READERS.forEach((attribute, kinds) -> {
            if (kinds.contains(kind) && !attribute.equals("recurrentInitializer") && !attribute.equals("unitForgetBias")) {
                read.put(attribute, switch (attribute) {
                    case "returnSequences" -> String.valueOf(returnSequences);
                    case "dropout" -> String.valueOf(dropout);
                    case "recurrentDropout" -> String.valueOf(recurrentDropout);
                    case "recurrentActivation" -> recurrentActivation.name();
                    case "resetAfter" -> String.valueOf(resetAfter);
                    case "rate" -> String.valueOf(rate);
                    case "momentum" -> String.valueOf(momentum);
                    case "epsilon" -> String.valueOf(epsilon);
                    case "center" -> String.valueOf(center);
                    case "scale" -> String.valueOf(scale);
                    default -> throw new IllegalStateException("no text for the setting " + attribute);
                });
            }
        });
        return read;
    }

    /** Keras' defaults, nothing written: what a test's layer or an inherited one carries. */
    public static LayerSettings defaults(Source source) {
        return new LayerSettings(Double.NaN, 0.99, 1e-3, true, true, false, ActivationType.SIGMOID, true,
                InitializerSpec.of(InitializerType.ORTHOGONAL, source), 0, 0, true, Set.of());
    }
}
