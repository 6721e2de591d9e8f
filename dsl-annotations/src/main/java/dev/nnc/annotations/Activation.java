package dev.nnc.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The activation applied to a {@link Layer}'s output. A layer without it is
 * {@link ActivationType#LINEAR}, as Keras' {@code activation=None}.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.METHOD)
public @interface Activation {

    /** The function. */
    ActivationType value();

    /**
     * The activation's parameter, where it has one: the negative slope of
     * {@link ActivationType#LEAKY_RELU}. {@code NaN} (the default) means the activation's own
     * default: 0.2 for LEAKY_RELU, as Keras 3's {@code keras.activations.leaky_relu} (PyTorch's
     * {@code LeakyReLU} uses 0.01; write {@code alpha = 0.01} to match it).
     */
    double alpha() default Double.NaN;
}
