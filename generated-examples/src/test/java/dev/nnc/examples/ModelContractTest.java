package dev.nnc.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnc.runtime.LayerInfo;
import dev.nnc.runtime.Model;
import dev.nnc.runtime.Predictor;
import dev.nnc.runtime.TensorInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the generated class promises through {@link Model}: metadata, modes, parameters and clear errors. */
class ModelContractTest {

    @Test
    void layersDescribeShapesActivationsAndTensors() {
        Model model = new XorNet();
        List<LayerInfo> layers = model.layers();
        assertEquals(2, layers.size());
        LayerInfo hidden = layers.get(0);
        assertEquals("hidden", hidden.name());
        assertEquals("DENSE", hidden.kind());
        assertEquals(List.of(2), hidden.inputShape());
        assertEquals(List.of(4), hidden.outputShape());
        assertEquals("TANH", hidden.activation());
        assertEquals(new TensorInfo("kernel", 0, List.of(2, 4)), hidden.tensor("kernel"));
        assertEquals(new TensorInfo("bias", 8, List.of(4)), hidden.tensor("bias"));
        assertEquals(12, hidden.parameterCount());
        assertEquals(17, model.parameterCount());
        assertEquals("binary_crossentropy", model.loss());
        assertEquals(2, model.inputSize());
        assertEquals(1, model.outputSize());
        assertEquals("XorNet", model.name());
    }

    @Test
    void layerWithoutBiasHasOnlyAKernel() {
        LayerInfo hidden2 = Catalogue.model("MseLinearF").layers().get(1);
        assertEquals(1, hidden2.tensors().size());
        assertEquals(13 * 31, hidden2.parameterCount());
    }

    @Test
    void parametersCanBeReadAndWrittenByLayer() {
        Model model = new XorNet();
        float[] kernel = {1, 2, 3, 4, 5, 6, 7, 8};
        model.setParameters("hidden", "kernel", kernel);
        assertArrayEquals(kernel, model.parameters("hidden", "kernel"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> model.parameters("hiden", "kernel"));
        assertTrue(error.getMessage().contains("no layer 'hiden'"), error.getMessage());
        assertTrue(error.getMessage().contains("[hidden, output]"), error.getMessage());
    }

    @Test
    void snapshotAndRestoreRoundTrip() {
        Model model = new XorNet();
        float[] before = model.snapshot();
        model.trainBatch(new float[] {0, 1}, new float[] {1}, 1);
        assertFalse(java.util.Arrays.equals(before, model.snapshot()));
        model.restore(before);
        assertArrayEquals(before, model.snapshot());
    }

    @Test
    void modesFollowTheCalls() {
        Model model = new XorNet();
        model.trainBatch(new float[] {0, 1}, new float[] {1}, 1);
        assertTrue(model.isTraining());
        model.predict(new float[] {0, 1});
        assertFalse(model.isTraining());
        model.setTraining(true);
        assertTrue(model.isTraining());
    }

    @Test
    void learningRateChangesBetweenSteps() {
        Model model = Catalogue.model("PlainSgdNet");
        assertEquals(0.1, model.learningRate(), 1e-12);
        model.setLearningRate(0.5);
        assertEquals(0.5, model.learningRate());
        float[] x = {1, 2, 3};
        float[] y = {1, -1};
        model.computeGradients(x, y, 1);
        float[] g = new float[model.parameterCount()];
        model.readGradients(g);
        float[] w = model.snapshot();
        model.applyGradients();
        float[] after = model.snapshot();
        for (int i = 0; i < w.length; i++) {
            assertEquals(w[i] - 0.5f * g[i], after[i], 1e-6f);
        }
        // a rate of 0 is taken, as in Keras: the step moves nothing
        model.setLearningRate(0);
        model.computeGradients(x, y, 1);
        model.applyGradients();
        assertArrayEquals(after, model.snapshot());
        assertThrows(IllegalArgumentException.class, () -> model.setLearningRate(-0.1));
        assertThrows(IllegalArgumentException.class, () -> model.setLearningRate(Double.NaN));
    }

    @Test
    void predictorSharesWeightsButCannotTrain() {
        Model model = new XorNet();
        Predictor predictor = model.newPredictor();
        float[] x = {1, 0};
        float[] before = predictor.predict(x);
        assertArrayEquals(model.predict(x), before);
        model.trainBatch(x, new float[] {1}, 1);
        // the step shows through, in the weights and in the kernel mirrors the forward pass reads
        assertNotEquals(before[0], predictor.predict(x)[0]);
        assertArrayEquals(model.predict(x), predictor.predict(x));
        // a Predictor has no training calls; the instance behind it refuses them too
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> ((Model) predictor).trainBatch(x, new float[] {1}, 1));
        assertTrue(error.getMessage().contains("predictor"), error.getMessage());
    }

    @Test
    void wrongSizesAreNamed() {
        Model model = new XorNet();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> model.trainBatch(new float[] {0, 1, 1}, new float[] {1, 0}, 2));
        assertEquals("inputs: expected 2 samples x 2 values = 4, found an array of 3", error.getMessage());
        error = assertThrows(IllegalArgumentException.class,
                () -> model.trainBatch(new float[] {0, 1, 1, 0}, new float[] {1}, 2));
        assertEquals("targets: expected 2 samples x 1 values = 2, found an array of 1", error.getMessage());
        error = assertThrows(IllegalArgumentException.class, () -> model.predict(new float[] {0, 1}, 0, new float[1]));
        assertEquals("n: the batch size must be at least 1, found 0", error.getMessage());
        error = assertThrows(IllegalArgumentException.class, () -> model.writeParameters(new float[3]));
        assertEquals("source: expected 17 values, found 3", error.getMessage());
    }

    @Test
    void nanIsNamedWithItsIndex() {
        Model model = new XorNet();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> model.trainBatch(new float[] {0, 1, 1, Float.NaN}, new float[] {1, 0}, 2));
        assertEquals("inputs[3] is NaN (sample 1, value 1); inputs and targets must be finite", error.getMessage());
        error = assertThrows(IllegalArgumentException.class,
                () -> model.trainBatch(new float[] {0, 1, 1, 0}, new float[] {1, Float.POSITIVE_INFINITY}, 2));
        assertEquals("targets[1] is Infinity (sample 1, value 0); inputs and targets must be finite", error.getMessage());
        float[] weights = model.snapshot();
        weights[5] = Float.NaN;
        error = assertThrows(IllegalArgumentException.class, () -> model.writeParameters(weights));
        assertEquals("source[5] is NaN; values must be finite", error.getMessage());
    }

    @Test
    void categoricalTargetsMustBeDistributions() {
        Model model = Catalogue.model("CceSoftmaxF");
        float[] x = new float[6];
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> model.trainBatch(x, new float[] {1, 0, 0, 0.5f, 0, 0}, 2));
        assertTrue(error.getMessage().startsWith("targets: sample 1 sums to 0.5"), error.getMessage());
    }
}
