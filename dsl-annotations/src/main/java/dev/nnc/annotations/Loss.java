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
     * probabilities. Only for the cross-entropies and focal loss; the loss then applies the sigmoid or softmax
     * itself, in a numerically stable form, and {@code predict} returns logits, as in Keras.
     * Default {@code false}.
     */
    boolean fromLogits() default false;

    /** {@link LossType#HUBER}: where the loss turns from quadratic to linear; greater than 0. Default 1.0. */
    double delta() default 1.0;

    /** {@link LossType#QUANTILE}: the quantile {@code q} the output estimates, in (0, 1). Default 0.5. */
    double quantile() default 0.5;

    /** {@link LossType#BINARY_FOCAL}: the focusing exponent, at least 0 (0 is cross-entropy). Default 2.0. */
    double gamma() default 2.0;

    /**
     * {@link LossType#BINARY_FOCAL}: the weight of positives, in [0, 1] (negatives weigh
     * {@code 1 - alpha}). Left out, both weigh 1, as Keras' {@code apply_class_balancing = False}
     * ({@code NaN} marks that; written, {@code NaN} is a compile error); torchvision's
     * {@code sigmoid_focal_loss} uses 0.25.
     */
    double alpha() default Double.NaN;
}
