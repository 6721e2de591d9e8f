package dev.nnc.runtime;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Sums of many floats whose order no vector width and no JIT tier changes, for generated code
 * (the L1 and L2 penalties, the global gradient norm of clipping). Element {@code i} of the first
 * {@code 16 * floor(count / 16)} goes to logical lane {@code i mod 16} and each lane sums its
 * elements in order; the 16 lane sums then meet in a fixed tree (lane {@code l} plus lane
 * {@code l + 8}, then {@code + 4}, {@code + 2}, {@code + 1}), and the last {@code count mod 16}
 * elements are added one by one. The lanes are four vectors of 128 bits, which every x86-64 and
 * AArch64 CPU runs compiled, whatever width the model's own vectors have; lane-wise adds, fused
 * multiply-adds and moves round the same way in every tier, where {@code reduceLanes(ADD)} leaves
 * its order open.
 */
public final class FixedOrderSums {

    private static final VectorSpecies<Float> FOUR = FloatVector.SPECIES_128;

    /** Lane {@code i} takes lane {@code i + 2} (mod 4), then lane {@code i + 1}: the tree's last two levels. */
    private static final VectorShuffle<Float> BY_TWO = VectorShuffle.iota(FOUR, 2, 1, true);

    private static final VectorShuffle<Float> BY_ONE = VectorShuffle.iota(FOUR, 1, 1, true);

    private FixedOrderSums() {}

    /** {@code sum |a[i]|} over {@code a[from, from + count)}, in the fixed order. */
    public static float sumOfAbsolutes(float[] a, int from, int count) {
        return sum(a, from, count, false);
    }

    /** {@code sum a[i]^2} over {@code a[from, from + count)}, in the fixed order, each term fused into its lane's sum. */
    public static float sumOfSquares(float[] a, int from, int count) {
        return sum(a, from, count, true);
    }

    /** The double twin's: in order, one by one (the twin checks the math, not the bits). */
    public static double sumOfAbsolutes(double[] a, int from, int count) {
        double sum = 0;
        for (int i = from; i < from + count; i++) {
            sum += Math.abs(a[i]);
        }
        return sum;
    }

    /** The double twin's: in order, one by one. */
    public static double sumOfSquares(double[] a, int from, int count) {
        double sum = 0;
        for (int i = from; i < from + count; i++) {
            sum = Math.fma(a[i], a[i], sum);
        }
        return sum;
    }

    private static float sum(float[] a, int from, int count, boolean squares) {
        FloatVector lanes0 = FloatVector.zero(FOUR);
        FloatVector lanes4 = lanes0;
        FloatVector lanes8 = lanes0;
        FloatVector lanes12 = lanes0;
        int whole = count - count % 16;
        for (int i = from; i < from + whole; i += 16) {
            FloatVector v0 = FloatVector.fromArray(FOUR, a, i);
            FloatVector v4 = FloatVector.fromArray(FOUR, a, i + 4);
            FloatVector v8 = FloatVector.fromArray(FOUR, a, i + 8);
            FloatVector v12 = FloatVector.fromArray(FOUR, a, i + 12);
            if (squares) {
                lanes0 = v0.fma(v0, lanes0);
                lanes4 = v4.fma(v4, lanes4);
                lanes8 = v8.fma(v8, lanes8);
                lanes12 = v12.fma(v12, lanes12);
            } else {
                lanes0 = lanes0.add(v0.abs());
                lanes4 = lanes4.add(v4.abs());
                lanes8 = lanes8.add(v8.abs());
                lanes12 = lanes12.add(v12.abs());
            }
        }
        FloatVector tree = lanes0.add(lanes8).add(lanes4.add(lanes12));
        tree = tree.add(tree.rearrange(BY_TWO));
        float sum = tree.add(tree.rearrange(BY_ONE)).lane(0);
        for (int i = from + whole; i < from + count; i++) {
            sum = squares ? Math.fma(a[i], a[i], sum) : sum + Math.abs(a[i]);
        }
        return sum;
    }
}
