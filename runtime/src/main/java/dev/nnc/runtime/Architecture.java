package dev.nnc.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a model's weights are weights of: a line per layer with its name, kind, shapes,
 * activation and the settings its inference computes with, and a SHA-256 fingerprint of those
 * lines. Two models take each other's weights exactly when their fingerprints are equal. The
 * training-only settings (dropout rates, batch normalisation's momentum), the loss and the
 * optimizer are left out: weights trained with one dropout rate are weights for another.
 */
final class Architecture {

    /** Settings that change how a layer trains, not what its weights mean. */
    private static final Set<String> TRAINING_ONLY = Set.of("rate", "dropout", "recurrentDropout", "momentum");

    private Architecture() {}

    /** One line per layer, for example {@code hidden: DENSE [4] -> [16] RELU}. */
    static List<String> layers(Predictor model) {
        List<String> lines = new ArrayList<>();
        for (LayerInfo layer : model.layers()) {
            StringBuilder line = new StringBuilder(layer.name()).append(": ").append(layer.kind()).append(' ')
                    .append(layer.inputShape()).append(" -> ").append(layer.outputShape()).append(' ').append(layer.activation());
            // PReLU's alpha is where its learned slopes start, a weight's initializer: not the architecture
            if (!Double.isNaN(layer.activationAlpha()) && !layer.activation().equals("PRELU")) {
                line.append('(').append(layer.activationAlpha()).append(')');
            }
            if (layer.approximate()) {
                line.append("(tanh approximation)");
            }
            for (Map.Entry<String, String> setting : layer.settings().entrySet()) {
                if (!TRAINING_ONLY.contains(setting.getKey())) {
                    line.append(' ').append(setting.getKey()).append('=').append(setting.getValue());
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** The SHA-256 of the layers' lines, joined by newlines, in hex. */
    static String fingerprint(List<String> layers) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(String.join("\n", layers).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
