package dev.nnc.benchmarks;

/**
 * Adam as PyTorch writes it, in plain scalar loops, for the baselines: {@code m = b1 m + (1 - b1) g};
 * {@code v = b2 v + (1 - b2) g^2}; {@code w -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)}
 * with torch's defaults.
 */
final class ScalarAdam {

    static final float BETA1 = 0.9f;
    static final float BETA2 = 0.999f;
    /** Added after the bias correction, as PyTorch. */
    static final float EPSILON = 1e-8f;

    private ScalarAdam() {}

    /** {@code lr / (1 - b1^t)} of step {@code t}. */
    static float stepSize(double learningRate, long t) {
        return (float) (learningRate / (1 - Math.pow(BETA1, t)));
    }

    /** {@code sqrt(1 - b2^t)} of step {@code t}. */
    static float correction2(long t) {
        return (float) Math.sqrt(1 - Math.pow(BETA2, t));
    }

    /** One step of every value of {@code w}, with its gradient {@code g} and moments {@code m} and {@code v}. */
    static void step(float[] w, float[] g, float[] m, float[] v, float stepSize, float correction2) {
        for (int i = 0; i < w.length; i++) {
            float gi = g[i];
            float mi = BETA1 * m[i] + (1 - BETA1) * gi;
            float vi = BETA2 * v[i] + (1 - BETA2) * gi * gi;
            m[i] = mi;
            v[i] = vi;
            w[i] -= stepSize * mi / ((float) Math.sqrt(vi) / correction2 + EPSILON);
        }
    }
}
