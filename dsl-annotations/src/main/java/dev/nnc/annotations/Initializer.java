package dev.nnc.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An initialiser and its settings, written inside {@link Layer}:
 * {@code @Layer(units = 64, initializer = @Initializer(InitializerType.HE_NORMAL))} or
 * {@code @Initializer(value = InitializerType.RANDOM_NORMAL, stddev = 0.1)}. Each setting is read
 * only by the initialisers its Javadoc names; writing it for another is a compile error.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target({})
public @interface Initializer {

    /** The initialiser. Default {@link InitializerType#AUTO}. */
    InitializerType value() default InitializerType.AUTO;

    /** RANDOM_NORMAL, TRUNCATED_NORMAL: the mean. Default 0. */
    double mean() default 0.0;

    /** RANDOM_NORMAL, TRUNCATED_NORMAL: the standard deviation, greater than 0. Default 0.05 (Keras). */
    double stddev() default 0.05;

    /** RANDOM_UNIFORM: the lower bound. Default -0.05 (Keras). */
    double minval() default -0.05;

    /** RANDOM_UNIFORM: the upper bound, greater than {@link #minval()}. Default 0.05 (Keras). */
    double maxval() default 0.05;

    /** CONSTANT: the value. Default 0. */
    double constant() default 0.0;

    /** ORTHOGONAL: the factor applied to the orthogonal matrix, greater than 0. Default 1. */
    double gain() default 1.0;
}
