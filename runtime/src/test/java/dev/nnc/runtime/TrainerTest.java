package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private static final FitOptions QUIET = FitOptions.epochs(1).verbose(false);

    /** n samples of y = 2 x1 - 3 x2 + 0.5, x uniform in [-1, 1]. */
    static Dataset plane(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[2 * n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = (float) random.nextDouble(-1, 1);
            x[2 * i + 1] = (float) random.nextDouble(-1, 1);
            y[i] = 2 * x[2 * i] - 3 * x[2 * i + 1] + 0.5f;
        }
        return Dataset.of(x, 2, y, 1);
    }

    /** Each sample's first feature is its index. */
    static Dataset indexed(int n) {
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i % 3;
        }
        return Dataset.of(x, 1, y, 1);
    }

    @Test
    void fitConvergesToTheKnownWeights() {
        LinearModel model = new LinearModel(2, 1, 0.1);
        History history = Trainer.fit(model, plane(64, 1), FitOptions.epochs(60).batchSize(8).seed(3).verbose(false));

        assertArrayEquals(new float[] {2, -3}, model.parameters("dense", "kernel"), 1e-4f);
        assertArrayEquals(new float[] {0.5f}, model.parameters("dense", "bias"), 1e-4f);
        double[] loss = history.get("loss");
        assertTrue(loss[59] < loss[0] * 1e-6, Arrays.toString(loss));
        assertEquals(60 * 8, model.steps());
        assertFalse(model.isTraining());
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        LinearModel a = new LinearModel(2, 1, 0.05);
        LinearModel b = new LinearModel(2, 1, 0.05);
        LinearModel c = new LinearModel(2, 1, 0.05);
        FitOptions options = FitOptions.epochs(3).batchSize(5).seed(11).verbose(false);
        History ha = Trainer.fit(a, plane(40, 2), options);
        History hb = Trainer.fit(b, plane(40, 2), options);
        Trainer.fit(c, plane(40, 2), options.seed(12));
        assertArrayEquals(ha.get("loss"), hb.get("loss"));
        assertArrayEquals(a.snapshot(), b.snapshot());
        assertFalse(Arrays.equals(a.snapshot(), c.snapshot()));
    }

    @Test
    void historyHasOneValuePerEpochForEveryName() {
        History history = Trainer.fit(new LinearModel(2, 1, 0.05), plane(40, 4),
                FitOptions.epochs(7).batchSize(16).metrics("mae", "r2").validationSplit(0.25).verbose(false));
        assertEquals(7, history.epochs());
        assertEquals(List.of("loss", "mae", "r2", "val_loss", "val_mae", "val_r2", "learning_rate"), history.keys());
        for (String key : history.keys()) {
            assertEquals(7, history.get(key).length, key);
        }
    }

    @Test
    void validationSplitHoldsOutTheLastFractionBeforeShuffling() {
        List<TreeSet<Integer>> trained = new ArrayList<>();
        TreeSet<Integer> validated = new TreeSet<>();
        LinearModel model = new LinearModel(1, 1, 0.01) {
            @Override
            public float trainBatch(float[] x, float[] y, float[] w, int n) {
                for (int r = 0; r < n; r++) {
                    trained.get(trained.size() - 1).add((int) x[r]);
                }
                return super.trainBatch(x, y, w, n);
            }

            @Override
            public float evaluate(float[] x, float[] y, float[] w, int n, Evaluation into) {
                for (int r = 0; r < n; r++) {
                    validated.add((int) x[r]);
                }
                return super.evaluate(x, y, w, n, into);
            }
        };
        Callback epochs = new Callback() {
            @Override
            public void onEpochBegin(int epoch) {
                trained.add(new TreeSet<>());
            }
        };
        Trainer.fit(model, indexed(20), FitOptions.epochs(3).batchSize(3).validationSplit(0.2).callbacks(epochs)
                .verbose(false));

        TreeSet<Integer> first16 = new TreeSet<>();
        for (int i = 0; i < 16; i++) {
            first16.add(i);
        }
        assertEquals(3, trained.size());
        for (TreeSet<Integer> epoch : trained) {
            assertEquals(first16, epoch);
        }
        assertEquals(new TreeSet<>(List.of(16, 17, 18, 19)), validated);
    }

    @Test
    void sampleWeightsWeighEachSamplesLossAsKeras() {
        // the loss is sum_r w_r l_r / n: weights of 0 and 2 over n samples train exactly as the
        // weight-2 half alone with weights 1, when each batch is the whole dataset
        Dataset data = plane(16, 4);
        float[] weights = new float[16];
        for (int i = 0; i < 16; i += 2) {
            weights[i] = 2;
        }
        float[] x = new float[16];
        float[] y = new float[8];
        for (int i = 0; i < 8; i++) {
            x[2 * i] = data.feature(2 * i, 0);
            x[2 * i + 1] = data.feature(2 * i, 1);
            y[i] = data.target(2 * i, 0);
        }
        LinearModel weighted = new LinearModel(2, 1, 0.1);
        LinearModel half = new LinearModel(2, 1, 0.1);
        History a = Trainer.fit(weighted, data.withSampleWeights(weights), FitOptions.epochs(5).batchSize(16).verbose(false));
        History b = Trainer.fit(half, Dataset.of(x, 2, y, 1), FitOptions.epochs(5).batchSize(16).verbose(false));
        assertArrayEquals(b.get("loss"), a.get("loss"), 1e-6);
        assertArrayEquals(half.snapshot(), weighted.snapshot(), 1e-6f);
        assertEquals(Trainer.evaluate(half, Dataset.of(x, 2, y, 1)).get("loss"),
                Trainer.evaluate(weighted, data.withSampleWeights(weights), 16).get("loss"), 1e-6);
    }

    @Test
    void theEpochLossIsTheMeanOfBatchLossesWeightedBySize() {
        // every batch reports its own size as its loss: batches of 4, 4 and 2
        LinearModel model = new LinearModel(1, 1, 0.01) {
            @Override
            public float trainBatch(float[] x, float[] y, float[] w, int n) {
                return n;
            }
        };
        History history = Trainer.fit(model, indexed(10), FitOptions.epochs(2).batchSize(4).verbose(false));
        double expected = (4.0 * 4 + 4.0 * 4 + 2.0 * 2) / 10;
        assertArrayEquals(new double[] {expected, expected}, history.get("loss"), 1e-12);
    }

    @Test
    void metricsAndValidationAreOfTheEpochsFinalWeights() {
        Dataset data = plane(30, 5);
        Dataset validation = plane(12, 6);
        LinearModel model = new LinearModel(2, 1, 0.05);
        History history = Trainer.fit(model, data, FitOptions.epochs(2).batchSize(7).metrics("mae")
                .validationData(validation).verbose(false));

        float[] w = model.snapshot(); // kernel w1, w2, then bias
        assertEquals(meanError(data, w, false), history.last("mae"), 1e-6);
        assertEquals(meanError(validation, w, true), history.last("val_loss"), 1e-6);
        assertEquals(meanError(validation, w, false), history.last("val_mae"), 1e-6);
        assertTrue(history.last("val_loss") > 1e-3, "not trivially converged");
    }

    /** The mean squared (or absolute) error of p = w1 x1 + w2 x2 + b over data, in double. */
    private static double meanError(Dataset data, float[] w, boolean squared) {
        double sum = 0;
        for (int i = 0; i < data.size(); i++) {
            double p = (double) w[0] * data.feature(i, 0) + (double) w[1] * data.feature(i, 1) + w[2];
            double error = p - data.target(i, 0);
            sum += squared ? error * error : Math.abs(error);
        }
        return sum / data.size();
    }

    @Test
    void evaluateGivesTheLossAndMetricsByName() {
        LinearModel model = new LinearModel(2, 1, 0.1);
        model.writeParameters(new float[] {1, 2, 0.5f});
        Dataset data = Dataset.of(new float[][] {{0, 0}, {1, 0}, {0, 1}, {1, 1}}, new float[][] {{0}, {2}, {2}, {4}});

        // predictions 0.5, 1.5, 2.5, 3.5: errors +-0.5; y mean 2, SStot 8, SSres 1
        Map<String, Double> results = Trainer.evaluate(model, data, 3, "mae", "r2");
        assertEquals(List.of("loss", "mae", "r2"), List.copyOf(results.keySet()));
        assertEquals(0.25, results.get("loss"), 1e-7);
        assertEquals(0.5, results.get("mae"), 1e-7);
        assertEquals(1 - 1.0 / 8, results.get("r2"), 1e-7);
        assertEquals(Map.of("loss", 0.25), Trainer.evaluate(model, data));
    }

    @Test
    void predictGoesThroughBatches() {
        LinearModel model = new LinearModel(2, 1, 0.1);
        model.writeParameters(new float[] {1, 2, 0.5f});
        float[][] inputs = new float[40][];
        for (int i = 0; i < 40; i++) {
            inputs[i] = new float[] {i, -i};
        }
        float[][] predictions = Trainer.predict(model, inputs);
        assertEquals(40, predictions.length);
        for (int i = 0; i < 40; i++) {
            assertArrayEquals(new float[] {i - 2 * i + 0.5f}, predictions[i], 1e-5f);
        }
        var e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.predict(model, new float[][] {{1, 2}, {1, 2, 3}}));
        assertEquals("inputs[1]: model Linear takes 2 features per sample (inputSize()), found 3", e.getMessage());
    }

    @Test
    void callbacksSeeTheHooksInKerasOrder() {
        List<String> events = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onTrainBegin(TrainingContext context) {
                events.add("trainBegin " + context.epochs() + "x" + context.batchesPerEpoch());
            }

            @Override
            public void onTrainEnd() {
                events.add("trainEnd");
            }

            @Override
            public void onEpochBegin(int epoch) {
                events.add("epochBegin " + epoch);
            }

            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                events.add("epochEnd " + epoch + " " + logs.keySet());
            }

            @Override
            public void onBatchBegin(int batch) {
                events.add("batchBegin " + batch);
            }

            @Override
            public void onBatchEnd(int batch, float loss) {
                events.add("batchEnd " + batch);
            }
        };
        Trainer.fit(new LinearModel(1, 1, 0.01), indexed(5), FitOptions.epochs(2).batchSize(3).callbacks(recorder)
                .validationData(indexed(2)).verbose(false));
        assertEquals(List.of("trainBegin 2x2",
                "epochBegin 0", "batchBegin 0", "batchEnd 0", "batchBegin 1", "batchEnd 1",
                "epochEnd 0 [loss, val_loss, learning_rate]",
                "epochBegin 1", "batchBegin 0", "batchEnd 0", "batchBegin 1", "batchEnd 1",
                "epochEnd 1 [loss, val_loss, learning_rate]",
                "trainEnd"), events);
    }

    @Test
    void trainingEndsForTheCallbacksItBeganForAndForAllOfThem() {
        List<String> ended = new ArrayList<>();
        Callback first = new Callback() {
            @Override
            public void onTrainEnd() {
                ended.add("first");
                throw new IllegalStateException("first failed to end");
            }
        };
        Callback second = new Callback() {
            @Override
            public void onTrainEnd() {
                ended.add("second");
            }
        };
        Callback failsToBegin = new Callback() {
            @Override
            public void onTrainBegin(TrainingContext context) {
                throw new IllegalStateException("third failed to begin");
            }

            @Override
            public void onTrainEnd() {
                ended.add("third");
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Trainer.fit(new LinearModel(1, 1, 0.01),
                indexed(4), FitOptions.epochs(1).callbacks(first, second, failsToBegin).verbose(false)));
        assertEquals("third failed to begin", e.getMessage());
        assertEquals(List.of("first", "second"), ended, "the two that began end, the second though the first failed");
        assertEquals("first failed to end", e.getSuppressed()[0].getMessage());
    }

    /** A metric of the user's: the largest absolute error seen. */
    static final class MaxError implements Metric {
        private double max = Double.NaN;

        @Override
        public String name() {
            return "max_error";
        }

        @Override
        public void reset() {
            max = Double.NaN;
        }

        @Override
        public void update(float[] predictions, float[] targets, int n, int outputs) {
            for (int i = 0; i < n * outputs; i++) {
                double error = Math.abs(predictions[i] - targets[i]);
                max = Double.isNaN(max) ? error : Math.max(max, error);
            }
        }

        @Override
        public double result() {
            return max;
        }
    }

    @Test
    void metricsMadeByAFactoryAreLoggedBesideNamedOnes() {
        LinearModel model = new LinearModel(2, 1, 0.05);
        Dataset data = plane(40, 3);
        History history = Trainer.fit(model, data, FitOptions.epochs(3).batchSize(8).metrics("mae").metric(MaxError::new)
                .validationSplit(0.25).verbose(false));
        assertEquals(List.of("loss", "mae", "max_error", "val_loss", "val_mae", "val_max_error", "learning_rate"), history.keys());
        // the last epoch's value is over the training part (the first 30 samples) with the final weights
        Dataset.Split split = data.split(0.25);
        float[] predictions = model.predictBatch(split.train().copyFeatures(), 30);
        float[] targets = split.train().copyTargets();
        double max = 0;
        for (int i = 0; i < 30; i++) {
            max = Math.max(max, Math.abs(predictions[i] - targets[i]));
        }
        assertEquals(max, history.last("max_error"), 1e-6);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.fit(model, data,
                FitOptions.epochs(1).metrics("mae").metric(() -> Metrics.create("mae")).verbose(false)));
        assertEquals("metrics: two are named 'mae'; the logs need one of each name", e.getMessage());
    }

    @Test
    void aModelThatOnlyPredictsIsRefusedBeforeAnythingRuns() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Trainer.fit(new LinearModel(1, 1, 0.1, "none"),
                indexed(4), FitOptions.epochs(1).callbacks(new Callback() {
                    @Override
                    public void onTrainBegin(TrainingContext context) {
                        throw new AssertionError("no callback runs");
                    }
                }).verbose(false)));
        assertEquals("model: Linear only predicts (declared without @Loss and @Optimizer); declare both to train it",
                e.getMessage());
    }

    @Test
    void aResumedRunGoesOnNumberingItsEpochs() {
        List<Integer> epochs = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                epochs.add(epoch);
            }
        };
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        History history = Trainer.fit(new LinearModel(1, 1, 0.01), indexed(5), FitOptions.epochs(5).initialEpoch(3)
                .callbacks(recorder).progress(new PrintStream(printed, true, StandardCharsets.UTF_8)));
        assertEquals(List.of(3, 4), epochs, "epochs 3 and 4, as Keras' initial_epoch = 3 with epochs = 5");
        assertEquals(2, history.epochs());
        String lines = printed.toString(StandardCharsets.UTF_8);
        assertTrue(lines.startsWith("Epoch 4/5 - ") && lines.contains("\nEpoch 5/5 - "), lines);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FitOptions.epochs(5).initialEpoch(5));
        assertEquals("initialEpoch: expected 0 or more and less than epochs = 5, found 5", e.getMessage());
    }

    @Test
    void aStopRequestEndsTrainingAfterTheCurrentBatchButTheEpochIsLogged() {
        LinearModel model = new LinearModel(1, 1, 0.01);
        Callback stopper = new Callback() {
            private TrainingContext context;
            private int epoch;

            @Override
            public void onTrainBegin(TrainingContext context) {
                this.context = context;
            }

            @Override
            public void onEpochBegin(int epoch) {
                this.epoch = epoch;
            }

            @Override
            public void onBatchEnd(int batch, float loss) {
                if (epoch == 1 && batch == 1) {
                    context.stopTraining();
                }
            }
        };
        History history = Trainer.fit(model, indexed(10), FitOptions.epochs(5).batchSize(2).callbacks(stopper)
                .verbose(false));
        assertEquals(2, history.epochs());
        assertEquals(5 + 2, model.steps());
    }

    /** A model whose batches report the scripted losses, in order, and leave the weights at 0. */
    static LinearModel scriptedLosses(float... losses) {
        return new LinearModel(1, 1, 0.01) {
            private int calls;

            @Override
            public float trainBatch(float[] x, float[] y, float[] w, int n) {
                return losses[calls++];
            }
        };
    }

    @Test
    void aNaNOrInfiniteBatchLossIsRecordedAndShown() {
        float nan = Float.NaN;
        float inf = Float.POSITIVE_INFINITY;
        // three batches of one sample per epoch
        LinearModel model = scriptedLosses(1, nan, 3, 1, inf, 2, inf, -inf, 1, 1, 2, 3);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ProgressBar lines = new ProgressBar(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                false, ProgressBarTest.clockTicking(1_000_000));
        History history = Trainer.fit(model, indexed(3), FitOptions.epochs(4).batchSize(1).callbacks(lines)
                .verbose(false));

        assertArrayEquals(new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NaN, 2}, history.get("loss"));
        // each epoch reads the clock 5 times, 1 ms apart: 4 ms, of which 3 over 3 batches
        assertEquals(String.join(System.lineSeparator(),
                "Epoch 1/4 - 4ms 1ms/step - loss: nan - learning_rate: 0.0100",
                "Epoch 2/4 - 4ms 1ms/step - loss: inf - learning_rate: 0.0100",
                "Epoch 3/4 - 4ms 1ms/step - loss: nan - learning_rate: 0.0100",
                "Epoch 4/4 - 4ms 1ms/step - loss: 2.0000 - learning_rate: 0.0100", ""),
                out.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("epoch,loss,learning_rate\n0,nan,0.01\n1,inf,0.01\n2,nan,0.01\n3,2.0,0.01\n", history.toCsv());
        assertEquals(String.join(System.lineSeparator(), "History (4 epochs)", "  loss: nan -> 2.0000",
                "  learning_rate: 0.0100 -> 0.0100"), history.toString());
    }

    @Test
    void theLearningRateAtTheEndOfEachEpochIsLogged() {
        LinearModel model = new LinearModel(1, 1, 0.1);
        List<Double> seenByCallbacks = new ArrayList<>();
        Callback schedule = new Callback() {
            private TrainingContext context;

            @Override
            public void onTrainBegin(TrainingContext context) {
                this.context = context;
            }

            @Override
            public void onBatchEnd(int batch, float loss) {
                if (batch == 1) {
                    context.setLearningRate(context.learningRate() / 2); // halved mid-epoch: in effect at its end
                }
            }

            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                seenByCallbacks.add(logs.get("learning_rate"));
                context.setLearningRate(0.5); // after the logs were taken: shows from the next epoch
            }
        };
        History history = Trainer.fit(model, indexed(6), FitOptions.epochs(3).batchSize(2).callbacks(schedule)
                .verbose(false));
        assertArrayEquals(new double[] {0.05, 0.25, 0.25}, history.get("learning_rate"));
        assertEquals(List.of(0.05, 0.25, 0.25), seenByCallbacks);
        assertEquals(List.of("loss", "learning_rate"), history.keys(), "last, as Keras' callbacks add it");
    }

    @Test
    void earlyStoppingInFitRestoresTheBestEpoch() {
        double[] losses = {5, 4, 3, 3.5, 3.6, 3.7, 3.8, 3.9};
        // one batch per epoch; the weights after epoch e are all e + 1, its loss losses[e]
        class Scripted extends LinearModel {
            int step;

            Scripted() {
                super(1, 1, 0.01);
            }

            @Override
            public float trainBatch(float[] x, float[] y, float[] w, int n) {
                float[] weights = new float[parameterCount()];
                Arrays.fill(weights, step + 1);
                writeParameters(weights);
                return (float) losses[step++];
            }
        }
        Scripted patient = new Scripted();
        EarlyStopping stopping = new EarlyStopping("loss", 0, 2, true);
        History history = Trainer.fit(patient, indexed(4), FitOptions.epochs(8).batchSize(4).callbacks(stopping)
                .verbose(false));
        assertEquals(5, history.epochs());
        assertEquals(4, stopping.stoppedEpoch());
        assertEquals(2, stopping.bestEpoch());
        assertArrayEquals(new float[] {3, 3}, patient.snapshot());

        Scripted runsOut = new Scripted();
        Trainer.fit(runsOut, indexed(4), FitOptions.epochs(4).batchSize(4)
                .callbacks(new EarlyStopping("loss", 0, 10, true)).verbose(false));
        assertEquals(4, runsOut.step);
        assertArrayEquals(new float[] {3, 3}, runsOut.snapshot());
    }

    private static final int EPOCHS = 800;

    @Test
    void epochsAfterWarmUpAllocateNothingPerBatch() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long[] allocated = new long[EPOCHS];
        Callback meter = new Callback() {
            private int epoch;
            private long start;

            @Override
            public void onEpochBegin(int epoch) {
                this.epoch = epoch;
                threads.getCurrentThreadAllocatedBytes();
                start = threads.getCurrentThreadAllocatedBytes();
            }

            @Override
            public void onBatchEnd(int batch, float loss) {
                // from the start of the epoch (shuffle included) to the end of this batch
                allocated[epoch] = threads.getCurrentThreadAllocatedBytes() - start;
            }
        };
        Trainer.fit(new LinearModel(2, 1, 0.01), plane(500, 8), FitOptions.epochs(EPOCHS).batchSize(3)
                .callbacks(meter).verbose(false));
        // The first epochs run while the JIT compiles. After them, an object allocated per batch
        // would cost every epoch at least 167 x 16 bytes; the JIT's own rare events (a late
        // recompilation, seen once in ~10 runs at ~500 bytes in one epoch) cost far less and
        // only now and then. So: no epoch of the second half allocates a byte per batch, and all
        // but a handful allocate nothing at all.
        int batches = 167;
        int withAllocation = 0;
        for (int epoch = EPOCHS / 2; epoch < EPOCHS; epoch++) {
            assertTrue(allocated[epoch] < batches * 16L, "epoch " + epoch + " allocated " + allocated[epoch]
                    + " bytes over its " + batches + " batches: something is allocated per batch");
            withAllocation += allocated[epoch] == 0 ? 0 : 1;
        }
        assertTrue(withAllocation <= 3, withAllocation + " of the last " + EPOCHS / 2 + " epochs allocated");
    }

    @Test
    void dataMustFitTheModel() {
        LinearModel model = new LinearModel(2, 1, 0.1);
        Dataset threeFeatures = Dataset.of(new float[6], 3, new float[2], 1);
        Dataset twoTargets = Dataset.of(new float[4], 2, new float[4], 2);
        Dataset empty = Dataset.of(new float[0], 2, new float[0], 1);

        assertFitRefuses("data: model Linear takes 2 features per sample (inputSize()), the dataset has 3",
                model, threeFeatures, QUIET);
        assertFitRefuses("data: model Linear gives 1 outputs per sample (outputSize()), the dataset has 2 targets",
                model, twoTargets, QUIET);
        assertFitRefuses("data: expected at least 1 sample, found 0", model, empty, QUIET);
        assertFitRefuses("validationData: model Linear takes 2 features per sample (inputSize()), the dataset has 3",
                model, plane(4, 1), QUIET.validationData(threeFeatures));
        assertFitRefuses("validationData: model Linear gives 1 outputs per sample (outputSize()), the dataset has 2"
                + " targets", model, plane(4, 1), QUIET.validationData(twoTargets));
        assertFitRefuses("validationData: expected at least 1 sample, found 0", model, plane(4, 1),
                QUIET.validationData(empty));
        assertEquals("data: expected at least 1 sample, found 0",
                assertThrows(IllegalArgumentException.class, () -> Trainer.evaluate(model, empty)).getMessage());
    }

    @Test
    void aModelOnClassIndicesNamesItsTarget() {
        LinearModel sparse = new LinearModel(2, 3, 0.1, "sparse_categorical_crossentropy") {
            @Override
            public int targetSize() {
                return 1;
            }
        };
        Dataset oneHot = Dataset.of(new float[4], 2, new float[6], 3);
        assertFitRefuses("data: model Linear takes one class index per sample as its target"
                + " (sparse_categorical_crossentropy), the dataset has 3 targets", sparse, oneHot, QUIET);
    }

    @Test
    void aValidationSplitMustLeaveBothParts() {
        assertFitRefuses("validationSplit: 0.5 of 1 samples leaves 0 for training and 1 for validation; both need at"
                + " least 1 (use more data or another fraction)", new LinearModel(2, 1, 0.1), plane(1, 1),
                QUIET.validationSplit(0.5));
        // 1 - 1e-17 rounds to 1: floor(10 * 1) keeps every sample for training, as Keras computes it
        assertFitRefuses("validationSplit: 1.0E-17 of 10 samples leaves 10 for training and 0 for validation; both"
                + " need at least 1 (use more data or another fraction)", new LinearModel(2, 1, 0.1), plane(10, 1),
                QUIET.validationSplit(1e-17));
    }

    @Test
    void aMetricThatCannotReadTheTargetsIsRefusedBeforeTraining() {
        assertFitRefuses("metric 'sparse_categorical_accuracy' cannot read the targets of model Linear, which takes 1"
                + " values per sample; it reads one class index per sample", new LinearModel(2, 1, 0.1), plane(4, 1),
                QUIET.metrics("sparse_categorical_accuracy"));
    }

    /**
     * {@code fit} throws an {@link IllegalArgumentException} with {@code message}, before training
     * a batch or calling a callback.
     */
    private static void assertFitRefuses(String message, LinearModel model, Dataset data, FitOptions options) {
        List<String> hooks = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onTrainBegin(TrainingContext context) {
                hooks.add("trainBegin");
            }

            @Override
            public void onTrainEnd() {
                hooks.add("trainEnd");
            }
        };
        var e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.fit(model, data, options.callbacks(recorder)));
        assertEquals(message, e.getMessage());
        assertEquals(List.of(), hooks);
        assertEquals(0, model.steps());
    }

    @Test
    void aBatchSizeBeyondTheDataTrainsOneBatchPerEpoch() {
        // as Keras takes a batch_size larger than the data; the batch count must not wrap around on the way
        LinearModel model = new LinearModel(2, 1, 0.1);
        List<Integer> batchesPerEpoch = new ArrayList<>();
        Trainer.fit(model, plane(10, 1), FitOptions.epochs(3).batchSize(Integer.MAX_VALUE).verbose(false).callbacks(new Callback() {
            @Override
            public void onTrainBegin(TrainingContext context) {
                batchesPerEpoch.add(context.batchesPerEpoch());
            }
        }));
        assertEquals(List.of(1), batchesPerEpoch);
        assertEquals(3, model.steps());
    }
}
