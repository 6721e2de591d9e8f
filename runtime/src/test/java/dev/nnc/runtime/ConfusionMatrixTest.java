package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    /** A {@code k}-in, {@code k}-out linear model with identity weights: it predicts its inputs. */
    private static LinearModel identity(LinearModel model) {
        int k = model.inputs;
        float[] parameters = new float[model.parameterCount()];
        for (int i = 0; i < k; i++) {
            parameters[i * k + i] = 1;
        }
        model.writeParameters(parameters);
        return model;
    }

    /** Predicts its one input as the probability of class 1, as a sigmoid output does. */
    private static LinearModel sigmoidIdentity() {
        return identity(new LinearModel(1, 1, 0.1, "binary_crossentropy") {
            @Override
            public List<LayerInfo> layers() {
                return List.of(new LayerInfo("dense", "DENSE", "Dense", List.of(1), List.of(1), "SIGMOID", Double.NaN, false, true,
                        Map.of(), List.of(new TensorInfo("kernel", 0, List.of(1, 1)), new TensorInfo("bias", 1, List.of(1)))));
            }
        });
    }

    /** Predicts its inputs and takes class indices as targets, as a model on sparse categorical cross-entropy. */
    private static LinearModel classIndexIdentity(int classes) {
        return identity(new LinearModel(classes, classes, 0.1, "sparse_categorical_crossentropy") {
            @Override
            public int targetSize() {
                return 1;
            }
        });
    }

    // seven samples of three classes; the model predicts these rows, argmax in the comment
    private static final float[][] PREDICTIONS = {
        {0.7f, 0.2f, 0.1f}, // 0
        {0.2f, 0.5f, 0.3f}, // 1
        {0.1f, 0.1f, 0.8f}, // 2
        {0.3f, 0.4f, 0.3f}, // 1
        {0.5f, 0.5f, 0.0f}, // 0, the first of a tie
        {0.2f, 0.3f, 0.5f}, // 2
        {0.6f, 0.2f, 0.2f}, // 0
    };
    private static final int[] TRUE_CLASSES = {0, 0, 2, 1, 1, 2, 2};
    // (true, predicted): (0,0) (0,1) (2,2) (1,1) (1,0) (2,2) (2,0)
    private static final long[][] EXPECTED = {
        {1, 1, 0},
        {1, 1, 0},
        {1, 0, 2},
    };

    private static float[][] oneHot(int[] classes, int count) {
        float[][] rows = new float[classes.length][count];
        for (int r = 0; r < classes.length; r++) {
            rows[r][classes[r]] = 1;
        }
        return rows;
    }

    private static float[][] column(int[] values) {
        float[][] rows = new float[values.length][1];
        for (int r = 0; r < values.length; r++) {
            rows[r][0] = values[r];
        }
        return rows;
    }

    @Test
    void oneHotTargetsByHand() {
        Model model = identity(new LinearModel(3, 3, 0.1, "categorical_crossentropy"));
        ConfusionMatrix matrix = ConfusionMatrix.of(model, Dataset.of(PREDICTIONS, oneHot(TRUE_CLASSES, 3)));
        assertEquals(3, matrix.classes());
        assertArrayEquals(EXPECTED, matrix.toArray());
        assertEquals(1, matrix.count(2, 0));
        assertEquals(7, matrix.total());
        assertEquals(3, matrix.support(2));
        assertEquals(3, matrix.predicted(0));
        // precision: column 0 holds 1 right of 3, column 1 1 of 2, column 2 2 of 2
        assertEquals(1.0 / 3, matrix.precision(0), 1e-12);
        assertEquals(0.5, matrix.precision(1), 1e-12);
        assertEquals(1.0, matrix.precision(2), 1e-12);
        // recall: row 0 holds 1 right of 2, row 1 1 of 2, row 2 2 of 3
        assertEquals(0.5, matrix.recall(0), 1e-12);
        assertEquals(2.0 / 3, matrix.recall(2), 1e-12);
        assertEquals(4.0 / 7, matrix.accuracy(), 1e-12);
    }

    @Test
    void classIndicesGiveTheSameMatrix() {
        ConfusionMatrix matrix = ConfusionMatrix.of(classIndexIdentity(3), Dataset.of(PREDICTIONS, column(TRUE_CLASSES)));
        assertArrayEquals(EXPECTED, matrix.toArray());
    }

    @Test
    void toStringIsATableWithRecallAndPrecision() {
        Model model = identity(new LinearModel(3, 3, 0.1, "categorical_crossentropy"));
        String expected = """
                true \\ predicted |     0     1     2 | recall
                               0 |     1     1     0 |  0.500
                               1 |     1     1     0 |  0.500
                               2 |     1     0     2 |  0.667
                       precision | 0.333 0.500 1.000 |
                accuracy 0.571 over 7 samples""";
        assertEquals(expected, ConfusionMatrix.of(model, Dataset.of(PREDICTIONS, oneHot(TRUE_CLASSES, 3))).toString());
    }

    // one sigmoid-like output: the model predicts x
    private static final float[][] X = {{0.2f}, {0.7f}, {0.5f}, {0.9f}, {0.1f}, {0.6f}};
    private static final int[] LABELS = {0, 1, 1, 0, 0, 1};

    @Test
    void oneOutputIsBinaryAtAThreshold() {
        Model model = sigmoidIdentity();
        Dataset data = Dataset.of(X, column(LABELS));
        // p > 0.5 predicts 0, 1, 0, 1, 0, 1: (0,0) (1,1) (1,0) (0,1) (0,0) (1,1)
        assertArrayEquals(new long[][] {{2, 1}, {1, 2}}, ConfusionMatrix.of(model, data).toArray());
        // p > 0.4 moves sample 2 (0.5, class 1) to the right column
        assertArrayEquals(new long[][] {{2, 1}, {0, 3}}, ConfusionMatrix.of(model, data, 0.4f).toArray());
    }

    @Test
    void aLogitIsReadThroughItsSigmoidAsPredictClassesReadsIt() {
        // a linear output on binary cross-entropy gives logits: class 1 when sigmoid(z) > 0.5, that is z > 0
        Model model = identity(new LinearModel(1, 1, 0.1, "binary_crossentropy"));
        float[][] z = {{-1}, {0.3f}, {2}, {-0.2f}};
        Dataset data = Dataset.of(z, column(new int[] {0, 1, 1, 1}));
        // predicted 0, 1, 1, 0: (0,0) (1,1) (1,1) (1,0)
        assertArrayEquals(new long[][] {{1, 0}, {1, 2}}, ConfusionMatrix.of(model, data).toArray());
        assertArrayEquals(new int[] {0, 1, 1, 0}, model.predictClasses(new float[] {-1, 0.3f, 2, -0.2f}, 4));
    }

    @Test
    void binaryCellsAgreeWithPrecisionRecallAndAccuracy() {
        SplittableRandom random = new SplittableRandom(5);
        int n = 150;
        float[][] x = new float[n][1];
        float[][] y = new float[n][1];
        for (int r = 0; r < n; r++) {
            y[r][0] = random.nextInt(2);
            x[r][0] = (float) (0.4 * y[r][0] + 0.6 * random.nextDouble());
        }
        Model model = sigmoidIdentity();
        Dataset data = Dataset.of(x, y);
        ConfusionMatrix matrix = ConfusionMatrix.of(model, data);
        Map<String, Double> metrics = Trainer.evaluate(model, data, "precision", "recall", "binary_accuracy");
        assertEquals(metrics.get("precision"), matrix.precision(1), 1e-12);
        assertEquals(metrics.get("recall"), matrix.recall(1), 1e-12);
        assertEquals(metrics.get("binary_accuracy"), matrix.accuracy(), 1e-12);
    }

    @Test
    void matchesCountingOverSeveralBatches() {
        SplittableRandom random = new SplittableRandom(9);
        int n = 100; // batches of 32, 32, 32 and 4
        int classes = 5;
        LinearModel model = new LinearModel(4, classes, 0.1, "categorical_crossentropy");
        float[] parameters = new float[model.parameterCount()];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = (float) random.nextGaussian();
        }
        model.writeParameters(parameters);
        float[][] x = new float[n][4];
        int[] truth = new int[n];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < 4; i++) {
                x[r][i] = (float) random.nextGaussian();
            }
            truth[r] = random.nextInt(classes);
        }
        Dataset data = Dataset.of(x, oneHot(truth, classes));
        // the reference: predict every row alone, take the first largest, count
        long[][] expected = new long[classes][classes];
        for (int r = 0; r < n; r++) {
            float[] p = model.predict(x[r]);
            int predicted = 0;
            for (int j = 1; j < classes; j++) {
                predicted = p[j] > p[predicted] ? j : predicted;
            }
            expected[truth[r]][predicted]++;
        }
        ConfusionMatrix matrix = ConfusionMatrix.of(model, data);
        assertArrayEquals(expected, matrix.toArray());
        assertEquals(Trainer.evaluate(model, data, "categorical_accuracy").get("categorical_accuracy"),
                matrix.accuracy(), 1e-12);
    }

    @Test
    void predictsInInferenceModeInBatchesOf32() {
        List<Integer> batches = new ArrayList<>();
        LinearModel model = new LinearModel(1, 1, 0.1, "binary_crossentropy") {
            @Override
            public void predict(float[] x, int n, float[] p) {
                batches.add(n);
                super.predict(x, n, p);
            }

            @Override
            public float evaluate(float[] x, float[] y, float[] weights, int n, Evaluation into) {
                throw new AssertionError("a confusion matrix only predicts");
            }
        };
        model.setTraining(true);
        ConfusionMatrix.of(model, Dataset.of(new float[70], 1, new float[70], 1));
        assertEquals(List.of(32, 32, 6), batches);
        assertFalse(model.isTraining());
    }

    @Test
    void modelsWithoutOneClassPerSampleAreRefused() {
        var multiLabel = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(
                new LinearModel(2, 3, 0.1, "binary_crossentropy"), Dataset.of(new float[6], 2, new float[9], 3)));
        assertEquals("model: Linear has 3 outputs on binary_crossentropy, each its own label; a confusion matrix"
                + " needs one class per sample (one output, one-hot targets or class indices)", multiLabel.getMessage());
        var threshold = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(
                new LinearModel(3, 3, 0.1, "categorical_crossentropy"), Dataset.of(PREDICTIONS, oneHot(TRUE_CLASSES, 3)),
                0.3f));
        assertEquals("threshold: applies to a model with 1 output, model Linear has 3, whose class is the largest;"
                + " use of(model, data)", threshold.getMessage());
        var notFinite = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(
                new LinearModel(1, 1, 0.1, "binary_crossentropy"), Dataset.of(X, column(LABELS)), Float.NaN));
        assertEquals("threshold: expected a finite value, found NaN", notFinite.getMessage());
    }

    @Test
    void targetsThatAreNoClassAreNamedWithTheirSample() {
        float[][] soft = column(LABELS);
        soft[2][0] = 0.5f;
        var binary = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new LinearModel(1, 1, 0.1, "binary_crossentropy"), Dataset.of(X, soft)));
        assertEquals("data: the target of sample 2 is 0.5; expected class 0 or 1 for a model with 1 output",
                binary.getMessage());
        int[] outOfRange = TRUE_CLASSES.clone();
        outOfRange[4] = 3;
        var sparse = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(classIndexIdentity(3), Dataset.of(PREDICTIONS, column(outOfRange))));
        assertEquals("data: the target of sample 4 is 3.0; expected a class index, a whole number in [0, 3)",
                sparse.getMessage());
    }

    @Test
    void dataThatDoesNotFitAndNaNPredictionsAreRefused() {
        var features = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new LinearModel(2, 1, 0.1, "binary_crossentropy"), Dataset.of(X, column(LABELS))));
        assertEquals("data: model Linear takes 2 features per sample (inputSize()), the dataset has 1",
                features.getMessage());
        LinearModel diverged = new LinearModel(1, 1, 0.1, "binary_crossentropy") {
            @Override
            public void predict(float[] x, int n, float[] p) {
                super.predict(x, n, p);
                for (int r = 0; r < n; r++) {
                    p[r] = x[r] == 9 ? Float.NaN : p[r];
                }
            }
        };
        float[] x = new float[40];
        x[37] = 9; // sample 37, row 5 of the second batch
        var nan = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(diverged, Dataset.of(x, 1, new float[40], 1)));
        assertEquals("model: Linear predicts NaN for sample 37 (output 0); a confusion matrix needs predictions that"
                + " are numbers", nan.getMessage());
    }

    @Test
    void classesOutOfRangeAreNamed() {
        ConfusionMatrix matrix = ConfusionMatrix.of(identity(new LinearModel(1, 1, 0.1, "binary_crossentropy")), Dataset.of(X, column(LABELS)));
        var e = assertThrows(IllegalArgumentException.class, () -> matrix.count(0, 2));
        assertEquals("predictedClass: expected a class in [0, 2), found 2", e.getMessage());
        var negative = assertThrows(IllegalArgumentException.class, () -> matrix.recall(-1));
        assertEquals("trueClass: expected a class in [0, 2), found -1", negative.getMessage());
    }

    @Test
    void moreClassesThanAMatrixOfCountsHoldsAreRefused() {
        // 50000 classes need 50000 x 50000 counts, which int arithmetic wraps around to a negative size
        int classes = 50_000;
        float[] target = new float[classes];
        target[7] = 1;
        Model model = new LinearModel(1, classes, 0.1, "categorical_crossentropy");
        var e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(model, Dataset.of(new float[1], 1, target, classes)));
        assertEquals("model: 50000 x 50000 = 2500000000 values, more than an array holds (2147483639)", e.getMessage());
    }
}
