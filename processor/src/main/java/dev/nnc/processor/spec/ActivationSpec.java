package dev.nnc.processor.spec;

import dev.nnc.annotations.ActivationType;

/**
 * A layer's activation.
 *
 * @param type the function
 * @param alpha its parameter as written, or NaN for the function's default
 * @param source the {@code @Activation} annotation, or the layer's when it was left out (LINEAR)
 */
public record ActivationSpec(ActivationType type, double alpha, Source source) {

    /** Keras 3's {@code leaky_relu} negative slope. */
    public static final double LEAKY_RELU_DEFAULT_ALPHA = 0.2;

    /** The parameter the generated code uses: as written, or the activation's default. */
    public double effectiveAlpha() {
        if (!Double.isNaN(alpha)) {
            return alpha;
        }
        return type == ActivationType.LEAKY_RELU ? LEAKY_RELU_DEFAULT_ALPHA : Double.NaN;
    }

    /** Whether the function belongs to the ReLU family, which He initialisation suits. */
    public boolean isReluFamily() {
        return type == ActivationType.RELU || type == ActivationType.LEAKY_RELU;
    }
}
