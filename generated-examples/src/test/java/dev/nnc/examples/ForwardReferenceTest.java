package dev.nnc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnc.runtime.DoubleModel;
import dev.nnc.runtime.Evaluation;
import dev.nnc.runtime.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Forward passes and losses of generated models against the independent {@link Reference}. */
@Tag("numeric")
class ForwardReferenceTest {

    /** Every float model: the examples and the gradient-check table. */
    static Stream<Arguments> models() {
        List<Arguments> models = new ArrayList<>();
        models.add(Arguments.of("XorNet", (java.util.function.Supplier<Model>) XorNet::new, false, Map.of()));
        models.add(Arguments.of("CurveNet", (java.util.function.Supplier<Model>) CurveNet::new, false, Map.of()));
        for (Cases.Case c : Cases.all()) {
            models.add(Arguments.of(c.name(), c.model(), c.fromLogits(), c.lossSettings()));
        }
        return models.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void predictionsMatchTheReference(String name, java.util.function.Supplier<Model> factory, boolean fromLogits, Map<String, Double> settings) {
        Model model = factory.get();
        for (int n : new int[] {1, 3, 4, 7, 33}) {
            Random random = new Random(n);
            float[] x = Cases.toFloat(Cases.uniform(n * model.inputSize(), random));
            float[] predictions = new float[n * model.outputSize()];
            model.predict(x, n, predictions);
            double[] expected = Reference.forward(model.layers(), Cases.toDouble(model.snapshot()),
                    Cases.toDouble(x), n).output();
            for (int i = 0; i < expected.length; i++) {
                double tolerance = 1e-5 * Math.abs(expected[i]) + 1e-6;
                int at = i;
                assertEquals(expected[i], predictions[i], tolerance,
                        () -> name + ", batch " + n + ": output " + at + " differs from the reference");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void singleSamplePredictEqualsTheBatchRow(String name, java.util.function.Supplier<Model> factory,
            boolean fromLogits, Map<String, Double> settings) {
        Model model = factory.get();
        int n = 6;
        float[] x = Cases.toFloat(Cases.uniform(n * model.inputSize(), new Random(3)));
        float[] batch = model.predictBatch(x, n);
        for (int r = 0; r < n; r++) {
            float[] sample = new float[model.inputSize()];
            System.arraycopy(x, r * model.inputSize(), sample, 0, sample.length);
            float[] single = model.predict(sample);
            for (int j = 0; j < single.length; j++) {
                assertEquals(batch[r * model.outputSize() + j], single[j], 1e-6 * Math.abs(single[j]) + 1e-7,
                        name + ": sample " + r + " alone differs from its row in a batch");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void evaluateReportsTheReferenceLoss(String name, java.util.function.Supplier<Model> factory, boolean fromLogits, Map<String, Double> settings) {
        Model model = factory.get();
        int n = 9;
        Random random = new Random(5);
        float[] x = Cases.toFloat(Cases.uniform(n * model.inputSize(), random));
        float[] y = targets(model, n, random);
        double[] p = Reference.forward(model.layers(), Cases.toDouble(model.snapshot()), Cases.toDouble(x), n).output();
        double expected = Reference.loss(model.loss(), fromLogits, outputActivation(model.layers()), settings, p, Cases.toDouble(y), null, n,
                model.outputSize())
                + Reference.penalty(model.layers(), Cases.toDouble(model.snapshot()));
        Evaluation evaluation = new Evaluation(List.of());
        float loss = model.evaluate(x, y, n, evaluation);
        assertEquals(expected, loss, 1e-5 * Math.abs(expected) + 1e-7, name + ": loss");
        assertEquals(expected, evaluation.loss(), 1e-5 * Math.abs(expected) + 1e-7, name + ": accumulated loss");
        assertEquals(n, evaluation.samples());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("doubleTwins")
    void doubleTwinLossMatchesTheReference(Cases.Case c) {
        DoubleModel twin = c.twin().get();
        String lossName = c.model().get().loss();
        int n = 5;
        Random random = new Random(17);
        double[] x = Cases.uniform(n * twin.inputSize(), random);
        double[] y = c.targets(lossName, n, twin.outputSize(), random);
        double[] weights = c.sampleWeights(n, random);
        double[] w = new double[twin.parameterCount()];
        twin.readParameters(w);
        double[] p = Reference.forward(twin.layers(), w, x, n).output();
        double expected = Reference.loss(lossName, c.fromLogits(), outputActivation(twin.layers()), c.lossSettings(), p, y, weights, n,
                twin.outputSize()) + Reference.penalty(twin.layers(), w);
        assertEquals(expected, twin.loss(x, y, weights, n), 1e-12 * Math.abs(expected) + 1e-14, c + ": loss");
    }

    static List<Cases.Case> doubleTwins() {
        return Cases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void extremeInputsGiveFiniteOutputs(String name, java.util.function.Supplier<Model> factory, boolean fromLogits, Map<String, Double> settings) {
        Model model = factory.get();
        float[] x = new float[model.inputSize()];
        for (float magnitude : new float[] {1e4f, -1e4f, 88.8f, -88.8f, 1e-30f}) {
            java.util.Arrays.fill(x, magnitude);
            for (float value : model.predict(x)) {
                assertTrue(Float.isFinite(value), name + ": input " + magnitude + " gave " + value);
            }
        }
    }

    private static float[] targets(Model model, int n, Random random) {
        int width = model.outputSize();
        float[] y = new float[n * model.targetSize()];
        for (int r = 0; r < n; r++) {
            if (model.loss().equals("sparse_categorical_crossentropy")) {
                y[r] = random.nextInt(width);
            } else if (model.loss().equals("categorical_crossentropy") || model.loss().equals("kl_divergence")) {
                y[r * width + random.nextInt(width)] = 1;
            } else if (model.loss().equals("binary_crossentropy") || model.loss().equals("binary_focal_crossentropy")
                    || model.loss().equals("poisson")) {
                for (int j = 0; j < width; j++) {
                    y[r * width + j] = random.nextBoolean() ? 1 : 0;
                }
            } else {
                for (int j = 0; j < width; j++) {
                    y[r * width + j] = random.nextFloat() * 4 - 2;
                }
            }
        }
        return y;
    }

    private static String outputActivation(List<dev.nnc.runtime.LayerInfo> layers) {
        return layers.get(layers.size() - 1).activation();
    }
}
