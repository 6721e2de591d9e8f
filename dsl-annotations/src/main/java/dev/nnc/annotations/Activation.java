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
     * The activation's parameter, where it has one. Left out, it is the activation's own default
     * ({@code NaN} marks that; written, {@code NaN} is a compile error):
     * <ul>
     *   <li>{@link ActivationType#LEAKY_RELU}: the negative slope, default 0.2 as Keras 3's
     *       {@code keras.activations.leaky_relu} (PyTorch's {@code LeakyReLU} uses 0.01; write
     *       {@code alpha = 0.01} to match it);
     *   <li>{@link ActivationType#ELU}: the value approached as {@code z -> -inf} is {@code -alpha},
     *       default 1.0 as Keras and PyTorch;
     *   <li>{@link ActivationType#PRELU}: the initial value of every unit's learned slope, default 0
     *       as Keras 3 (PyTorch starts at 0.25).
     * </ul>
     * Both must be finite and at least 0. Other activations take no alpha.
     */
    double alpha() default Double.NaN;

    /**
     * {@link ActivationType#GELU} only: use the tanh approximation instead of the exact erf form.
     * Default {@code false}, as Keras 3's {@code keras.activations.gelu} and PyTorch's {@code GELU}.
     */
    boolean approximate() default false;
}
