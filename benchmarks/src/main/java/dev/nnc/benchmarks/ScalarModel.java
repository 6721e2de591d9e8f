package dev.nnc.benchmarks;

/** What {@link BaselineCheck} and the benchmarks call on a scalar baseline ({@link ScalarMlp}, {@link ScalarLstm}). */
interface ScalarModel {

    /** Predicts {@code n} samples into {@code predictions}. */
    void predict(float[] inputs, int n, float[] predictions);

    /** Forward and backward on a batch; overwrites the gradients; returns the batch's mean loss. */
    float computeGradients(float[] x, float[] targets, int n);

    /** One Adam step with the last gradients. */
    void applyGradients();

    double learningRate();
}
