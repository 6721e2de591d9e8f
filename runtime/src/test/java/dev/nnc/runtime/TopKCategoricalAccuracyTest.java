package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TopKCategoricalAccuracyTest {

    // four samples of four classes; the target classes are 2, 3, 2, 2
    private static final float[] P = {
        0.1f, 0.4f, 0.3f, 0.2f, // 0.3 is the second largest: in the top 2
        0.5f, 0.2f, 0.2f, 0.1f, // 0.1 is the smallest: 3 greater, out of the top 2
        0.3f, 0.3f, 0.3f, 0.1f, // a three-way tie for first: nothing greater, in the top 1 already
        0.4f, 0.3f, 0.3f, 0.0f, // tied for second with class 1: 1 greater, in the top 2 (not the top 1)
    };
    private static final float[] ONE_HOT = {0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0};
    private static final float[] INDICES = {2, 3, 2, 2};

    private static double once(Metric metric, float[] predictions, float[] targets, int n, int outputs) {
        metric.update(predictions, targets, n, outputs);
        return metric.result();
    }

    @Test
    void topKByHand() {
        // k = 2: hits on samples 0, 2, 3; k = 1: only sample 2 (nothing above its 0.3)
        assertEquals(0.75, once(new TopKCategoricalAccuracy(2), P, ONE_HOT, 4, 4));
        assertEquals(0.25, once(new TopKCategoricalAccuracy(1), P, ONE_HOT, 4, 4));
        // k = 3: sample 1's 0.1 still has 3 above it
        assertEquals(0.75, once(new TopKCategoricalAccuracy(3), P, ONE_HOT, 4, 4));
        assertEquals(1.0, once(new TopKCategoricalAccuracy(4), P, ONE_HOT, 4, 4));
    }

    @Test
    void sparseTopKByHand() {
        assertEquals(0.75, once(new SparseTopKCategoricalAccuracy(2), P, INDICES, 4, 4));
        assertEquals(0.25, once(new SparseTopKCategoricalAccuracy(1), P, INDICES, 4, 4));
    }

    @Test
    void namesAndDefaults() {
        TopKCategoricalAccuracy topK = new TopKCategoricalAccuracy();
        assertEquals("top_k_categorical_accuracy", topK.name());
        assertEquals(5, topK.k());
        SparseTopKCategoricalAccuracy sparse = new SparseTopKCategoricalAccuracy();
        assertEquals("sparse_top_k_categorical_accuracy", sparse.name());
        assertEquals(5, sparse.k());
        assertEquals("top3", new TopKCategoricalAccuracy("top3", 3).name());
    }

    @Test
    void aTargetThatIsNotAClassIndexIsNeverAHit() {
        // every class is in the top 4 of 4, yet -1, 4 and 1.5 are no class
        float[] p = new float[16];
        assertEquals(0.25, once(new SparseTopKCategoricalAccuracy(4), p, new float[] {-1, 4, 1.5f, 3}, 4, 4));
    }

    @Test
    void aNaNPredictionOfTheTargetClassCountsAsMinusInfinity() {
        float[] p = {Float.NaN, 0.1f, 0.2f};
        float[] target = {1, 0, 0};
        assertEquals(0.0, once(new TopKCategoricalAccuracy(2), p, target, 1, 3), "0.1 and 0.2 are above -inf");
        assertEquals(1.0, once(new TopKCategoricalAccuracy(3), p, target, 1, 3));
    }

    @Test
    void kBelowOneIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TopKCategoricalAccuracy(0));
        assertEquals("k: expected at least 1, found 0", e.getMessage());
        var sparse = assertThrows(IllegalArgumentException.class, () -> new SparseTopKCategoricalAccuracy(-2));
        assertEquals("k: expected at least 1, found -2", sparse.getMessage());
    }

    @Test
    void sparseTargetsAreOneIndexPerSample() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new SparseTopKCategoricalAccuracy(2).update(P, new float[3], 4, 4));
        assertEquals("targets: expected 4 samples x 1 values = 4, found an array of 3", e.getMessage());
    }

    /**
     * The reference: sort the sample's predictions in descending order and take the k-th largest
     * value; the target is in the top k when its prediction reaches it (the definition of Keras'
     * NumPy and PyTorch backends, a tie at the k-th place included).
     */
    private static boolean referenceHit(float[] p, int row, int outputs, int target, int k) {
        float[] sorted = Arrays.copyOfRange(p, row * outputs, (row + 1) * outputs);
        Arrays.sort(sorted);
        float kthLargest = sorted[outputs - Math.min(k, outputs)];
        return p[row * outputs + target] >= kthLargest;
    }

    @Test
    void matchesSortingOnRandomDataWithTies() {
        SplittableRandom random = new SplittableRandom(7);
        int n = 500;
        int outputs = 8;
        for (boolean ties : new boolean[] {false, true}) {
            float[] p = new float[n * outputs];
            for (int i = 0; i < p.length; i++) {
                // with ties: one decimal, so most rows repeat a value
                p[i] = ties ? random.nextInt(10) / 10f : (float) random.nextDouble();
            }
            float[] indices = new float[n];
            float[] oneHot = new float[n * outputs];
            for (int r = 0; r < n; r++) {
                int target = random.nextInt(outputs);
                indices[r] = target;
                oneHot[r * outputs + target] = 1;
            }
            for (int k = 1; k <= outputs; k++) {
                int hits = 0;
                for (int r = 0; r < n; r++) {
                    hits += referenceHit(p, r, outputs, (int) indices[r], k) ? 1 : 0;
                }
                double expected = (double) hits / n;
                assertEquals(expected, once(new TopKCategoricalAccuracy(k), p, oneHot, n, outputs), "k " + k);
                assertEquals(expected, once(new SparseTopKCategoricalAccuracy(k), p, indices, n, outputs), "k " + k);
            }
        }
    }
}
