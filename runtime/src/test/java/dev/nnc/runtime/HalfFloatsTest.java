package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HalfFloatsTest {

    /** Same bits, so -0 differs from 0 and a NaN's payload counts. */
    private static void assertBits(float expected, float actual, String what) {
        assertEquals(Integer.toHexString(Float.floatToRawIntBits(expected)),
                Integer.toHexString(Float.floatToRawIntBits(actual)), what);
    }

    @Test
    void halfPrecisionNormalsAreRebiased() {
        assertBits(1f, HalfFloats.float16(0x3C00), "0x3C00: exponent 15, bias 15");
        assertBits(-2f, HalfFloats.float16(0xC000), "0xC000: sign, exponent 16");
        assertBits(0.5f, HalfFloats.float16(0x3800), "0x3800: exponent 14");
        // 0x3555: exponent 13, mantissa 0x155 = 341: (1 + 341/1024) / 4 = 1365/4096
        assertBits(1365f / 4096, HalfFloats.float16(0x3555), "0x3555");
        // 0x7BFF: exponent 30, mantissa 1023: (2 - 2^-10) * 2^15, the largest half
        assertBits(65504f, HalfFloats.float16(0x7BFF), "0x7BFF");
        assertBits(0x1p-14f, HalfFloats.float16(0x0400), "0x0400: the smallest normal half");
    }

    @Test
    void halfPrecisionSubnormalsAndZerosAreExact() {
        assertBits(0x1p-24f, HalfFloats.float16(0x0001), "0x0001: 2^-24, the smallest subnormal");
        assertBits(1023 * 0x1p-24f, HalfFloats.float16(0x03FF), "0x03FF: the largest subnormal");
        assertBits(-512 * 0x1p-24f, HalfFloats.float16(0x8200), "0x8200: -2^-15");
        assertBits(0f, HalfFloats.float16(0x0000), "0x0000");
        assertBits(-0f, HalfFloats.float16(0x8000), "0x8000: negative zero");
    }

    @Test
    void halfPrecisionInfinitiesAndNaNsStaySo() {
        assertBits(Float.POSITIVE_INFINITY, HalfFloats.float16(0x7C00), "0x7C00");
        assertBits(Float.NEGATIVE_INFINITY, HalfFloats.float16(0xFC00), "0xFC00");
        assertTrue(Float.isNaN(HalfFloats.float16(0x7E00)), "0x7E00 is a quiet NaN");
        assertTrue(Float.isNaN(HalfFloats.float16(0xFC01)), "0xFC01 is a NaN");
    }

    @Test
    void bfloat16IsTheUpperHalfOfAFloat() {
        assertBits(1f, HalfFloats.bfloat16(0x3F80), "0x3F80");
        assertBits(-2f, HalfFloats.bfloat16(0xC000), "0xC000");
        // 0x4049: exponent 128, mantissa 0x49 = 73 of 128: 2 * (1 + 73/128) = 3.140625
        assertBits(3.140625f, HalfFloats.bfloat16(0x4049), "0x4049");
        // 0x0001: float bits 0x00010000, a float subnormal: 2^16 * 2^-149
        assertBits(0x1p-133f, HalfFloats.bfloat16(0x0001), "0x0001");
        assertBits(-0f, HalfFloats.bfloat16(0x8000), "0x8000");
        assertBits(Float.POSITIVE_INFINITY, HalfFloats.bfloat16(0x7F80), "0x7F80");
        assertBits(Float.NEGATIVE_INFINITY, HalfFloats.bfloat16(0xFF80), "0xFF80");
        assertTrue(Float.isNaN(HalfFloats.bfloat16(0x7FC0)), "0x7FC0 is a NaN");
    }

    @Test
    void onlyTheLow16BitsCount() {
        // a short read from a buffer sign-extends: 0xC000 arrives as 0xFFFFC000
        assertBits(-2f, HalfFloats.float16((short) 0xC000), "float16 of a negative short");
        assertBits(-2f, HalfFloats.bfloat16((short) 0xC000), "bfloat16 of a negative short");
    }
}
