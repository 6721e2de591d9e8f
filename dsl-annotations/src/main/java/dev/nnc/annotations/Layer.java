package dev.nnc.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares one layer. The annotated method must be abstract, take no parameters and return
 * {@code void}; its name is the layer's name. Layers run in declaration order.
 *
 * <p>Defaults follow Keras 3's {@code Dense}: a bias, zero-initialised.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.METHOD)
public @interface Layer {

    /** What the layer computes. Default {@link LayerKind#DENSE}. */
    LayerKind kind() default LayerKind.DENSE;

    /** Number of output units; at least 1. */
    int units();

    /** Whether the layer adds a learned bias (Keras' {@code use_bias}). Default {@code true}. */
    boolean useBias() default true;

    /**
     * How the weights are initialised from the network's seed. Default
     * {@link Initializer#AUTO}: Glorot uniform, or He uniform under a ReLU-family activation.
     * Biases always start at zero.
     */
    Initializer initializer() default Initializer.AUTO;
}
