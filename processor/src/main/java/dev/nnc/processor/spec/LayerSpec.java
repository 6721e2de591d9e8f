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
}
