package dev.nnc.processor.spec;

import dev.nnc.annotations.ActivationType;
import java.util.Set;

/**
 * A layer's activation.
 *
 * @param type the function
 * @param alpha its parameter as written, or NaN for the function's default
 * @param approximate GELU's tanh form instead of the exact one
 * @param written the attributes written on {@code @Activation}: an alpha written as NaN is a
 *     mistake, not the default
 * @param source the {@code @Activation} annotation, or the layer's when it was left out (LINEAR)
 */
public record ActivationSpec(ActivationType type, double alpha, boolean approximate, Set<String> written, Source source) {

    public ActivationSpec {
        written = Set.copyOf(written);
    }

    /** An activation built in code (a test's, a recurrent layer's gates): alpha counts as written when it is a number. */
    public ActivationSpec(ActivationType type, double alpha, boolean approximate, Source source) {
        this(type, alpha, approximate, Double.isNaN(alpha) ? Set.of() : Set.of("alpha"), source);
    }

    /** Keras 3's {@code leaky_relu} negative slope. */
    public static final double LEAKY_RELU_DEFAULT_ALPHA = 0.2;

    /** Keras 3's initial PReLU slope (its {@code alpha_initializer} is zeros). */
    public static final double PRELU_DEFAULT_ALPHA = 0.0;

    /** Keras' and PyTorch's ELU alpha. */
    public static final double ELU_DEFAULT_ALPHA = 1.0;

    /** A layer without {@code @Activation}: LINEAR, as Keras' {@code activation=None}. */
    public static ActivationSpec linear(Source source) {
        return new ActivationSpec(ActivationType.LINEAR, Double.NaN, false, source);
    }

    /** A layer without {@code @Activation}: its kind's default (TANH for the recurrent layers, LINEAR for the others, as Keras'). */
    public static ActivationSpec byDefault(ActivationType type, Source source) {
        return new ActivationSpec(type, Double.NaN, false, source);
    }

    /** The parameter the generated code uses: as written, or the activation's default. */
    public double effectiveAlpha() {
        if (!Double.isNaN(alpha)) {
            return alpha;
        }
        return switch (type) {
            case LEAKY_RELU -> LEAKY_RELU_DEFAULT_ALPHA;
            case ELU -> ELU_DEFAULT_ALPHA;
            case PRELU -> PRELU_DEFAULT_ALPHA;
            default -> Double.NaN;
        };
    }

    /** Whether the function belongs to the ReLU family, which He initialisation suits. */
    public boolean isReluFamily() {
        return type == ActivationType.RELU || type == ActivationType.RELU6 || type == ActivationType.LEAKY_RELU
                || type == ActivationType.PRELU;
    }

    /** Whether the activation has parameters of its own, learned with the layer's: PReLU's slopes. */
    public boolean learnsAlpha() {
        return type == ActivationType.PRELU;
    }
}
