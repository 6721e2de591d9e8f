package dev.nnc.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnc.runtime.DoubleModel;
import dev.nnc.runtime.Evaluation;
import dev.nnc.runtime.Model;
import dev.nnc.runtime.OptimizerState;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The edges of every call of a generated model ({@code Model}'s "Array lengths"): an array whose
 * length is not what the call implies, and a count too large for an array, are refused with the
 * argument and both numbers, before anything is allocated or changed.
 */
class CallEdgesTest {

    /** XorNet: 2 inputs, 1 output. */
    private static final float[] TWO_SAMPLES = {0, 1, 1, 0};

    @Test
    void predictTakesEveryWholeSampleOfItsArray() {
        Model model = new XorNet();
        float[] both = model.predictBatch(TWO_SAMPLES, 2);
        // as Keras' predict(x): the sample count is the array's
        assertArrayEquals(both, model.predict(TWO_SAMPLES));
        float[] out = new float[2];
        model.predict(TWO_SAMPLES, out);
        assertArrayEquals(both, out);
        assertArrayEquals(new float[] {both[1]}, model.predict(new float[] {1, 0}));
    }

    @Test
    void predictRefusesAPartialSampleOrNone() {
        Model model = new XorNet();
        assertRefused("inputs: expected a multiple of 2 values, found 3 (1 sample and 1 value left over)",
                () -> model.predict(new float[3]));
        assertRefused("inputs: expected a multiple of 2 values, found 3 (1 sample and 1 value left over)",
                () -> model.predict(new float[3], new float[1]));
        assertRefused("inputs: expected at least 1 sample of 2 values, found an empty array", () -> model.predict(new float[0]));
    }

    @Test
    void predictIntoAnArrayNeedsItExactlyAsLongAsThePredictions() {
        Model model = new XorNet();
        assertRefused("outputs: expected exactly 1 samples x 1 values = 1, found an array of 2",
                () -> model.predict(new float[] {0, 1}, new float[2]));
        assertRefused("outputs: expected exactly 2 samples x 1 values = 2, found an array of 1",
                () -> model.predict(TWO_SAMPLES, new float[1]));
    }

    @Test
    void withNEveryArrayHoldsWholeSamples() {
        Model xor = new XorNet();
        assertRefused("inputs: expected a multiple of 2 values, found 5 (2 samples and 1 value left over)",
                () -> xor.predictBatch(new float[5], 2));
        Model softmax = Catalogue.model("CceSoftmaxF"); // 3 inputs, 3 outputs
        assertRefused("outputs: expected a multiple of 3 values, found 7 (2 samples and 1 value left over)",
                () -> softmax.predict(new float[6], 2, new float[7]));
        assertRefused("inputs: expected a multiple of 3 values, found 8 (2 samples and 2 values left over)",
                () -> softmax.predictClasses(new float[8], 2));
        assertRefused("inputs: expected a multiple of 3 values, found 4 (1 sample and 1 value left over)",
                () -> softmax.predictProba(new float[4], 1));
        // samples past n are not read
        float[] outputs = new float[9];
        softmax.predict(new float[9], 2, outputs);
        assertEquals(0f, outputs[6]);
    }

    @Test
    void aRefusedTrainingCallChangesNothing() {
        Model model = Catalogue.model("CceSoftmaxF");
        float[] x = {0.1f, 0.2f, 0.3f, -0.3f, 0.2f, 0.1f};
        float[] y = {1, 0, 0, 0, 0, 1};
        model.trainBatch(x, y, 2); // a step, so the optimizer state is not all zeros
        float[] weights = model.snapshot();
        float[] gradients = new float[model.parameterCount()];
        model.readGradients(gradients);
        OptimizerState state = model.optimizerState();
        Evaluation evaluation = new Evaluation(List.of());
        String partialTargets = "targets: expected a multiple of 3 values, found 7 (2 samples and 1 value left over)";
        String partialInputs = "inputs: expected a multiple of 3 values, found 7 (2 samples and 1 value left over)";
        float[] partial = {1, 0, 0, 0, 0, 1, 0};
        float[] partialX = {0.1f, 0.2f, 0.3f, -0.3f, 0.2f, 0.1f, 0.5f};
        assertRefused(partialTargets, () -> model.trainBatch(x, partial, 2));
        assertRefused(partialInputs, () -> model.trainBatch(partialX, y, 2));
        assertRefused(partialInputs, () -> model.computeGradients(partialX, y, 2));
        assertRefused(partialTargets, () -> model.evaluate(x, partial, 2, evaluation));
        assertRefused("sampleWeights: expected 2 samples x 1 values = 2, found an array of 1",
                () -> model.trainBatch(x, y, new float[1], 2));
        assertArrayEquals(weights, model.snapshot());
        float[] after = new float[model.parameterCount()];
        model.readGradients(after);
        assertArrayEquals(gradients, after);
        assertEquals(state, model.optimizerState());
        assertEquals(1, model.steps());
        assertEquals(0, evaluation.samples());
        assertTrue(model.isTraining(), "the refused calls did not switch to inference mode");
    }

    @Test
    void aSequenceSampleIsItsTimeStepsTimesItsFeatures() {
        Model model = Catalogue.model("RnnLastF"); // 5 time steps of 3 features, 2 outputs
        assertEquals(15, model.inputSize());
        assertEquals(4, model.predict(new float[30]).length);
        assertRefused("inputs: expected a multiple of 15 values, found 18 (1 sample and 3 values left over)",
                () -> model.predict(new float[18]));
        assertRefused("inputs: expected a multiple of 15 values, found 20 (1 sample and 5 values left over)",
                () -> model.trainBatch(new float[20], new float[2], 1));
    }

    @Test
    void doubleModelsFollowTheSameRule() {
        DoubleModel model = Catalogue.twin("MseLinearD"); // 3 inputs, 3 outputs
        double[] weights = new double[model.parameterCount()];
        model.readParameters(weights);
        assertRefused("inputs: expected a multiple of 3 values, found 5 (1 sample and 2 values left over)",
                () -> model.predict(new double[5], 1, new double[3]));
        assertRefused("targets: expected a multiple of 3 values, found 4 (1 sample and 1 value left over)",
                () -> model.computeGradients(new double[3], new double[4], 1));
        assertRefused("source: expected " + weights.length + " values, found " + (weights.length + 1),
                () -> model.writeParameters(new double[weights.length + 1]));
        double[] after = new double[model.parameterCount()];
        model.readParameters(after);
        assertArrayEquals(weights, after);
    }

    @Test
    void countsTooLargeForAnArrayAreRefusedBeforeAllocating() {
        // before: an OutOfMemoryError (XorNet) or an ArithmeticException (3 outputs) from sizing the result by n
        assertRefused("inputs: expected 2147483647 samples x 2 values = 4294967294, found an array of 4",
                () -> new XorNet().predictBatch(TWO_SAMPLES, Integer.MAX_VALUE));
        Model softmax = Catalogue.model("CceSoftmaxF");
        String tooFew = "inputs: expected 2147483647 samples x 3 values = 6442450941, found an array of 6";
        assertRefused(tooFew, () -> softmax.predictBatch(new float[6], Integer.MAX_VALUE));
        assertRefused(tooFew, () -> softmax.predictClasses(new float[6], Integer.MAX_VALUE));
        assertRefused(tooFew, () -> softmax.predictProba(new float[6], Integer.MAX_VALUE));
        assertRefused("n: the batch size must be at least 1, found -1", () -> softmax.predictClasses(new float[6], -1));
    }

    @Test
    void aMissingArgumentIsNamed() {
        Model model = new XorNet();
        model.setTraining(true);
        var into = assertThrows(NullPointerException.class, () -> model.evaluate(TWO_SAMPLES, new float[] {1, 0}, 2, null));
        assertEquals("into", into.getMessage());
        assertTrue(model.isTraining(), "the refused evaluate did not switch to inference mode");
        var state = assertThrows(NullPointerException.class, () -> model.setOptimizerState(null));
        assertEquals("state", state.getMessage());
        var inputs = assertThrows(NullPointerException.class, () -> model.predict(null));
        assertEquals("inputs", inputs.getMessage());
    }

    @Test
    void parametersAreReplacedByExactlyTheirCount() {
        Model model = new XorNet();
        float[] weights = model.snapshot();
        assertRefused("source: expected 17 values, found 18", () -> model.writeParameters(new float[18]));
        assertRefused("values: expected 8 values, found 9", () -> model.setParameters("hidden", "kernel", new float[9]));
        assertArrayEquals(weights, model.snapshot());
    }

    private static void assertRefused(String message, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(message, e.getMessage());
    }
}
