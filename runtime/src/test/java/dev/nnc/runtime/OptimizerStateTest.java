package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link OptimizerState}: immutable, checked, and laid out in a generated model's strided buffer. */
class OptimizerStateTest {

    /** Adam-like slots in this order: a LinkedHashMap, so the order is the one written. */
    private static Map<String, float[]> slots(float[] first, float[] second) {
        Map<String, float[]> slots = new LinkedHashMap<>();
        slots.put("exp_avg", first);
        slots.put("exp_avg_sq", second);
        return slots;
    }

    private static OptimizerState adam(float[] first, float[] second) {
        return OptimizerState.of("adam", 10, 1e-3, slots(first, second), Map.of("beta1", 0.9));
    }

    private static void assertRejected(String message, Runnable construction) {
        var e = assertThrows(IllegalArgumentException.class, construction::run);
        assertEquals(message, e.getMessage());
    }

    @Test
    void ofCopiesItsArraysInAndSlotCopiesThemOut() {
        float[] first = {1, 2, 3};
        float[] second = {4, 5, 6};
        Map<String, Double> scalars = new LinkedHashMap<>(Map.of("beta1", 0.9));
        OptimizerState state = OptimizerState.of("adam", 10, 1e-3, slots(first, second), scalars);
        first[0] = 100;
        scalars.put("beta2", 0.999);
        assertArrayEquals(new float[] {1, 2, 3}, state.slot("exp_avg"), "after the caller's array changed");
        assertEquals(Map.of("beta1", 0.9), state.scalars(), "after the caller's map changed");

        float[] out = state.slot("exp_avg_sq");
        out[1] = -1;
        assertArrayEquals(new float[] {4, 5, 6}, state.slot("exp_avg_sq"), "after the copy handed out changed");
        assertThrows(UnsupportedOperationException.class, () -> state.scalars().put("beta2", 0.5));

        assertEquals("adam", state.optimizer());
        assertEquals(10, state.steps());
        assertEquals(1e-3, state.learningRate());
        assertEquals(List.of("exp_avg", "exp_avg_sq"), state.slotNames());
        assertEquals(0.9, state.scalar("beta1"));
    }

    @Test
    void lookupsNameWhatThereIs() {
        OptimizerState state = adam(new float[2], new float[2]);
        assertRejected("no slot 'momentum_buffer'; slots are [exp_avg, exp_avg_sq]", () -> state.slot("momentum_buffer"));
        assertRejected("no scalar 'beta2'; scalars are [beta1]", () -> state.scalar("beta2"));
    }

    @Test
    void equalStatesAreEqualByValue() {
        OptimizerState state = adam(new float[] {1, 2}, new float[] {3, 4});
        assertEquals(state, adam(new float[] {1, 2}, new float[] {3, 4}));
        assertEquals(state.hashCode(), adam(new float[] {1, 2}, new float[] {3, 4}).hashCode());
        assertNotEquals(state, adam(new float[] {1, 2}, new float[] {3, 5}));
        assertNotEquals(state, OptimizerState.of("adam", 11, 1e-3, slots(new float[] {1, 2}, new float[] {3, 4}),
                Map.of("beta1", 0.9)));
    }

    @Test
    void ofRejectsWhatNoOptimizerHolds() {
        assertRejected("steps: expected from 0 to 9223372036854775806, found -1",
                () -> OptimizerState.of("sgd", -1, 0.1, Map.of(), Map.of()));
        for (double rate : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertRejected("learningRate: expected a finite number at least 0, found " + rate,
                    () -> OptimizerState.of("sgd", 0, rate, Map.of(), Map.of()));
        }
        assertRejected("slot 'exp_avg_sq': expected 3 values as the slots before it, found 2",
                () -> adam(new float[3], new float[2]));
        assertRejected("slot 'exp_avg'[1] is NaN; values must be finite",
                () -> adam(new float[] {0, Float.NaN, 0}, new float[3]));
        assertRejected("slot 'exp_avg_sq'[2] is -Infinity; values must be finite",
                () -> adam(new float[3], new float[] {0, 0, Float.NEGATIVE_INFINITY}));
        assertRejected("scalar 'beta1': expected a finite value, found NaN",
                () -> OptimizerState.of("adam", 0, 0.1, Map.of(), Map.of("beta1", Double.NaN)));
        // the least there is: no step taken, no slot
        assertEquals(0, OptimizerState.of("sgd", 0, Double.MIN_VALUE, Map.of(), Map.of()).steps());
    }

    @Test
    void aSlotIsNamedAsTorchOptimsSlotOfAnOptimizerHere() {
        assertRejected("slot 'velocity' is no optimizer's slot; the slots are torch.optim's [exp_avg, exp_avg_sq, max_exp_avg_sq,"
                + " momentum_buffer, sum, square_avg, grad_avg, exp_inf]",
                () -> OptimizerState.of("sgd", 1, 0.1, Map.of("velocity", new float[] {1}), Map.of()));
    }

    @Test
    void aStateTheNextStepWouldTurnIntoNaNIsRefused() {
        // sums and averages of squares or magnitudes: Adam's, AMSGrad's, Adagrad's, RMSprop's, Adamax's
        for (String slot : List.of("exp_avg_sq", "max_exp_avg_sq", "sum", "square_avg", "exp_inf")) {
            assertRejected("slot '" + slot + "' holds -0.5 at element 2; it sums or averages squares or magnitudes, so it is at"
                    + " least 0", () -> OptimizerState.of("any", 1, 0.1, Map.of(slot, new float[] {1, 0, -0.5f}), Map.of()));
            assertEquals(-0f, OptimizerState.of("any", 1, 0.1, Map.of(slot, new float[] {-0f}), Map.of()).slot(slot)[0],
                    slot + ": negative zero is zero");
        }
        // a first moment, a momentum buffer or a centered average of gradients takes any sign
        for (String slot : List.of("exp_avg", "momentum_buffer", "grad_avg")) {
            assertEquals(-3, OptimizerState.of("any", 1, 0.1, Map.of(slot, new float[] {-3}), Map.of()).slot(slot)[0], slot);
        }
        // NAdam's product of momentum factors, each below 1, is from 0 (after it underflows) to 1 (before the first step)
        for (double outside : new double[] {-0.25, 1.5}) {
            assertRejected("scalar 'mu_product': expected NAdam's product of momentum factors, from 0 to 1, found " + outside,
                    () -> OptimizerState.of("nadam", 3, 0.1, Map.of(), Map.of("mu_product", outside)));
        }
        for (double inside : new double[] {0, 0.3, 1}) {
            assertEquals(inside, OptimizerState.of("nadam", 3, 0.1, Map.of(), Map.of("mu_product", inside)).scalar("mu_product"));
        }
        // the next step counts one more, past a long into a negative count
        assertRejected("steps: expected from 0 to 9223372036854775806, found 9223372036854775807",
                () -> OptimizerState.of("adam", Long.MAX_VALUE, 0.1, Map.of(), Map.of()));
        assertEquals(Long.MAX_VALUE - 1, OptimizerState.of("adam", Long.MAX_VALUE - 1, 0.1, Map.of(), Map.of()).steps());
    }

    /** Two slots of 4 parameters, 3 of them trained, 5 apart in the buffer; 99 where no slot value belongs. */
    private static final float[] BUFFER = {1, 2, 3, 99, 99, 4, 5, 6, 99, 99};

    @Test
    void readTakesTheTrainedValuesOfEachSlotAtItsStrideAndZeroesTheRest() {
        OptimizerState state = OptimizerState.read("adam", 4, 0.01, List.of("exp_avg", "exp_avg_sq"), BUFFER, 5, 3, 4,
                Map.of("beta1", 0.9));
        assertArrayEquals(new float[] {1, 2, 3, 0}, state.slot("exp_avg"));
        assertArrayEquals(new float[] {4, 5, 6, 0}, state.slot("exp_avg_sq"));
        assertEquals(4, state.steps());
        assertEquals(0.01, state.learningRate());
        assertEquals(List.of("exp_avg", "exp_avg_sq"), state.slotNames());
    }

    @Test
    void writePutsTheTrainedValuesBackWhereReadFoundThemAndNothingElse() {
        OptimizerState state = OptimizerState.read("adam", 4, 0.01, List.of("exp_avg", "exp_avg_sq"), BUFFER, 5, 3, 4,
                Map.of("beta1", 0.9));
        float[] buffer = {-7, -7, -7, -7, -7, -7, -7, -7, -7, -7};
        state.write("adam", List.of("exp_avg", "exp_avg_sq"), List.of("beta1"), buffer, 5, 3, 4);
        assertArrayEquals(new float[] {1, 2, 3, -7, -7, 4, 5, 6, -7, -7}, buffer);
    }

    @Test
    void writeTakesTheSlotsByNameInTheModelsOrderWhateverTheirOrderInTheState() {
        // a file re-saved by the reference writer comes back with its tensors sorted: exp_avg_sq may come first
        Map<String, float[]> reordered = new java.util.LinkedHashMap<>();
        reordered.put("exp_avg_sq", new float[] {4, 5, 6, 0});
        reordered.put("exp_avg", new float[] {1, 2, 3, 0});
        OptimizerState state = OptimizerState.of("adam", 4, 0.01, reordered, Map.of("beta1", 0.9));
        float[] buffer = {-7, -7, -7, -7, -7, -7, -7, -7, -7, -7};
        state.write("adam", List.of("exp_avg", "exp_avg_sq"), List.of("beta1"), buffer, 5, 3, 4);
        assertArrayEquals(new float[] {1, 2, 3, -7, -7, 4, 5, 6, -7, -7}, buffer);
    }

    /** {@code write} of {@code state} with these expectations fails with {@code message} and leaves the buffer as it was. */
    private static void assertWriteRefused(String message, OptimizerState state, String optimizer, List<String> slotNames,
            List<String> scalarNames, int parameters) {
        float[] buffer = {-7, -7, -7, -7, -7, -7, -7, -7, -7, -7};
        assertRejected(message, () -> state.write(optimizer, slotNames, scalarNames, buffer, 5, 3, parameters));
        assertArrayEquals(new float[] {-7, -7, -7, -7, -7, -7, -7, -7, -7, -7}, buffer, "the buffer after: " + message);
    }

    @Test
    void writeRefusesAStateOfAnotherOptimizerOrSetupAndWritesNothing() {
        OptimizerState state = adam(new float[] {1, 2, 3, 4}, new float[] {5, 6, 7, 8});
        List<String> slots = List.of("exp_avg", "exp_avg_sq");
        assertWriteRefused("optimizer state of 'adam', not of this model's 'adamw'", state, "adamw", slots,
                List.of("beta1"), 4);
        String differs = " (another setting such as amsgrad, momentum or centered?)";
        assertWriteRefused("optimizer state 'adam' with slots [exp_avg, exp_avg_sq] and scalars [beta1], this model's has"
                + " slots [exp_avg, exp_avg_sq, max_exp_avg_sq] and scalars [beta1]" + differs, state, "adam",
                List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq"), List.of("beta1"), 4);
        assertWriteRefused("optimizer state 'adam' with slots [exp_avg, exp_avg_sq] and scalars [beta1], this model's has"
                + " slots [exp_avg, exp_avg_sq] and scalars [beta1, beta2]" + differs, state, "adam", slots,
                List.of("beta1", "beta2"), 4);
        // every slot has one length (of checks it), so both are of the wrong one: the first is named, neither written
        assertWriteRefused("slot 'exp_avg': expected 5 values, one per parameter, found 4", state, "adam", slots,
                List.of("beta1"), 5);
    }
}
