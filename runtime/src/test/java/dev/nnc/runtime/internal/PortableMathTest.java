package dev.nnc.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * PortableMath's functions against StrictMath in double, over a sweep of every 997th float of the
 * range where each changes (about 100,000 points each), within the bounds NUMERICS.md states,
 * and at their edges.
 */
class PortableMathTest {

    private interface FloatFunction {
        float apply(float x);
    }

    @Test
    void expIsWithinOneUlp() {
        assertWithinUlps("exp", PortableMath::exp, StrictMath::exp, -87.3f, 88.7f, 1.0);
    }

    @Test
    void expm1IsWithinOneAndAHalfUlps() {
        assertWithinUlps("expm1", PortableMath::expm1, StrictMath::expm1, -87.3f, 88.7f, 1.5);
    }

    @Test
    void tanhIsWithinOneAndAHalfUlps() {
        assertWithinUlps("tanh", PortableMath::tanh, StrictMath::tanh, -20f, 20f, 1.5);
    }

    @Test
    void sigmoidIsWithinTwoAndAHalfUlps() {
        // below -87.3 its value is subnormal, where exp(-x) overflows first: checked below
        assertWithinUlps("sigmoid", PortableMath::sigmoid, x -> 1 / (1 + StrictMath.exp(-x)), -87.3f, 100f, 2.5);
    }

    @Test
    void softplusIsWithinTwoAndAHalfUlps() {
        assertWithinUlps("softplus", PortableMath::softplus,
                x -> Math.max(x, 0) + StrictMath.log1p(StrictMath.exp(-Math.abs(x))), -87.3f, 100f, 2.5);
    }

    @Test
    void edgesAreExact() {
        assertEquals(1f, PortableMath.exp(0f));
        assertEquals(0f, PortableMath.exp(-104f));
        assertEquals(0f, PortableMath.exp(Float.NEGATIVE_INFINITY));
        assertEquals(Float.POSITIVE_INFINITY, PortableMath.exp(88.73f));
        assertEquals(Float.POSITIVE_INFINITY, PortableMath.exp(Float.POSITIVE_INFINITY));
        assertTrue(PortableMath.exp(-103f) > 0, "exp(-103) is a subnormal, not 0");
        assertEquals(0f, PortableMath.expm1(0f));
        assertEquals(-1f, PortableMath.expm1(-100f));
        assertEquals(1e-30f, PortableMath.expm1(1e-30f));
        assertEquals(Float.POSITIVE_INFINITY, PortableMath.expm1(89f));
        assertEquals(1f, PortableMath.tanh(9.02f));
        assertEquals(-1f, PortableMath.tanh(-12039f));
        assertEquals(1e-30f, PortableMath.tanh(1e-30f));
        assertEquals(0f, PortableMath.sigmoid(-100f));
        assertEquals(1f, PortableMath.sigmoid(100f));
        assertEquals(0.5f, PortableMath.sigmoid(0f));
        assertEquals(1e4f, PortableMath.softplus(1e4f));
        assertEquals(0f, PortableMath.softplus(-1e4f));
        for (FloatFunction f : new FloatFunction[] {PortableMath::exp, PortableMath::expm1, PortableMath::tanh,
            PortableMath::sigmoid, PortableMath::softplus}) {
            assertTrue(Float.isNaN(f.apply(Float.NaN)), "NaN gives NaN");
        }
    }

    private static void assertWithinUlps(String name, FloatFunction f, DoubleUnaryOperator reference, float from, float to,
            double ulps) {
        double worst = 0;
        float worstAt = from;
        for (float x = from; x <= to; x = next(x, 997)) {
            double expected = reference.applyAsDouble(x);
            double error = Math.abs(f.apply(x) - expected) / Math.ulp((float) expected);
            if (error > worst) {
                worst = error;
                worstAt = x;
            }
        }
        double largest = worst;
        float at = worstAt;
        assertTrue(worst <= ulps, () -> name + " is " + largest + " ulp from StrictMath at " + at + ", more than " + ulps);
    }

    /** The float {@code steps} floats above x (or 0, where that would cross it from below). */
    private static float next(float x, int steps) {
        int bits = Float.floatToRawIntBits(x);
        if (bits >= 0) {
            return Float.intBitsToFloat(bits + steps);
        }
        // a negative float's magnitude falls as its bits do
        return (bits & 0x7fffffff) > steps ? Float.intBitsToFloat(bits - steps) : 0f;
    }
}
