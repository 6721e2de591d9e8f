package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static double once(Metric metric, float[] predictions, float[] targets, int n, int outputs) {
        metric.reset();
        metric.update(predictions, targets, n, outputs);
        return metric.result();
    }

    // two samples of two outputs: errors -0.5, 0, 1, -1
    private static final float[] P = {1, 2, 3, 4};
    private static final float[] Y = {1.5f, 2, 2, 5};

    @Test
    void meanAbsoluteError() {
        assertEquals((0.5 + 0 + 1 + 1) / 4, once(new MeanAbsoluteError(), P, Y, 2, 2), 1e-12);
    }

    @Test
    void meanSquaredErrorAndItsRoot() {
        assertEquals((0.25 + 0 + 1 + 1) / 4, once(new MeanSquaredError(), P, Y, 2, 2), 1e-12);
        assertEquals(0.75, once(new RootMeanSquaredError(), P, Y, 2, 2), 1e-12);
    }

    @Test
    void rootMeanSquaredErrorIsTheRootOfTheWholeMeanNotAMeanOfRoots() {
        Metric rmse = new RootMeanSquaredError();
        rmse.update(new float[] {1}, new float[] {0}, 1, 1); // squared error 1
        rmse.update(new float[] {3}, new float[] {0}, 1, 1); // squared error 9
        assertEquals(Math.sqrt(5), rmse.result(), 1e-12);
    }

    @Test
    void meanAbsolutePercentageError() {
        // |2 - 1| / 2 = 0.5 and |4 - 5| / 4 = 0.25
        assertEquals(37.5, once(new MeanAbsolutePercentageError(), new float[] {1, 5}, new float[] {2, 4}, 2, 1), 1e-9);
    }

    @Test
    void symmetricMeanAbsolutePercentageError() {
        // terms 2 |p - y| / (|p| + |y|): 2 * 1 / 3, 2 * 1 / 9, 0 where both are 0, and 2 * 4 / 4
        float[] p = {1, 5, 0, -2};
        float[] y = {2, 4, 0, 2};
        double expected = 100 * (2.0 / 3 + 2.0 / 9 + 0 + 2) / 4;
        assertEquals(expected, once(new SymmetricMeanAbsolutePercentageError(), p, y, 2, 2), 1e-9);
        assertEquals(expected, once(new SymmetricMeanAbsolutePercentageError(), y, p, 2, 2), 1e-9, "symmetric");
        // no epsilon floor: any prediction against a target of 0 is 200, however small
        assertEquals(200, once(new SymmetricMeanAbsolutePercentageError(), new float[] {1e-9f}, new float[] {0}, 1, 1),
                1e-9);
    }

    @Test
    void symmetricMeanAbsolutePercentageErrorIsTheMeanOverEveryValueSeen() {
        Metric smape = new SymmetricMeanAbsolutePercentageError();
        smape.update(new float[] {1}, new float[] {3}, 1, 1); // 2 * 2 / 4 = 1
        smape.update(new float[] {2, 2, 0}, new float[] {2, 2, 0}, 3, 1); // three terms of 0
        assertEquals(100 * 1.0 / 4, smape.result(), 1e-12);
    }

    @Test
    void r2OfOneOutputByHand() {
        // y = 1, 2, 3, 4: mean 2.5, SStot = 2.25 + 0.25 + 0.25 + 2.25 = 5
        // p = 1.5, 2, 2.5, 4.5: SSres = 0.25 + 0 + 0.25 + 0.25 = 0.75; R2 = 1 - 0.75 / 5 = 0.85
        float[] y = {1, 2, 3, 4};
        float[] p = {1.5f, 2, 2.5f, 4.5f};
        assertEquals(0.85, once(new R2Score(), p, y, 4, 1), 1e-12);
    }

    @Test
    void r2IsOverTheWholeEpochNotAMeanOfBatches() {
        R2Score r2 = new R2Score();
        r2.update(new float[] {1.5f}, new float[] {1}, 1, 1);
        r2.update(new float[] {2, 2.5f, 4.5f}, new float[] {2, 3, 4}, 3, 1);
        assertEquals(0.85, r2.result(), 1e-12);
        r2.reset();
        r2.update(new float[] {1.5f, 2}, new float[] {1, 2}, 2, 1);
        r2.update(new float[] {2.5f, 4.5f}, new float[] {3, 4}, 2, 1);
        assertEquals(0.85, r2.result(), 1e-12);
    }

    @Test
    void r2StaysAccurateFarFromZero() {
        float[] y = {1_000_001, 1_000_002, 1_000_003, 1_000_004};
        float[] p = {1_000_001.5f, 1_000_002, 1_000_002.5f, 1_000_004.5f};
        R2Score r2 = new R2Score();
        r2.update(p, y, 1, 1);
        r2.update(p, y, 0, 1);
        for (int r = 1; r < 4; r++) {
            r2.update(new float[] {p[r]}, new float[] {y[r]}, 1, 1);
        }
        assertEquals(0.85, r2.result(), 1e-9);
    }

    @Test
    void r2AveragesOutputsUniformly() {
        // output 0 as above (0.85); output 1: y = 0, 0, 1, 1 (mean 0.5, SStot 1), p = 0, 1, 1, 1 (SSres 1): 0
        float[] y = {1, 0, 2, 0, 3, 1, 4, 1};
        float[] p = {1.5f, 0, 2, 1, 2.5f, 1, 4.5f, 1};
        assertEquals((0.85 + 0) / 2, once(new R2Score(), p, y, 4, 2), 1e-12);
    }

    @Test
    void r2OfConstantTargetsWithErrorsIsZeroAsInKeras() {
        assertEquals(0.0, once(new R2Score(), new float[] {1, 2}, new float[] {3, 3}, 2, 1));
        assertTrue(Double.isNaN(once(new R2Score(), new float[] {3, 3}, new float[] {3, 3}, 2, 1)));
    }

    @Test
    void r2RefusesAnotherWidthUntilReset() {
        R2Score r2 = new R2Score();
        r2.update(new float[2], new float[2], 2, 1);
        var e = assertThrows(IllegalArgumentException.class, () -> r2.update(new float[4], new float[4], 2, 2));
        assertEquals("outputs: r2 has seen 1 outputs per sample since its last reset, found 2", e.getMessage());
        r2.reset();
        r2.update(new float[] {1, 0, 2, 1}, new float[] {1, 0, 2, 1}, 2, 2);
        assertEquals(1.0, r2.result());
    }

    @Test
    void binaryAccuracyThresholdsStrictlyAboveHalf() {
        // thresholded: 0, 1, 0 (0.5 is not above 0.5), 1 against 0, 1, 1, 0: two of four
        assertEquals(0.5, once(new BinaryAccuracy(), new float[] {0.2f, 0.7f, 0.5f, 0.9f}, new float[] {0, 1, 1, 0}, 4, 1));
        assertEquals(0.75, once(new BinaryAccuracy("acc", 0.3f), new float[] {0.2f, 0.7f, 0.5f, 0.9f},
                new float[] {0, 1, 1, 0}, 2, 2));
    }

    @Test
    void binaryAccuracyTakesKerasThresholdArgument() {
        BinaryAccuracy accuracy = new BinaryAccuracy(0.3f);
        assertEquals("binary_accuracy", accuracy.name());
        assertEquals(0.3f, accuracy.threshold());
        // thresholded at 0.3: 0, 1, 1, 1 against 0, 1, 1, 0
        assertEquals(0.75, once(accuracy, new float[] {0.2f, 0.7f, 0.5f, 0.9f}, new float[] {0, 1, 1, 0}, 4, 1));
        var e = assertThrows(IllegalArgumentException.class, () -> new BinaryAccuracy(Float.POSITIVE_INFINITY));
        assertEquals("threshold: expected a finite value, found Infinity", e.getMessage());
    }

    @Test
    void categoricalAccuracyComparesArgmaxes() {
        float[] p = {0.1f, 0.7f, 0.2f, 0.5f, 0.3f, 0.2f, 0.2f, 0.2f, 0.6f};
        float[] y = {0, 1, 0, 0, 0, 1, 0, 0, 1};
        assertEquals(2.0 / 3, once(new CategoricalAccuracy(), p, y, 3, 3), 1e-12);
    }

    @Test
    void sparseCategoricalAccuracyComparesTheArgmaxWithTheIndex() {
        float[] p = {0.1f, 0.7f, 0.2f, 0.5f, 0.3f, 0.2f, 0.2f, 0.2f, 0.6f, 0.4f, 0.4f, 0.2f};
        // argmaxes 1, 0, 2 and 0 (the first of a tie)
        assertEquals(0.75, once(new SparseCategoricalAccuracy(), p, new float[] {1, 2, 2, 0}, 4, 3), 1e-12);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new SparseCategoricalAccuracy().update(p, new float[3], 4, 3));
        assertEquals("targets: expected 4 samples x 1 values = 4, found an array of 3", e.getMessage());
    }

    /** A model whose targets are class indices, as one trained on sparse categorical cross-entropy. */
    private static Model classIndexModel() {
        return classIndexModel(3);
    }

    /** As {@link #classIndexModel()}, with {@code classes} outputs. */
    private static Model classIndexModel(int classes) {
        return new LinearModel(2, classes, 0.1, "sparse_categorical_crossentropy") {
            @Override
            public int targetSize() {
                return 1;
            }
        };
    }

    @Test
    void accuracyOfAModelOnClassIndicesIsSparse() {
        Metric accuracy = Metrics.create("accuracy", classIndexModel());
        assertInstanceOf(SparseCategoricalAccuracy.class, accuracy);
        assertEquals("accuracy", accuracy.name());
        assertInstanceOf(SparseCategoricalAccuracy.class, Metrics.create("sparse_categorical_accuracy", classIndexModel()));
    }

    @Test
    void metricsThatCannotReadTheTargetsAreRejected() {
        var onIndices = assertThrows(IllegalArgumentException.class, () -> Metrics.create("mae", classIndexModel()));
        assertEquals("metric 'mae' cannot read the targets of model Linear, which takes one class index per sample"
                + " (sparse_categorical_crossentropy); use sparse_categorical_accuracy, sparse_top_k_categorical_accuracy"
                + " or accuracy", onIndices.getMessage());
        for (String rowsOnly : List.of("binary_accuracy", "categorical_accuracy", "top_k_categorical_accuracy", "precision",
                "recall", "auc", "r2")) {
            var e = assertThrows(IllegalArgumentException.class, () -> Metrics.create(rowsOnly, classIndexModel(6)));
            assertTrue(e.getMessage().startsWith("metric '" + rowsOnly + "' cannot read the targets"), e.getMessage());
        }
        var onRows = assertThrows(IllegalArgumentException.class,
                () -> Metrics.create("sparse_categorical_accuracy", new LinearModel(2, 3, 0.1, "categorical_crossentropy")));
        assertEquals("metric 'sparse_categorical_accuracy' cannot read the targets of model Linear, which takes 3 values"
                + " per sample; it reads one class index per sample", onRows.getMessage());
        var topKOnRows = assertThrows(IllegalArgumentException.class,
                () -> Metrics.create("sparse_top_k_categorical_accuracy", new LinearModel(2, 6, 0.1)));
        assertEquals("metric 'sparse_top_k_categorical_accuracy' cannot read the targets of model Linear, which takes 6"
                + " values per sample; it reads one class index per sample", topKOnRows.getMessage());
    }

    @Test
    void metricsThatEverySampleWouldPassAreRejected() {
        var topK = assertThrows(IllegalArgumentException.class,
                () -> Metrics.create("top_k_categorical_accuracy", new LinearModel(2, 5, 0.1, "categorical_crossentropy")));
        assertEquals("metric 'top_k_categorical_accuracy' counts a sample when its class is among the 5 largest outputs,"
                + " and model Linear has 5, so every sample would count; it needs more than 5 outputs", topK.getMessage());
        var sparseTopK = assertThrows(IllegalArgumentException.class,
                () -> Metrics.create("sparse_top_k_categorical_accuracy", classIndexModel(3)));
        assertEquals("metric 'sparse_top_k_categorical_accuracy' counts a sample when its class is among the 5 largest"
                + " outputs, and model Linear has 3, so every sample would count; it needs more than 5 outputs",
                sparseTopK.getMessage());
        var categorical = assertThrows(IllegalArgumentException.class,
                () -> Metrics.create("categorical_accuracy", new LinearModel(2, 1, 0.1)));
        assertEquals("metric 'categorical_accuracy' compares the largest output with the largest target, and model"
                + " Linear has 1 output, so every sample would match; use binary_accuracy or accuracy",
                categorical.getMessage());
        assertInstanceOf(TopKCategoricalAccuracy.class,
                Metrics.create("top_k_categorical_accuracy", new LinearModel(2, 6, 0.1, "categorical_crossentropy")));
        assertInstanceOf(SparseTopKCategoricalAccuracy.class,
                Metrics.create("sparse_top_k_categorical_accuracy", classIndexModel(6)));
    }

    /** A fresh instance of every metric that reads a row of targets per sample. */
    private static List<Metric> onRows() {
        return List.of(new MeanAbsoluteError(), new MeanSquaredError(), new RootMeanSquaredError(),
                new MeanAbsolutePercentageError(), new SymmetricMeanAbsolutePercentageError(), new R2Score(),
                new BinaryAccuracy(), new CategoricalAccuracy(), new TopKCategoricalAccuracy(2), new Precision(),
                new Recall(), new AUC());
    }

    /** A fresh instance of every metric that reads one class index per sample. */
    private static List<Metric> onClassIndices() {
        return List.of(new SparseCategoricalAccuracy(), new SparseTopKCategoricalAccuracy(2));
    }

    @Test
    void nothingSeenIsNaN() {
        for (Metric metric : onRows()) {
            assertTrue(Double.isNaN(metric.result()), metric.name());
            metric.update(new float[] {0.3f, 0.8f}, new float[] {1, 0}, 1, 2);
            metric.reset();
            assertTrue(Double.isNaN(metric.result()), metric.name() + " after reset");
        }
        for (Metric metric : onClassIndices()) {
            assertTrue(Double.isNaN(metric.result()), metric.name());
            metric.update(new float[] {0.3f, 0.8f}, new float[] {1}, 1, 2);
            metric.reset();
            assertTrue(Double.isNaN(metric.result()), metric.name() + " after reset");
        }
    }

    /** {@code values[from, to)} in a new array. */
    private static float[] rows(float[] values, int from, int to, int width) {
        return Arrays.copyOfRange(values, from * width, to * width);
    }

    @Test
    void streamingInBatchesEqualsOnePassAndResetStartsOver() {
        SplittableRandom random = new SplittableRandom(13);
        int n = 60;
        int outputs = 4;
        float[] p = new float[n * outputs];
        float[] oneHot = new float[n * outputs];
        float[] indices = new float[n];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < outputs; j++) {
                p[r * outputs + j] = (float) random.nextDouble();
            }
            indices[r] = random.nextInt(outputs);
            oneHot[r * outputs + (int) indices[r]] = 1;
        }
        int[] cuts = {0, 7, 7, 30, 60}; // batches of 7, 0, 23 and 30 samples
        List<Metric> all = new ArrayList<>(onRows());
        all.addAll(onClassIndices());
        List<Metric> fresh = new ArrayList<>(onRows());
        fresh.addAll(onClassIndices());
        int onRows = onRows().size();
        for (int m = 0; m < all.size(); m++) {
            Metric streamed = all.get(m);
            Metric whole = fresh.get(m);
            int width = m < onRows ? outputs : 1;
            float[] y = width == 1 ? indices : oneHot;
            whole.update(p, y, n, outputs);
            double expected = whole.result();
            for (int pass = 0; pass < 2; pass++) {
                for (int b = 0; b + 1 < cuts.length; b++) {
                    int size = cuts[b + 1] - cuts[b];
                    streamed.update(rows(p, cuts[b], cuts[b + 1], outputs), rows(y, cuts[b], cuts[b + 1], width), size,
                            outputs);
                }
                assertEquals(expected, streamed.result(), 1e-12 * Math.max(1, Math.abs(expected)),
                        streamed.name() + " pass " + pass);
                streamed.reset();
            }
        }
    }

    @Test
    void regressionMetricsMatchTwoPassReferences() {
        SplittableRandom random = new SplittableRandom(17);
        int n = 300;
        int outputs = 3;
        float[] p = new float[n * outputs];
        float[] y = new float[n * outputs];
        for (int i = 0; i < p.length; i++) {
            y[i] = (float) (50 + 10 * random.nextGaussian());
            p[i] = (float) (y[i] + 3 * random.nextGaussian());
        }
        // per output: the mean of the targets first, then the sums of squares about it
        double absolute = 0;
        double squared = 0;
        double percentage = 0;
        double symmetric = 0;
        double r2 = 0;
        for (int j = 0; j < outputs; j++) {
            double mean = 0;
            for (int r = 0; r < n; r++) {
                mean += y[r * outputs + j] / (double) n;
            }
            double total = 0;
            double residual = 0;
            for (int r = 0; r < n; r++) {
                double target = y[r * outputs + j];
                double error = target - p[r * outputs + j];
                total += (target - mean) * (target - mean);
                residual += error * error;
                absolute += Math.abs(error);
                squared += error * error;
                percentage += 100 * Math.abs(error / target);
                symmetric += 200 * Math.abs(error) / (Math.abs(target) + Math.abs(p[r * outputs + j]));
            }
            r2 += (1 - residual / total) / outputs;
        }
        int values = n * outputs;
        double[] expected = {absolute / values, squared / values, Math.sqrt(squared / values), percentage / values,
                symmetric / values, r2};
        List<Metric> metrics = List.of(new MeanAbsoluteError(), new MeanSquaredError(), new RootMeanSquaredError(),
                new MeanAbsolutePercentageError(), new SymmetricMeanAbsolutePercentageError(), new R2Score());
        for (int m = 0; m < metrics.size(); m++) {
            assertEquals(expected[m], once(metrics.get(m), p, y, n, outputs), 1e-9 * Math.abs(expected[m]),
                    metrics.get(m).name());
        }
    }

    @Test
    void updatesAllocateNothingAfterTheFirst() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        float[] p = {0.1f, 0.7f, 0.2f, 0.5f, 0.3f, 0.2f};
        float[] oneHot = {0, 1, 0, 0, 0, 1};
        float[] indices = {1, 2};
        List<Metric> all = new ArrayList<>(onRows());
        all.addAll(onClassIndices());
        for (Metric metric : all) {
            float[] y = metric instanceof SparseCategoricalAccuracy || metric instanceof SparseTopKCategoricalAccuracy
                    ? indices : oneHot;
            metric.update(p, y, 2, 3);
            threads.getCurrentThreadAllocatedBytes();
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100; i++) {
                metric.update(p, y, 2, 3);
            }
            long after = threads.getCurrentThreadAllocatedBytes();
            assertEquals(0, after - before, metric.name());
        }
    }

    @Test
    void batchesTooShortAreRejectedWithTheirSizes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new MeanSquaredError().update(new float[3], new float[4], 2, 2));
        assertEquals("predictions: expected 2 samples x 2 values = 4, found an array of 3", e.getMessage());
    }

    @Test
    void accuracyResolvesFromTheModelAndKeepsItsName() {
        Metric single = Metrics.create("accuracy", new LinearModel(2, 1, 0.1));
        assertInstanceOf(BinaryAccuracy.class, single);
        assertEquals("accuracy", single.name());

        Metric multiLabel = Metrics.create("accuracy", new LinearModel(2, 3, 0.1, "binary_crossentropy"));
        assertInstanceOf(BinaryAccuracy.class, multiLabel);

        Metric classes = Metrics.create("acc", new LinearModel(2, 3, 0.1, "categorical_crossentropy"));
        assertInstanceOf(CategoricalAccuracy.class, classes);
        assertEquals("acc", classes.name());
    }

    @Test
    void namesMapToTheirMetrics() {
        Model model = new LinearModel(1, 1, 0.1);
        assertInstanceOf(MeanAbsoluteError.class, Metrics.create("mae", model));
        assertInstanceOf(MeanAbsoluteError.class, Metrics.create("mean_absolute_error", model));
        assertInstanceOf(MeanSquaredError.class, Metrics.create("mse", model));
        assertInstanceOf(RootMeanSquaredError.class, Metrics.create("rmse", model));
        assertInstanceOf(MeanAbsolutePercentageError.class, Metrics.create("mape", model));
        assertInstanceOf(SymmetricMeanAbsolutePercentageError.class, Metrics.create("smape", model));
        assertInstanceOf(SymmetricMeanAbsolutePercentageError.class,
                Metrics.create("symmetric_mean_absolute_percentage_error", model));
        assertEquals("smape", Metrics.create("smape", model).name());
        assertInstanceOf(R2Score.class, Metrics.create("r2", model));
        assertInstanceOf(BinaryAccuracy.class, Metrics.create("binary_accuracy", model));
        assertEquals(0.5f, ((BinaryAccuracy) Metrics.create("binary_accuracy", model)).threshold());
        assertInstanceOf(CategoricalAccuracy.class, Metrics.create("categorical_accuracy", new LinearModel(1, 2, 0.1)));
        assertEquals("mean_absolute_error", Metrics.create("mean_absolute_error", model).name());
        // Keras' defaults: k 5, threshold 0.5, 200 thresholds
        Model classes = new LinearModel(1, 7, 0.1, "categorical_crossentropy");
        assertEquals(5, ((TopKCategoricalAccuracy) Metrics.create("top_k_categorical_accuracy", classes)).k());
        assertEquals(5, ((SparseTopKCategoricalAccuracy) Metrics.create("sparse_top_k_categorical_accuracy",
                classIndexModel(7))).k());
        assertEquals(0.5f, ((Precision) Metrics.create("precision", model)).threshold());
        assertEquals(0.5f, ((Recall) Metrics.create("recall", classes)).threshold());
        assertEquals(200, ((AUC) Metrics.create("auc", model)).numThresholds());
        for (String name : List.of("top_k_categorical_accuracy", "precision", "recall", "auc")) {
            assertEquals(name, Metrics.create(name, classes).name());
        }
    }

    @Test
    void withoutAModelEveryNameButTheResolvedAccuracyIsMade() {
        for (String name : Metrics.NAMES) {
            if (name.equals("accuracy") || name.equals("acc")) {
                var e = assertThrows(IllegalArgumentException.class, () -> Metrics.create(name));
                assertTrue(e.getMessage().startsWith("metric '" + name + "' resolves from a model"), e.getMessage());
            } else {
                assertEquals(name, Metrics.create(name).name());
            }
        }
        assertInstanceOf(SymmetricMeanAbsolutePercentageError.class, Metrics.create("smape"));
        assertInstanceOf(R2Score.class, Metrics.create("r2_score"));
        var unknown = assertThrows(IllegalArgumentException.class, () -> Metrics.create("f1"));
        assertTrue(unknown.getMessage().startsWith("metric 'f1' is unknown"), unknown.getMessage());
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        Model model = new LinearModel(1, 1, 0.1);
        var e = assertThrows(IllegalArgumentException.class, () -> Metrics.create("f1", model));
        assertTrue(e.getMessage().startsWith("metric 'f1' is unknown; known metrics are [mae, "), e.getMessage());
        assertTrue(e.getMessage().contains("categorical_accuracy"), e.getMessage());
        var upper = assertThrows(IllegalArgumentException.class, () -> Metrics.create("MAE", model));
        assertTrue(upper.getMessage().contains("did you mean 'mae'?"), upper.getMessage());
    }
}
