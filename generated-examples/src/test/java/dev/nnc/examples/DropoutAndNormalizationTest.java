package dev.nnc.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnc.runtime.Model;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What dropout and batch normalisation do beyond their gradients: the masks, the two modes, and
 * the running statistics. The gradient check covers their backward passes, the forward reference
 * their inference.
 */
class DropoutAndNormalizationTest {

    private static final int N = 40;

    @Test
    void dropoutKeepsOneMinusRateOfTheValuesScaledAndZeroesTheRest() {
        // A net that is one dropout layer, on inputs of 1: under MSE with targets 0 the loss is
        // kept * s^2 (s = 1 / (1 - rate)); with targets s it is dropped * s^2. With the same mask,
        // the two add up to s^2 only if every kept value is exactly s and every dropped one 0.
        Model probe = Catalogue.model("DropoutProbe");
        int width = Catalogue.DROPOUT_PROBE_WIDTH;
        double rate = Catalogue.DROPOUT_PROBE_RATE;
        double scale = 1 / (1 - rate);
        float[] ones = new float[N * width];
        java.util.Arrays.fill(ones, 1);
        float[] scaled = new float[N * width];
        java.util.Arrays.fill(scaled, (float) scale);
        probe.reseed(7);
        double keptTimesScale2 = probe.computeGradients(ones, new float[N * width], N);
        probe.reseed(7);
        double droppedTimesScale2 = probe.computeGradients(ones, scaled, N);
        assertEquals(1, (keptTimesScale2 + droppedTimesScale2) / (scale * scale), 1e-5);

        double kept = keptTimesScale2 / (scale * scale);
        double sigma = Math.sqrt(rate * (1 - rate) / (N * width));
        assertTrue(Math.abs(kept - (1 - rate)) < 5 * sigma, "kept fraction " + kept + ", expected " + (1 - rate) + " +- " + 5 * sigma);
    }

    @Test
    void dropoutPassesValuesThroughInInference() {
        Model probe = Catalogue.model("DropoutProbe");
        float[] x = Cases.toFloat(Cases.uniform(3 * Catalogue.DROPOUT_PROBE_WIDTH, new Random(1)));
        assertArrayEquals(x, probe.predictBatch(x, 3));
        assertEquals(false, probe.isTraining());
    }

    @Test
    void aSeedRepeatsTheMasksAndAnotherDrawsOthers() {
        Model probe = Catalogue.model("DropoutProbe");
        float[] ones = new float[N * Catalogue.DROPOUT_PROBE_WIDTH];
        java.util.Arrays.fill(ones, 1);
        float[] zeros = new float[ones.length];
        probe.reseed(3);
        float first = probe.computeGradients(ones, zeros, N);
        assertTrue(probe.isTraining());
        probe.reseed(3);
        assertEquals(first, probe.computeGradients(ones, zeros, N));
        probe.reseed(4);
        assertNotEquals(first, probe.computeGradients(ones, zeros, N));
        // a new model's generator starts from its @Network seed
        assertEquals(Catalogue.model("DropoutProbe").computeGradients(ones, zeros, N),
                Catalogue.model("DropoutProbe").computeGradients(ones, zeros, N));
    }

    @Test
    void batchNormMovesItsRunningStatisticsByKerasMomentumAndTheOptimizerLeavesThemAlone() {
        Model model = Catalogue.model("BatchNormFirstF");   // momentum 0.9 on 3 input features
        Random random = new Random(5);
        float[] x = new float[N * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (3 + 2 * random.nextGaussian()) * (i % 3 + 1);
        }
        float[] y = Cases.toFloat(Cases.uniform(N * 2, random));
        model.trainBatch(x, y, N);
        float[] mean = model.parameters("norm", "moving_mean");
        float[] variance = model.parameters("norm", "moving_variance");
        for (int j = 0; j < 3; j++) {
            double batchMean = 0;
            for (int r = 0; r < N; r++) {
                batchMean += x[r * 3 + j] / (double) N;
            }
            double batchVariance = 0;
            for (int r = 0; r < N; r++) {
                batchVariance += (x[r * 3 + j] - batchMean) * (x[r * 3 + j] - batchMean) / N;
            }
            // from 0 and 1: moving = 0.9 * moving + 0.1 * batch (the population variance, as Keras)
            assertEquals(0.1 * batchMean, mean[j], 1e-5 * Math.abs(batchMean), "moving mean of feature " + j);
            assertEquals(0.9 + 0.1 * batchVariance, variance[j], 1e-5 * batchVariance, "moving variance of feature " + j);
        }
    }

    @Test
    void batchNormPredictsWithItsRunningStatistics() {
        Model model = Catalogue.model("BatchNormSwishF");
        Random random = new Random(9);
        float[] x = Cases.toFloat(Cases.uniform(N * 3, random));
        float[] y = Cases.toFloat(Cases.uniform(N * 2, random));
        for (int step = 0; step < 20; step++) {
            model.trainBatch(x, y, N);
        }
        float[] variance = model.parameters("norm", "moving_variance");
        assertTrue(variance[0] != 1, "the running variance moved");
        double[] expected = Reference.forward(model.layers(), Cases.toDouble(model.snapshot()), Cases.toDouble(x), N).output();
        float[] predicted = model.predictBatch(x, N);
        for (int i = 0; i < predicted.length; i++) {
            assertEquals(expected[i], predicted[i], 1e-5 * Math.abs(expected[i]) + 1e-6, "output " + i);
        }
    }
}
