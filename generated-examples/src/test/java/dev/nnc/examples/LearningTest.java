package dev.nnc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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

    /** Compiles the catalogue outside the timed tests. */
    @org.junit.jupiter.api.BeforeAll
    static void compileTheCatalogue() {
        Catalogue.model("WindowSum");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anLstmLearnsTheSumOfAWindow() {
        // 10 values from U(0, 1) per sample; the target, their sum, has variance 10 / 12 = 0.83
        dev.nnc.runtime.Model model = Catalogue.model("WindowSum");
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        dev.nnc.runtime.Dataset train = windowSums(4000, random);
        dev.nnc.runtime.Dataset test = windowSums(500, random);
        dev.nnc.runtime.Trainer.fit(model, train, dev.nnc.runtime.FitOptions.epochs(30).batchSize(32).seed(3).verbose(false));
        double mse = dev.nnc.runtime.Trainer.evaluate(model, test).get("loss");
        assertTrue(mse <= 0.01, "held-out MSE " + mse);
    }

    private static dev.nnc.runtime.Dataset windowSums(int count, java.util.SplittableRandom random) {
        float[] x = new float[count * 10];
        float[] y = new float[count];
        for (int i = 0; i < count; i++) {
            for (int t = 0; t < 10; t++) {
                x[i * 10 + t] = (float) random.nextDouble();
                y[i] += x[i * 10 + t];
            }
        }
        return dev.nnc.runtime.Dataset.of(x, 10, y, 1);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theForecasterBeatsTheNaiveForecastByAFifthAndReloadsAsItWas(@TempDir Path directory) throws IOException {
        ForecastExample.Result result = ForecastExample.run(1200, 15, null);
        assertTrue(result.rmse() <= 0.8 * result.naiveRmse(),
                "RMSE " + result.rmse() + " against the naive forecast's " + result.naiveRmse());
        assertTrue(ForecastExample.saveAndReload(result, directory.resolve("forecast.safetensors")),
                "the reloaded model or scaler differs");
    }
}
