package dev.nnc.processor.spec;

import dev.nnc.annotations.ActivationType;
import dev.nnc.annotations.InitializerType;
import java.util.Set;

/**
 * The settings of {@code @Layer} that only some kinds of layer read, and which attributes of the
 * annotation were written, so the validator can refuse one that the layer's kind does not read
 * ({@code LayerType#attributes}).
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

    /** Keras' defaults, nothing written: what a test's layer or an inherited one carries. */
    public static LayerSettings defaults(Source source) {
        return new LayerSettings(Double.NaN, 0.99, 1e-3, true, true, false, ActivationType.SIGMOID, true,
                InitializerSpec.of(InitializerType.ORTHOGONAL, source), 0, 0, true, Set.of());
    }
}
