package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
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
        assertEquals("y: expected 3 target rows, one per sample of x, found 2", e.getMessage());
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
    void doubleRowsAreRoundedToFloatAndCopied() {
        double[][] x = {{0.1, 2}, {-3.5, 1e-3}};
        double[][] y = {{1.0 / 3}, {7}};
        Dataset data = Dataset.of(x, y);
        x[0][0] = 100;

        assertEquals(2, data.size());
        assertEquals(2, data.features());
        assertArrayEquals(new float[] {0.1f, 2, -3.5f, 1e-3f}, data.copyFeatures());
        assertArrayEquals(new float[] {1f / 3, 7}, data.copyTargets());
    }

    @Test
    void doubleRowsAreCheckedAsFloatRowsAre() {
        var ragged = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(new double[][] {{1, 2}, {3}}, new double[][] {{1}, {2}}));
        assertEquals("x[1]: expected 2 values like x[0], found 1", ragged.getMessage());
        var nan = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(new double[][] {{1}, {Double.NaN}}, new double[][] {{1}, {2}}));
        assertTrue(nan.getMessage().startsWith("x[1][0] is NaN (sample 1); "), nan.getMessage());
        // finite as a double, infinite as the float a model trains on
        var overflow = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(new double[][] {{1}, {2}}, new double[][] {{1}, {-1e39}}));
        assertTrue(overflow.getMessage().startsWith("y[1][0] is -1.0E39 (sample 1), beyond the range of float"),
                overflow.getMessage());
        var count = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(new double[][] {{1}, {2}}, new double[][] {{1}}));
        assertEquals("y: expected 2 target rows, one per sample of x, found 1", count.getMessage());
    }

    @Test
    void sequencesAreFlattenedStepByStep() {
        // sample i, step t, feature f holds 100 i + 10 t + f
        float[][][] x = new float[3][4][2];
        float[][] y = new float[3][1];
        for (int i = 0; i < 3; i++) {
            for (int t = 0; t < 4; t++) {
                for (int f = 0; f < 2; f++) {
                    x[i][t][f] = 100 * i + 10 * t + f;
                }
            }
            y[i][0] = -i;
        }
        Dataset data = Dataset.of(x, y);
        x[1][2][1] = -1;

        assertEquals(3, data.size());
        assertEquals(8, data.features());
        assertEquals(1, data.targets());
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 8; j++) {
                // value j of a flat [timesteps][features] sample is step j / 2, feature j % 2
                assertEquals(100 * i + 10 * (j / 2) + j % 2, data.feature(i, j), "sample " + i + ", value " + j);
            }
            assertEquals(-i, data.target(i, 0));
        }
    }

    @Test
    void raggedSequencesNameTheFirstSampleOrStepThatDiffers() {
        float[][] y = {{0}, {0}, {0}};
        var steps = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(new float[][][] {new float[4][2], new float[4][2], new float[3][2]}, y));
        assertEquals("x[2]: expected 4 time steps like x[0], found 3", steps.getMessage());

        float[][][] x = {new float[4][2], new float[4][2], new float[4][2]};
        x[1][3] = new float[3];
        x[2][0] = new float[1];
        var features = assertThrows(IllegalArgumentException.class, () -> Dataset.of(x, y));
        assertEquals("x[1][3]: expected 2 features like x[0][0], found 3", features.getMessage());

        float[][][] nan = new float[2][3][2];
        nan[1][2][1] = Float.NaN;
        var value = assertThrows(IllegalArgumentException.class, () -> Dataset.of(nan, new float[][] {{0}, {0}}));
        assertTrue(value.getMessage().startsWith("x[1][2][1] is NaN (sample 1, step 2, feature 1)"), value.getMessage());

        var empty = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(new float[][][] {new float[0][2]}, new float[][] {{0}}));
        assertEquals("x[0]: expected at least 1 time step, found 0", empty.getMessage());
    }

    @Test
    void aRandomSplitIsDisjointCoversEverySampleAndRepeatsWithItsSeed() {
        Dataset data = indexed(50);
        Dataset.Split split = data.split(0.2, 11);
        // the sizes of Keras' validation_split: floor(50 * 0.8) = 40 for training
        assertEquals(40, split.train().size());
        assertEquals(10, split.validation().size());

        boolean[] seen = new boolean[50];
        for (Dataset part : List.of(split.train(), split.validation())) {
            for (int i = 0; i < part.size(); i++) {
                int sample = (int) part.feature(i, 0);
                assertFalse(seen[sample], "sample " + sample + " in both parts or twice");
                seen[sample] = true;
                // the sample's own features and target travel with it
                assertEquals(-sample, part.feature(i, 1));
                assertEquals(10f * sample, part.target(i, 0));
            }
        }
        for (int s = 0; s < 50; s++) {
            assertTrue(seen[s], "sample " + s + " in neither part");
        }

        Dataset.Split again = data.split(0.2, 11);
        assertArrayEquals(split.validation().copyFeatures(), again.validation().copyFeatures());
        assertArrayEquals(split.train().copyTargets(), again.train().copyTargets());
        // not the chronological split, and another seed gives another split
        assertNotEquals(Arrays.toString(data.split(0.2).validation().copyFeatures()),
                Arrays.toString(split.validation().copyFeatures()));
        assertNotEquals(Arrays.toString(data.split(0.2, 12).validation().copyFeatures()),
                Arrays.toString(split.validation().copyFeatures()));
    }

    @Test
    void aRandomSplitViewsTheDataAndKeepsSampleWeights() {
        float[] x = new float[20];
        float[] y = new float[10];
        float[] weights = new float[10];
        for (int i = 0; i < 10; i++) {
            x[2 * i] = i;
            y[i] = 10 * i;
            weights[i] = i / 10f;
        }
        Dataset.Split split = Dataset.of(x, 2, y, 1).withSampleWeights(weights).split(0.3, 5);
        Dataset validation = split.validation();
        int sample = (int) validation.feature(1, 0);
        assertEquals(sample / 10f, validation.sampleWeight(1));

        // a view, not a copy: a change to the caller's arrays shows through
        x[2 * sample + 1] = 42;
        y[sample] = -7;
        assertEquals(42f, validation.feature(1, 1));
        assertEquals(-7f, validation.target(1, 0));
        // and slices of the view keep the shuffled order
        assertEquals(42f, validation.slice(1, 3).feature(0, 1));
        assertEquals(-7f, validation.slice(1, 3).copyTargets()[0]);
        assertEquals(sample / 10f, validation.slice(1, 3).sampleWeight(0));
    }

    @Test
    void batchesGatherAShuffledViewWithoutAnOrderOfTheirOwn() {
        Dataset shuffled = indexed(7).shuffled(3);
        Batches batches = shuffled.batches(3, false, 0);
        batches.startEpoch();
        int i = 0;
        while (batches.next()) {
            for (int r = 0; r < batches.size(); r++, i++) {
                assertEquals(shuffled.feature(i, 0), batches.inputs()[2 * r]);
                assertEquals(shuffled.feature(i, 1), batches.inputs()[2 * r + 1]);
                assertEquals(shuffled.target(i, 0), batches.targets()[r]);
            }
        }
        assertEquals(7, i);
        float[] features = shuffled.copyFeatures();
        for (int s = 0; s < 7; s++) {
            assertEquals(shuffled.feature(s, 0), features[2 * s]);
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

    @Test
    void copiesTooLargeForAnArrayAreRefusedBeforeAllocating() {
        // overlapping windows: 50000 of 50000 steps each view one series of 100000 steps, but a copy holds them all
        Dataset windows = Windows.of(new float[100_000], 1).lookback(50_000).dataset();
        var features = assertThrows(IllegalArgumentException.class, windows::copyFeatures);
        assertEquals("features: 50000 x 50000 = 2500000000 values, more than an array holds (2147483639)",
                features.getMessage());
        // nested rows may share one array: 70000 samples of 40000 values, 2.8e9 to copy
        float[] row = new float[40_000];
        float[][] x = new float[70_000][];
        float[][] y = new float[70_000][];
        float[][][] sequences = new float[70_000][][];
        float[][] sequence = new float[40_000][];
        Arrays.fill(x, row);
        Arrays.fill(y, new float[1]);
        Arrays.fill(sequences, sequence);
        Arrays.fill(sequence, new float[1]);
        var rows = assertThrows(IllegalArgumentException.class, () -> Dataset.of(x, y));
        assertEquals("x: 70000 x 40000 = 2800000000 values, more than an array holds (2147483639)", rows.getMessage());
        var steps = assertThrows(IllegalArgumentException.class, () -> Dataset.of(sequences, y));
        assertEquals("x: 70000 x 40000 = 2800000000 values, more than an array holds (2147483639)", steps.getMessage());
    }
}
