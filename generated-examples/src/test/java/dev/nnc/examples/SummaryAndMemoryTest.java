package dev.nnc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnc.runtime.Memory;
import dev.nnc.runtime.Model;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Model.memory() accounts for every array an instance holds; Model.summary() reads as Keras'. */
class SummaryAndMemoryTest {

    static Stream<Cases.Case> cases() {
        return Cases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void memoryCountsEveryArrayTheInstanceHolds(Cases.Case network) throws IllegalAccessException {
        Model model = network.model().get();
        model.predictBatch(new float[7 * model.inputSize()], 7);
        Memory memory = model.memory();
        assertEquals(arrayBytes(model), memory.total(), "the bytes of the instance's array fields, found by reflection");
        assertEquals(fieldBytes(model, "gradients"), memory.gradients());
        assertEquals(fieldBytes(model, "state"), memory.optimizerState());
        assertEquals(7, memory.capacity());
        assertTrue(memory.weights() >= 4L * model.parameterCount(), "weights hold the parameters");
    }

    @Test
    void aPredictorHoldsNoGradientsAndNoOptimizerState() {
        Memory memory = new ForecastNet().newPredictor().memory();
        assertEquals(0, memory.gradients());
        assertEquals(0, memory.optimizerState());
    }

    @Test
    void theForecasterIsSummarisedAsKerasWouldTable() {
        String summary = new ForecastNet().summary();
        // LSTM(32) over 1 feature: 4 * 32 * (1 + 32 + 1); LSTM(16) over 32: 4 * 16 * (32 + 16 + 1); Dense 16 -> 1
        assertTrue(summary.startsWith("""
                Model: "ForecastNet"
                ___________________________________________________________
                 Layer (type)         Output Shape     Param #   Activation
                ===========================================================
                 lstm1 (LSTM)         (None, 24, 32)     4,352   tanh
                 dropout1 (Dropout)   (None, 24, 32)         0   linear
                 lstm2 (LSTM)         (None, 16)         3,136   tanh
                 dropout2 (Dropout)   (None, 16)             0   linear
                 output (Dense)       (None, 1)             17   linear
                ===========================================================
                Total params: 7,505 (29.32 KB)
                Trainable params: 7,505 (29.32 KB)
                Non-trainable params: 0 (0.00 B)
                Memory: weights"""), summary);
    }

    @Test
    void aFlattenedSequenceIsSummarisedAsKerasWouldTable() {
        Cases.Case flattened = Cases.all().stream().filter(c -> c.name().startsWith("LSTM returning sequences, flattened"))
                .findFirst().orElseThrow();
        String summary = flattened.model().get().summary();
        // 5 steps of the LSTM's 3 units, one after another; no parameters
        assertTrue(summary.matches("(?s).*\n flatten \\(Flatten\\) +\\(None, 15\\) +0 +linear\n.*"), summary);
    }

    private static long fieldBytes(Object model, String name) throws IllegalAccessException {
        try {
            Field field = model.getClass().getDeclaredField(name);
            field.setAccessible(true);
            return 4L * Array.getLength(field.get(model));
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }

    /** The bytes of every primitive array an instance's fields hold, but the flags of its frozen layers. */
    private static long arrayBytes(Object model) throws IllegalAccessException {
        long bytes = 0;
        for (Field field : model.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || !field.getType().isArray()
                    || !field.getType().getComponentType().isPrimitive() || field.getName().equals("trains")) {
                continue;
            }
            field.setAccessible(true);
            Object array = field.get(model);
            if (array != null) {
                bytes += (long) Array.getLength(array) * (field.getType().getComponentType() == double.class ? 8 : 4);
            }
        }
        return bytes;
    }
}
