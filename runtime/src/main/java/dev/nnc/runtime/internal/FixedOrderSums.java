package dev.nnc.runtime.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Sums of many floats whose order no vector width and no JIT tier changes, for generated code
 * (the L1 and L2 penalties, the global gradient norm of clipping, a one-unit layer's dot products).
 * Term {@code i} of the first {@code 16 * floor(count / 16)} goes to logical lane {@code i mod 16},
 * and each lane sums its terms in order; the 16 lane sums then meet in a fixed tree (lane {@code l}
 * plus lane {@code l + 8}, then {@code + 4}, {@code + 2}, {@code + 1}), and the last
 * {@code count mod 16} terms are added one by one. The 16 logical lanes are held in as many vectors
 * of the models' own species as they take (one of 512 bits, two of 256, four of 128, eight of 64),
 * the vectors meeting first where their lanes are more than one vector apart: the same tree at every
 * width. (A fixed species of its own would be simpler, but a second vector shape in one JVM spoils
 * the type profiles of the Vector API's shared code, and the models' kernels then box vectors.)
 * Lane-wise adds, fused multiply-adds and moves round the same way in every tier, where
 * {@code reduceLanes(ADD)} leaves its order open.
 */
public final class FixedOrderSums {

    /** The models' species, or 512 bits where that is wider than 16 lanes. */
    private static final VectorSpecies<Float> SPECIES =
            Vectors.floatSpecies().length() <= 16 ? Vectors.floatSpecies() : FloatVector.SPECIES_512;

    private static final int LANES = SPECIES.length();

    /** Vectors that hold the 16 logical lanes: 1, 2, 4 or 8. */
    private static final int VECTORS = 16 / LANES;

    /** Lane {@code i} takes lane {@code i + 8} (mod the lanes); static finals, so C2 sees constants. */
    private static final VectorShuffle<Float> ROTATE_8 = VectorShuffle.iota(SPECIES, 8 % LANES, 1, true);
    private static final VectorShuffle<Float> ROTATE_4 = VectorShuffle.iota(SPECIES, 4 % LANES, 1, true);
    private static final VectorShuffle<Float> ROTATE_2 = VectorShuffle.iota(SPECIES, 2 % LANES, 1, true);
    private static final VectorShuffle<Float> ROTATE_1 = VectorShuffle.iota(SPECIES, 1, 1, true);

    private FixedOrderSums() {}

    /** {@code sum a[i]^2} over {@code a[from, from + count)}, in the fixed order, each term fused into its lane's sum. */
    public static float sumOfSquares(float[] a, int from, int count) {
        return dot(a, from, a, from, count);
    }

    /**
     * {@code sum a[aFrom + i] * b[bFrom + i]} over {@code i < count}, in the fixed order, each product
     * fused into its lane's sum: a layer of one unit, whose single output per row would leave the
     * broadcast form one chain of dependent scalar steps.
     */
    public static float dot(float[] a, int aFrom, float[] b, int bFrom, int count) {
        if (VECTORS > 2) {
            return narrowDot(a, aFrom, b, bFrom, count);
        }
        // one or two vectors (512 or 256 bits) in a body small enough for C2 to inline into the caller
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = s0;
        int whole = count - count % 16;
        for (int i = 0; i < whole; i += 16) {
            s0 = FloatVector.fromArray(SPECIES, a, aFrom + i).fma(FloatVector.fromArray(SPECIES, b, bFrom + i), s0);
            if (VECTORS > 1) {
                s1 = FloatVector.fromArray(SPECIES, a, aFrom + i + LANES).fma(FloatVector.fromArray(SPECIES, b, bFrom + i + LANES), s1);
            }
        }
        // the tree reads only the first VECTORS accumulators
        return dotTail(a, aFrom, b, bFrom, count, whole, tree(s0, s1, s0, s0, s0, s0, s0, s0));
    }

    /** {@link #dot} on four or eight vectors (128 or 64 bits). */
    private static float narrowDot(float[] a, int aFrom, float[] b, int bFrom, int count) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector s0 = zero, s1 = zero, s2 = zero, s3 = zero, s4 = zero, s5 = zero, s6 = zero, s7 = zero;
        int whole = count - count % 16;
        for (int i = 0; i < whole; i += 16) {
            s0 = FloatVector.fromArray(SPECIES, a, aFrom + i).fma(FloatVector.fromArray(SPECIES, b, bFrom + i), s0);
            s1 = FloatVector.fromArray(SPECIES, a, aFrom + i + LANES).fma(FloatVector.fromArray(SPECIES, b, bFrom + i + LANES), s1);
            s2 = FloatVector.fromArray(SPECIES, a, aFrom + i + 2 * LANES).fma(FloatVector.fromArray(SPECIES, b, bFrom + i + 2 * LANES), s2);
            s3 = FloatVector.fromArray(SPECIES, a, aFrom + i + 3 * LANES).fma(FloatVector.fromArray(SPECIES, b, bFrom + i + 3 * LANES), s3);
            if (VECTORS > 4) {
                s4 = FloatVector.fromArray(SPECIES, a, aFrom + i + 4 * LANES).fma(FloatVector.fromArray(SPECIES, b, bFrom + i + 4 * LANES), s4);
                s5 = FloatVector.fromArray(SPECIES, a, aFrom + i + 5 * LANES).fma(FloatVector.fromArray(SPECIES, b, bFrom + i + 5 * LANES), s5);
                s6 = FloatVector.fromArray(SPECIES, a, aFrom + i + 6 * LANES).fma(FloatVector.fromArray(SPECIES, b, bFrom + i + 6 * LANES), s6);
                s7 = FloatVector.fromArray(SPECIES, a, aFrom + i + 7 * LANES).fma(FloatVector.fromArray(SPECIES, b, bFrom + i + 7 * LANES), s7);
            }
        }
        return dotTail(a, aFrom, b, bFrom, count, whole, tree(s0, s1, s2, s3, s4, s5, s6, s7));
    }

    /** The products past the last 16, one by one into {@code sum}. */
    private static float dotTail(float[] a, int aFrom, float[] b, int bFrom, int count, int whole, float sum) {
        for (int i = whole; i < count; i++) {
            sum = Math.fma(a[aFrom + i], b[bFrom + i], sum);
        }
        return sum;
    }

    /** {@code sum |a[i]|} over {@code a[from, from + count)}, in the fixed order. */
    public static float sumOfAbsolutes(float[] a, int from, int count) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector s0 = zero, s1 = zero, s2 = zero, s3 = zero, s4 = zero, s5 = zero, s6 = zero, s7 = zero;
        int whole = count - count % 16;
        for (int i = from; i < from + whole; i += 16) {
            s0 = s0.add(FloatVector.fromArray(SPECIES, a, i).abs());
            if (VECTORS > 1) {
                s1 = s1.add(FloatVector.fromArray(SPECIES, a, i + LANES).abs());
            }
            if (VECTORS > 2) {
                s2 = s2.add(FloatVector.fromArray(SPECIES, a, i + 2 * LANES).abs());
                s3 = s3.add(FloatVector.fromArray(SPECIES, a, i + 3 * LANES).abs());
            }
            if (VECTORS > 4) {
                s4 = s4.add(FloatVector.fromArray(SPECIES, a, i + 4 * LANES).abs());
                s5 = s5.add(FloatVector.fromArray(SPECIES, a, i + 5 * LANES).abs());
                s6 = s6.add(FloatVector.fromArray(SPECIES, a, i + 6 * LANES).abs());
                s7 = s7.add(FloatVector.fromArray(SPECIES, a, i + 7 * LANES).abs());
            }
        }
        float sum = tree(s0, s1, s2, s3, s4, s5, s6, s7);
        for (int i = from + whole; i < from + count; i++) {
            sum += Math.abs(a[i]);
        }
        return sum;
    }

    /** The double twin's: in order, one by one (the twin checks the math, not the bits). */
    public static double dot(double[] a, int aFrom, double[] b, int bFrom, int count) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum = Math.fma(a[aFrom + i], b[bFrom + i], sum);
        }
        return sum;
    }

    /** The double twin's: in order, one by one. */
    public static double sumOfSquares(double[] a, int from, int count) {
        return dot(a, from, a, from, count);
    }

    /** The double twin's: in order, one by one. */
    public static double sumOfAbsolutes(double[] a, int from, int count) {
        double sum = 0;
        for (int i = from; i < from + count; i++) {
            sum += Math.abs(a[i]);
        }
        return sum;
    }

    /**
     * The 16 logical lanes' sums in the fixed tree. Vector {@code v} holds logical lanes
     * {@code v * LANES ..}: the vectors meet while the lanes to pair are whole vectors apart, then
     * each level adds the vector rotated by the level's distance. Small, so C2 inlines it and no
     * vector crosses a call.
     */
    private static float tree(FloatVector s0, FloatVector s1, FloatVector s2, FloatVector s3, FloatVector s4, FloatVector s5,
            FloatVector s6, FloatVector s7) {
        FloatVector t = VECTORS == 8 ? s0.add(s4).add(s2.add(s6)).add(s1.add(s5).add(s3.add(s7)))
                : VECTORS == 4 ? s0.add(s2).add(s1.add(s3))
                : VECTORS == 2 ? s0.add(s1)
                : s0;
        if (LANES > 8) {
            t = t.add(t.rearrange(ROTATE_8));
        }
        if (LANES > 4) {
            t = t.add(t.rearrange(ROTATE_4));
        }
        if (LANES > 2) {
            t = t.add(t.rearrange(ROTATE_2));
        }
        return t.add(t.rearrange(ROTATE_1)).lane(0);
    }
}
