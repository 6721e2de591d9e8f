package dev.nnc.runtime.internal;

import java.util.SplittableRandom;

/**
 * Weight initialisers with Keras 3's formulas, drawn from a {@link SplittableRandom}, whose
 * sequence is specified, so a seed gives the same weights on every JDK. Generated classes call
 * these once per tensor, in layer order (a Dense kernel's fans are its input and output sizes, a
 * bias's are both its size, as Keras'), from one generator, into a {@code double[]} that a float
 * model then narrows ({@link #toFloat}), so the float class and its double twin start from the
 * same draw.
 */
public final class Initializers {

    /**
     * The standard deviation of a standard normal truncated to [-2, 2]; variance-scaling normals
     * divide by it so the truncated draw keeps the intended variance (Keras).
     */
    private static final double TRUNCATED_STDDEV = 0.87962566103423978;

    private Initializers() {}

    /** {@code count} copies of {@code value}. */
    public static void constant(double[] p, int offset, int count, double value) {
        java.util.Arrays.fill(p, offset, offset + count, value);
    }

    /** Normal with {@code mean} and {@code stddev}. */
    public static void randomNormal(double[] p, int offset, int count, double mean, double stddev, SplittableRandom random) {
        for (int i = 0; i < count; i++) {
            p[offset + i] = mean + stddev * random.nextGaussian();
        }
    }

    /** Uniform on {@code [min, max)}. */
    public static void randomUniform(double[] p, int offset, int count, double min, double max, SplittableRandom random) {
        for (int i = 0; i < count; i++) {
            p[offset + i] = random.nextDouble(min, max);
        }
    }

    /** Normal with {@code mean} and {@code stddev}, each value beyond two standard deviations drawn again. */
    public static void truncatedNormal(double[] p, int offset, int count, double mean, double stddev, SplittableRandom random) {
        for (int i = 0; i < count; i++) {
            double z;
            do {
                z = random.nextGaussian();
            } while (Math.abs(z) > 2);
            p[offset + i] = mean + stddev * z;
        }
    }

    /** Uniform on {@code [-l, l]}, {@code l = sqrt(6 / (fanIn + fanOut))}. */
    public static void glorotUniform(double[] p, int offset, int count, int fanIn, int fanOut, SplittableRandom random) {
        symmetricUniform(p, offset, count, Math.sqrt(6.0 / (fanIn + fanOut)), random);
    }

    /** Truncated normal, standard deviation {@code sqrt(2 / (fanIn + fanOut))}. */
    public static void glorotNormal(double[] p, int offset, int count, int fanIn, int fanOut, SplittableRandom random) {
        scaledTruncatedNormal(p, offset, count, Math.sqrt(2.0 / (fanIn + fanOut)), random);
    }

    /** Uniform on {@code [-l, l]}, {@code l = sqrt(6 / fanIn)}. */
    public static void heUniform(double[] p, int offset, int count, int fanIn, int fanOut, SplittableRandom random) {
        symmetricUniform(p, offset, count, Math.sqrt(6.0 / fanIn), random);
    }

    /** Truncated normal, standard deviation {@code sqrt(2 / fanIn)}. */
    public static void heNormal(double[] p, int offset, int count, int fanIn, int fanOut, SplittableRandom random) {
        scaledTruncatedNormal(p, offset, count, Math.sqrt(2.0 / fanIn), random);
    }

    /** Uniform on {@code [-l, l]}, {@code l = sqrt(3 / fanIn)}. */
    public static void lecunUniform(double[] p, int offset, int count, int fanIn, int fanOut, SplittableRandom random) {
        symmetricUniform(p, offset, count, Math.sqrt(3.0 / fanIn), random);
    }

    /** Truncated normal, standard deviation {@code sqrt(1 / fanIn)}. */
    public static void lecunNormal(double[] p, int offset, int count, int fanIn, int fanOut, SplittableRandom random) {
        scaledTruncatedNormal(p, offset, count, Math.sqrt(1.0 / fanIn), random);
    }

    /**
     * {@code gain} times a (semi-)orthogonal {@code [rows][cols]} matrix: a standard normal draw of
     * the taller orientation, orthonormalised column by column (modified Gram-Schmidt, which is
     * the Q of its QR decomposition with R's diagonal positive, Keras' sign fix), transposed when
     * the matrix is wide. Rows are orthonormal when {@code rows <= cols}, else columns are.
     */
    public static void orthogonal(double[] p, int offset, int rows, int cols, double gain, SplittableRandom random) {
        int tall = Math.max(rows, cols);
        int narrow = Math.min(rows, cols);
        double[][] q = new double[narrow][tall];
        for (int c = 0; c < narrow; c++) {
            for (int r = 0; r < tall; r++) {
                q[c][r] = random.nextGaussian();
            }
        }
        for (int c = 0; c < narrow; c++) {
            for (int previous = 0; previous < c; previous++) {
                double dot = 0;
                for (int r = 0; r < tall; r++) {
                    dot += q[c][r] * q[previous][r];
                }
                for (int r = 0; r < tall; r++) {
                    q[c][r] -= dot * q[previous][r];
                }
            }
            double norm = 0;
            for (int r = 0; r < tall; r++) {
                norm += q[c][r] * q[c][r];
            }
            norm = Math.sqrt(norm);
            for (int r = 0; r < tall; r++) {
                q[c][r] /= norm;
            }
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                // tall: column j of Q; wide: Q transposed, row i of the matrix is column i of Q
                p[offset + i * cols + j] = gain * (rows >= cols ? q[j][i] : q[i][j]);
            }
        }
    }

    /** The parameters, narrowed to float. */
    public static float[] toFloat(double[] p) {
        float[] narrow = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            narrow[i] = (float) p[i];
        }
        return narrow;
    }

    private static void symmetricUniform(double[] p, int offset, int count, double limit, SplittableRandom random) {
        randomUniform(p, offset, count, -limit, limit, random);
    }

    private static void scaledTruncatedNormal(double[] p, int offset, int count, double stddev, SplittableRandom random) {
        truncatedNormal(p, offset, count, 0, stddev / TRUNCATED_STDDEV, random);
    }
}
