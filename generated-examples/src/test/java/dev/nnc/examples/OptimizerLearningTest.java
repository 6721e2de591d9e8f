package dev.nnc.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnc.annotations.OptimizerType;
import dev.nnc.runtime.Evaluation;
import dev.nnc.runtime.Model;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every optimizer lowers the loss of one fixed regression problem: 3 inputs, 2 smooth targets. */
class OptimizerLearningTest {

    private static final Map<OptimizerType, Supplier<Model>> MODELS = new EnumMap<>(Map.of(
            OptimizerType.SGD, () -> Catalogue.model("MomentumSgdNet"),
            OptimizerType.ADAGRAD, () -> Catalogue.model("AdagradNet"),
            OptimizerType.RMSPROP, () -> Catalogue.model("RmspropNet"),
            OptimizerType.ADAM, () -> Catalogue.model("AdamNet"),
            OptimizerType.ADAMW, () -> Catalogue.model("AdamwNet"),
            OptimizerType.NADAM, () -> Catalogue.model("NadamNet"),
            OptimizerType.ADAMAX, () -> Catalogue.model("AdamaxNet"),
            OptimizerType.LION, () -> Catalogue.model("LionNet")));

    private static final int SAMPLES = 64;
    private static final int STEPS = 300;

    @Test
    void everyOptimizerTypeHasAModel() {
        for (OptimizerType type : OptimizerType.values()) {
            assertTrue(MODELS.containsKey(type), type + " has no model here or step test in OptimizerStepTest");
        }
    }

    @ParameterizedTest
    @EnumSource(OptimizerType.class)
    void halvesTheLossOfAFixedRegression(OptimizerType type) {
        Model model = MODELS.get(type).get();
        Random random = new Random(3);
        float[] x = new float[SAMPLES * 3];
        float[] y = new float[SAMPLES * 2];
        for (int r = 0; r < SAMPLES; r++) {
            float a = random.nextFloat() * 2 - 1;
            float b = random.nextFloat() * 2 - 1;
            float c = random.nextFloat() * 2 - 1;
            x[r * 3] = a;
            x[r * 3 + 1] = b;
            x[r * 3 + 2] = c;
            y[r * 2] = (float) Math.sin(2 * a) + b * c;
            y[r * 2 + 1] = 0.5f * a - b * b;
        }
        float before = model.evaluate(x, y, SAMPLES, new Evaluation(List.of()));
        for (int step = 0; step < STEPS; step++) {
            model.trainBatch(x, y, SAMPLES);
        }
        float after = model.evaluate(x, y, SAMPLES, new Evaluation(List.of()));
        assertTrue(after < 0.5f * before, type + ": loss " + before + " -> " + after + " in " + STEPS + " steps");
    }
}
