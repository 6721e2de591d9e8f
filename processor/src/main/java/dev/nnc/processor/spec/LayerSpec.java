package dev.nnc.processor.spec;

import dev.nnc.annotations.LayerKind;

/**
 * One {@code @Layer} method.
 *
 * @param name the method's name, which is the layer's name
 * @param source the {@code @Layer} annotation on the method
 * @param method the method's shape, checked by the validator
 * @param kind what the layer computes
 * @param units output units
 * @param useBias whether it adds a bias
 * @param trainable whether the optimizer trains it
 * @param kernelInitializer how its kernel starts
 * @param biasInitializer how its bias starts
 * @param penalties its L1 and L2 penalties
 * @param activation its activation
 * @param settings what dropout and normalisation layers read, and the attributes written
 */
public record LayerSpec(
        String name,
        Source source,
        MethodShape method,
        LayerKind kind,
        int units,
        boolean useBias,
        boolean trainable,
        InitializerSpec kernelInitializer,
        InitializerSpec biasInitializer,
        Penalties penalties,
        ActivationSpec activation,
        LayerSettings settings) {

    /** Whether the layer gives its input's shape back: dropout and normalisation. */
    public boolean keepsShape() {
        return kind != LayerKind.DENSE;
    }

    /** Values per sample (or per timestep) the layer gives for {@code inputWidth} it takes. */
    public int outputWidth(int inputWidth) {
        return keepsShape() ? inputWidth : units;
    }

    /**
     * The parameters the layer holds for {@code inputWidth} values coming in, trained or not; in a
     * long, for the validator to compare with an array's limit before anything is laid out.
     */
    public long parameterCount(int inputWidth) {
        return switch (kind) {
            case DENSE -> (long) inputWidth * units + (useBias ? units : 0) + (activation.learnsAlpha() ? units : 0);
            case DROPOUT -> 0;
            case LAYER_NORM -> (long) inputWidth * ((settings.scale() ? 1 : 0) + (settings.center() ? 1 : 0));
            case BATCH_NORM -> (long) inputWidth * ((settings.scale() ? 1 : 0) + (settings.center() ? 1 : 0) + 2);
        };
    }
}
