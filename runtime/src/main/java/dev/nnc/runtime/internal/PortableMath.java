package dev.nnc.runtime.internal;

/**
 * The float functions of generated code, built only from operations that IEEE 754 defines
 * exactly (add, subtract, multiply, fused multiply-add, divide, compare, and moves of exact bits),
 * so each gives the same bits in the interpreter, in C1 and in C2, on every JDK and CPU. The
 * Vector API's {@code EXP} and {@code TANH} do not: compiled, they are Intel's SVML; interpreted,
 * {@code Math}'s functions; the two round differently, so a run's bits depended on when the JIT
 * compiled what (NUMERICS.md, "The same bits everywhere").
 *
 * <p>Generated code emits the same steps on vectors (the processor's {@code Transcendentals}),
 * with the constants below; these scalar forms are its tails and its reference, and a vector lane
 * gives the same bits as the scalar form for every input ({@code PortableMathTest} and the
 * generated models' tests check it). Errors against the true functions, measured over every float
 * of the ranges that matter, are in NUMERICS.md.
 */
public final class PortableMath {

    /** {@code 1 / ln 2}, rounded to float. */
    public static final float LOG2E = 1.44269504f;

    /**
     * {@code 1.5 * 2^23}: {@code x + SHIFTER} is a float of [2^23, 2^24), whose unit is 1, so the
     * addition rounds x to the nearest integer, which then sits in the low bits of its mantissa.
     */
    public static final float SHIFTER = 0x1.8p23f;

    /** The bits of {@link #SHIFTER}: {@code bits(round(x) + SHIFTER) - SHIFTER_BITS = round(x)}. */
    public static final int SHIFTER_BITS = 0x4b400000;

    /**
     * {@code ln 2 = LN2_HI + LN2_LO}: the first with 15 significant bits, so that {@code n LN2_HI} is
     * exact for every exponent n and {@code c - n LN2_HI} too; the second what is left.
     */
    public static final float LN2_HI = 0x1.62e4p-1f;

    /** See {@link #LN2_HI}. */
    public static final float LN2_LO = 0x1.7f7d1cp-20f;

    /** Below it exp's value is under half the smallest float, so 0; the clamp bounds the exponent. */
    public static final float EXP_MIN = -104f;

    /** Above it exp overflows to infinity; the clamp bounds the exponent. */
    public static final float EXP_MAX = 89f;

    /** Above it tanh rounds to 1 in float: {@code 1 - tanh(x) < 2^-25} from about x = 9.011 on. */
    public static final float TANH_SATURATION = 9.5f;

    /** Below it tanh is its polynomial; from it on {@code 1 - 2 / (e^(2|x|) + 1)}, which is then at least 1/2. */
    public static final float TANH_POLYNOMIAL_LIMIT = 0.55f;

    /**
     * {@code tanh(a) = a + a^3 (TANH_3 + a^2 (TANH_5 + ... a^2 TANH_11))} for a in [0, 0.55], within
     * 5.4e-9 relative: Chebyshev's interpolant, from {@code runtime/src/test/python/tanh_polynomial.py}.
     */
    public static final float TANH_3 = -0x1.555554p-2f;
    /** See {@link #TANH_3}. */
    public static final float TANH_5 = 0x1.110feap-3f;
    /** See {@link #TANH_3}. */
    public static final float TANH_7 = -0x1.b9a044p-5f;
    /** See {@link #TANH_3}. */
    public static final float TANH_9 = 0x1.5d220ep-6f;
    /** See {@link #TANH_3}. */
    public static final float TANH_11 = -0x1.b13538p-8f;

    /**
     * Taylor's coefficients of {@code expm1(r) = r + r^2 (1/2! + r (1/3! + ... r / 7!))}, for
     * {@code |r| <= ln 2 / 2}, where the first term left out, {@code r^8 / 8!}, is 0.1 ulp.
     */
    public static final float EXPM1_2 = 1 / 2f;
    /** See {@link #EXPM1_2}. */
    public static final float EXPM1_3 = 1 / 6f;
    /** See {@link #EXPM1_2}. */
    public static final float EXPM1_4 = 1 / 24f;
    /** See {@link #EXPM1_2}. */
    public static final float EXPM1_5 = 1 / 120f;
    /** See {@link #EXPM1_2}. */
    public static final float EXPM1_6 = 1 / 720f;
    /** See {@link #EXPM1_2}. */
    public static final float EXPM1_7 = 1 / 5040f;

    /**
     * The series {@code log1p(u) = 2 atanh(s) = 2s (1 + w/3 + w^2/5 + ... + w^6/13)},
     * {@code s = u / (2 + u)}, {@code w = s^2 <= 1/9} for u in [0, 1]: its coefficients of w^1 to w^6.
     * The first term left out, {@code w^7 / 15}, is 0.1 ulp.
     */
    public static final float ATANH_3 = 1 / 3f;
    /** See {@link #ATANH_3}. */
    public static final float ATANH_5 = 1 / 5f;
    /** See {@link #ATANH_3}. */
    public static final float ATANH_7 = 1 / 7f;
    /** See {@link #ATANH_3}. */
    public static final float ATANH_9 = 1 / 9f;
    /** See {@link #ATANH_3}. */
    public static final float ATANH_11 = 1 / 11f;
    /** See {@link #ATANH_3}. */
    public static final float ATANH_13 = 1 / 13f;

    private PortableMath() {}

    /** {@code e^x}: 0 below about -103.97, infinity above about 88.72, NaN for NaN. */
    public static float exp(float x) {
        float c = clampExponent(x);
        float t = Math.fma(c, LOG2E, SHIFTER);
        float n = t - SHIFTER;
        float rHi = reducedHigh(c, n);
        float em1 = rHi + expm1Tail(rHi, reducedLow(n));
        int k = Float.floatToRawIntBits(t) - SHIFTER_BITS;
        float s1 = powerOfTwo(k >> 1);
        // 2^k (1 + expm1(r)) in two halves, so 2^k may be subnormal or overflow as the value does
        return Math.fma(em1, s1, s1) * powerOfTwo(k - (k >> 1));
    }

    /** {@code e^x - 1}, with its relative accuracy near 0. */
    public static float expm1(float x) {
        float c = clampExponent(x);
        float t = Math.fma(c, LOG2E, SHIFTER);
        float n = t - SHIFTER;
        if (n > 24) {
            // the 1 lies below the value's last bit
            return exp(x);
        }
        float rHi = reducedHigh(c, n);
        // 2^n (1 + expm1(r)) - 1 = 2^n tail + (2^n rHi + 2^n - 1), where the second sum is exact for n >= 0;
        // 2^n is 0 below 2^-126, where e^x - 1 is -1
        float s = powerOfTwo(Math.max(Float.floatToRawIntBits(t) - SHIFTER_BITS, -127));
        return Math.fma(s, expm1Tail(rHi, reducedLow(n)), Math.fma(s, rHi, s - 1));
    }

    /** {@code 1 / (1 + e^-x)}: exactly 0 below about -88.7, where e^-x overflows, and 1 above 17. */
    public static float sigmoid(float x) {
        return 1 / (1 + exp(-x));
    }

    /**
     * {@code tanh(x)}: for |x| below 0.55 its polynomial, above {@code 1 - 2 / (e + 2)},
     * {@code e = expm1(2|x|)}, which does not cancel there; exactly +-1 from |x| = 9.010914 on, as the
     * correctly rounded value. {@code tanh(-0)} is +0.
     */
    public static float tanh(float x) {
        float a = Math.min(Math.abs(x), TANH_SATURATION);
        float t;
        if (a < TANH_POLYNOMIAL_LIMIT) {
            float w = a * a;
            float p = Math.fma(TANH_11, w, TANH_9);
            p = Math.fma(p, w, TANH_7);
            p = Math.fma(p, w, TANH_5);
            p = Math.fma(p, w, TANH_3);
            t = Math.fma(a * w, p, a);
        } else {
            t = Math.fma(-2, 1 / (expm1(2 * a) + 2), 1);
        }
        return x < 0 ? -t : t;
    }

    /** {@code log(1 + e^x) = max(x, 0) + log1p(e^-|x|)}, which never overflows. */
    public static float softplus(float x) {
        float u = exp(-Math.abs(x));
        float s = u / (2 + u);
        float w = s * s;
        float p = Math.fma(ATANH_13, w, ATANH_11);
        p = Math.fma(p, w, ATANH_9);
        p = Math.fma(p, w, ATANH_7);
        p = Math.fma(p, w, ATANH_5);
        p = Math.fma(p, w, ATANH_3);
        // 2s = u - u s, whose rounding error in s is second order
        float twiceS = Math.fma(-u, s, u);
        return Math.max(x, 0) + Math.fma(twiceS * w, p, twiceS);
    }

    /** x clamped to [EXP_MIN, EXP_MAX]; NaN stays NaN. */
    private static float clampExponent(float x) {
        return Math.min(Math.max(x, EXP_MIN), EXP_MAX);
    }

    /**
     * The high part of {@code r = c - n ln 2} in [-ln 2 / 2, ln 2 / 2], {@code n = round(c / ln 2)}:
     * {@code rHi = c - n LN2_HI}, exact (Cody and Waite's reduction).
     */
    private static float reducedHigh(float c, float n) {
        return Math.fma(n, -LN2_HI, c);
    }

    /** The low part of r, {@code -n LN2_LO}. */
    private static float reducedLow(float n) {
        return n * -LN2_LO;
    }

    /**
     * {@code expm1(r) - rHi = rLo + r^2 P(r)}, {@code r = rHi + rLo}: kept apart from rHi so that r's
     * rounding reaches only this small term.
     */
    private static float expm1Tail(float rHi, float rLo) {
        float r = rHi + rLo;
        float p = Math.fma(EXPM1_7, r, EXPM1_6);
        p = Math.fma(p, r, EXPM1_5);
        p = Math.fma(p, r, EXPM1_4);
        p = Math.fma(p, r, EXPM1_3);
        p = Math.fma(p, r, EXPM1_2);
        return Math.fma(p, r * r, rLo);
    }

    /** {@code 2^k} for k in [-127, 127], from its bits (2^-127 reads as 0). */
    private static float powerOfTwo(int k) {
        return Float.intBitsToFloat((k + 127) << 23);
    }
}
