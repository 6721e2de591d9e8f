package dev.nnc.annotations;

/**
 * Weight initialisers, with Keras 3's formulas; {@code fanIn} and {@code fanOut} are a Dense
 * kernel's input and output sizes.
 */
public enum Initializer {
    /** Glorot uniform, or He uniform when the layer's activation is in the ReLU family. */
    AUTO,
    /** Uniform on {@code [-l, l]} with {@code l = sqrt(6 / (fanIn + fanOut))}. Keras' default. */
    GLOROT_UNIFORM,
    /** Uniform on {@code [-l, l]} with {@code l = sqrt(6 / fanIn)}; suits ReLU. */
    HE_UNIFORM,
    /** All zeros. */
    ZEROS
}
