package dev.nnc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo's networks learn what they are for, with fixed seeds, each within its time budget. */
class LearningTest {

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void xorReachesFullAccuracy() {
        XorExample.Result result = XorExample.run(null);
        assertEquals(1.0, result.accuracy());
        float[] p = result.predictions();
        assertTrue(p[0] < 0.1 && p[1] > 0.9 && p[2] > 0.9 && p[3] < 0.1, java.util.Arrays.toString(p));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void curveRegressionReachesR2OnHeldOutPoints() {
        CurveExample.Result result = CurveExample.run(null);
        assertTrue(result.r2() >= 0.99, "R^2 on held-out points: " + result.r2());
        // The test metric agrees with an R^2 computed here from the predictions.
        float[] x = new float[201];
        double mean = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] = -2 + 4f * i / 200;
            mean += CurveExample.curve(x[i]);
        }
        mean /= x.length;
        float[] p = result.model().predictBatch(x, x.length);
        double residual = 0;
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            double y = CurveExample.curve(x[i]);
            residual += (y - p[i]) * (y - p[i]);
            total += (y - mean) * (y - mean);
        }
        assertEquals(1 - residual / total, result.r2(), 1e-6);
    }
}
