package dev.nnc.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnc.runtime.Model;
import dev.nnc.runtime.Predictor;
import dev.nnc.runtime.SafeTensors;
import dev.nnc.runtime.SaveOptions;
import dev.nnc.runtime.StoredTensor;
import dev.nnc.runtime.Weights;
import dev.nnc.runtime.WeightsFormatException;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weights made by PyTorch, in the generated classes: {@code src/test/python/torch_fixture.py}
 * saved the {@code state_dict} of two {@code nn} models and their outputs on recorded inputs
 * (resources {@code /torch/}); the Java twins ({@link TorchMlp}, {@link TorchSequence}) load
 * those weights from the classpath and must give PyTorch's outputs. Between them the models hold
 * every layer kind with weights: Linear, BatchNorm1d (with its running statistics), LayerNorm,
 * LSTM, GRU and RNN.
 */
class TorchInterchangeTest {

    private static final double TOLERANCE = 1e-5;

    @Test
    void anMlpTrainedInPyTorchPredictsAsPyTorchDid() throws IOException {
        assertMatchesPyTorch(TorchMlpNet.pretrained(), "mlp_io.safetensors");
    }

    @Test
    void lstmGruAndRnnFromPyTorchPredictAsPyTorchDid() throws IOException {
        assertMatchesPyTorch(TorchSequenceNet.pretrained(), "sequence_io.safetensors");
    }

    @Test
    void aFileSavedHereIsPyTorchsStateDict(@TempDir Path directory) throws IOException {
        for (String name : new String[] {"mlp", "sequence"}) {
            SafeTensors torch = SafeTensors.read(fixture(name + ".safetensors"));
            Model model = name.equals("mlp") ? TorchMlpNet.pretrained() : TorchSequenceNet.pretrained();
            Path saved = directory.resolve(name + ".safetensors");
            Weights.save(model, saved);
            SafeTensors ours = SafeTensors.read(saved);

            Set<String> torchNames = new TreeSet<>(torch.tensors().keySet());
            assertEquals(torchNames, new TreeSet<>(ours.tensors().keySet()), name);
            for (String tensor : torchNames) {
                assertEquals(torch.tensor(tensor).shape(), ours.tensor(tensor).shape(), tensor);
                assertEquals(torch.tensor(tensor).dtype(), ours.tensor(tensor).dtype(), tensor);
                if (tensor.startsWith("lstm.bias") || tensor.startsWith("rnn.bias") || tensor.endsWith("num_batches_tracked")) {
                    continue;
                }
                assertArrayEquals(torch.floats(tensor), ours.floats(tensor), tensor);
            }
            // one Keras bias holds PyTorch's two: saved as bias_ih with a zero bias_hh, their sum kept
            for (String layer : name.equals("sequence") ? new String[] {"lstm", "rnn"} : new String[0]) {
                float[] ih = torch.floats(layer + ".bias_ih_l0");
                float[] hh = torch.floats(layer + ".bias_hh_l0");
                float[] sum = new float[ih.length];
                for (int i = 0; i < sum.length; i++) {
                    sum[i] = ih[i] + hh[i];
                }
                assertArrayEquals(sum, ours.floats(layer + ".bias_ih_l0"), layer);
                assertArrayEquals(new float[ih.length], ours.floats(layer + ".bias_hh_l0"), layer);
            }
        }
    }

    /**
     * The other direction, for {@code torch_fixture.py --check target/torch-check}: the twins
     * trained here a few steps (batch normalisation's statistics move too), their weights and
     * their outputs on new inputs. Here, the saved weights must reload into the same predictions.
     */
    @Test
    void javaTrainedWeightsAreWrittenForPyTorchToCheck() throws IOException {
        Path directory = Path.of("target", "torch-check");
        Files.createDirectories(directory);
        Random random = new Random(5);
        for (Model model : new Model[] {new TorchMlpNet(), new TorchSequenceNet()}) {
            for (int step = 0; step < 20; step++) {
                float[] targets = new float[8 * model.outputSize()];
                for (int r = 0; r < 8; r++) {
                    targets[r * model.outputSize() + random.nextInt(model.outputSize())] = 1;
                }
                model.trainBatch(gaussian(8 * model.inputSize(), random), targets, 8);
            }
            String name = model instanceof TorchMlpNet ? "mlp" : "sequence";
            float[] inputs = gaussian(5 * model.inputSize(), random);
            float[] outputs = model.predictBatch(inputs, 5);
            Weights.save(model, directory.resolve(name + ".safetensors"));
            long[] shape = model instanceof TorchMlpNet ? new long[] {5, 6} : new long[] {5, 7, 3};
            SafeTensors.of(Map.of("inputs", StoredTensor.f32(inputs, shape), "outputs", StoredTensor.f32(outputs, 5,
                    model.outputSize())), Map.of()).write(directory.resolve(name + "_io.safetensors"));

            Model reloaded = model instanceof TorchMlpNet ? new TorchMlpNet() : new TorchSequenceNet();
            Weights.load(reloaded, directory.resolve(name + ".safetensors"));
            assertArrayEquals(outputs, reloaded.predictBatch(inputs, 5), name);
        }
    }

    private static float[] gaussian(int count, Random random) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    @Test
    void gruGatesInKerasOrderWouldNotMatch() throws IOException, URISyntaxException {
        // the negative control: PyTorch's r and z blocks read as Keras' z and r (no reordering) move the outputs
        SafeTensors torch = SafeTensors.read(fixture("sequence.safetensors"));
        Map<String, StoredTensor> swapped = new LinkedHashMap<>(torch.tensors());
        for (String tensor : new String[] {"gru.weight_ih_l0", "gru.weight_hh_l0", "gru.bias_ih_l0", "gru.bias_hh_l0"}) {
            float[] values = torch.floats(tensor);
            int block = values.length / 3;
            float[] reordered = values.clone();
            System.arraycopy(values, 0, reordered, block, block);
            System.arraycopy(values, block, reordered, 0, block);
            long[] shape = torch.tensor(tensor).shape().stream().mapToLong(Long::longValue).toArray();
            swapped.put(tensor, StoredTensor.f32(reordered, shape));
        }
        TorchSequenceNet model = new TorchSequenceNet();
        Weights.load(model, SafeTensors.of(swapped, Map.of()).toBytes());
        SafeTensors io = SafeTensors.read(fixture("sequence_io.safetensors"));
        float[] outputs = model.predictBatch(io.floats("inputs"), 10);
        double largest = 0;
        float[] expected = io.floats("outputs");
        for (int i = 0; i < outputs.length; i++) {
            largest = Math.max(largest, Math.abs(outputs[i] - expected[i]));
        }
        assertTrue(largest > 1e-3, "swapping GRU's r and z moved no output by more than 1e-3: " + largest);
    }

    @Test
    void aTransposedWeightIsRefusedNamingBothShapes() throws IOException {
        SafeTensors torch = SafeTensors.read(fixture("mlp.safetensors"));
        Map<String, StoredTensor> tensors = new LinkedHashMap<>(torch.tensors());
        tensors.put("hidden.weight", StoredTensor.f32(torch.floats("hidden.weight"), 6, 16));
        TorchMlpNet model = new TorchMlpNet();
        float[] before = model.snapshot();
        WeightsFormatException e = assertThrows(WeightsFormatException.class,
                () -> Weights.load(model, SafeTensors.of(tensors, Map.of()).toBytes()));
        assertEquals("bytes: tensor 'hidden.weight': expected shape [16, 6], found [6, 16]", e.getMessage());
        assertArrayEquals(before, model.snapshot());
    }

    @Test
    void aNetworkDeclaredWithoutLossAndOptimizerOnlyPredicts() throws Exception {
        TorchMlpPredictorNet model = TorchMlpPredictorNet.pretrained();
        assertMatchesPyTorch(model, "mlp_io.safetensors");
        SafeTensors io = SafeTensors.read(fixture("mlp_io.safetensors"));
        float[] inputs = io.floats("inputs");
        assertArrayEquals(TorchMlpNet.pretrained().predictClasses(inputs, 10), model.predictClasses(inputs, 10));
        assertEquals(0, model.memory().gradients() + model.memory().optimizerState(), "no gradients, no optimizer state");
        // a Predictor and nothing more: no training calls, no backward pass, no gradient or optimizer arrays
        assertFalse(Model.class.isAssignableFrom(TorchMlpPredictorNet.class), "a Predictor, not a Model");
        Class<?> kernels = Class.forName(TorchMlpPredictorNet.class.getName() + "$Kernels");
        for (Method method : Stream.of(TorchMlpPredictorNet.class, kernels).flatMap(c -> Arrays.stream(c.getDeclaredMethods())).toList()) {
            String name = method.getName().toLowerCase(Locale.ROOT);
            assertFalse(name.contains("backward") || name.contains("gradient") || name.startsWith("train") || name.endsWith("trainable")
                    || name.contains("loss") || name.contains("optimizer"), "a method of the predictor: " + method);
        }
        for (Field field : TorchMlpPredictorNet.class.getDeclaredFields()) {
            assertFalse(List.of("gradients", "state", "deltaA", "deltaB", "learning", "steps").contains(field.getName()),
                    "a field of the predictor: " + field);
        }
        // it still takes weights, and shares them with predictors
        float[] weights = model.snapshot();
        model.writeParameters(weights);
        assertArrayEquals(model.predictBatch(inputs, 10), model.newPredictor().predictBatch(inputs, 10));
    }

    @Test
    void aNetworkThatOnlyPredictsLoadsATrainingCheckpointAndLeavesItsOptimizerStateUnapplied(@TempDir Path directory)
            throws IOException {
        // the training job's checkpoint: the weights after a step of Adam, and Adam's state
        TorchMlpNet trained = TorchMlpNet.pretrained();
        float[] inputs = SafeTensors.read(fixture("mlp_io.safetensors")).floats("inputs");
        float[] targets = new float[10 * 3];
        for (int r = 0; r < 10; r++) {
            targets[r * 3 + r % 3] = 1;
        }
        trained.trainBatch(inputs, targets, 10);
        Path checkpoint = directory.resolve("checkpoint.safetensors");
        Weights.save(trained, checkpoint, SaveOptions.weightsOnly().withOptimizerState());

        // the service's network, declared without @Loss and @Optimizer: the weights load, the state is checked and returned
        TorchMlpPredictorNet service = new TorchMlpPredictorNet();
        Weights.Loaded loaded = Weights.load(service, checkpoint);
        assertArrayEquals(trained.snapshot(), service.snapshot());
        assertEquals(trained.optimizerState(), loaded.optimizerState().orElseThrow());
        // Weights.resume takes a Model: a network that only predicts cannot be handed to it
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Weights.save(service, directory.resolve("state.safetensors"), SaveOptions.weightsOnly().withOptimizerState()));
        assertEquals("TorchMlpPredictorNet only predicts: it has no optimizer state to save", e.getMessage());
        assertFalse(Files.exists(directory.resolve("state.safetensors")));
    }

    @Test
    void aTrainedBodyLoadsUnderANewHead() throws IOException {
        TorchMlpHeadNet model = new TorchMlpHeadNet();
        float[] head = model.parameters("output", "kernel");
        List<String> taken = Weights.loadMatching(model, fixture("mlp.safetensors"));
        assertEquals(List.of("hidden.weight", "hidden.bias", "norm.weight", "norm.bias", "norm.running_mean", "norm.running_var",
                "features.weight", "features.bias", "layerNorm.weight", "layerNorm.bias"), taken,
                "every tensor of the body; the head's shapes differ");
        TorchMlpNet trained = TorchMlpNet.pretrained();
        for (String[] tensor : new String[][] {{"hidden", "kernel"}, {"norm", "moving_variance"}, {"features", "bias"},
                {"layerNorm", "gamma"}}) {
            assertArrayEquals(trained.parameters(tensor[0], tensor[1]), model.parameters(tensor[0], tensor[1]),
                    tensor[0] + "." + tensor[1]);
        }
        assertArrayEquals(head, model.parameters("output", "kernel"), "the new head keeps its own weights");
        // the whole file is refused by a checked load: it is another network's
        assertThrows(WeightsFormatException.class, () -> Weights.load(new TorchMlpHeadNet(), fixture("mlp.safetensors")));
    }

    @Test
    void biasesWhoseSumLeavesFloatsRangeAreRefused() throws IOException {
        SafeTensors torch = SafeTensors.read(fixture("sequence.safetensors"));
        Map<String, StoredTensor> tensors = new LinkedHashMap<>(torch.tensors());
        for (String bias : new String[] {"lstm.bias_ih_l0", "lstm.bias_hh_l0"}) {
            float[] values = torch.floats(bias);
            values[3] = 3e38f;
            tensors.put(bias, StoredTensor.f32(values, values.length));
        }
        TorchSequenceNet model = new TorchSequenceNet();
        float[] before = model.snapshot();
        WeightsFormatException e = assertThrows(WeightsFormatException.class,
                () -> Weights.load(model, SafeTensors.of(tensors, Map.of()).toBytes()));
        assertEquals("bytes: lstm.bias_ih_l0 + lstm.bias_hh_l0 is Infinity at element 3, past float's range", e.getMessage());
        assertArrayEquals(before, model.snapshot());
    }

    private static void assertMatchesPyTorch(Predictor model, String io) throws IOException {
        SafeTensors recorded = SafeTensors.read(fixture(io));
        float[] inputs = recorded.floats("inputs");
        float[] expected = recorded.floats("outputs");
        int n = expected.length / model.outputSize();
        float[] outputs = model.predictBatch(inputs, n);
        for (int i = 0; i < expected.length; i++) {
            int sample = i / model.outputSize();
            assertEquals(expected[i], outputs[i], TOLERANCE, () -> "output " + sample + " of " + model.name());
        }
    }

    static Path fixture(String name) throws IOException {
        try {
            return Path.of(TorchInterchangeTest.class.getResource("/torch/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }
}
