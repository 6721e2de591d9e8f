package dev.nnc.runtime;

import java.util.SplittableRandom;

/**
 * Weight initialisers with Keras' formulas, drawn from a {@link SplittableRandom}, whose sequence
 * is specified, so a seed gives the same weights on every JDK. Generated classes call these once
 * per layer, in layer order, from one generator.
 */
public final class Initializers {

    private Initializers() {}

    /** Glorot (Xavier) uniform: {@code U(-l, l)}, {@code l = sqrt(6 / (fanIn + fanOut))}. */
    public static void glorotUniform(float[] parameters, int offset, int fanIn, int fanOut, SplittableRandom random) {
        uniform(parameters, offset, fanIn * fanOut, Math.sqrt(6.0 / (fanIn + fanOut)), random);
    }

    /** He uniform: {@code U(-l, l)}, {@code l = sqrt(6 / fanIn)}. */
    public static void heUniform(float[] parameters, int offset, int fanIn, int fanOut, SplittableRandom random) {
        uniform(parameters, offset, fanIn * fanOut, Math.sqrt(6.0 / fanIn), random);
    }

    /** {@code double} twin of {@link #glorotUniform(float[], int, int, int, SplittableRandom)}. */
    public static void glorotUniform(double[] parameters, int offset, int fanIn, int fanOut, SplittableRandom random) {
        uniform(parameters, offset, fanIn * fanOut, Math.sqrt(6.0 / (fanIn + fanOut)), random);
    }

    /** {@code double} twin of {@link #heUniform(float[], int, int, int, SplittableRandom)}. */
    public static void heUniform(double[] parameters, int offset, int fanIn, int fanOut, SplittableRandom random) {
        uniform(parameters, offset, fanIn * fanOut, Math.sqrt(6.0 / fanIn), random);
    }

    private static void uniform(float[] parameters, int offset, int count, double limit, SplittableRandom random) {
        for (int i = 0; i < count; i++) {
            parameters[offset + i] = (float) random.nextDouble(-limit, limit);
        }
    }

    private static void uniform(double[] parameters, int offset, int count, double limit, SplittableRandom random) {
        for (int i = 0; i < count; i++) {
            parameters[offset + i] = random.nextDouble(-limit, limit);
        }
    }
}
