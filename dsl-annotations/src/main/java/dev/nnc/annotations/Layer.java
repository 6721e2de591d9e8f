package dev.nnc.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares one layer. The annotated method must be an abstract method of a {@link Network}
 * interface (anywhere else it is a compile error), take no parameters and return {@code void}; its
 * name is the layer's name. Layers run in declaration order; every abstract method of a network
 * interface is one, so one without {@code @Layer} is a compile error too.
 *
 * <p>Defaults follow Keras 3's {@code Dense}: a bias, zero-initialised, a Glorot-uniform kernel
 * (He uniform under ReLU-family activations), no regularisation. The L1 and L2 penalties are
 * Keras' regularisers: included in the reported loss and in the gradient.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.METHOD)
public @interface Layer {

    /** What the layer computes. Default {@link LayerKind#DENSE}. */
    LayerKind kind() default LayerKind.DENSE;

    /**
     * Number of output units; at least 1 for {@link LayerKind#DENSE}. Layers that keep their
     * input's shape (dropout, normalisation) take none.
     */
    int units() default 0;

    /**
     * Recurrent layers: whether the layer gives its output at every time step (a sequence, for
     * another recurrent layer or a Dense layer applied per step) or only at the last. Default
     * {@code false}, as Keras.
     */
    boolean returnSequences() default false;

    /** {@link LayerKind#LSTM} and {@link LayerKind#GRU}: the gates' activation. Default SIGMOID, as Keras. */
    ActivationType recurrentActivation() default ActivationType.SIGMOID;

    /** {@link LayerKind#LSTM}: whether the forget gate's bias starts at 1 (Jozefowicz et al., 2015). Default {@code true}, as Keras. */
    boolean unitForgetBias() default true;

    /**
     * Recurrent layers: the fraction of the inputs dropped in training, Keras' {@code dropout}: one
     * mask per sample and batch, the same at every step, drawn from the model's generator. In
     * {@code [0, 1)}; default 0.
     */
    double dropout() default 0.0;

    /**
     * Recurrent layers: the fraction of the previous state {@code h_(t-1)} dropped where it feeds
     * the recurrent kernel in training, Keras' {@code recurrent_dropout}: one mask per sample and
     * batch, the same at every step. In {@code [0, 1)}; default 0.
     */
    double recurrentDropout() default 0.0;

    /**
     * {@link LayerKind#GRU}: Keras' {@code reset_after}. {@code true} (Keras' default, the cuDNN form)
     * scales the recurrent product's candidate block by the reset gate and keeps a second bias row
     * for the recurrent product; {@code false} is the original GRU, which scales {@code h_(t-1)} by
     * the reset gate before the candidate's product, with one bias.
     */
    boolean resetAfter() default true;

    /** Recurrent layers: how the recurrent kernel starts. Default ORTHOGONAL, as Keras. */
    Initializer recurrentInitializer() default @Initializer(InitializerType.ORTHOGONAL);

    /** {@link LayerKind#DROPOUT}: the fraction of values dropped in training, in {@code [0, 1)}; required. */
    double rate() default Double.NaN;

    /**
     * {@link LayerKind#BATCH_NORM}: how much of the running statistics each training batch keeps,
     * Keras' meaning ({@code moving = momentum * moving + (1 - momentum) * batch}; PyTorch's
     * {@code momentum} is {@code 1 - } this), in {@code [0, 1)}. Default 0.99 (Keras).
     */
    double momentum() default 0.99;

    /** Normalisation layers: added to the variance before its square root, greater than 0. Default 1e-3 (Keras; PyTorch uses 1e-5). */
    double epsilon() default 1e-3;

    /** Normalisation layers: whether they learn the offset {@code beta}. Default {@code true}. */
    boolean center() default true;

    /** Normalisation layers: whether they learn the scale {@code gamma}. Default {@code true}. */
    boolean scale() default true;

    /** Whether the layer adds a learned bias (Keras' {@code use_bias}). Default {@code true}. */
    boolean useBias() default true;

    /**
     * Whether the optimizer trains the layer's parameters. A layer declared {@code false} is
     * frozen for good: no gradient is computed for its parameters and the optimizer keeps no
     * state for them (gradients still flow through it to the layers before). A trainable layer
     * can be frozen and thawed at run time ({@code Model.setTrainable}). Default {@code true}.
     */
    boolean trainable() default true;

    /**
     * How the kernel starts, drawn from the network's seed. Default
     * {@code @Initializer(InitializerType.AUTO)}: Glorot uniform (Keras' default), or He uniform
     * under a ReLU-family activation.
     */
    Initializer initializer() default @Initializer(InitializerType.AUTO);

    /** How the bias starts. Default zeros, as Keras. ORTHOGONAL needs a kernel's two dimensions. */
    Initializer biasInitializer() default @Initializer(InitializerType.ZEROS);

    /** L1 penalty on the kernel, Keras' {@code kernel_regularizer=L1(l1)}: adds {@code l1 * sum |W|} to the loss. At least 0; default 0. */
    double kernelL1() default 0.0;

    /** L2 penalty on the kernel, Keras' {@code kernel_regularizer=L2(l2)}: adds {@code l2 * sum W^2} to the loss. At least 0; default 0. */
    double kernelL2() default 0.0;

    /** L1 penalty on the bias ({@code bias_regularizer}): adds {@code l1 * sum |b|}. At least 0; default 0. */
    double biasL1() default 0.0;

    /** L2 penalty on the bias ({@code bias_regularizer}): adds {@code l2 * sum b^2}. At least 0; default 0. */
    double biasL2() default 0.0;
}
