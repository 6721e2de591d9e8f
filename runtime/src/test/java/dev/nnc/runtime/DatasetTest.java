package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DatasetTest {

    /** Sample i has features {i, -i} and target {10 i}. */
    static Dataset indexed(int n) {
        float[] x = new float[2 * n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = -i;
            y[i] = 10 * i;
        }
        return Dataset.of(x, 2, y, 1);
    }

    @Test
    void rowsAreCopiedIntoARowMajorDataset() {
        float[][] x = {{1, 2}, {3, 4}, {5, 6}};
        float[][] y = {{7}, {8}, {9}};
        Dataset data = Dataset.of(x, y);
        x[0][0] = 100;

        assertEquals(3, data.size());
        assertEquals(2, data.features());
        assertEquals(1, data.targets());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, data.copyFeatures());
        assertArrayEquals(new float[] {7, 8, 9}, data.copyTargets());
        assertEquals(4f, data.feature(1, 1));
        assertEquals(9f, data.target(2, 0));
    }

    @Test
    void rowsMustPairUp() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(new float[][] {{1}, {2}, {3}}, new float[][] {{1}, {2}}));
        assertEquals("y: expected 3 target rows, one per row of x, found 2", e.getMessage());
    }

    @Test
    void raggedRowsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(new float[][] {{1, 2}, {3, 4}, {5, 6, 7}}, new float[][] {{1}, {2}, {3}}));
        assertEquals("x[2]: expected 2 values like x[0], found 3", e.getMessage());
    }

    @Test
    void aNaNIsReportedWithItsSampleAndIndex() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(new float[][] {{1, 2}, {3, 4}}, new float[][] {{1}, {Float.NaN}}));
        assertTrue(e.getMessage().startsWith("y[1][0] is NaN (sample 1)"), e.getMessage());

        var flat = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(new float[] {1, 2, 3, 4, 5, Float.POSITIVE_INFINITY}, 2, new float[] {1, 2, 3}, 1));
        assertTrue(flat.getMessage().startsWith("x[5] is Infinity (sample 2, value 1)"), flat.getMessage());
    }

    @Test
    void flatSizesMustAgree() {
        var x = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(new float[7], 2, new float[3], 1));
        assertTrue(x.getMessage().startsWith("x: expected a multiple of features = 2 values, found 7"), x.getMessage());

        var y = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(new float[6], 2, new float[4], 1));
        assertEquals("y: expected 3 samples x 1 targets = 3 values to match the 3 samples of x, found 4",
                y.getMessage());

        var width = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(new float[6], 0, new float[3], 1));
        assertEquals("features: expected at least 1 value per sample, found 0", width.getMessage());
    }

    @Test
    void flatArraysAndSlicesAreViewsNotCopies() {
        float[] x = {0, 1, 2, 3, 4, 5, 6, 7};
        Dataset data = Dataset.of(x, 2, new float[] {0, 1, 2, 3}, 1);
        Dataset slice = data.slice(1, 3);
        x[2] = 42;

        assertEquals(2, slice.size());
        assertEquals(42f, slice.feature(0, 0));
        assertEquals(2f, slice.target(1, 0));
        assertEquals(1, slice.slice(1, 2).size());
        assertEquals(2f, slice.slice(1, 2).target(0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> data.slice(3, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> slice.feature(2, 0));
    }

    @Test
    void splitHoldsOutTheLastFractionAsKerasDoes() {
        Dataset data = indexed(10);

        Dataset.Split fifth = data.split(0.2);
        assertEquals(8, fifth.train().size());
        assertEquals(2, fifth.validation().size());
        assertEquals(8f, fifth.validation().feature(0, 0));
        assertEquals(9f, fifth.validation().feature(1, 0));

        // floor(10 * 0.75) = 7 training samples
        Dataset.Split quarter = data.split(0.25);
        assertEquals(7, quarter.train().size());
        assertEquals(3, quarter.validation().size());
        assertEquals(7f, quarter.validation().feature(0, 0));
    }

    @Test
    void splitRefusesToLeaveAPartEmpty() {
        var e = assertThrows(IllegalArgumentException.class, () -> indexed(10).split(0.99));
        assertTrue(e.getMessage().startsWith("fraction: 0.99 of 10 samples leaves 0 for training and 10 for validation"),
                e.getMessage());
        var range = assertThrows(IllegalArgumentException.class, () -> indexed(10).split(1.0));
        assertEquals("fraction: expected a value in (0, 1), found 1.0", range.getMessage());
    }

    @Test
    void shuffledIsAReproduciblePermutationWithTargetsAttached() {
        Dataset data = indexed(20);
        Dataset a = data.shuffled(7);
        Dataset b = data.shuffled(7);
        assertArrayEquals(a.copyFeatures(), b.copyFeatures());
        assertNotEquals(Arrays.toString(data.copyFeatures()), Arrays.toString(a.copyFeatures()));
        float[] first = new float[20];
        for (int i = 0; i < 20; i++) {
            first[i] = a.feature(i, 0);
            assertEquals(0f - a.feature(i, 0), a.feature(i, 1), 0f);
            assertEquals(10 * a.feature(i, 0), a.target(i, 0));
        }
        Arrays.sort(first);
        for (int i = 0; i < 20; i++) {
            assertEquals(i, first[i]);
        }
    }

    @Test
    void sampleWeightsFollowTheirSamplesThroughViews() {
        float[] weights = {0.5f, 1, 2, 0, 3};
        Dataset weighted = indexed(5).withSampleWeights(weights);
        assertTrue(weighted.hasSampleWeights());
        assertFalse(indexed(5).hasSampleWeights());
        assertEquals(1, indexed(5).sampleWeight(3));
        Dataset slice = weighted.slice(2, 5);
        assertEquals(2, slice.sampleWeight(0));
        assertEquals(3, slice.sampleWeight(2));
        Dataset.Split split = weighted.splitAt(3);
        assertEquals(0, split.validation().sampleWeight(0));
        Dataset shuffled = weighted.shuffled(7);
        for (int i = 0; i < 5; i++) {
            int sample = (int) shuffled.feature(i, 0);
            assertEquals(weights[sample], shuffled.sampleWeight(i), "weight of sample " + sample);
        }
        assertEquals("Dataset[5 samples, 2 features, 1 targets, weighted]", weighted.toString());
    }

    @Test
    void badSampleWeightsAreRejectedWithTheirSample() {
        var count = assertThrows(IllegalArgumentException.class, () -> indexed(3).withSampleWeights(new float[2]));
        assertEquals("weights: expected one weight per sample, 3, found 2", count.getMessage());
        var negative = assertThrows(IllegalArgumentException.class,
                () -> indexed(3).withSampleWeights(new float[] {1, -1, 1}));
        assertEquals("sampleWeights[1] is -1.0 (sample 1); a sample weight must be a finite number at least 0",
                negative.getMessage());
        var nan = assertThrows(IllegalArgumentException.class,
                () -> indexed(3).withSampleWeights(new float[] {1, 1, Float.NaN}));
        assertTrue(nan.getMessage().startsWith("sampleWeights[2] is NaN (sample 2)"), nan.getMessage());
    }
}
