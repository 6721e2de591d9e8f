package dev.nnc.runtime;

/**
 * The 16-bit float formats widened to {@code float}, exactly: every half and bfloat16 value is a
 * float. (Java 17 has no {@code Float.float16ToFloat}; it came in Java 20.)
 */
final class HalfFloats {

    private HalfFloats() {}

    /** The IEEE 754 half {@code bits} (the low 16 bits): 1 sign, 5 exponent (bias 15), 10 mantissa bits. */
    static float float16(int bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0x1F) {
            // infinity, or NaN with its payload moved to the top of the float's mantissa
            return Float.intBitsToFloat(sign | 0x7F80_0000 | mantissa << 13);
        }
        if (exponent != 0) {
            // normal: rebias the exponent from 15 to 127
            return Float.intBitsToFloat(sign | (exponent + 127 - 15) << 23 | mantissa << 13);
        }
        // zero or subnormal: mantissa * 2^-24, exact in float
        float magnitude = mantissa * 0x1p-24f;
        return sign == 0 ? magnitude : -magnitude;
    }

    /** The bfloat16 {@code bits} (the low 16 bits): the upper half of a float's bits. */
    static float bfloat16(int bits) {
        return Float.intBitsToFloat(bits << 16);
    }
}
