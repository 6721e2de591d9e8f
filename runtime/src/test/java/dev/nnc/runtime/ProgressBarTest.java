package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private static final String NL = System.lineSeparator();
    private static final long MS = 1_000_000L;

    /** A clock that moves {@code step} nanoseconds at each read. */
    static LongSupplier clockTicking(long step) {
        long[] now = {0};
        return () -> now[0] += step;
    }

    /** A clock that gives these times, in milliseconds, one per read, and fails when they run out. */
    private static LongSupplier clockAt(long... millis) {
        int[] next = {0};
        return () -> millis[next[0]++] * MS;
    }

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aTerminalSeesTheBarRedrawnInPlace() {
        // 4 batches of one sample with losses 10, -8, 2, 4: running means 10, 1, 4/3, 2
        LinearModel model = TrainerTest.scriptedLosses(10, -8, 2, 4);
        // epoch begins at 0; batches end at 1 s, 2.05 s, 2.1 s and 4 s; the epoch at 4.5 s
        ProgressBar bar = new ProgressBar(out, true, clockAt(0, 1000, 2050, 2100, 4000, 4500));
        Trainer.fit(model, TrainerTest.indexed(4), FitOptions.epochs(1).batchSize(1).shuffle(false)
                .callbacks(bar).verbose(false));

        assertEquals("Epoch 1/1" + NL
                // 1 s after the start: 7 cells (30 / 4 = 7.5), 1 s per batch, 3 batches left
                + "\r1/4 [======>.......................] - ETA: 3s - loss: 10.0000"
                // 1.05 s after the last redraw: 15 cells, 1.025 s per batch, 2 left; one space blanks the old line's end
                + "\r2/4 [==============>...............] - ETA: 2s - loss: 1.0000 "
                // 2.1 s: 50 ms after the last redraw, not drawn; 4 s: the last batch, always drawn
                + "\r4/4 [==============================] - ETA: 0s - loss: 2.0000"
                // 4.5 s in all, rounded to 5 s; 4 s of training over 4 batches
                + "\r4/4 [==============================] - 5s 1s/step - loss: 2.0000 - learning_rate: 0.0100" + NL,
                printed());
    }

    @Test
    void theLiveLossWeighsEachBatchByItsSamplesAsTheEpochsLossDoes() {
        // 5 samples in batches of 2, 2 and 1 with losses 1, 1 and 4: (2 + 2 + 4) / 5 = 1.6, where a mean of batches says 2
        LinearModel model = TrainerTest.scriptedLosses(1, 1, 4);
        ProgressBar bar = new ProgressBar(out, true, clockAt(0, 1, 2, 3000, 4000));
        History history = Trainer.fit(model, TrainerTest.indexed(5), FitOptions.epochs(1).batchSize(2).shuffle(false)
                .callbacks(bar).verbose(false));
        assertEquals(1.6, history.last("loss"), 1e-9);
        String last = printed().split("\r")[printed().split("\r").length - 2];
        assertTrue(last.startsWith("3/3 [") && last.endsWith("loss: 1.6000"), last);
    }

    @Test
    void aTerminalSeesTheBatchesRunWhenTrainingStopsMidEpoch() {
        Callback stopAfterTheSecondBatch = new Callback() {
            private TrainingContext context;

            @Override
            public void onTrainBegin(TrainingContext context) {
                this.context = context;
            }

            @Override
            public void onBatchEnd(int batch, float loss) {
                if (batch == 1) {
                    context.stopTraining();
                }
            }
        };
        ProgressBar bar = new ProgressBar(out, true, clockAt(0, 10, 20, 120));
        Trainer.fit(TrainerTest.scriptedLosses(1, 3), TrainerTest.indexed(4), FitOptions.epochs(2).batchSize(1)
                .callbacks(stopAfterTheSecondBatch, bar).verbose(false));

        assertEquals("Epoch 1/2" + NL
                + "\r2/4 [==============>...............] - 120ms 10ms/step - loss: 2.0000 - learning_rate: 0.0100"
                + NL, printed());
    }

    @Test
    void anythingElseSeesOneLinePerEpoch() {
        // losses 0.5 and 0.25 in each epoch's two batches of 2; validation on 0, 1, 2 with weights at 0
        LinearModel model = TrainerTest.scriptedLosses(0.5f, 0.25f, 1, 2);
        ProgressBar lines = new ProgressBar(out, false, clockTicking(10 * MS));
        Trainer.fit(model, TrainerTest.indexed(4), FitOptions.epochs(2).batchSize(2)
                .validationData(TrainerTest.indexed(3)).callbacks(lines).verbose(false));

        // each epoch reads the clock 4 times, 10 ms apart: 30 ms, of which 20 over 2 batches
        assertEquals("Epoch 1/2 - 30ms 10ms/step - loss: 0.3750 - val_loss: 1.6667 - learning_rate: 0.0100" + NL
                + "Epoch 2/2 - 30ms 10ms/step - loss: 1.5000 - val_loss: 1.6667 - learning_rate: 0.0100" + NL,
                printed());
        assertFalse(printed().contains("\r"));
    }

    @Test
    void aStreamThatIsNotStandardOutputIsNeverLive() {
        assertFalse(new ProgressBar(out).isLive());
        assertTrue(new ProgressBar(out, true).isLive());
        Trainer.fit(new LinearModel(2, 1, 0.01), TrainerTest.plane(40, 1), FitOptions.epochs(3).batchSize(8)
                .metrics("mae").progress(out));
        String[] printed = printed().split(NL);
        assertEquals(3, printed.length);
        for (int e = 0; e < 3; e++) {
            assertTrue(printed[e].matches("Epoch " + (e + 1) + "/3 - \\d+m?s \\d+(us|ms|s)/step - loss: \\d\\.\\d{4}"
                    + " - mae: \\d\\.\\d{4} - learning_rate: 0\\.0100"), printed[e]);
        }
    }

    /** A logger that keeps what it is given, and takes INFO or not. */
    private static final class RecordingLogger implements System.Logger {
        final List<String> records = new ArrayList<>();
        private final boolean infoOn;

        RecordingLogger(boolean infoOn) {
            this.infoOn = infoOn;
        }

        @Override
        public String getName() {
            return "training";
        }

        @Override
        public boolean isLoggable(Level level) {
            return infoOn && level.getSeverity() >= Level.INFO.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            records.add(level + " " + message);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            records.add(level + " " + format);
        }
    }

    @Test
    void aLoggerGetsOneInfoRecordPerEpoch() {
        RecordingLogger logger = new RecordingLogger(true);
        ProgressBar records = new ProgressBar(logger, clockTicking(10 * MS));
        Trainer.fit(TrainerTest.scriptedLosses(0.5f, 0.25f, 1, 2), TrainerTest.indexed(4), FitOptions.epochs(2)
                .batchSize(2).callbacks(records).verbose(false));
        assertEquals(List.of("INFO Epoch 1/2 - 30ms 10ms/step - loss: 0.3750 - learning_rate: 0.0100",
                "INFO Epoch 2/2 - 30ms 10ms/step - loss: 1.5000 - learning_rate: 0.0100"), logger.records);

        RecordingLogger fromOptions = new RecordingLogger(true);
        Trainer.fit(new LinearModel(1, 1, 0.01), TrainerTest.indexed(4), FitOptions.epochs(2).progress(fromOptions));
        assertEquals(2, fromOptions.records.size());
        assertTrue(fromOptions.records.get(1).matches("INFO Epoch 2/2 - \\d+m?s \\d+(us|ms|s)/step - loss: .*"),
                fromOptions.records.get(1));

        RecordingLogger quiet = new RecordingLogger(false);
        Trainer.fit(new LinearModel(1, 1, 0.01), TrainerTest.indexed(4), FitOptions.epochs(2).progress(quiet));
        assertEquals(List.of(), quiet.records);
    }

    @Test
    void quietFitPrintsNothingAndDefaultFitPrintsLines() {
        PrintStream original = System.out;
        try {
            System.setOut(out);
            Trainer.fit(new LinearModel(2, 1, 0.01), TrainerTest.plane(8, 1), FitOptions.epochs(2).verbose(false));
            Trainer.fit(new LinearModel(2, 1, 0.01), TrainerTest.plane(8, 1),
                    FitOptions.epochs(2).progress((PrintStream) null));
            assertEquals("", printed());
            Trainer.fit(new LinearModel(2, 1, 0.01), TrainerTest.plane(8, 1), FitOptions.epochs(2));
            assertEquals(2, printed().split(NL).length, "on by default, as in Keras");
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void batchesThatAreNotRedrawnAllocateNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        int batches = 1_000_000;
        for (boolean live : new boolean[] {true, false}) {
            // the clock never moves: no redraw before the last batch
            ProgressBar bar = new ProgressBar(out, live, () -> 0L);
            bar.onTrainBegin(new TrainingContext(new LinearModel(1, 1, 0.01), 1, batches));
            bar.onEpochBegin(0);
            for (int batch = 0; batch < batches / 2; batch++) { // warm-up: the JIT compiles onBatchEnd
                bar.onBatchEnd(batch, 0.5f);
            }
            threads.getCurrentThreadAllocatedBytes();
            long start = threads.getCurrentThreadAllocatedBytes();
            for (int batch = batches / 2; batch < batches - 1; batch++) {
                bar.onBatchEnd(batch, 0.5f);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - start;
            // an object per batch would be at least 16 bytes x 500,000; the JIT's rare events cost far less
            assertTrue(allocated < 10_000, (live ? "live: " : "lines: ") + allocated + " bytes over "
                    + (batches / 2 - 1) + " batches");
        }
        assertEquals("Epoch 1/1" + NL, printed(), "nothing drawn but the header");
    }
}
