package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sums follow the order their Javadoc defines, bit for bit, and are sums. */
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
                assertEquals(Float.floatToRawIntBits(reference(a, from, count, true)),
                        Float.floatToRawIntBits(FixedOrderSums.sumOfSquares(a, from, count)), "squares of " + count + " from " + from);
                assertEquals(Float.floatToRawIntBits(reference(a, from, count, false)),
                        Float.floatToRawIntBits(FixedOrderSums.sumOfAbsolutes(a, from, count)), "absolutes of " + count + " from " + from);
            }
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
    }

    /** Sixteen lanes, each summed in order; the tree l + (l + 8), + 4, + 2, + 1; then the rest one by one. */
    private static float reference(float[] a, int from, int count, boolean squares) {
        float[] lanes = new float[16];
        int whole = count / 16 * 16;
        for (int i = 0; i < whole; i++) {
            float x = a[from + i];
            lanes[i % 16] = squares ? Math.fma(x, x, lanes[i % 16]) : lanes[i % 16] + Math.abs(x);
        }
        for (int width = 8; width >= 1; width /= 2) {
            for (int l = 0; l < width; l++) {
                lanes[l] += lanes[l + width];
            }
        }
        float sum = lanes[0];
        for (int i = whole; i < count; i++) {
            float x = a[from + i];
            sum = squares ? Math.fma(x, x, sum) : sum + Math.abs(x);
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
