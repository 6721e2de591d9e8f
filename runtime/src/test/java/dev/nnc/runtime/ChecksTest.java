package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ChecksTest {

    private static final float[] NOT_FINITE = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};

    /** Lengths around the probe's steps of eight and their tails. */
    private static final int[] COUNTS = {1, 3, 7, 8, 15, 16, 31, 32, 33, 63, 64, 65, 100};

    @Test
    void finiteExtremesPass() {
        float[] values = {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -0f, 0f, 1e-30f, Float.MIN_NORMAL};
        for (int count : COUNTS) {
            float[] array = new float[count];
            for (int i = 0; i < count; i++) {
                array[i] = values[i % values.length];
            }
            assertDoesNotThrow(() -> Checks.finite("x", array, count, 1));
        }
    }

    @Test
    void everyPositionOfEveryNonFiniteValueIsFoundAndNamed() {
        for (int count : COUNTS) {
            for (int position = 0; position < count; position++) {
                for (float bad : NOT_FINITE) {
                    float[] array = new float[count];
                    java.util.Arrays.fill(array, 0.5f);
                    array[position] = bad;
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> Checks.finite("inputs", array, count, 1));
                    assertEquals("inputs[" + position + "] is " + bad + " (sample " + position
                            + ", value 0); inputs and targets must be finite", e.getMessage());
                }
            }
        }
    }

    @Test
    void onlyTheFirstRowsAreChecked() {
        float[] array = {1, 2, 3, 4, Float.NaN, 6};
        assertDoesNotThrow(() -> Checks.finite("x", array, 2, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checks.finite("x", array, 3, 2));
        assertEquals("x[4] is NaN (sample 2, value 0); inputs and targets must be finite", e.getMessage());
    }

    @Test
    void theFirstOfSeveralCulpritsIsNamed() {
        float[] array = new float[40];
        array[37] = Float.NaN;
        array[21] = Float.POSITIVE_INFINITY;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checks.finite("y", array, 4, 10));
        assertEquals("y[21] is Infinity (sample 2, value 1); inputs and targets must be finite", e.getMessage());
    }
}
