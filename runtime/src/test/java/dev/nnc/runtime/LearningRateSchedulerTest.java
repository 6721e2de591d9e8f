package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnc.runtime.schedules.CosineDecay;
import dev.nnc.runtime.schedules.CosineDecayRestarts;
import dev.nnc.runtime.schedules.ExponentialDecay;
import dev.nnc.runtime.schedules.LearningRateSchedule;
import dev.nnc.runtime.schedules.OneCycle;
import dev.nnc.runtime.schedules.PiecewiseConstantDecay;
import dev.nnc.runtime.schedules.StepDecay;
import dev.nnc.runtime.schedules.Warmup;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scheduler through {@link Trainer#fit} on a {@link LinearModel}: 10 samples in batches of 4,
 * so 3 optimizer steps per epoch; a callback after the scheduler records the rate the model has as
 * each batch starts, the rate its step then uses.
 */
class LearningRateSchedulerTest {

    private static final Dataset DATA = TrainerTest.plane(10, 7);
    private static final int BATCHES_PER_EPOCH = 3;

    private final LinearModel model = new LinearModel(2, 1, 0.1);

    /** The model's rate as each batch starts, in order. */
    private static final class RatesSeen implements Callback {
        private final List<Double> rates = new ArrayList<>();
        private TrainingContext context;

        @Override
        public void onTrainBegin(TrainingContext context) {
            this.context = context;
        }

        @Override
        public void onBatchBegin(int batch) {
            rates.add(context.learningRate());
        }

        double[] rates() {
            return rates.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    private History fit(int epochs, Callback... callbacks) {
        return Trainer.fit(model, DATA, FitOptions.epochs(epochs).batchSize(4).verbose(false).callbacks(callbacks));
    }

    @Test
    void perStepSetsTheScheduleOfEachStepBeforeItRuns() {
        RatesSeen seen = new RatesSeen();
        History history = fit(3, LearningRateScheduler.perStep(new ExponentialDecay(0.1, 2, 0.5)), seen);

        double[] expected = new double[3 * BATCHES_PER_EPOCH];
        for (int step = 0; step < expected.length; step++) {
            expected[step] = 0.1 * Math.pow(0.5, step / 2.0);
        }
        assertArrayEquals(expected, seen.rates(), 1e-16);
        assertEquals(9, model.steps());
        // the logs get the rate of each epoch's last step
        assertArrayEquals(new double[] {expected[2], expected[5], expected[8]}, history.get("learning_rate"), 1e-16);
    }

    @Test
    void perStepContinuesFromTheModelsStepCount() {
        LearningRateScheduler scheduler = LearningRateScheduler.perStep(new StepDecay(0.1, 4, 0.5));
        RatesSeen first = new RatesSeen();
        fit(2, scheduler, first);
        RatesSeen second = new RatesSeen();
        fit(1, scheduler, second);

        // steps 0-3 at 0.1, 4-7 at 0.05, 8 at 0.025: the second fit runs steps 6, 7 and 8
        assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.1, 0.05, 0.05}, first.rates(), 1e-16);
        assertArrayEquals(new double[] {0.05, 0.05, 0.025}, second.rates(), 1e-16);
    }

    @Test
    void perEpochCallsTheScheduleWithTheEpochAndTheCurrentRate() {
        List<String> calls = new ArrayList<>();
        // Keras' documented example, halving instead of exp(-0.1)
        LearningRateScheduler scheduler = LearningRateScheduler.perEpoch((epoch, current) -> {
            calls.add(epoch + ": " + current);
            return epoch < 2 ? current : current * 0.5;
        });
        RatesSeen seen = new RatesSeen();
        History history = fit(4, scheduler, seen);

        assertEquals(List.of("0: 0.1", "1: 0.1", "2: 0.1", "3: 0.05"), calls);
        assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025},
                seen.rates(), 1e-16);
        assertArrayEquals(new double[] {0.1, 0.1, 0.05, 0.025}, history.get("learning_rate"), 1e-16);
        assertEquals(0.025, model.learningRate(), 1e-16, "the model keeps the last rate");
    }

    @Test
    void perStepAllocatesNothing() {
        // settings that stay above 0 for the 50000 steps (0.5^1075 is 0 in double)
        List<LearningRateSchedule> schedules = List.of(new StepDecay(0.1, 1000, 0.5), new ExponentialDecay(0.1, 1000, 0.5),
                new PiecewiseConstantDecay(new long[] {100, 200}, new double[] {0.1, 0.05, 0.01}),
                new CosineDecay(0.1, 100_000, 0.1), new CosineDecayRestarts(0.1, 10, 2, 0.9, 0.01),
                new Warmup(new CosineDecay(0.1, 100_000, 0.1), 50, 0.01), new OneCycle(0.1, 100_000),
                step -> 0.1 / (1 + step));
        int batches = 10_000;
        int rounds = 5;
        List<LearningRateScheduler> schedulers = new ArrayList<>();
        List<LinearModel> models = new ArrayList<>();
        for (LearningRateSchedule schedule : schedules) {
            LinearModel fresh = new LinearModel(2, 1, 0.1);
            LearningRateScheduler scheduler = LearningRateScheduler.perStep(schedule);
            scheduler.onTrainBegin(new TrainingContext(fresh, rounds, batches));
            schedulers.add(scheduler);
            models.add(fresh);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[][] allocated = new long[schedules.size()][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < schedules.size(); i++) {
                threads.getCurrentThreadAllocatedBytes();
                long before = threads.getCurrentThreadAllocatedBytes();
                runBatches(schedulers.get(i), models.get(i), batches);
                allocated[i][round] = threads.getCurrentThreadAllocatedBytes() - before;
            }
        }
        // An object allocated per batch would cost every round at least 16 bytes a batch. The JIT's
        // own events, as more schedule classes reach the same call site (recompilations,
        // deoptimizations), cost a few hundred bytes in the first rounds, now and then.
        for (int i = 0; i < schedules.size(); i++) {
            String name = schedules.get(i).toString();
            for (int round = 0; round < rounds; round++) {
                assertTrue(allocated[i][round] < batches, name + " allocated " + allocated[i][round] + " bytes in "
                        + batches + " batches of round " + round + ": something is allocated per batch");
            }
            assertEquals(0, Arrays.stream(allocated[i]).min().getAsLong(),
                    name + " allocated in every round: " + Arrays.toString(allocated[i]));
            assertEquals(schedules.get(i).learningRate(rounds * batches - 1), models.get(i).learningRate(),
                    name + ": the last step's rate");
        }
    }

    /** What fit does around each batch, without the batch: the scheduler's hook, then an optimizer step. */
    private static void runBatches(LearningRateScheduler scheduler, Model model, int batches) {
        for (int batch = 0; batch < batches; batch++) {
            scheduler.onBatchBegin(batch);
            model.applyGradients();
        }
    }

    @Test
    void aRateTheModelRefusesStopsTrainingNamingTheStep() {
        // a schedule of the user's that turns negative at step 4, the second batch of the second epoch
        LearningRateScheduler scheduler = LearningRateScheduler.perStep(step -> 0.1 - 0.025 * step - 0.001);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fit(2, scheduler));
        assertEquals("schedule: gave -0.001 for step 4, which model Linear refuses: learningRate: expected a finite"
                + " value >= 0, found -0.001", e.getMessage());
        assertEquals(4, model.steps());
    }

    @Test
    void aRateOfZeroIsTakenAsKerasTakesIt() {
        // alpha 0: the rate reaches 0 at step 4 and stays there; the weights hold still
        fit(2, LearningRateScheduler.perStep(new CosineDecay(0.1, 4)));
        assertEquals(0.0, model.learningRate());
    }

    @Test
    void aRateTheModelRefusesNamesTheEpoch() {
        LearningRateScheduler scheduler = LearningRateScheduler.perEpoch((epoch, current) -> epoch == 1 ? Double.NaN : current);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fit(2, scheduler));
        assertEquals("schedule: gave NaN for epoch 1, which model Linear refuses: learningRate: expected a finite"
                + " value >= 0, found NaN", e.getMessage());
    }

    @Test
    void refusesMissingSchedulesAndHooksBeforeTraining() {
        NullPointerException perStep = assertThrows(NullPointerException.class, () -> LearningRateScheduler.perStep(null));
        assertEquals("schedule", perStep.getMessage());
        NullPointerException perEpoch = assertThrows(NullPointerException.class, () -> LearningRateScheduler.perEpoch(null));
        assertEquals("schedule", perEpoch.getMessage());
        LearningRateScheduler scheduler = LearningRateScheduler.perStep(new CosineDecay(0.1, 4));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> scheduler.onBatchBegin(0));
        assertEquals("LearningRateScheduler: a hook ran before onTrainBegin gave it the context", e.getMessage());
    }
}
