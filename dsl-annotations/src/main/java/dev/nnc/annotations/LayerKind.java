package dev.nnc.annotations;

/** The kinds of layer a {@link Layer} can declare. */
public enum LayerKind {
    /**
     * Fully connected: {@code y = activation(x · W + b)} with the kernel {@code W} of shape
     * {@code [inputs][units]} (Keras' layout) and the bias {@code b} of shape {@code [units]}.
     */
    DENSE
}
