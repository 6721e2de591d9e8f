package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interrupting the thread that runs {@code fit}: a stop at the next batch boundary, with the status kept. */
class FitInterruptTest {

    @TempDir
    Path directory;

    @AfterEach
    void clearTheInterrupt() {
        Thread.interrupted();
    }

    /** Records the hooks, and interrupts its own thread at the end of batch {@code batch} of epoch {@code epoch}. */
    private static final class Interrupter implements Callback {
        final List<String> events = new ArrayList<>();
        private final int epoch;
        private final int batch;
        private TrainingContext context;
        private int current;

        Interrupter(int epoch, int batch) {
            this.epoch = epoch;
            this.batch = batch;
        }

        @Override
        public void onTrainBegin(TrainingContext context) {
            this.context = context;
        }

        @Override
        public void onEpochBegin(int epoch) {
            current = epoch;
        }

        @Override
        public void onBatchEnd(int batch, float loss) {
            events.add(current + "." + batch);
            if (current == epoch && batch == this.batch) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs) {
            events.add("epochEnd " + epoch + " " + logs.keySet() + " stop=" + context.isStopRequested()
                    + " interrupted=" + Thread.currentThread().isInterrupted());
        }

        @Override
        public void onTrainEnd() {
            events.add("trainEnd stop=" + context.isStopRequested()
                    + " interrupted=" + Thread.currentThread().isInterrupted());
        }
    }

    @Test
    void anInterruptStopsAfterTheBatchEndsTheEpochAndKeepsTheStatus() {
        LinearModel model = new LinearModel(1, 1, 0.01);
        Interrupter interrupter = new Interrupter(1, 2);
        History history = Trainer.fit(model, TrainerTest.indexed(10), FitOptions.epochs(5).batchSize(2)
                .validationData(TrainerTest.indexed(3)).callbacks(interrupter).verbose(false));

        assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status is kept for the caller");
        assertEquals(List.of("0.0", "0.1", "0.2", "0.3", "0.4",
                "epochEnd 0 [loss, val_loss, learning_rate] stop=false interrupted=false",
                "1.0", "1.1", "1.2",
                "epochEnd 1 [loss, val_loss, learning_rate] stop=true interrupted=false",
                "trainEnd stop=true interrupted=false"), interrupter.events);
        assertEquals(5 + 3, model.steps(), "the batch under way finished, no other started");
        assertEquals(2, history.epochs(), "the interrupted epoch is logged over the batches run");
        assertTrue(Double.isFinite(history.get("val_loss")[1]));
        assertFalse(model.isTraining());
    }

    @Test
    void anInterruptDuringValidationIsHeldAsideBeforeCallbacksWriteFiles() throws IOException {
        // the interrupt arrives while the epoch's validation runs, as one from another thread would
        LinearModel model = new LinearModel(1, 1, 0.01) {
            @Override
            public float evaluate(float[] x, float[] y, float[] weights, int n, Evaluation into) {
                Thread.currentThread().interrupt();
                return super.evaluate(x, y, weights, n, into);
            }
        };
        Path checkpoint = directory.resolve("checkpoint.safetensors");
        History history = Trainer.fit(model, TrainerTest.indexed(6), FitOptions.epochs(3).batchSize(2)
                .validationData(TrainerTest.indexed(2)).callbacks(new ModelCheckpoint(checkpoint.toString())).verbose(false));
        assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status is kept for the caller");
        assertEquals(1, history.epochs(), "no epoch after the interrupted one");
        LinearModel loaded = new LinearModel(1, 1, 0.01);
        Weights.load(loaded, checkpoint);
        assertArrayEquals(model.snapshot(), loaded.snapshot(), "the checkpoint was written despite the interrupt");
    }

    @Test
    void trainingThatFailsStillEndsSoCallbacksCloseTheirFiles() {
        LinearModel model = new LinearModel(1, 1, 0.01);
        Interrupter recorder = new Interrupter(99, 99);
        Callback failing = new Callback() {
            @Override
            public void onBatchEnd(int batch, float loss) {
                if (batch == 1) {
                    throw new IllegalStateException("a callback failed");
                }
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Trainer.fit(model, TrainerTest.indexed(10),
                FitOptions.epochs(5).batchSize(2).callbacks(recorder, failing).verbose(false)));
        assertEquals("a callback failed", e.getMessage());
        assertEquals(List.of("0.0", "0.1", "trainEnd stop=false interrupted=false"), recorder.events);
    }

    @Test
    void theHooksThatEndTrainingCanWriteAWeightsFile() throws IOException {
        // weights files are written through a FileChannel, which closes on an interrupted thread
        LinearModel model = new LinearModel(1, 1, 0.01);
        Path atEpochEnd = directory.resolve("epoch.safetensors");
        Path atTrainEnd = directory.resolve("end.safetensors");
        Callback checkpoint = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                save(model, atEpochEnd);
            }

            @Override
            public void onTrainEnd() {
                save(model, atTrainEnd);
            }
        };
        Trainer.fit(model, TrainerTest.indexed(10), FitOptions.epochs(5).batchSize(2)
                .callbacks(new Interrupter(0, 3), checkpoint).verbose(false));

        assertTrue(Thread.currentThread().isInterrupted());
        Thread.interrupted();
        LinearModel reloaded = new LinearModel(1, 1, 0.01);
        reloaded.loadWeights(atEpochEnd);
        assertArrayEquals(model.snapshot(), reloaded.snapshot());
        reloaded.loadWeights(atTrainEnd);
        assertArrayEquals(model.snapshot(), reloaded.snapshot());
    }

    private static void save(Model model, Path file) {
        try {
            model.saveWeights(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void earlyStoppingRestoresTheBestWeightsAfterAnInterrupt() {
        double[] losses = {5, 3, 4, 6, 7};
        // one batch per epoch; the weights after epoch e are all e + 1, its loss losses[e]
        LinearModel model = new LinearModel(1, 1, 0.01) {
            private int step;

            @Override
            public float trainBatch(float[] x, float[] y, float[] w, int n) {
                float[] weights = new float[parameterCount()];
                Arrays.fill(weights, step + 1);
                writeParameters(weights);
                return (float) losses[step++];
            }
        };
        EarlyStopping stopping = new EarlyStopping("loss", 0, 10, true);
        History history = Trainer.fit(model, TrainerTest.indexed(4), FitOptions.epochs(5).batchSize(4)
                .callbacks(new Interrupter(3, 0), stopping).verbose(false));

        assertTrue(Thread.currentThread().isInterrupted());
        assertArrayEquals(new double[] {5, 3, 4, 6}, history.get("loss"));
        assertEquals(1, stopping.bestEpoch());
        assertArrayEquals(new float[] {2, 2}, model.snapshot(), "epoch 1's weights");
    }

    @Test
    void aThreadInterruptedBeforeFitTrainsNothing() {
        LinearModel model = new LinearModel(1, 1, 0.01);
        Interrupter recorder = new Interrupter(-1, -1);
        Thread.currentThread().interrupt();
        History history = Trainer.fit(model, TrainerTest.indexed(4), FitOptions.epochs(3).batchSize(2)
                .callbacks(recorder).verbose(false));

        assertTrue(Thread.currentThread().isInterrupted());
        assertEquals(0, history.epochs());
        assertEquals(0, model.steps());
        assertEquals(List.of("trainEnd stop=true interrupted=false"), recorder.events);
    }

    @Test
    void anInterruptDuringTheEpochsEndStopsBeforeTheNextEpoch() {
        LinearModel model = new LinearModel(1, 1, 0.01);
        Callback interruptAtEpochEnd = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                Thread.currentThread().interrupt();
            }
        };
        History history = Trainer.fit(model, TrainerTest.indexed(4), FitOptions.epochs(3).batchSize(2)
                .callbacks(interruptAtEpochEnd).verbose(false));

        assertTrue(Thread.currentThread().isInterrupted());
        assertEquals(1, history.epochs());
        assertEquals(2, model.steps());
    }

    @Test
    void theStatusIsKeptWhenACallbackThrowsAfterTheInterrupt() {
        Callback failing = new Callback() {
            @Override
            public void onTrainEnd() {
                throw new IllegalStateException("disk full");
            }
        };
        var e = assertThrows(IllegalStateException.class, () -> Trainer.fit(new LinearModel(1, 1, 0.01),
                TrainerTest.indexed(4), FitOptions.epochs(3).batchSize(2).callbacks(new Interrupter(0, 0), failing)
                        .verbose(false)));
        assertEquals("disk full", e.getMessage());
        assertTrue(Thread.currentThread().isInterrupted());
    }
}
