package dev.nnc.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A network that only predicts computes what its training twin computes, bit for bit, though it
 * keeps no pre-activation: the z-reading activations it declares (GELU, PReLU, ELU, SWISH, SELU,
 * MISH) then run in place on the layer's output.
 */
class PredictorTwinTest {

    private static float[] inputs(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextDouble() * 6 - 3);
        }
        return x;
    }

    private static List<String> preActivations(Class<?> type) {
        return Arrays.stream(type.getDeclaredFields()).map(Field::getName).filter(name -> name.endsWith("PreActivation")).sorted().toList();
    }

    @Test
    void theTrainingTwinKeepsEveryZAndThePredictorNone() {
        assertEquals(List.of("eluPreActivation", "geluPreActivation", "preluPreActivation", "seluPreActivation"),
                preActivations(SlopeFromZNet.class).stream().filter(name -> !name.contains("Norm")).toList());
        assertEquals(6, preActivations(SlopeFromZNet.class).size(), "the two normalisations' z too: " + preActivations(SlopeFromZNet.class));
        assertEquals(List.of(), preActivations(SlopeFromZPredictorNet.class));
    }

    @Test
    void thePredictorGivesItsTwinsBitsBeforeAndAfterTraining() {
        SlopeFromZNet model = new SlopeFromZNet();
        SlopeFromZPredictorNet predictor = new SlopeFromZPredictorNet();
        // the same seed draws the same weights into the same layout
        float[] weights = new float[model.parameterCount()];
        model.readParameters(weights);
        float[] predictorWeights = new float[predictor.parameterCount()];
        predictor.readParameters(predictorWeights);
        assertArrayEquals(weights, predictorWeights);

        float[] x = inputs(7, 1);
        assertArrayEquals(model.predictBatch(x, 7), predictor.predictBatch(x, 7));

        float[] targets = new float[7 * 3];
        Arrays.fill(targets, 0.5f);
        for (int step = 0; step < 5; step++) {
            model.trainBatch(inputs(7, 10 + step), targets, null, 7);
        }
        model.readParameters(weights);
        predictor.writeParameters(weights);
        float[] y = inputs(9, 2);
        float[] expected = model.predictBatch(y, 9);
        assertArrayEquals(expected, predictor.predictBatch(y, 9));
        for (float value : expected) {
            assertTrue(Float.isFinite(value), "a trained prediction is finite");
        }
    }
}
