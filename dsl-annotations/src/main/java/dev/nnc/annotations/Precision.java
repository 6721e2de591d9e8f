package dev.nnc.annotations;

/** Arithmetic of a generated class; see {@link Network#precision()}. */
public enum Precision {
    /** {@code float} parameters and activations, vectorised with {@code FloatVector}: the product. */
    FLOAT,
    /**
     * {@code double} everywhere, vectorised with {@code DoubleVector}; the class implements the
     * runtime's {@code DoubleModel}. Made by the same emitters as the float class, so its gradients
     * can be checked against finite differences at 1e-6 and the float class checked against it.
     */
    DOUBLE
}
