package dev.nnc.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A large layer from each initialiser: its mean and variance against the formula, to five standard errors. */
class InitializersTest {

    private static final int FAN_IN = 400;
    private static final int FAN_OUT = 300;
    private static final int COUNT = FAN_IN * FAN_OUT;

    /** Draws a tensor with {@code draw} and checks its sample mean and variance. */
    private static double[] assertMoments(String name, double mean, double variance, Draw draw) {
        double[] p = new double[COUNT + 2];
        draw.into(p, new SplittableRandom(42));
        assertEquals(0, p[0], name + " wrote before its offset");
        assertEquals(0, p[COUNT + 1], name + " wrote past its tensor");
        double sum = 0;
        for (int i = 1; i <= COUNT; i++) {
            sum += p[i];
        }
        double sampleMean = sum / COUNT;
        double squares = 0;
        for (int i = 1; i <= COUNT; i++) {
            squares += (p[i] - sampleMean) * (p[i] - sampleMean);
        }
        double sampleVariance = squares / (COUNT - 1);
        // the standard error of the mean is sqrt(variance / n); of the variance, about variance * sqrt(2 / n)
        assertEquals(mean, sampleMean, 5 * Math.sqrt(variance / COUNT), name + ": mean");
        assertEquals(variance, sampleVariance, 5 * variance * Math.sqrt(2.0 / COUNT), name + ": variance");
        return p;
    }

    interface Draw {
        void into(double[] p, SplittableRandom random);
    }

    @Test
    void randomDistributionsHaveTheirMoments() {
        assertMoments("random normal", 0.3, 0.04, (p, r) -> Initializers.randomNormal(p, 1, COUNT, 0.3, 0.2, r));
        assertMoments("random uniform", 0.1, 0.4 * 0.4 / 12, (p, r) -> Initializers.randomUniform(p, 1, COUNT, -0.1, 0.3, r));
        // a standard normal truncated to [-2, 2] has variance 0.87962566103423978^2
        double[] truncated = assertMoments("truncated normal", 1, 0.87962566103423978 * 0.87962566103423978 * 0.25,
                (p, r) -> Initializers.truncatedNormal(p, 1, COUNT, 1, 0.5, r));
        for (int i = 1; i <= COUNT; i++) {
            assertTrue(Math.abs(truncated[i] - 1) <= 1, "truncated normal drew " + truncated[i]);
        }
    }

    @Test
    void varianceScalingInitializersHaveTheirVariance() {
        double glorot = 2.0 / (FAN_IN + FAN_OUT);
        assertMoments("glorot uniform", 0, glorot, (p, r) -> Initializers.glorotUniform(p, 1, COUNT, FAN_IN, FAN_OUT, r));
        assertMoments("glorot normal", 0, glorot, (p, r) -> Initializers.glorotNormal(p, 1, COUNT, FAN_IN, FAN_OUT, r));
        assertMoments("he uniform", 0, 2.0 / FAN_IN, (p, r) -> Initializers.heUniform(p, 1, COUNT, FAN_IN, FAN_OUT, r));
        assertMoments("he normal", 0, 2.0 / FAN_IN, (p, r) -> Initializers.heNormal(p, 1, COUNT, FAN_IN, FAN_OUT, r));
        assertMoments("lecun uniform", 0, 1.0 / FAN_IN, (p, r) -> Initializers.lecunUniform(p, 1, COUNT, FAN_IN, FAN_OUT, r));
        assertMoments("lecun normal", 0, 1.0 / FAN_IN, (p, r) -> Initializers.lecunNormal(p, 1, COUNT, FAN_IN, FAN_OUT, r));
    }

    @Test
    void constantsFillTheirTensorOnly() {
        double[] p = new double[5];
        Initializers.constant(p, 1, 3, 0.7);
        assertEquals(0, p[0]);
        assertEquals(0.7, p[1]);
        assertEquals(0.7, p[3]);
        assertEquals(0, p[4]);
    }

    @Test
    void orthogonalKernelsAreOrthogonalTimesTheGain() {
        for (int[] shape : new int[][] {{40, 30}, {30, 40}, {25, 25}}) {
            int rows = shape[0];
            int cols = shape[1];
            double[] w = new double[rows * cols];
            Initializers.orthogonal(w, 0, rows, cols, 1.5, new SplittableRandom(7));
            // the shorter side's vectors are orthonormal, times the gain
            boolean tall = rows >= cols;
            int vectors = tall ? cols : rows;
            int length = tall ? rows : cols;
            for (int a = 0; a < vectors; a++) {
                for (int b = 0; b < vectors; b++) {
                    double dot = 0;
                    for (int k = 0; k < length; k++) {
                        dot += (tall ? w[k * cols + a] * w[k * cols + b] : w[a * cols + k] * w[b * cols + k]);
                    }
                    assertEquals(a == b ? 1.5 * 1.5 : 0, dot, 1e-9, rows + "x" + cols + ": vectors " + a + " and " + b);
                }
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameDraw() {
        double[] first = new double[100];
        double[] second = new double[100];
        Initializers.heNormal(first, 0, 100, 10, 10, new SplittableRandom(3));
        Initializers.heNormal(second, 0, 100, 10, 10, new SplittableRandom(3));
        org.junit.jupiter.api.Assertions.assertArrayEquals(first, second);
    }
}
