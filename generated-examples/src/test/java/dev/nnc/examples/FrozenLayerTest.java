package dev.nnc.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnc.runtime.LayerInfo;
import dev.nnc.runtime.Model;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Frozen layers: declared {@code @Layer(trainable = false)}, their parameters come after the
 * trainable ones, get no gradient and never move; trainable layers can be frozen and thawed at run
 * time. (The gradient check covers the gradients of the trainable layers around a frozen one.)
 */
class FrozenLayerTest {

    private static final int BATCH = 6;

    @Test
    void aDeclaredFrozenLayerNeverMovesAndComesLast() {
        Model model = Catalogue.model("FrozenMiddleF");
        LayerInfo frozen = model.layers().get(1);
        assertFalse(frozen.trainable());
        assertFalse(model.isTrainable("hidden2"));
        int trainable = model.layers().get(0).parameterCount() + model.layers().get(2).parameterCount();
        assertEquals(trainable, frozen.tensor("kernel").offset(), "frozen tensors follow the trainable ones");
        float[] before = model.parameters("hidden2", "kernel");
        float[] slopes = model.parameters("hidden2", "alpha");
        float[] output = model.parameters("output", "kernel");
        train(model, 5);
        assertArrayEquals(before, model.parameters("hidden2", "kernel"));
        assertArrayEquals(slopes, model.parameters("hidden2", "alpha"));
        assertFalse(java.util.Arrays.equals(output, model.parameters("output", "kernel")), "the output layer trains");
        float[] gradients = new float[model.parameterCount()];
        model.readGradients(gradients);
        for (int i = trainable; i < gradients.length; i++) {
            assertEquals(0f, gradients[i], "gradient " + i + " of the frozen layer");
        }
    }

    @Test
    void aDeclaredFrozenLayerCannotBeThawed() {
        Model model = Catalogue.model("FrozenMiddleF");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.setTrainable("hidden2", true));
        assertEquals("layer 'hidden2' is declared @Layer(trainable = false) and cannot be thawed; declare it trainable", e.getMessage());
        model.setTrainable("hidden2", false);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> model.setTrainable("nope", false));
        assertEquals("no layer 'nope' in FrozenMiddleF; layers are [hidden1, hidden2, output]", unknown.getMessage());
    }

    @Test
    void aLayerFrozenAtRunTimeStopsAndResumes() {
        Model model = Catalogue.model("AdamNet");
        train(model, 2);
        model.setTrainable("hidden", false);
        assertFalse(model.isTrainable("hidden"));
        float[] hidden = model.parameters("hidden", "kernel");
        float[] output = model.parameters("output", "kernel");
        train(model, 3);
        assertArrayEquals(hidden, model.parameters("hidden", "kernel"), "a frozen layer does not move, momentum or not");
        assertFalse(java.util.Arrays.equals(output, model.parameters("output", "kernel")));
        float[] gradients = new float[model.parameterCount()];
        model.readGradients(gradients);
        LayerInfo layer = model.layers().get(0);
        int from = layer.tensor("kernel").offset();
        for (int i = from; i < from + layer.parameterCount(); i++) {
            assertEquals(0f, gradients[i], "gradient " + i + " of the frozen layer");
        }
        model.setTrainable("hidden", true);
        assertTrue(model.isTrainable("hidden"));
        train(model, 1);
        assertFalse(java.util.Arrays.equals(hidden, model.parameters("hidden", "kernel")), "thawed, it trains again");
    }

    private static void train(Model model, int steps) {
        Random random = new Random(4);
        float[] x = Cases.toFloat(Cases.uniform(BATCH * model.inputSize(), random));
        float[] y = Cases.toFloat(Cases.uniform(BATCH * model.outputSize(), random));
        for (int step = 0; step < steps; step++) {
            model.trainBatch(x, y, BATCH);
        }
    }
}
