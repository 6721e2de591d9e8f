package dev.nnc.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface as a network specification. The annotation processor writes a {@code final}
 * class named {@link #name()} in the same package that implements the runtime's {@code Model}.
 *
 * <p>The layers are the interface's abstract methods, each annotated with {@link Layer}, in
 * declaration order; each method's name is its layer's name. Constants, methods with a body and
 * nested types are the interface's own. The interface also carries one {@link Loss} and one
 * {@link Optimizer} (or neither, for a network that only predicts); these annotations, and
 * {@link Activation}, do nothing on a type without {@code @Network} and are a compile error there.
 *
 * <pre>{@code
 * @Network(name = "XorNet", inputs = 2, seed = 42)
 * @Loss(LossType.BINARY_CROSS_ENTROPY)
 * @Optimizer(value = OptimizerType.ADAM, learningRate = 0.05)
 * interface Xor {
 *     @Layer(units = 4) @Activation(ActivationType.TANH)    void hidden();
 *     @Layer(units = 1) @Activation(ActivationType.SIGMOID) void output();
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface Network {

    /**
     * Simple name of the generated class; a valid Java identifier, unique in its package. It may
     * not be the name of a type the package's files see, which the class would hide from them or
     * clash with: a {@code java.lang} type ({@code "String"}, {@code "Override"}), a type the
     * generated class imports ({@code "List"}, {@code "Model"}) or one the spec's file imports
     * ({@code "Layer"}, through {@code import dev.nnc.annotations.*}).
     */
    String name();

    /**
     * Number of input features of one sample, for a network on vectors: a batch is a flat
     * {@code float[batch * inputs]}. Give either this or {@link #timesteps()} and
     * {@link #features()}, each at least 1, and leave the other shape out: its default 0 means "not
     * this shape", and written, even as 0, it is a compile error.
     */
    int inputs() default 0;

    /**
     * Time steps of one input sample, for a network on sequences (Keras'
     * {@code (samples, timesteps, features)} with the batch first): a batch is a flat
     * {@code float[batch * timesteps * features]}, each sample's steps in order. With
     * {@link #features()}, instead of {@link #inputs()}.
     */
    int timesteps() default 0;

    /** Values per time step of one input sample, for a network on sequences; see {@link #timesteps()}. */
    int features() default 0;

    /**
     * Seed of the weight initialisation and of the model's random generator. The same seed, data
     * and calls give bit-identical weights and training runs whenever the JIT compiles what, on
     * JDK 17 and 25 alike, at every vector width (the {@code nnc.vector.bits} property, or the
     * CPU's). Default {@code 0}.
     */
    long seed() default 0L;

    /**
     * Arithmetic of the generated class. {@link Precision#FLOAT} (the default) is the product;
     * {@link Precision#DOUBLE} emits the same network in {@code double} for verification, such as
     * finite-difference gradient checks.
     */
    Precision precision() default Precision.FLOAT;

    /**
     * Trained weights shipped as a classpath resource, for one artifact: a safetensors file as
     * {@code Weights.save} writes it or a PyTorch {@code state_dict} saved in that format. The
     * path is resolved as {@link Class#getResource(String)} resolves it from the generated class:
     * relative to its package, or from the classpath's root with a leading {@code /}. The
     * generated class then has a static {@code pretrained()} that reads and checks the resource
     * on each call, as {@code Weights.load} checks a file, and returns a model with those weights;
     * a missing or bad resource is an {@code IOException} there, never an error while the class
     * loads. Default: none (left out; an empty string written is a compile error).
     */
    String weights() default "";
}
