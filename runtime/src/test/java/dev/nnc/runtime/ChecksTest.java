package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnc.runtime.internal.Vectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The finite check runtime code uses and the vector probe generated models use, held to one contract. */
class ChecksTest {

    /** A check that the first {@code n} rows of {@code width} values are finite. */
    interface FiniteCheck {
        void check(String argument, float[] array, int n, int width);
    }

    static Stream<Arguments> checks() {
        return Stream.of(
                Arguments.of("Checks.finite", (FiniteCheck) Checks::finite),
                Arguments.of("Vectors.requireFinite", (FiniteCheck) Vectors::requireFinite));
    }

    private static final float[] NOT_FINITE = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};

    /** Lengths around the vector probe's steps (two vectors of up to 16 lanes) and their tails. */
    private static final int[] COUNTS = {1, 3, 7, 8, 15, 16, 31, 32, 33, 63, 64, 65, 95, 96, 97, 100};

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void finiteExtremesPass(String name, FiniteCheck finite) {
        float[] values = {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -0f, 0f, 1e-30f, Float.MIN_NORMAL};
        for (int count : COUNTS) {
            float[] array = new float[count];
            for (int i = 0; i < count; i++) {
                array[i] = values[i % values.length];
            }
            assertDoesNotThrow(() -> finite.check("x", array, count, 1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void everyPositionOfEveryNonFiniteValueIsFoundAndNamed(String name, FiniteCheck finite) {
        for (int count : COUNTS) {
            for (int position = 0; position < count; position++) {
                for (float bad : NOT_FINITE) {
                    float[] array = new float[count];
                    java.util.Arrays.fill(array, 0.5f);
                    array[position] = bad;
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> finite.check("inputs", array, count, 1));
                    assertEquals("inputs[" + position + "] is " + bad + " (sample " + position
                            + ", value 0); inputs and targets must be finite", e.getMessage());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void onlyTheFirstRowsAreChecked(String name, FiniteCheck finite) {
        float[] array = {1, 2, 3, 4, Float.NaN, 6};
        assertDoesNotThrow(() -> finite.check("x", array, 2, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> finite.check("x", array, 3, 2));
        assertEquals("x[4] is NaN (sample 2, value 0); inputs and targets must be finite", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void theFirstOfSeveralCulpritsIsNamed(String name, FiniteCheck finite) {
        float[] array = new float[40];
        array[37] = Float.NaN;
        array[21] = Float.POSITIVE_INFINITY;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> finite.check("y", array, 4, 10));
        assertEquals("y[21] is Infinity (sample 2, value 1); inputs and targets must be finite", e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void classIndicesAreWholeNumbersBelowTheClassCount() {
        assertDoesNotThrow(() -> Checks.classIndices("targets", new float[] {0, 2, 1, 9}, 3, 3));
        for (float bad : new float[] {-1, 3, 1.5f, Float.NaN}) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> Checks.classIndices("targets", new float[] {0, 1, bad}, 3, 3));
            assertEquals("targets[2] is " + (double) bad + " (sample 2); sparse categorical cross-entropy takes one class"
                    + " index per sample, a whole number in [0, 3)", e.getMessage());
        }
    }

    @org.junit.jupiter.api.Test
    void sampleWeightsAreNullOrFiniteAndNotNegative() {
        assertDoesNotThrow(() -> Checks.sampleWeights((float[]) null, 4));
        assertDoesNotThrow(() -> Checks.sampleWeights(new float[] {0, 2.5f, 1}, 3));
        var short_ = assertThrows(IllegalArgumentException.class, () -> Checks.sampleWeights(new float[2], 3));
        assertEquals("sampleWeights: expected 3 samples x 1 values = 3, found an array of 2", short_.getMessage());
        var infinite = assertThrows(IllegalArgumentException.class,
                () -> Checks.sampleWeights(new double[] {1, Double.POSITIVE_INFINITY}, 2));
        assertEquals("sampleWeights[1] is Infinity (sample 1); a sample weight must be a finite number at least 0",
                infinite.getMessage());
    }

    @Test
    void rowsCountsWholeRowsAndNamesTheRest() {
        assertEquals(3, Checks.rows("x", new float[6], "features", 2));
        assertEquals(0, Checks.rows("x", new float[0], "features", 2));
        var e = assertThrows(IllegalArgumentException.class, () -> Checks.rows("series", new float[7], "features", 3));
        assertEquals("series: expected a multiple of features = 3 values, found 7 (2 samples and 1 value left over)",
                e.getMessage());
    }

    @Test
    void aBatchHoldsAtLeastNSamplesAndWholeSamplesOnly() {
        // more whole samples than n are fine: the rest is not read
        assertDoesNotThrow(() -> Checks.batch("inputs", new float[6], 2, 2));
        assertDoesNotThrow(() -> Checks.batch("inputs", new double[6], 2, 2));
        var partial = assertThrows(IllegalArgumentException.class, () -> Checks.batch("inputs", new float[5], 2, 2));
        assertEquals("inputs: expected a multiple of 2 values, found 5 (2 samples and 1 value left over)", partial.getMessage());
        var partialDouble = assertThrows(IllegalArgumentException.class, () -> Checks.batch("inputs", new double[7], 1, 3));
        assertEquals("inputs: expected a multiple of 3 values, found 7 (2 samples and 1 value left over)",
                partialDouble.getMessage());
        var tooFew = assertThrows(IllegalArgumentException.class, () -> Checks.batch("targets", new float[3], 2, 2));
        assertEquals("targets: expected 2 samples x 2 values = 4, found an array of 3", tooFew.getMessage());
    }

    @Test
    void leadingRowsMayBeFollowedByAnything() {
        // a model's workspace runs on past its batch, into the vector slack
        assertDoesNotThrow(() -> Checks.leading("predictions", new float[2 * 3 + Checks.VECTOR_SLACK], 2, 3));
        var e = assertThrows(IllegalArgumentException.class, () -> Checks.leading("predictions", new float[5], 2, 3));
        assertEquals("predictions: expected 2 samples x 3 values = 6, found an array of 5", e.getMessage());
    }

    @Test
    void samplesAreCountedFromTheLengthWholeAndAtLeastOne() {
        assertEquals(3, Checks.samples("inputs", new float[6], 2));
        var partial = assertThrows(IllegalArgumentException.class, () -> Checks.samples("inputs", new float[3], 2));
        assertEquals("inputs: expected a multiple of 2 values, found 3 (1 sample and 1 value left over)", partial.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> Checks.samples("inputs", new float[0], 2));
        assertEquals("inputs: expected at least 1 sample of 2 values, found an empty array", empty.getMessage());
        var none = assertThrows(NullPointerException.class, () -> Checks.samples("inputs", null, 2));
        assertEquals("inputs", none.getMessage());
    }

    @Test
    void exactlyTakesNeitherMoreNorLess() {
        assertDoesNotThrow(() -> Checks.exactly("outputs", new float[6], 2, 3));
        var longer = assertThrows(IllegalArgumentException.class, () -> Checks.exactly("outputs", new float[9], 2, 3));
        assertEquals("outputs: expected exactly 2 samples x 3 values = 6, found an array of 9", longer.getMessage());
        var size = assertThrows(IllegalArgumentException.class, () -> Checks.exactSize("source", new float[18], 17));
        assertEquals("source: expected 17 values, found 18", size.getMessage());
    }

    @Test
    void anArrayLengthThatNoArrayHoldsIsRefusedInsteadOfWrappingAround() {
        assertEquals(6, Checks.arrayLength("n", 2, 3));
        // 50000 * 50000 wraps around to -1794967296 in int arithmetic
        var e = assertThrows(IllegalArgumentException.class, () -> Checks.arrayLength("n", 50_000, 50_000));
        assertEquals("n: 50000 x 50000 = 2500000000 values, more than an array holds (2147483639)", e.getMessage());
        var max = assertThrows(IllegalArgumentException.class, () -> Checks.arrayLength("n", Integer.MAX_VALUE, 1));
        assertEquals("n: 2147483647 x 1 = 2147483647 values, more than an array holds (2147483639)", max.getMessage());
    }
}
