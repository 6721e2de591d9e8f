package dev.nnc.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The optimizer that {@code trainBatch} applies. Settings and defaults are {@code torch.optim}'s
 * (Lion: its paper's), so a training run can be matched step by step against PyTorch. A setting
 * left out takes the optimizer's own default; the defaults that differ between optimizers are
 * written {@code NaN} below, a marker only: a setting written as {@code NaN} is a compile error.
 * Writing a setting the optimizer does not read is a compile error too. With {@code g} the gradient of the batch's mean loss (clipped first, if
 * asked), {@code wd} the weight decay and {@code t} the step number from 1:
 *
 * <ul>
 *   <li>SGD: {@code g += wd w}; with momentum {@code b = momentum b + g}; Nesterov uses
 *       {@code g + momentum b}, else {@code b}; {@code w -= lr * that}.
 *   <li>ADAGRAD: {@code g += wd w}; {@code s += g^2}; {@code w -= lr g / (sqrt(s) + eps)}.
 *   <li>RMSPROP: {@code g += wd w}; {@code v = rho v + (1 - rho) g^2}; centered:
 *       {@code a = rho a + (1 - rho) g}, {@code d = sqrt(v - a^2) + eps}, else {@code sqrt(v) + eps};
 *       with momentum {@code b = momentum b + g / d}, {@code w -= lr b}, else {@code w -= lr g / d}.
 *   <li>ADAM: {@code g += wd w}; {@code m = beta1 m + (1 - beta1) g};
 *       {@code v = beta2 v + (1 - beta2) g^2}; AMSGrad keeps {@code vmax = max(vmax, v)} and uses it
 *       for v; {@code w -= lr (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps)}.
 *   <li>ADAMW: {@code w *= 1 - lr wd}, then Adam's update without adding {@code wd w} to g.
 *   <li>NADAM: {@code g += wd w}; {@code mu_t = beta1 (1 - 0.5 * 0.96^(t momentumDecay))};
 *       m and v as Adam; {@code w -= lr (1 - mu_t) / (1 - prod mu) g / d + lr mu_(t+1) / (1 - prod mu * mu_(t+1)) m / d}
 *       with {@code d = sqrt(v / (1 - beta2^t)) + eps}.
 *   <li>ADAMAX: {@code g += wd w}; m as Adam; {@code u = max(beta2 u, |g| + eps)};
 *       {@code w -= lr / (1 - beta1^t) m / u}.
 *   <li>LION: {@code c = beta1 m + (1 - beta1) g}; {@code w = w (1 - lr wd) - lr sign(c)};
 *       {@code m = beta2 m + (1 - beta2) g}.
 * </ul>
 *
 * <p>Clipping, before the update, on every optimizer: {@code clipNorm} scales all gradients by
 * {@code clipNorm / (norm + 1e-6)} when their global L2 norm exceeds it ({@code torch.nn.utils.clip_grad_norm_},
 * Keras' {@code global_clipnorm}); {@code clipValue} clamps each to {@code [-clipValue, clipValue]}.
 * At most one of the two, as Keras.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface Optimizer {

    /** The algorithm. */
    OptimizerType value();

    /**
     * Step size, a finite number at least 0: 0 moves no weight, as in Keras and PyTorch (a schedule
     * may warm up from it or decay to it); the runtime can change it between steps. Left out:
     * torch's for the optimizer, 1e-3 (SGD, Adam, AdamW), 1e-2 (Adagrad, RMSprop), 2e-3 (NAdam,
     * Adamax), 1e-4 (Lion).
     */
    double learningRate() default Double.NaN;

    /** SGD, RMSPROP: momentum factor in [0, 1). Default 0. */
    double momentum() default 0.0;

    /** SGD: Nesterov momentum; needs a momentum above 0. Default {@code false}. */
    boolean nesterov() default false;

    /** ADAM, ADAMW, NADAM, ADAMAX, LION: decay of the first moment, in [0, 1). Default 0.9. */
    double beta1() default 0.9;

    /** ADAM, ADAMW, NADAM, ADAMAX, LION: decay of the second moment (Lion: of the momentum), in [0, 1). Default 0.999 (Lion 0.99). */
    double beta2() default Double.NaN;

    /** ADAGRAD, RMSPROP, ADAM, ADAMW, NADAM, ADAMAX: added to the denominator; greater than 0. Default 1e-8 (Adagrad 1e-10). */
    double epsilon() default Double.NaN;

    /**
     * Weight decay, at least 0: L2 added to the gradient, or decoupled for ADAMW and LION. Default
     * 0 (AdamW 1e-2).
     */
    double weightDecay() default Double.NaN;

    /** RMSPROP: decay of the squared-gradient average (torch's {@code alpha}), in [0, 1). Default 0.99. */
    double rho() default 0.99;

    /** RMSPROP: normalise by the variance instead of the second moment. Default {@code false}. */
    boolean centered() default false;

    /** ADAM, ADAMW: AMSGrad's running maximum of the second moment. Default {@code false}. */
    boolean amsgrad() default false;

    /** NADAM: the momentum-decay rate psi. Default 4e-3. */
    double momentumDecay() default 4e-3;

    /** Global-norm clipping threshold, greater than 0; 0 (the default) does not clip. */
    double clipNorm() default 0.0;

    /** Per-value clipping bound, greater than 0; 0 (the default) does not clip. */
    double clipValue() default 0.0;
}
