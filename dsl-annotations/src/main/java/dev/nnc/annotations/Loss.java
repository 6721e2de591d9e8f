package dev.nnc.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The loss the network is trained on. Reduction as in Keras and PyTorch: the mean over the
 * batch (and, for element-wise losses, over the outputs).
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface Loss {

    /** The loss function. */
    LossType value();

    /**
     * Whether the output layer emits logits (a {@link ActivationType#LINEAR} output) rather than
     * probabilities. Only for the cross-entropies; the loss then applies the sigmoid or softmax
     * itself, in a numerically stable form, and {@code predict} returns logits, as in Keras.
     * Default {@code false}.
     */
    boolean fromLogits() default false;
}
