package dev.nnc.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnc.runtime.Model;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The same seed gives bit-identical weights and training runs. */
class DeterminismTest {

    @Test
    void sameSeedGivesIdenticalWeights() {
        assertArrayEquals(new CurveNet().snapshot(), new CurveNet().snapshot());
        assertFalse(Arrays.equals(new CurveNet().snapshot(), Catalogue.model("CceSoftmaxF").snapshot()));
    }

    @Test
    void sameSeedGivesIdenticalTrainingRuns() {
        assertArrayEquals(train(new CurveNet()), train(new CurveNet()));
    }

    @Test
    void initialWeightsFollowTheirInitializer() {
        // CurveNet's ReLU layers are He uniform: |w| <= sqrt(6 / fanIn); its linear output is Glorot uniform.
        Model model = new CurveNet();
        assertWithin(model.parameters("hidden1", "kernel"), Math.sqrt(6.0 / 1));
        assertWithin(model.parameters("hidden2", "kernel"), Math.sqrt(6.0 / 32));
        assertWithin(model.parameters("output", "kernel"), Math.sqrt(6.0 / (32 + 1)));
        for (float b : model.parameters("hidden1", "bias")) {
            assertEquals(0f, b);
        }
    }

    private static void assertWithin(float[] values, double limit) {
        double largest = 0;
        for (float v : values) {
            largest = Math.max(largest, Math.abs(v));
        }
        assertTrue(largest <= limit, "largest " + largest + " exceeds " + limit);
        assertTrue(largest > 0.5 * limit, "largest " + largest + " is not spread up to " + limit);
    }

    private static float[] train(Model model) {
        Random random = new Random(3);
        float[] x = new float[64];
        float[] y = new float[64];
        for (int i = 0; i < 64; i++) {
            x[i] = random.nextFloat() * 4 - 2;
            y[i] = (float) (Math.sin(x[i]) + x[i] * x[i] + 1);
        }
        for (int step = 0; step < 50; step++) {
            model.trainBatch(x, y, 64);
        }
        return model.snapshot();
    }
}
