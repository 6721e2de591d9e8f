package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AUCTest {

    private static double once(Metric metric, float[] predictions, float[] targets, int n, int outputs) {
        metric.update(predictions, targets, n, outputs);
        return metric.result();
    }

    @Test
    void kerasDocumentationExample() {
        // keras.metrics.AUC(num_thresholds=3).update_state([0, 0, 1, 1], [0, 0.5, 0.3, 0.9]) -> 0.75:
        // thresholds [-1e-7, 0.5, 1 + 1e-7]; tp = [2, 1, 0], fp = [2, 0, 0], fn = [0, 1, 2], tn = [0, 2, 2]
        // tpr = [1, 0.5, 0], fpr = [1, 0, 0]; area = (1 - 0) * (1 + 0.5) / 2 + (0 - 0) * (0.5 + 0) / 2 = 0.75
        assertEquals(0.75, once(new AUC(3), new float[] {0, 0.5f, 0.3f, 0.9f}, new float[] {0, 0, 1, 1}, 4, 1), 1e-12);
    }

    @Test
    void distinctBucketsGiveTheExactAreaByHand() {
        // with 200 thresholds, 0.1, 0.4, 0.6 and 0.8 fall in different buckets (19, 79, 119, 159), so the
        // area is the exact one: of the 4 (positive, negative) pairs, (0.4, 0.6) is ranked wrong: 3 / 4
        assertEquals(0.75, once(new AUC(), new float[] {0.1f, 0.4f, 0.6f, 0.8f}, new float[] {0, 1, 0, 1}, 4, 1),
                1e-12);
    }

    @Test
    void aPairInOneBucketCountsHalf() {
        // 0.5 * 199 = 99.5 and 0.502 * 199 = 99.9 both ceil to 100: bucket 99. The exact AUC of this one pair
        // is 1; the thresholds cannot tell the two apart, and the trapezoid gives the diagonal: 0.5
        assertEquals(0.5, once(new AUC(), new float[] {0.5f, 0.502f}, new float[] {0, 1}, 2, 1), 1e-12);
        // 0.51 * 199 = 101.49 ceils to 102: bucket 101, above the negative's
        assertEquals(1.0, once(new AUC(), new float[] {0.5f, 0.51f}, new float[] {0, 1}, 2, 1), 1e-12);
    }

    @Test
    void predictionsOutsideZeroToOneAreClippedAsKerasDoes() {
        // -3 and -0.5 both clip to 0 (bucket 0): a tie; 4 clips to 1, above the 0.7 of the negative
        float[] p = {-3, -0.5f, 4, 0.7f};
        float[] y = {0, 1, 1, 0};
        // pairs (positive, negative): (-0.5, -3) tie 1/2, (-0.5, 0.7) wrong 0, (4, -3) 1, (4, 0.7) 1: 2.5 / 4
        assertEquals(2.5 / 4, once(new AUC(), p, y, 4, 1), 1e-12);
    }

    @Test
    void oneClassOnlyIsZeroAsKerasAndNothingOrNaNIsNaN() {
        assertTrue(Double.isNaN(new AUC().result()));
        assertEquals(0.0, once(new AUC(), new float[] {0.2f, 0.9f}, new float[] {1, 1}, 2, 1));
        assertEquals(0.0, once(new AUC(), new float[] {0.2f, 0.9f}, new float[] {0, 0}, 2, 1));
        AUC auc = new AUC();
        assertTrue(Double.isNaN(once(auc, new float[] {0.2f, Float.NaN, 0.9f}, new float[] {0, 1, 1}, 3, 1)));
        auc.reset();
        assertEquals(1.0, once(auc, new float[] {0.2f, 0.9f}, new float[] {0, 1}, 2, 1), 1e-12, "reset forgets the NaN");
    }

    @Test
    void thresholdsAreCheckedAndNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> new AUC(1));
        assertEquals("numThresholds: expected at least 2, found 1", e.getMessage());
        assertEquals(200, new AUC().numThresholds());
        assertEquals("auc", new AUC(50).name());
        assertEquals("val", new AUC("val", 50).name());
        // two thresholds, -1e-7 and 1 + 1e-7: one bucket, every pair tied
        assertEquals(0.5, once(new AUC(2), new float[] {0.1f, 0.9f}, new float[] {0, 1}, 2, 1), 1e-12);
    }

    /** The exact ROC AUC by the Mann-Whitney U statistic: pairs ranked right over all pairs, ties counting half. */
    private static double mannWhitney(double[] scores, float[] y) {
        double pairs = 0;
        double right = 0;
        for (int i = 0; i < scores.length; i++) {
            for (int j = 0; j < scores.length; j++) {
                if (y[i] == 1 && y[j] == 0) {
                    pairs++;
                    right += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }
        return right / pairs;
    }

    /**
     * The thresholds of Keras' AUC, {@code -1e-7, 1/(T-1), ..., (T-2)/(T-1), 1 + 1e-7}, that the clipped
     * prediction exceeds: the rank of its bucket, computed from the definition rather than the formula.
     */
    private static double thresholdsExceeded(float prediction, int numThresholds) {
        double clipped = Math.min(Math.max(prediction, 0), 1);
        int exceeded = clipped > -1e-7 ? 1 : 0;
        for (int i = 1; i <= numThresholds - 2; i++) {
            exceeded += clipped > i / (numThresholds - 1.0) ? 1 : 0;
        }
        return exceeded + (clipped > 1 + 1e-7 ? 1 : 0);
    }

    @Test
    void equalsMannWhitneyOfTheBucketedPredictionsAndIsNearTheExactAUC() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 1200;
        for (int numThresholds : new int[] {200, 7}) {
            float[] p = new float[n];
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                y[i] = random.nextInt(3) == 0 ? 1 : 0;
                // an informative but imperfect score, a few outside [0, 1]
                p[i] = (float) (0.3 * y[i] + 0.85 * random.nextDouble() - 0.07);
            }
            double[] raw = new double[n];
            double[] bucketed = new double[n];
            for (int i = 0; i < n; i++) {
                raw[i] = p[i];
                bucketed[i] = thresholdsExceeded(p[i], numThresholds);
            }
            // streamed in uneven batches of 3 outputs per sample: flattened, so the same values
            AUC auc = new AUC(numThresholds);
            auc.update(p, y, 100, 3);
            auc.update(java.util.Arrays.copyOfRange(p, 300, n), java.util.Arrays.copyOfRange(y, 300, n), 300, 3);
            double keras = auc.result();
            assertEquals(mannWhitney(bucketed, y), keras, 1e-12, numThresholds + " thresholds");

            // Against the exact AUC, only a (positive, negative) pair in one bucket with different raw
            // scores can differ: it counts 1/2 instead of 0 or 1. So the error is at most half of them.
            double pairs = 0;
            double sharing = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (y[i] == 1 && y[j] == 0) {
                        pairs++;
                        sharing += bucketed[i] == bucketed[j] && raw[i] != raw[j] ? 1 : 0;
                    }
                }
            }
            double bound = 0.5 * sharing / pairs;
            double exact = mannWhitney(raw, y);
            assertTrue(Math.abs(keras - exact) <= bound + 1e-12,
                    numThresholds + " thresholds: " + keras + " vs exact " + exact + ", bound " + bound);
            if (numThresholds == 200) {
                // predictions spread over [0, 1]: about 1 pair in 199 shares a bucket
                assertTrue(bound < 0.005, "bound " + bound);
                assertEquals(exact, keras, 0.005);
            }
        }
    }
}
