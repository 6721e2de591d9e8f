package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The four scalers against statistics worked out by hand, as scikit-learn defines them. */
class ScalersTest {

    /**
     * Four samples of two features. Feature 0 is 1, 2, 4, 9: min 1, max 9, mean 4, variance
     * (9 + 4 + 0 + 25) / 4 = 9.5; sorted, the quartiles sit at h = 0.75, 1.5, 2.25: q25 = 1 + 0.75 = 1.75,
     * median 3, q75 = 4 + 0.25 * 5 = 5.25, so the IQR is 3.5. Feature 1 is -2, 0, 2, -4: min -4, max 2,
     * mean -1, variance (1 + 1 + 9 + 9) / 4 = 5; sorted -4, -2, 0, 2: q25 = -2.5, median -1, q75 = 0.5,
     * IQR 3.
     */
    private static final float[] TRAIN = {1, -2, 2, 0, 4, 2, 9, -4};

    /** Rows after the training rows, outside the training range: what the fitted scaler must map, unchanged. */
    private static final float[] TEST = {13, 8, -1, -7};

    private static void assertClose(double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-6, "value " + i);
        }
    }

    private static void assertClose(double[] expected, double[] actual) {
        assertArrayEquals(expected, actual, 1e-12);
    }

    @Test
    void minMaxMapsTheTrainingRangeOntoTheFeatureRange() {
        MinMaxScaler scaler = new MinMaxScaler();
        scaler.fit(TRAIN, 2);
        assertClose(new double[] {1, -4}, scaler.dataMin());
        assertClose(new double[] {9, 2}, scaler.dataMax());
        assertClose(new double[] {8, 6}, scaler.dataRange());
        assertClose(new double[] {1.0 / 8, 1.0 / 6}, scaler.scale());
        // (x - 1) / 8 and (x + 4) / 6
        assertClose(new double[] {0, 2.0 / 6, 1.0 / 8, 4.0 / 6, 3.0 / 8, 1, 1, 0}, scaler.transform(TRAIN));

        MinMaxScaler symmetric = new MinMaxScaler(-1, 1);
        symmetric.fit(TRAIN, 2);
        assertEquals(-1, symmetric.rangeMin());
        assertEquals(1, symmetric.rangeMax());
        // (x - 1) / 8 * 2 - 1 and (x + 4) / 6 * 2 - 1
        assertClose(new double[] {-1, -1.0 / 3, -0.75, 1.0 / 3, -0.25, 1, 1, -1}, symmetric.transform(TRAIN));
    }

    @Test
    void standardCentersOnTheMeanAndDividesByThePopulationDeviation() {
        StandardScaler scaler = new StandardScaler();
        scaler.fit(TRAIN, 2);
        assertClose(new double[] {4, -1}, scaler.mean());
        assertClose(new double[] {9.5, 5}, scaler.variance());
        assertClose(new double[] {Math.sqrt(9.5), Math.sqrt(5)}, scaler.scale());
        double s0 = Math.sqrt(9.5);
        double s1 = Math.sqrt(5);
        float[] scaled = scaler.transform(TRAIN);
        assertClose(new double[] {-3 / s0, -1 / s1, -2 / s0, 1 / s1, 0, 3 / s1, 5 / s0, -3 / s1}, scaled);
        // what standardising means, checked directly: mean 0 and variance 1 per feature
        for (int j = 0; j < 2; j++) {
            double sum = 0;
            double squares = 0;
            for (int r = 0; r < 4; r++) {
                sum += scaled[2 * r + j];
                squares += scaled[2 * r + j] * scaled[2 * r + j];
            }
            assertEquals(0, sum / 4, 1e-6);
            assertEquals(1, squares / 4, 1e-6);
        }
    }

    @Test
    void robustCentersOnTheMedianAndDividesByTheInterquartileRange() {
        RobustScaler scaler = new RobustScaler();
        scaler.fit(TRAIN, 2);
        assertClose(new double[] {3, -1}, scaler.center());
        assertClose(new double[] {3.5, 3}, scaler.interquartileRange());
        assertClose(new double[] {3.5, 3}, scaler.scale());
        // (x - 3) / 3.5 and (x + 1) / 3
        assertClose(new double[] {-2 / 3.5, -1.0 / 3, -1 / 3.5, 1.0 / 3, 1 / 3.5, 1, 6 / 3.5, -1}, scaler.transform(TRAIN));
    }

    @Test
    void robustQuantilesInterpolateAsNumpy() {
        // five values, sorted 0 10 20 30 40: h = 1, 2, 3 fall on values
        RobustScaler odd = new RobustScaler();
        odd.fit(new float[] {10, 0, 30, 20, 40}, 1);
        assertClose(new double[] {20}, odd.center());
        assertClose(new double[] {20}, odd.interquartileRange());
        // 1..6: h = 1.25, 2.5, 3.75, so q25 = 2.25, median 3.5, q75 = 4.75 (numpy.percentile gives the same)
        RobustScaler even = new RobustScaler();
        even.fit(new float[] {6, 1, 5, 2, 4, 3}, 1);
        assertClose(new double[] {3.5}, even.center());
        assertClose(new double[] {2.5}, even.interquartileRange());
        // one value: every quantile is that value
        assertEquals(7, RobustScaler.quantile(new double[] {7}, 0.75));
    }

    @Test
    void maxAbsDividesByTheLargestMagnitude() {
        MaxAbsScaler scaler = new MaxAbsScaler();
        scaler.fit(TRAIN, 2);
        assertClose(new double[] {9, 4}, scaler.maxAbs());
        assertClose(new double[] {9, 4}, scaler.scale());
        assertClose(new double[] {1.0 / 9, -0.5, 2.0 / 9, 0, 4.0 / 9, 0.5, 1, -1}, scaler.transform(TRAIN));
    }

    @Test
    void constantFeaturesGetScaleOneAsInScikitLearn() {
        // feature 0 is 5 throughout; feature 1 varies, so the width is real
        float[] constant = {5, 0, 5, 1, 5, 2};
        float[] probe = {5, 0, 7, 0};

        MinMaxScaler minMax = new MinMaxScaler();
        minMax.fit(constant, 2);
        assertClose(new double[] {0, 2}, minMax.dataRange());
        assertEquals(1, minMax.scale()[0]);
        // the training value maps to the low end; others keep their distance from it
        assertClose(new double[] {0, 0, 2, 0}, minMax.transform(probe));
        MinMaxScaler symmetric = new MinMaxScaler(-1, 1);
        symmetric.fit(constant, 2);
        // scikit-learn: scale_ = 2 / 1, min_ = -1 - 5 * 2, so 7 maps to 7 * 2 - 11 = 3
        assertClose(new double[] {-1, -1, 3, -1}, symmetric.transform(probe));

        StandardScaler standard = new StandardScaler();
        standard.fit(constant, 2);
        assertEquals(0, standard.variance()[0]);
        assertEquals(1, standard.scale()[0]);
        // feature 1 (0, 1, 2) has mean 1 and variance 2/3
        double s1 = Math.sqrt(2.0 / 3);
        assertClose(new double[] {0, -1 / s1, 2, -1 / s1}, standard.transform(probe));

        RobustScaler robust = new RobustScaler();
        // 1 5 5 5 9: q25 = q75 = 5, not constant but a zero interquartile range
        robust.fit(new float[] {1, 5, 5, 5, 9}, 1);
        assertEquals(0, robust.interquartileRange()[0]);
        assertEquals(1, robust.scale()[0]);
        assertClose(new double[] {-4, 0, 4}, robust.transform(new float[] {1, 5, 9}));

        MaxAbsScaler maxAbs = new MaxAbsScaler();
        maxAbs.fit(new float[] {0, 0, 0}, 1);
        assertEquals(1, maxAbs.scale()[0]);
        assertClose(new double[] {3, -2}, maxAbs.transform(new float[] {3, -2}));
    }

    @Test
    void aSpreadBelowTenEpsilonCountsAsConstantAsInScikitLearn() {
        // _handle_zeros_in_scale: 1e-16 < 10 * 2.2e-16, so the scale is 1 and 1e-16 stays 1e-16 (not 1)
        MaxAbsScaler maxAbs = new MaxAbsScaler();
        maxAbs.fit(new float[] {1e-16f, -1e-16f}, 1);
        assertEquals(1, maxAbs.scale()[0]);
        assertEquals(1e-16f, maxAbs.transform(new float[] {1e-16f})[0]);
        MinMaxScaler minMax = new MinMaxScaler();
        minMax.fit(new float[] {0, 1e-16f}, 1);
        assertEquals(1, minMax.scale()[0]);
        // _is_constant_feature: n = 2, mean 1e6 bounds the variance by (2 * 1e6 * eps)^2 = 1.97e-19
        assertTrue(StandardScaler.isConstant(1e-20, 1e6, 2));
        assertFalse(StandardScaler.isConstant(1e-18, 1e6, 2));
        assertTrue(StandardScaler.isConstant(0, 0, 1));
        assertFalse(StandardScaler.isConstant(1e-30, 0, 1000));
    }

    private static List<Scaler> everyScaler() {
        return List.of(new MinMaxScaler(), new MinMaxScaler(-3, 2), new StandardScaler(), new RobustScaler(),
                new MaxAbsScaler());
    }

    @Test
    void inverseTransformUndoesTransform() {
        // three features at very different scales, the last constant
        SplittableRandom random = new SplittableRandom(5);
        float[] data = new float[50 * 3];
        for (int r = 0; r < 50; r++) {
            data[3 * r] = (float) random.nextDouble(-1000, 1000);
            data[3 * r + 1] = (float) random.nextDouble(0, 1e-3);
            data[3 * r + 2] = 7;
        }
        // float tolerance: a few units in the last place of the feature's largest magnitude
        double[] tolerance = new double[3];
        for (int i = 0; i < data.length; i++) {
            tolerance[i % 3] = Math.max(tolerance[i % 3], 8 * Math.ulp(Math.abs(data[i])));
        }
        for (Scaler scaler : everyScaler()) {
            float[] back = scaler.fit(data, 3).inverseTransform(scaler.transform(data));
            for (int i = 0; i < data.length; i++) {
                assertEquals(data[i], back[i], tolerance[i % 3], scaler + " value " + i);
            }
        }
    }

    @Test
    void aScalerFittedOnTrainingRowsTransformsTestRowsWithoutRefitting() {
        float[] all = new float[TRAIN.length + TEST.length];
        System.arraycopy(TRAIN, 0, all, 0, TRAIN.length);
        System.arraycopy(TEST, 0, all, TRAIN.length, TEST.length);

        MinMaxScaler minMax = new MinMaxScaler();
        minMax.fit(all, 4, 2); // the first four rows only
        // (13 - 1) / 8, (8 + 4) / 6, (-1 - 1) / 8, (-7 + 4) / 6: outside [0, 1], as the test rows are outside the training range
        assertClose(new double[] {1.5, 2, -0.25, -0.5}, minMax.transform(TEST));
        assertClose(new double[] {9, 2}, minMax.dataMax());

        StandardScaler standard = new StandardScaler();
        standard.fit(all, 4, 2);
        assertClose(new double[] {4, -1}, standard.mean());
        assertClose(new double[] {9 / Math.sqrt(9.5), 9 / Math.sqrt(5), -5 / Math.sqrt(9.5), -6 / Math.sqrt(5)},
                standard.transform(TEST));
        assertClose(new double[] {4, -1}, standard.mean());
    }

    @Test
    void inverseTransformOfSomeColumnsUsesTheirParameters() {
        MinMaxScaler scaler = new MinMaxScaler();
        scaler.fit(TRAIN, 2);
        // feature 1 alone: x = x' * 6 - 4
        assertClose(new double[] {-4, -1, 2}, scaler.inverseTransform(new float[] {0, 0.5f, 1}, new int[] {1}));
        // rows of features 1 then 0: x = x' * 6 - 4 and x = x' * 8 + 1
        assertClose(new double[] {-4, 1, 2, 9}, scaler.inverseTransform(new float[] {0, 0, 1, 1}, new int[] {1, 0}));
        // a diverged model's NaN passes through to the metric
        float[] withNaN = scaler.inverseTransform(new float[] {Float.NaN, 0});
        assertTrue(Float.isNaN(withNaN[0]));
        assertEquals(-4, withNaN[1]);
    }

    @Test
    void transformLeavesItsArgumentAlone() {
        float[] data = TRAIN.clone();
        StandardScaler scaler = new StandardScaler();
        scaler.fit(data, 2);
        scaler.inverseTransform(scaler.transform(data));
        assertArrayEquals(TRAIN, data);
    }

    @Test
    void usingAScalerBeforeFittingSaysToFitFirst() {
        StandardScaler scaler = new StandardScaler();
        assertFalse(scaler.isFitted());
        var e = assertThrows(IllegalStateException.class, () -> scaler.transform(TRAIN));
        assertEquals("StandardScaler is not fitted: call fit on the training data first", e.getMessage());
        assertThrows(IllegalStateException.class, () -> scaler.inverseTransform(TRAIN));
        assertThrows(IllegalStateException.class, scaler::features);
        assertThrows(IllegalStateException.class, scaler::mean);
        assertEquals("StandardScaler[not fitted]", scaler.toString());
        scaler.fit(TRAIN, 2);
        assertTrue(scaler.isFitted());
        assertEquals(2, scaler.features());
        assertEquals("StandardScaler[2 features]", scaler.toString());
    }

    @Test
    void shapesAreCheckedWithBothNumbers() {
        RobustScaler scaler = new RobustScaler();
        var ragged = assertThrows(IllegalArgumentException.class, () -> scaler.fit(new float[5], 2));
        assertEquals("data: expected a multiple of features = 2 values, found 5 (2 samples and 1 value left over)",
                ragged.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> scaler.fit(new float[0], 2));
        assertEquals("data: expected at least 1 sample to fit on, found 0", empty.getMessage());
        var width = assertThrows(IllegalArgumentException.class, () -> scaler.fit(TRAIN, 0));
        assertEquals("features: expected at least 1, found 0", width.getMessage());
        var none = assertThrows(IllegalArgumentException.class, () -> scaler.fit(TRAIN, 0, 2));
        assertEquals("n: expected at least 1 sample to fit on, found 0", none.getMessage());
        var tooShort = assertThrows(IllegalArgumentException.class, () -> scaler.fit(TRAIN, 5, 2));
        assertEquals("data: expected 5 samples x 2 values = 10, found an array of 8", tooShort.getMessage());
        // the first n rows of a longer array, as a series' training steps, but whole rows: a partial one is a wrong layout
        var raggedAfterN = assertThrows(IllegalArgumentException.class, () -> scaler.fit(new float[9], 2, 2));
        assertEquals("data: expected a multiple of 2 values, found 9 (4 samples and 1 value left over)",
                raggedAfterN.getMessage());

        scaler.fit(TRAIN, 2);
        var mismatch = assertThrows(IllegalArgumentException.class, () -> scaler.transform(new float[] {1, 2, 3}));
        assertEquals("data: expected a multiple of features = 2 values, found 3 (1 sample and 1 value left over)",
                mismatch.getMessage());
        assertThrows(IllegalArgumentException.class, () -> scaler.inverseTransform(new float[] {1, 2, 3}));
        var column = assertThrows(IllegalArgumentException.class,
                () -> scaler.inverseTransform(new float[] {1, 2}, new int[] {0, 2}));
        assertEquals("columns[1]: expected a feature in [0, 2), found 2", column.getMessage());
        var noColumns = assertThrows(IllegalArgumentException.class,
                () -> scaler.inverseTransform(new float[] {1, 2}, new int[0]));
        assertEquals("columns: expected at least 1 feature, found none", noColumns.getMessage());
        var rows = assertThrows(IllegalArgumentException.class,
                () -> scaler.inverseTransform(new float[] {1, 2, 3}, new int[] {1, 0}));
        assertEquals("data: expected a multiple of columns.length = 2 values, found 3 (1 sample and 1 value left"
                + " over)", rows.getMessage());
    }

    @Test
    void valuesThatAreNotFiniteAreNamedWithTheirSample() {
        MaxAbsScaler scaler = new MaxAbsScaler();
        var fit = assertThrows(IllegalArgumentException.class, () -> scaler.fit(new float[] {1, 2, 3, Float.NaN}, 2));
        assertTrue(fit.getMessage().startsWith("data[3] is NaN (sample 1, value 1)"), fit.getMessage());
        assertFalse(scaler.isFitted(), "a failed fit fits nothing");
        scaler.fit(TRAIN, 2);
        var transform = assertThrows(IllegalArgumentException.class,
                () -> scaler.transform(new float[] {Float.POSITIVE_INFINITY, 0}));
        assertTrue(transform.getMessage().startsWith("data[0] is Infinity (sample 0, value 0)"), transform.getMessage());
        // a failed refit keeps the earlier fit
        assertThrows(IllegalArgumentException.class, () -> scaler.fit(new float[] {Float.NaN}, 1));
        assertClose(new double[] {9, 4}, scaler.maxAbs());
    }

    @Test
    void theFeatureRangeMustBeIncreasingAndFinite() {
        var equal = assertThrows(IllegalArgumentException.class, () -> new MinMaxScaler(1, 1));
        assertEquals("max: expected more than min = 1.0, found 1.0", equal.getMessage());
        var infinite = assertThrows(IllegalArgumentException.class,
                () -> new MinMaxScaler(0, Double.POSITIVE_INFINITY));
        assertEquals("feature range: expected finite bounds, found [0.0, Infinity]", infinite.getMessage());
    }
}
