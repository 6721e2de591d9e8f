package dev.nnc.annotations;

/**
 * How a layer's kernel or bias starts, with Keras 3's formulas; {@code fanIn} and {@code fanOut}
 * are a Dense kernel's input and output sizes (for a bias, both are its size). The normal
 * variance-scaling initialisers draw from a normal truncated at two standard deviations, with the
 * standard deviation divided by 0.87962566103423978 so the truncated draw keeps the variance, as
 * Keras does.
 */
public enum InitializerType {
    /** The kernel: Glorot uniform, or He uniform under a ReLU-family activation. A bias: zeros. */
    AUTO,
    /** All zeros. */
    ZEROS,
    /** All ones. */
    ONES,
    /** All {@link Initializer#constant()}. */
    CONSTANT,
    /** Normal with {@link Initializer#mean()} and {@link Initializer#stddev()} (Keras: 0 and 0.05). */
    RANDOM_NORMAL,
    /** Uniform on [{@link Initializer#minval()}, {@link Initializer#maxval()}) (Keras: -0.05 and 0.05). */
    RANDOM_UNIFORM,
    /** Normal with {@link Initializer#mean()} and {@link Initializer#stddev()}, values beyond two standard deviations drawn again. */
    TRUNCATED_NORMAL,
    /** Uniform on {@code [-l, l]} with {@code l = sqrt(6 / (fanIn + fanOut))}: Keras' default. */
    GLOROT_UNIFORM,
    /** Truncated normal with standard deviation {@code sqrt(2 / (fanIn + fanOut))}. */
    GLOROT_NORMAL,
    /** Uniform on {@code [-l, l]} with {@code l = sqrt(6 / fanIn)}; suits ReLU. */
    HE_UNIFORM,
    /** Truncated normal with standard deviation {@code sqrt(2 / fanIn)}; suits ReLU. */
    HE_NORMAL,
    /** Uniform on {@code [-l, l]} with {@code l = sqrt(3 / fanIn)}. */
    LECUN_UNIFORM,
    /** Truncated normal with standard deviation {@code sqrt(1 / fanIn)}; suits SELU. */
    LECUN_NORMAL,
    /**
     * A (semi-)orthogonal kernel times {@link Initializer#gain()}: the Q of a QR decomposition of a
     * normal draw, signs fixed by R's diagonal (Saxe et al., 2014; Keras' {@code Orthogonal}).
     * Kernels only.
     */
    ORTHOGONAL
}
