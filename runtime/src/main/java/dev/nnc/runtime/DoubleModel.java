package dev.nnc.runtime;

import java.util.List;

/**
 * A network generated in {@code double} ({@code @Network(precision = DOUBLE)}) by the same
 * emitters as the float product. It exists to verify the emitted math: finite-difference gradient
 * checks at 1e-6, and the float model checked against it. Layout, array lengths and semantics
 * are those of {@link Model}.
 */
public interface DoubleModel {

    /** As {@link Model#name()}. */
    String name();

    /** As {@link Model#layers()}. */
    List<LayerInfo> layers();

    /** As {@link Model#inputSize()}. */
    int inputSize();

    /** As {@link Model#outputSize()}. */
    int outputSize();

    /** As {@link Model#targetSize()}. */
    int targetSize();

    /** As {@link Model#parameterCount()}. */
    int parameterCount();

    /** As {@link Model#readParameters}, in double. */
    void readParameters(double[] destination);

    /** As {@link Model#writeParameters}, in double. */
    void writeParameters(double[] source);

    /** As {@link Model#readGradients}, in double. */
    void readGradients(double[] destination);

    /** As {@link Model#reseed}. */
    void reseed(long seed);

    /** As {@link Model#setTrainable}. */
    void setTrainable(String layer, boolean trainable);

    /** As {@link Model#isTrainable}. */
    boolean isTrainable(String layer);

    /** Predicts {@code n} samples into {@code outputs}. */
    void predict(double[] inputs, int n, double[] outputs);

    /** The batch's mean loss, in inference mode. */
    default double loss(double[] inputs, double[] targets, int n) {
        return loss(inputs, targets, null, n);
    }

    /** The batch's loss with per-sample weights, as {@link Model}'s. */
    double loss(double[] inputs, double[] targets, double[] sampleWeights, int n);

    /** Forward and backward; returns the mean loss and leaves the gradients readable. */
    default double computeGradients(double[] inputs, double[] targets, int n) {
        return computeGradients(inputs, targets, null, n);
    }

    /** Forward and backward with per-sample weights, as {@link Model}'s. */
    double computeGradients(double[] inputs, double[] targets, double[] sampleWeights, int n);

    /** One optimizer step with the last gradients. */
    void applyGradients();
}
