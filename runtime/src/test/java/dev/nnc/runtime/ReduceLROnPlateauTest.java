package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Drives the callback epoch by epoch with scripted logs and reads the learning rate after each
 * epoch. The expected sequences are worked by hand from Keras 3's {@code on_epoch_end}: cooldown
 * step first, then improvement, then the wait count outside cooldown. The values are multiples of
 * 1/8, so every comparison is exact.
 */
class ReduceLROnPlateauTest {

    private final LinearModel model = new LinearModel(2, 1, 1.0);

    /** The learning rate, waits and cooldowns after each epoch of {@code values} of {@code key}. */
    private record Run(double[] learningRates, int[] waits, int[] cooldowns) {}

    private Run drive(ReduceLROnPlateau plateau, String key, double... values) {
        plateau.onTrainBegin(new TrainingContext(model, values.length, 1));
        Run run = new Run(new double[values.length], new int[values.length], new int[values.length]);
        for (int epoch = 0; epoch < values.length; epoch++) {
            plateau.onEpochEnd(epoch, new LinkedHashMap<>(Map.of(key, values[epoch])));
            run.learningRates[epoch] = model.learningRate();
            run.waits[epoch] = plateau.waited();
            run.cooldowns[epoch] = plateau.cooldownRemaining();
        }
        plateau.onTrainEnd();
        return run;
    }

    @Test
    void reducesAfterPatienceCountsCooldownAndStopsAtMinLr() {
        ReduceLROnPlateau plateau = ReduceLROnPlateau.monitor("val_loss").factor(0.5).patience(2).cooldown(2)
                .minDelta(0.25).minLr(0.2);
        Run run = drive(plateau, "val_loss",
                4.0,   // 0: first value: best 4
                3.75,  // 1: beats 4 by exactly minDelta: no improvement, wait 1
                3.9,   // 2: wait 2 = patience: lr 1 -> 0.5, cooldown 2, wait 0
                3.9,   // 3: cooldown 2 -> 1, still in cooldown: not counted
                3.9,   // 4: cooldown 1 -> 0, so this epoch counts: wait 1
                3.9,   // 5: wait 2: lr 0.5 -> 0.25, cooldown 2
                3.0,   // 6: cooldown -> 1; 3.0 + 0.25 < 4: improvement, best 3
                3.5,   // 7: cooldown -> 0; wait 1
                3.5,   // 8: wait 2: lr 0.25 -> max(0.125, 0.2) = 0.2, cooldown 2
                3.5,   // 9: cooldown -> 1
                3.5,   // 10: cooldown -> 0; wait 1
                3.5,   // 11: wait 2, but lr 0.2 is not above minLr: nothing changes
                3.5);  // 12: wait 3, still nothing
        assertArrayEquals(new double[] {1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.2, 0.2, 0.2, 0.2, 0.2}, run.learningRates());
        assertArrayEquals(new int[] {0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 2, 3}, run.waits());
        assertArrayEquals(new int[] {0, 0, 2, 1, 0, 2, 1, 0, 2, 1, 0, 0, 0}, run.cooldowns());
        assertEquals(3.0, plateau.best());
    }

    @Test
    void aNaNFirstValueIsAnEpochWithoutImprovementNotTheBest() {
        // Keras starts from an infinite best: NaN does not beat it (wait 1), then 2.0 does, and 1.5 beats that
        Run run = drive(ReduceLROnPlateau.monitor("val_loss").factor(0.5).patience(2).minDelta(0), "val_loss",
                Double.NaN, 2.0, 1.5, 1.0);
        assertArrayEquals(new int[] {1, 0, 0, 0}, run.waits());
        assertArrayEquals(new double[] {1, 1, 1, 1}, run.learningRates(), "a falling loss is never a plateau");
    }

    @Test
    void aCooldownOfOneCountsTheNextEpochAsKerasDoes() {
        // cooldown 1 runs out at the very next epoch end, which is then counted: the same as no cooldown
        double[] values = {1.0, 1.0, 1.0, 1.0, 1.0};
        double[] expected = {1, 1, 0.5, 0.5, 0.25};
        assertArrayEquals(expected, drive(ReduceLROnPlateau.monitor("loss").factor(0.5).patience(2).cooldown(1),
                "loss", values).learningRates());
        model.setLearningRate(1);
        assertArrayEquals(expected, drive(ReduceLROnPlateau.monitor("loss").factor(0.5).patience(2),
                "loss", values).learningRates());
    }

    @Test
    void kerasDefaultsReduceTenfoldAfterTenEpochs() {
        // minDelta 1e-4: 0.99995 does not beat 1.0, 0.999 does
        double[] values = new double[12];
        java.util.Arrays.fill(values, 0.99995);
        values[0] = 1.0;
        Run run = drive(ReduceLROnPlateau.monitor("val_loss"), "val_loss", values);
        assertEquals(1.0, run.learningRates()[9]);
        assertEquals(0.1, run.learningRates()[10], 1e-15);
        assertEquals(0.1, run.learningRates()[11], 1e-15);

        model.setLearningRate(1);
        values[5] = 0.999;
        run = drive(ReduceLROnPlateau.monitor("val_loss"), "val_loss", values);
        assertEquals(1.0, run.learningRates()[11], "the improvement at epoch 5 restarted the count");
        assertEquals(6, run.waits()[11]);
    }

    @Test
    void accuraciesAreMaximisedAndModeOverrides() {
        // accuracy rises then stalls: 0.5, 0.75, 0.75 (wait 1), 0.625 (wait 2: reduce)
        Run run = drive(ReduceLROnPlateau.monitor("val_accuracy").factor(0.5).patience(2).minDelta(0), "val_accuracy",
                0.5, 0.75, 0.75, 0.625);
        assertArrayEquals(new double[] {1, 1, 1, 0.5}, run.learningRates());

        // the same values minimised: 0.75 and 0.75 do not improve on 0.5, so the reduction comes at epoch 2
        model.setLearningRate(1);
        run = drive(ReduceLROnPlateau.monitor("val_accuracy").mode(MonitorMode.MIN).factor(0.5).patience(2).minDelta(0),
                "val_accuracy", 0.5, 0.75, 0.75, 0.625);
        assertArrayEquals(new double[] {1, 1, 0.5, 0.5}, run.learningRates());
    }

    @Test
    void patienceZeroReducesAtEveryEpochWithoutImprovement() {
        Run run = drive(ReduceLROnPlateau.monitor("loss").factor(0.5).patience(0).minDelta(0), "loss", 1, 1, 0.5, 0.75);
        assertArrayEquals(new double[] {1, 0.5, 0.5, 0.25}, run.learningRates());
    }

    @Test
    void anInstanceStartsOverOnEachRun() {
        ReduceLROnPlateau plateau = ReduceLROnPlateau.monitor("loss").factor(0.5).patience(1).cooldown(3).minDelta(0);
        drive(plateau, "loss", 0.125, 1, 1);
        assertEquals(0.5, model.learningRate());
        assertEquals(2, plateau.cooldownRemaining());

        // a new run forgets best 0.125 and the cooldown: 0.5 is the first best, 0.25 improves, and
        // 0.25 again reduces (kept, the cooldown would skip epoch 0 and 0.125 would refuse epoch 1)
        Run run = drive(plateau, "loss", 0.5, 0.25, 0.25);
        assertArrayEquals(new double[] {0.5, 0.5, 0.25}, run.learningRates());
    }

    @Test
    void aMonitorMissingFromTheLogsNamesWhatIsThere() {
        ReduceLROnPlateau plateau = ReduceLROnPlateau.monitor("val_loss");
        plateau.onTrainBegin(new TrainingContext(model, 1, 1));
        var e = assertThrows(IllegalArgumentException.class, () -> plateau.onEpochEnd(0, Map.of("loss", 1.0)));
        assertEquals("ReduceLROnPlateau: monitor 'val_loss' is not in the logs of epoch 0; available: [loss]"
                + " (val_ values need validationSplit or validationData)", e.getMessage());
    }

    @Test
    void badSettingsAreRefused() {
        ReduceLROnPlateau plateau = ReduceLROnPlateau.monitor("loss");
        assertEquals("factor: expected a value in (0, 1), found 1.0",
                assertThrows(IllegalArgumentException.class, () -> plateau.factor(1)).getMessage());
        assertEquals("factor: expected a value in (0, 1), found 0.0",
                assertThrows(IllegalArgumentException.class, () -> plateau.factor(0)).getMessage());
        assertEquals("factor: expected a value in (0, 1), found NaN",
                assertThrows(IllegalArgumentException.class, () -> plateau.factor(Double.NaN)).getMessage());
        assertEquals("patience: expected 0 or more epochs, found -1",
                assertThrows(IllegalArgumentException.class, () -> plateau.patience(-1)).getMessage());
        assertEquals("cooldown: expected 0 or more epochs, found -1",
                assertThrows(IllegalArgumentException.class, () -> plateau.cooldown(-1)).getMessage());
        assertEquals("minLr: expected a finite value >= 0, found -1.0E-5",
                assertThrows(IllegalArgumentException.class, () -> plateau.minLr(-1e-5)).getMessage());
        assertEquals("minDelta: expected a finite value >= 0, found -0.1",
                assertThrows(IllegalArgumentException.class, () -> plateau.minDelta(-0.1)).getMessage());
    }
}
