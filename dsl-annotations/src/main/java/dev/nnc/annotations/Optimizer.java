package dev.nnc.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The optimizer that {@code trainBatch} applies. Settings and defaults are {@code torch.optim}'s,
 * so a training run can be matched step by step against PyTorch; each setting says which
 * optimizers read it. With {@code g} the gradient of the batch's mean loss and {@code t} the step
 * number from 1:
 *
 * <ul>
 *   <li>SGD: {@code g += weightDecay * w}; with momentum {@code b = momentum * b + g} ({@code b = g}
 *       at the first step); Nesterov uses {@code g + momentum * b}, else {@code b}; {@code w -= lr * that}.
 *   <li>ADAM: {@code g += weightDecay * w}; {@code m = beta1 m + (1 - beta1) g};
 *       {@code v = beta2 v + (1 - beta2) g^2};
 *       {@code w -= lr * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon)}: epsilon is added
 *       after the bias correction, as PyTorch does.
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface Optimizer {

    /** The algorithm. */
    OptimizerType value();

    /** Step size, greater than 0; the runtime can change it between steps. Default 1e-3 (PyTorch's for SGD and Adam). */
    double learningRate() default 1e-3;

    /** SGD: momentum factor in [0, 1). Default 0 (plain SGD). */
    double momentum() default 0.0;

    /** SGD: Nesterov momentum; needs a momentum above 0. Default {@code false}. */
    boolean nesterov() default false;

    /** ADAM: decay of the first moment, in [0, 1). Default 0.9. */
    double beta1() default 0.9;

    /** ADAM: decay of the second moment, in [0, 1). Default 0.999. */
    double beta2() default 0.999;

    /** ADAM: added to the denominator after the bias correction; greater than 0. Default 1e-8. */
    double epsilon() default 1e-8;

    /** SGD and ADAM: L2 penalty added to the gradient ({@code g += weightDecay * w}), at least 0. Default 0. */
    double weightDecay() default 0.0;
}
