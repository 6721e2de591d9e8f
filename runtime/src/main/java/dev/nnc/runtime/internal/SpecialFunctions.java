package dev.nnc.runtime.internal;

/**
 * Special functions that neither {@code Math} nor the Vector API has, in double precision, for
 * generated code in {@code double} arithmetic: the verification twins, whose gradients are checked
 * against finite differences and so need the true function, not a float-grade approximation.
 */
public final class SpecialFunctions {

    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    /** Below it the Taylor series of erf converges fast; above it the continued fraction of erfc does. */
    private static final double SERIES_LIMIT = 2.5;

    private SpecialFunctions() {}

    /**
     * The complementary error function {@code erfc(x) = 1 - erf(x)}, to about 1e-15 relative:
     * the Taylor series of erf for {@code |x| < 2.5}, the continued fraction
     * {@code erfc(x) = exp(-x^2) / sqrt(pi) / (x + 1/2 / (x + 1 / (x + 3/2 / (x + ...))))} above,
     * which keeps its relative accuracy far into the tail, and {@code erfc(-x) = 2 - erfc(x)}.
     */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double a = Math.abs(x);
        double tail = a < SERIES_LIMIT ? 1 - erfSeries(a) : continuedFraction(a);
        return x >= 0 ? tail : 2 - tail;
    }

    /** {@code erf(x) = 2 / sqrt(pi) * sum_n (-1)^n x^(2n+1) / (n! (2n+1))}. */
    private static double erfSeries(double x) {
        double x2 = x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < 200; n++) {
            term *= -x2 / n;
            double next = term / (2 * n + 1);
            sum += next;
            if (Math.abs(next) < 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * sum;
    }

    /** The continued fraction, evaluated from a fixed depth back to the front (enough from 2.5 on). */
    private static double continuedFraction(double x) {
        if (x > 27) {
            return 0; // exp(-x^2) underflows: erfc(27) is about 5e-319
        }
        double fraction = x;
        for (int k = 120; k >= 1; k--) {
            fraction = x + (k / 2.0) / fraction;
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / fraction;
    }
}
