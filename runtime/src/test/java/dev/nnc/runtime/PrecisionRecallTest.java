package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrecisionRecallTest {

    private static double once(Metric metric, float[] predictions, float[] targets, int n, int outputs) {
        metric.update(predictions, targets, n, outputs);
        return metric.result();
    }

    @Test
    void kerasDocumentationExample() {
        // keras.metrics.Precision().update_state([0, 1, 1, 1], [1, 0, 1, 1]) -> 0.6666667:
        // predicted positive: samples 0, 2, 3, of which 2 and 3 are positive
        float[] y = {0, 1, 1, 1};
        float[] p = {1, 0, 1, 1};
        assertEquals(2.0 / 3, once(new Precision(), p, y, 4, 1), 1e-12);
        // positives: samples 1, 2, 3, of which 2 and 3 are found
        assertEquals(2.0 / 3, once(new Recall(), p, y, 4, 1), 1e-12);
    }

    // p > 0.5: 0.6, 0.9, 0.7 (0.5 is not above). TP 0.6, 0.7; FP 0.9; FN 0.5, 0.4; TN 0.2
    private static final float[] P = {0.2f, 0.6f, 0.5f, 0.9f, 0.7f, 0.4f};
    private static final float[] Y = {0, 1, 1, 0, 1, 1};

    @Test
    void countsAtTheDefaultThresholdByHand() {
        Precision precision = new Precision();
        precision.update(P, Y, 6, 1);
        assertEquals(2, precision.truePositives());
        assertEquals(1, precision.falsePositives());
        assertEquals(2, precision.falseNegatives());
        assertEquals(1, precision.trueNegatives());
        assertEquals(2.0 / 3, precision.result(), 1e-12);
        assertEquals(2.0 / 4, once(new Recall(), P, Y, 6, 1), 1e-12);
    }

    @Test
    void anotherThreshold() {
        // p > 0.3: all but 0.2. TP 0.6, 0.5, 0.7, 0.4; FP 0.9; FN none
        assertEquals(4.0 / 5, once(new Precision(0.3f), P, Y, 6, 1), 1e-12);
        assertEquals(1.0, once(new Recall(0.3f), P, Y, 6, 1), 1e-12);
        assertEquals(0.3f, new Recall(0.3f).threshold());
    }

    @Test
    void everyOutputIsOneDecisionAndAnyNonZeroTargetIsPositive() {
        // the same six values as two samples of three outputs: the same counts
        assertEquals(2.0 / 3, once(new Precision(), P, Y, 2, 3), 1e-12);
        assertEquals(2.0 / 4, once(new Recall(), P, Y, 2, 3), 1e-12);
        // Keras casts the target to bool: 2 and 0.3 are positive
        float[] y = {0, 2, 0.3f, 0, 1, 1};
        assertEquals(2.0 / 3, once(new Precision(), P, y, 6, 1), 1e-12);
    }

    @Test
    void anUndefinedRatioIsZeroOnceSomethingIsSeenAndNaNBefore() {
        assertTrue(Double.isNaN(new Precision().result()));
        assertTrue(Double.isNaN(new Recall().result()));
        // nothing predicted positive: TP + FP = 0
        assertEquals(0.0, once(new Precision(), new float[] {0.1f, 0.2f}, new float[] {1, 0}, 2, 1));
        // no positive target: TP + FN = 0
        assertEquals(0.0, once(new Recall(), new float[] {0.9f, 0.2f}, new float[] {0, 0}, 2, 1));
    }

    @Test
    void thresholdsOutsideZeroToOneAreRefusedAsKerasDoes() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Precision(1.5f));
        assertEquals("threshold: expected a value in [0, 1], found 1.5", e.getMessage());
        var nan = assertThrows(IllegalArgumentException.class, () -> new Recall(Float.NaN));
        assertEquals("threshold: expected a value in [0, 1], found NaN", nan.getMessage());
        assertEquals(0f, new Precision(0f).threshold(), "0, for logits, is allowed");
    }

    @Test
    void names() {
        assertEquals("precision", new Precision().name());
        assertEquals("recall", new Recall().name());
        assertEquals("p", new Precision("p", 0.5f).name());
    }

    @Test
    void matchesCountingOnRandomData() {
        SplittableRandom random = new SplittableRandom(11);
        int n = 400;
        int outputs = 3;
        float[] p = new float[n * outputs];
        float[] y = new float[n * outputs];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) random.nextDouble();
            y[i] = random.nextInt(3) == 0 ? 1 : 0;
        }
        for (float threshold : new float[] {0f, 0.25f, 0.5f, 0.9f, 1f}) {
            // the reference: count the four cells directly
            long tp = 0;
            long fp = 0;
            long fn = 0;
            for (int i = 0; i < p.length; i++) {
                boolean predicted = p[i] > threshold;
                tp += predicted && y[i] == 1 ? 1 : 0;
                fp += predicted && y[i] == 0 ? 1 : 0;
                fn += !predicted && y[i] == 1 ? 1 : 0;
            }
            double precision = tp + fp == 0 ? 0 : tp / (double) (tp + fp);
            double recall = tp / (double) (tp + fn);
            assertEquals(precision, once(new Precision(threshold), p, y, n, outputs), 1e-12, "t " + threshold);
            assertEquals(recall, once(new Recall(threshold), p, y, n, outputs), 1e-12, "t " + threshold);
        }
    }
}
