package dev.nnc.processor.spec;

/**
 * A layer's L1 and L2 penalties, Keras' regularisers: {@code l1 * sum |w| + l2 * sum w^2} per
 * tensor, added to the loss and its gradient.
 */
public record Penalties(double kernelL1, double kernelL2, double biasL1, double biasL2, Source source) {

    /** No penalty. */
    public static Penalties none(Source source) {
        return new Penalties(0, 0, 0, 0, source);
    }

    public boolean any() {
        return kernelL1 != 0 || kernelL2 != 0 || biasL1 != 0 || biasL2 != 0;
    }
}
