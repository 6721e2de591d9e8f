package dev.nnc.processor.layer;

import dev.nnc.annotations.LayerKind;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The one table from a {@code LayerKind} to what the processor knows of it: adding a kind adds a row here. */
public final class LayerTypes {

    private static final Map<LayerKind, LayerType> TYPES = new EnumMap<>(Map.ofEntries(
            Map.entry(LayerKind.DENSE, new DenseLayer()),
            Map.entry(LayerKind.SIMPLE_RNN, RecurrentLayer.simpleRnn()),
            Map.entry(LayerKind.LSTM, RecurrentLayer.lstm()),
            Map.entry(LayerKind.GRU, RecurrentLayer.gru()),
            Map.entry(LayerKind.DROPOUT, new DropoutLayer()),
            Map.entry(LayerKind.LAYER_NORM, NormalizationLayer.layer()),
            Map.entry(LayerKind.BATCH_NORM, NormalizationLayer.batch()),
            Map.entry(LayerKind.FLATTEN, new FlattenLayer())));

    /** The kinds whose type reads the {@code @Layer} attribute {@code attribute}; empty for one every kind reads. */
    public static Set<LayerKind> readersOf(String attribute) {
        Set<LayerKind> readers = EnumSet.noneOf(LayerKind.class);
        TYPES.forEach((kind, type) -> {
            if (type.attributes().contains(attribute)) {
                readers.add(kind);
            }
        });
        return readers;
    }

    public static LayerType of(LayerKind kind) {
        LayerType type = TYPES.get(kind);
        if (type == null) {
            throw new IllegalStateException("no LayerType for " + kind + " in LayerTypes");
        }
        return type;
    }
}
