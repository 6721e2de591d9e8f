package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WindowsTest {

    /** {@code length} time steps of {@code features} values: step t, feature f holds {@code 10 t + f}. */
    static float[] series(int length, int features) {
        float[] series = new float[length * features];
        for (int t = 0; t < length; t++) {
            for (int f = 0; f < features; f++) {
                series[t * features + f] = 10 * t + f;
            }
        }
        return series;
    }

    /** The time step a value of {@link #series} comes from. */
    private static int step(float value) {
        return (int) value / 10;
    }

    @Test
    void nextStepWindowsHoldTheLookbackStepsAndTheNextTarget() {
        Dataset data = Windows.of(series(6, 2), 2).lookback(3).targets(1).dataset();
        // 6 - 3 - 1 + 1 windows of [3 steps][2 features], each targeting feature 1 of the step after it
        assertEquals(3, data.size());
        assertEquals(6, data.features());
        assertEquals(1, data.targets());
        assertArrayEquals(new float[] {
            0, 1, 10, 11, 20, 21,
            10, 11, 20, 21, 30, 31,
            20, 21, 30, 31, 40, 41}, data.copyFeatures());
        assertArrayEquals(new float[] {31, 41, 51}, data.copyTargets());
        assertEquals(41f, data.feature(2, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> data.feature(0, 6));
    }

    @Test
    void multiStepTargetsAreHorizonRowsOfTheTargetColumns() {
        Dataset data = Windows.of(series(6, 2), 2).lookback(3).horizon(2).targets(1, 0).dataset();
        // 6 - 3 - 2 + 1 windows; targets [2 steps][columns 1, 0] after each window
        assertEquals(2, data.size());
        assertEquals(4, data.targets());
        assertArrayEquals(new float[] {31, 30, 41, 40, 41, 40, 51, 50}, data.copyTargets());
    }

    @Test
    void everyColumnIsATargetUnlessChosen() {
        Windows windows = Windows.of(series(5, 3), 3).lookback(2);
        assertArrayEquals(new int[] {0, 1, 2}, windows.targets());
        assertArrayEquals(new float[] {20, 21, 22, 30, 31, 32, 40, 41, 42}, windows.dataset().copyTargets());
        assertEquals(3, windows.features());
        assertEquals(5, windows.length());
        assertEquals(2, windows.lookback());
        assertEquals(1, windows.horizon());
    }

    @Test
    void theNumberOfWindowsIsEveryPlacementThatFits() {
        for (int length = 3; length <= 9; length++) {
            for (int lookback = 1; lookback <= 4; lookback++) {
                for (int horizon = 1; horizon <= 3; horizon++) {
                    int fits = 0;
                    for (int i = 0; i + lookback + horizon <= length; i++) {
                        fits++;
                    }
                    if (fits > 0) {
                        Dataset data = Windows.of(series(length, 1), 1).lookback(lookback).horizon(horizon).dataset();
                        assertEquals(fits, data.size(), length + " steps, lookback " + lookback + ", horizon " + horizon);
                    }
                }
            }
        }
    }

    @Test
    void windowsViewTheSeriesWithoutCopyingIt() {
        float[] series = series(6, 2);
        Dataset data = Windows.of(series, 2).lookback(3).targets(1).dataset();
        series[4] = 42; // step 2, feature 0: in windows 0, 1 and 2
        assertEquals(42f, data.feature(0, 4));
        assertEquals(42f, data.feature(1, 2));
        assertEquals(42f, data.feature(2, 0));
    }

    @Test
    void viewsOfWindowsAreWindows() {
        Dataset data = Windows.of(series(10, 2), 2).lookback(3).targets(1).dataset(); // 7 windows
        Dataset slice = data.slice(2, 5);
        assertEquals(3, slice.size());
        assertArrayEquals(new float[] {20, 21, 30, 31, 40, 41, 30, 31, 40, 41, 50, 51, 40, 41, 50, 51, 60, 61},
                slice.copyFeatures());
        assertArrayEquals(new float[] {51, 61, 71}, slice.copyTargets());
        assertEquals(30f, slice.slice(1, 3).feature(0, 0));

        Dataset.Split split = data.split(0.25); // floor(7 * 0.75) = 5 windows for training
        assertEquals(5, split.train().size());
        assertEquals(50f, split.validation().feature(0, 0));
        assertEquals(81f, split.validation().target(0, 0));
        assertEquals(60f, data.splitAt(6).validation().feature(0, 0));
    }

    @Test
    void shuffledWindowsKeepEachWindowWhole() {
        Dataset shuffled = Windows.of(series(20, 2), 2).lookback(3).targets(1).dataset().shuffled(3);
        int[] starts = new int[shuffled.size()];
        for (int i = 0; i < shuffled.size(); i++) {
            int start = step(shuffled.feature(i, 0));
            starts[i] = start;
            for (int s = 0; s < 3; s++) {
                assertEquals(10 * (start + s), shuffled.feature(i, 2 * s));
                assertEquals(10 * (start + s) + 1, shuffled.feature(i, 2 * s + 1));
            }
            assertEquals(10 * (start + 3) + 1, shuffled.target(i, 0));
        }
        int[] sorted = starts.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i], "every window once: " + Arrays.toString(starts));
        }
    }

    @Test
    void batchesGatherWholeWindowsWithTheirTargets() {
        Dataset data = Windows.of(series(30, 2), 2).lookback(4).horizon(2).targets(0).dataset();
        for (boolean shuffle : new boolean[] {false, true}) {
            Batches batches = data.batches(5, shuffle, 11);
            batches.startEpoch();
            int seen = 0;
            while (batches.next()) {
                for (int r = 0; r < batches.size(); r++) {
                    int start = batches.sample(r);
                    for (int v = 0; v < 8; v++) {
                        // value v of a window is step start + v / 2, feature v % 2
                        assertEquals(10 * (start + v / 2) + v % 2, batches.inputs()[8 * r + v]);
                    }
                    assertEquals(10 * (start + 4), batches.targets()[2 * r]);
                    assertEquals(10 * (start + 5), batches.targets()[2 * r + 1]);
                    seen++;
                }
            }
            assertEquals(data.size(), seen);
        }
    }

    @Test
    void settingsThatGiveNoWindowAreRejectedWithTheNumbers() {
        var tooShort = assertThrows(IllegalArgumentException.class,
                () -> Windows.of(series(5, 1), 1).lookback(4).horizon(2).dataset());
        assertEquals("series: 5 time steps hold no window of lookback 4 and horizon 2, which needs 6; use a longer"
                + " series or a shorter lookback or horizon", tooShort.getMessage());
        var unset = assertThrows(IllegalStateException.class, () -> Windows.of(series(5, 1), 1).dataset());
        assertEquals("lookback: not set; call lookback(timesteps) before making windows", unset.getMessage());
        var lookback = assertThrows(IllegalArgumentException.class, () -> Windows.of(series(5, 1), 1).lookback(0));
        assertEquals("lookback: expected at least 1, found 0", lookback.getMessage());
        var horizon = assertThrows(IllegalArgumentException.class, () -> Windows.of(series(5, 1), 1).horizon(0));
        assertEquals("horizon: expected at least 1, found 0", horizon.getMessage());
    }

    @Test
    void targetColumnsAndTheSeriesAreChecked() {
        Windows windows = Windows.of(series(5, 2), 2);
        var outside = assertThrows(IllegalArgumentException.class, () -> windows.targets(0, 2));
        assertEquals("columns[1]: expected a column in [0, 2), found 2", outside.getMessage());
        var twice = assertThrows(IllegalArgumentException.class, () -> windows.targets(1, 1));
        assertEquals("columns[1]: column 1 is listed twice", twice.getMessage());
        var none = assertThrows(IllegalArgumentException.class, () -> windows.targets(new int[0]));
        assertEquals("columns: expected at least 1 target column, found none", none.getMessage());

        var ragged = assertThrows(IllegalArgumentException.class, () -> Windows.of(new float[7], 2));
        assertTrue(ragged.getMessage().startsWith("series: expected a multiple of features = 2 values, found 7"),
                ragged.getMessage());
        var width = assertThrows(IllegalArgumentException.class, () -> Windows.of(new float[4], 0));
        assertEquals("features: expected at least 1 value per time step, found 0", width.getMessage());
        float[] nan = series(5, 2);
        nan[5] = Float.NaN;
        var notFinite = assertThrows(IllegalArgumentException.class, () -> Windows.of(nan, 2));
        assertTrue(notFinite.getMessage().startsWith("series[5] is NaN (sample 2, value 1)"), notFinite.getMessage());
    }

    @Test
    void theChronologicalSplitKeepsEveryPartsTargetsOutOfTheEarlierParts() {
        // 20 steps; train steps [0, 10), validation [10, 15), test [15, 20); windows of 3 steps and 2 targets
        Windows windows = Windows.of(series(20, 2), 2).lookback(3).horizon(2).targets(1);
        Windows.Split parts = windows.split(0.5, 0.25);
        assertEquals(10, parts.validationFrom());
        assertEquals(15, parts.testFrom());
        // train: windows 0..5 (the last reads steps 5..9); validation: 7..10 (targets from step 10 to 14);
        // test: 12..15 (targets from step 15 to 19)
        assertEquals(6, parts.train().size());
        assertEquals(4, parts.validation().size());
        assertEquals(4, parts.test().size());
        assertStepsWithin(parts.train(), 0, 10, 0, 10);
        assertStepsWithin(parts.validation(), 7, 15, 10, 15);
        assertStepsWithin(parts.test(), 12, 20, 15, 20);
        assertEquals(7, step(parts.validation().feature(0, 0)));
        assertEquals(12, step(parts.test().feature(0, 0)));
        assertEquals(19, step(parts.test().target(3, 1)));
    }

    /** Every input of {@code part} comes from steps {@code [inputFrom, inputTo)} and every target from {@code [targetFrom, targetTo)}. */
    private static void assertStepsWithin(Dataset part, int inputFrom, int inputTo, int targetFrom, int targetTo) {
        float[] inputs = part.copyFeatures();
        for (float value : inputs) {
            int step = step(value);
            assertTrue(step >= inputFrom && step < inputTo, "input from step " + step);
        }
        for (float value : part.copyTargets()) {
            int step = step(value);
            assertTrue(step >= targetFrom && step < targetTo, "target from step " + step);
        }
    }

    @Test
    void aValidationFractionOfZeroLeavesNoValidationWindows() {
        Windows.Split parts = Windows.of(series(20, 1), 1).lookback(3).horizon(2).split(0.75, 0);
        assertEquals(15, parts.validationFrom());
        assertEquals(15, parts.testFrom());
        assertEquals(11, parts.train().size()); // 15 - 3 - 2 + 1
        assertEquals(0, parts.validation().size());
        assertEquals(4, parts.test().size()); // 20 - 15 - 2 + 1
    }

    @Test
    void theScalerIsFittedOnTheTrainingStepsOnly() {
        float[] series = new float[20];
        for (int t = 0; t < 20; t++) {
            series[t] = t;
        }
        Windows windows = Windows.of(series, 1).lookback(2);
        MinMaxScaler scaler = new MinMaxScaler();
        Windows.Split parts = windows.split(0.5, 0.25, scaler);
        // fitted on steps 0..9, so x' = x / 9, and later steps map above 1
        assertArrayEquals(new double[] {9}, scaler.dataMax());
        assertEquals(1 / 9f, parts.train().feature(0, 1), 1e-7);
        assertEquals(15 / 9f, parts.test().target(0, 0), 1e-6);
        assertEquals(19 / 9f, parts.test().target(parts.test().size() - 1, 0), 1e-6);
        assertEquals(19f, series[19], "the series itself is not scaled");
        // and back to the units of the series
        float[] back = scaler.inverseTransform(parts.test().copyTargets(), windows.targets());
        assertArrayEquals(new float[] {15, 16, 17, 18, 19}, back, 1e-5f);
    }

    @Test
    void splitFractionsAndPartsWithoutAWindowAreRejected() {
        Windows windows = Windows.of(series(20, 1), 1).lookback(8).horizon(2);
        var train = assertThrows(IllegalArgumentException.class, () -> windows.split(1, 0));
        assertEquals("train: expected a fraction in (0, 1), found 1.0", train.getMessage());
        var validation = assertThrows(IllegalArgumentException.class, () -> windows.split(0.5, -0.1));
        assertEquals("validation: expected a fraction in [0, 1), found -0.1", validation.getMessage());
        var nothingLeft = assertThrows(IllegalArgumentException.class, () -> windows.split(0.5, 0.5));
        assertEquals("validation: train 0.5 + validation 0.5 leaves nothing to test on; expected a sum below 1",
                nothingLeft.getMessage());
        var shortTrain = assertThrows(IllegalArgumentException.class, () -> windows.split(0.25, 0.25));
        assertEquals("train: time steps [0, 5) of 20 hold no window, which needs 10 steps for lookback 8 + horizon 2;"
                + " use a larger fraction, a longer series or a shorter lookback or horizon", shortTrain.getMessage());
        // floor(20 * 0.5625) = 11: one validation step, too few for 2 targets
        var shortValidation = assertThrows(IllegalArgumentException.class, () -> windows.split(0.5, 0.0625));
        assertEquals("validation: time steps [10, 11) of 20 hold no window, which needs 2 steps for the target steps"
                + " of horizon 2; use a larger fraction, a longer series or a shorter lookback or horizon",
                shortValidation.getMessage());
        var unset = assertThrows(IllegalStateException.class, () -> Windows.of(series(20, 1), 1).split(0.5, 0.25));
        assertTrue(unset.getMessage().startsWith("lookback: not set"), unset.getMessage());
    }

    @Test
    void aLookbackOrHorizonUpToTheLargestIntIsRefusedWithItsNumbers() {
        // lookback + horizon wraps around in int arithmetic, past the check, into a negative array size
        Windows longLookback = Windows.of(series(100, 1), 1).lookback(Integer.MAX_VALUE);
        var dataset = assertThrows(IllegalArgumentException.class, longLookback::dataset);
        assertEquals("series: 100 time steps hold no window of lookback 2147483647 and horizon 1, which needs 2147483648;"
                + " use a longer series or a shorter lookback or horizon", dataset.getMessage());
        var split = assertThrows(IllegalArgumentException.class, () -> longLookback.split(0.5, 0.25));
        assertEquals("train: time steps [0, 50) of 100 hold no window, which needs 2147483648 steps for lookback 2147483647"
                + " + horizon 1; use a larger fraction, a longer series or a shorter lookback or horizon", split.getMessage());
        Windows longHorizon = Windows.of(series(100, 1), 1).lookback(1).horizon(Integer.MAX_VALUE);
        var horizon = assertThrows(IllegalArgumentException.class, longHorizon::dataset);
        assertEquals("series: 100 time steps hold no window of lookback 1 and horizon 2147483647, which needs 2147483648;"
                + " use a longer series or a shorter lookback or horizon", horizon.getMessage());
    }

    @Test
    void targetsTooManyForAnArrayAreRefusedBeforeAllocating() {
        // 50000 windows of 50000 target steps: 2.5e9 targets, which int arithmetic wraps around to a negative size
        Windows windows = Windows.of(new float[100_000], 1).lookback(1).horizon(50_000);
        var e = assertThrows(IllegalArgumentException.class, windows::dataset);
        assertEquals("horizon: 50000 x 50000 = 2500000000 values, more than an array holds (2147483639)", e.getMessage());
    }
}
