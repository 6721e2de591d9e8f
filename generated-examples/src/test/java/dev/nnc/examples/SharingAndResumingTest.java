package dev.nnc.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnc.runtime.Model;
import dev.nnc.runtime.Predictor;
import dev.nnc.runtime.OptimizerState;
import dev.nnc.runtime.SafeTensors;
import dev.nnc.runtime.SaveOptions;
import dev.nnc.runtime.StoredTensor;
import dev.nnc.runtime.Weights;
import dev.nnc.runtime.WeightsFormatException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Weights leave a model and come back unchanged: saved and loaded for every network of the
 * gradient check, bit for bit; resumed with the optimizer state, training continues as if it had
 * not stopped; copied, a model is independent; shared, its predictors run on several threads at
 * once; shipped on the classpath, they load through {@code pretrained()}.
 */
class SharingAndResumingTest {

    static Stream<Cases.Case> cases() {
        return Cases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aSavedModelLoadsBitForBit(Cases.Case network, @TempDir Path directory) throws IOException {
        Model model = network.model().get();
        Random random = new Random(7);
        train(model, network, 3, random);
        Path file = directory.resolve("weights.safetensors");
        model.saveWeights(file);

        Model loaded = network.model().get();
        loaded.loadWeights(file);
        assertBitsEqual(model.snapshot(), loaded.snapshot());
        float[] inputs = Cases.toFloat(Cases.uniform(5 * model.inputSize(), random));
        assertBitsEqual(model.predictBatch(inputs, 5), loaded.predictBatch(inputs, 5));
    }

    static Stream<String> optimizers() {
        return Catalogue.OPTIMIZERS.stream().map(optimizer -> optimizer.get(0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void resumingContinuesAsIfTrainingHadNotStopped(String className, @TempDir Path directory) throws IOException {
        Model original = Catalogue.model(className);
        List<float[][]> batches = batches(original, 10);
        trainOn(original, batches.subList(0, 5));
        Path file = directory.resolve("checkpoint.safetensors");
        Weights.save(original, file, SaveOptions.weightsOnly().withOptimizerState());

        Model resumed = Catalogue.model(className);
        Weights.resume(resumed, file);
        trainOn(original, batches.subList(5, 10));
        trainOn(resumed, batches.subList(5, 10));
        assertBitsEqual(original.snapshot(), resumed.snapshot());
        assertEquals(original.optimizerState(), resumed.optimizerState());
        assertEquals(10, resumed.steps());

        if (!original.optimizerState().slotNames().isEmpty()) {
            // the control: the weights alone, without the optimizer's state, take other steps
            Model restarted = Catalogue.model(className);
            Weights.load(restarted, file);
            trainOn(restarted, batches.subList(5, 10));
            assertFalse(Arrays.equals(original.snapshot(), restarted.snapshot()), "the optimizer state changed nothing");
        }
    }

    /** The slots that sum or average squares or magnitudes, which the optimizer's square root or division takes as never negative. */
    private static final List<String> SQUARES = List.of("exp_avg_sq", "max_exp_avg_sq", "sum", "square_avg", "exp_inf");

    static Stream<String> optimizersWithSquares() {
        return optimizers().filter(name -> Catalogue.model(name).optimizerState().slotNames().stream().anyMatch(SQUARES::contains));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizersWithSquares")
    void aStateWithANegativeSumOfSquaresIsRefusedOnResumeAndTheModelUntouched(String className, @TempDir Path directory)
            throws IOException {
        Model original = Catalogue.model(className);
        trainOn(original, batches(original, 3));
        Path file = directory.resolve("checkpoint.safetensors");
        Weights.save(original, file, SaveOptions.weightsOnly().withOptimizerState());
        String slot = original.optimizerState().slotNames().stream().filter(SQUARES::contains).findFirst().orElseThrow();
        // one value below 0, in a file without the checksum that would tell the edit
        SafeTensors saved = SafeTensors.read(file);
        Map<String, StoredTensor> tensors = new LinkedHashMap<>(saved.tensors());
        float[] values = saved.floats("optimizer/" + slot);
        values[4] = -1e-3f;
        tensors.put("optimizer/" + slot, StoredTensor.f32(values, values.length));
        Map<String, String> metadata = new LinkedHashMap<>(saved.metadata());
        metadata.remove(Weights.FORMAT);
        metadata.remove(Weights.CHECKSUM);
        SafeTensors.of(tensors, metadata).write(file);

        Model resumed = Catalogue.model(className);
        float[] before = resumed.snapshot();
        OptimizerState fresh = resumed.optimizerState();
        var e = assertThrows(WeightsFormatException.class, () -> Weights.resume(resumed, file));
        assertEquals(file + ": optimizer state: slot '" + slot + "' holds -0.001 at element 4; it sums or averages squares or"
                + " magnitudes, so it is at least 0", e.getMessage());
        assertBitsEqual(before, resumed.snapshot());
        assertEquals(fresh, resumed.optimizerState());
    }

    @Test
    void aCopyTrainsOnAsTheOriginalWouldAndAloneChanges() {
        Model original = Catalogue.model("NadamNet");
        List<float[][]> batches = batches(original, 6);
        trainOn(original, batches.subList(0, 3));
        original.setTrainable("hidden", false);

        Model copy = original.copy();
        assertFalse(copy.isTrainable("hidden"));
        float[] before = original.snapshot();
        trainOn(copy, batches.subList(3, 6));
        assertBitsEqual(before, original.snapshot());
        assertFalse(Arrays.equals(before, copy.snapshot()));

        trainOn(original, batches.subList(3, 6));
        assertBitsEqual(original.snapshot(), copy.snapshot());
        assertEquals(original.optimizerState(), copy.optimizerState());
    }

    @Test
    void aCopyOfAPredictorIsAModelThatTrains() throws IOException {
        Model model = TorchMlpNet.pretrained();
        float[] before = model.snapshot();
        Predictor predictor = model.newPredictor();
        // a predictor of a model that trains is an instance of that model's class: its copy trains
        Model copy = (Model) predictor.copy();
        assertBitsEqual(before, copy.snapshot());
        copy.trainBatch(new float[] {1, 2, 3, 4, 5, 6}, new float[] {1, 0, 0}, 1);
        assertEquals(1, copy.steps());
        assertFalse(Arrays.equals(before, copy.snapshot()), "the copy trained");
        assertBitsEqual(before, model.snapshot());
        assertBitsEqual(before, predictor.snapshot());
        // a predictor shares weights it cannot change
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> predictor.writeParameters(before));
        assertEquals("this predictor shares another model's weights and cannot change them; write them to the model it came"
                + " from", e.getMessage());
    }

    /**
     * Bit for bit: the reference is computed first, mostly before the JIT compiles the model, and the
     * threads after, and compiled and interpreted code give the same bits (NUMERICS.md). A workspace
     * that two threads shared would be wrong by far more.
     */
    @Test
    @Timeout(60)
    void predictorsOnSeveralThreadsPredictAsOneThreadDoes() throws Exception {
        for (Model model : new Model[] {TorchMlpNet.pretrained(), TorchSequenceNet.pretrained()}) {
            Random random = new Random(11);
            int rounds = 300;
            float[][] inputs = new float[rounds][];
            float[][] expected = new float[rounds][];
            for (int i = 0; i < rounds; i++) {
                int n = 1 + random.nextInt(17);
                inputs[i] = Cases.toFloat(Cases.uniform(n * model.inputSize(), random));
                expected[i] = model.predictBatch(inputs[i], n);
            }
            int threads = 4;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Predictor predictor = model.newPredictor();
                    int offset = t * 37;
                    Callable<Integer> work = () -> {
                        start.await();
                        int mismatches = 0;
                        for (int i = 0; i < rounds; i++) {
                            int round = (i + offset) % rounds;
                            int n = inputs[round].length / model.inputSize();
                            if (!Arrays.equals(expected[round], predictor.predictBatch(inputs[round], n))) {
                                mismatches++;
                            }
                        }
                        return mismatches;
                    };
                    results.add(pool.submit(work));
                }
                start.countDown();
                for (Future<Integer> result : results) {
                    assertEquals(0, result.get(), model.name() + ": predictions that differ from one thread's");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void classpathWeightsOfAnotherNetworkAreRefusedNamingTheResource() {
        WeightsFormatException e = assertThrows(WeightsFormatException.class, MisplacedWeightsNet::pretrained);
        assertTrue(e.getMessage().startsWith("resource '/torch/sequence.safetensors' of dev.nnc.examples.MisplacedWeightsNet:"
                + " no tensors [hidden.weight, hidden.bias]; MisplacedWeightsNet needs [hidden.weight, hidden.bias, output.weight, output.bias]"), e.getMessage());
    }

    @Test
    void missingClasspathWeightsFailPretrainedNotTheClass() {
        // the class loads and constructs: nothing runs in a static initializer
        assertEquals(2, new MissingWeightsNet().outputSize());
        NoSuchFileException e = assertThrows(NoSuchFileException.class, MissingWeightsNet::pretrained);
        assertEquals("resource 'none.safetensors' of dev.nnc.examples.MissingWeightsNet: not on the class path", e.getMessage());
    }

    private static void train(Model model, Cases.Case network, int steps, Random random) {
        int n = 4;
        for (int step = 0; step < steps; step++) {
            float[] inputs = Cases.toFloat(Cases.uniform(n * model.inputSize(), random));
            float[] targets = Cases.toFloat(network.targets(model.loss(), n, model.outputSize(), random));
            model.trainBatch(inputs, targets, n);
        }
    }

    /** Batches of 4 samples, seeded: inputs and targets of an MSE net. */
    private static List<float[][]> batches(Model model, int count) {
        Random random = new Random(3);
        List<float[][]> batches = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            batches.add(new float[][] {Cases.toFloat(Cases.uniform(4 * model.inputSize(), random)),
                    Cases.toFloat(Cases.uniform(4 * model.outputSize(), random))});
        }
        return batches;
    }

    private static void trainOn(Model model, List<float[][]> batches) {
        for (float[][] batch : batches) {
            model.trainBatch(batch[0], batch[1], 4);
        }
    }

    private static void assertBitsEqual(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                assertEquals(expected[i], actual[i], "element " + i + " differs in its bits");
                throw new AssertionError("element " + i + ": " + expected[i] + " and " + actual[i] + " differ in their bits");
            }
        }
    }
}
