package dev.nnc.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sums and dot products follow the order their Javadoc defines, bit for bit, and are sums. */
class FixedOrderSumsTest {

    @Test
    void sumsFollowTheirDefinedOrderBitForBit() {
        Random random = new Random(7);
        for (int count = 0; count <= 100; count++) {
            float[] a = new float[count + 5];
            for (int i = 0; i < a.length; i++) {
                // spread over many binades, so another order would round otherwise
                a[i] = (float) (random.nextGaussian() * Math.pow(2, random.nextInt(40) - 20));
            }
            for (int from : new int[] {0, 3}) {
                assertEquals(Float.floatToRawIntBits(inOrder(count, (sum, i) -> Math.fma(a[from + i], a[from + i], sum))),
                        Float.floatToRawIntBits(FixedOrderSums.sumOfSquares(a, from, count)), "squares of " + count + " from " + from);
                assertEquals(Float.floatToRawIntBits(inOrder(count, (sum, i) -> sum + Math.abs(a[from + i]))),
                        Float.floatToRawIntBits(FixedOrderSums.sumOfAbsolutes(a, from, count)), "absolutes of " + count + " from " + from);
            }
        }
    }

    @Test
    void dotProductsFollowTheirDefinedOrderBitForBit() {
        Random random = new Random(5);
        for (int count = 0; count <= 70; count++) {
            float[] a = new float[count + 2];
            float[] b = new float[count + 3];
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) (random.nextGaussian() * Math.pow(2, random.nextInt(30) - 15));
                if (i < a.length) {
                    a[i] = (float) random.nextGaussian();
                }
            }
            float expected = inOrder(count, (sum, i) -> Math.fma(a[1 + i], b[2 + i], sum));
            assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(FixedOrderSums.dot(a, 1, b, 2, count)),
                    "dot of " + count);
        }
    }

    @Test
    void sumsAreCloseToTheExactSums() {
        Random random = new Random(11);
        float[] a = new float[1003];
        double squares = 0;
        double absolutes = 0;
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextGaussian();
            squares += (double) a[i] * a[i];
            absolutes += Math.abs(a[i]);
        }
        assertEquals(squares, FixedOrderSums.sumOfSquares(a, 0, a.length), 1e-5 * squares);
        assertEquals(absolutes, FixedOrderSums.sumOfAbsolutes(a, 0, a.length), 1e-5 * absolutes);
        assertEquals(squares, FixedOrderSums.sumOfSquares(toDoubles(a), 0, a.length), 1e-12 * squares);
        assertEquals(absolutes, FixedOrderSums.sumOfAbsolutes(toDoubles(a), 0, a.length), 1e-12 * absolutes);
        assertEquals(squares, FixedOrderSums.dot(a, 0, a, 0, a.length), 1e-5 * squares);
        assertEquals(squares, FixedOrderSums.dot(toDoubles(a), 0, toDoubles(a), 0, a.length), 1e-12 * squares);
    }

    /** How term {@code i} joins a sum. */
    private interface Step {
        float apply(float sum, int i);
    }

    /** Sixteen lanes, each taking its terms in order; the tree l + (l + 8), + 4, + 2, + 1; then the rest one by one. */
    private static float inOrder(int count, Step step) {
        float[] lanes = new float[16];
        int whole = count / 16 * 16;
        for (int i = 0; i < whole; i++) {
            lanes[i % 16] = step.apply(lanes[i % 16], i);
        }
        for (int width = 8; width >= 1; width /= 2) {
            for (int l = 0; l < width; l++) {
                lanes[l] += lanes[l + width];
            }
        }
        float sum = lanes[0];
        for (int i = whole; i < count; i++) {
            sum = step.apply(sum, i);
        }
        return sum;
    }

    private static double[] toDoubles(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
