package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Drives the callback directly, epoch by epoch, with scripted logs; the model's weights mark the epoch. */
class EarlyStoppingTest {

    private final LinearModel model = new LinearModel(2, 1, 0.1);

    private float[] weightsOfEpoch(int epoch) {
        float[] weights = new float[model.parameterCount()];
        Arrays.fill(weights, epoch + 1);
        return weights;
    }

    /** Runs epochs with {@code values} of {@code key} until the callback stops them; returns the epochs run. */
    private int drive(EarlyStopping stopping, String key, double... values) {
        TrainingContext context = new TrainingContext(model, values.length, 1);
        stopping.onTrainBegin(context);
        int epochs = 0;
        for (int epoch = 0; epoch < values.length && !context.isStopRequested(); epoch++) {
            model.writeParameters(weightsOfEpoch(epoch)); // what training this epoch produced
            stopping.onEpochEnd(epoch, new LinkedHashMap<>(Map.of(key, values[epoch])));
            epochs++;
        }
        stopping.onTrainEnd();
        return epochs;
    }

    private float[] weights() {
        return model.snapshot();
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovementAndRestoresTheBest() {
        EarlyStopping stopping = new EarlyStopping("val_loss", 0, 3, true);
        // best 0.9 at epoch 1; epochs 2, 3, 4 do not beat it: the third of them stops training
        int epochs = drive(stopping, "val_loss", 1.0, 0.9, 0.95, 0.92, 0.91, 0.5, 0.4);

        assertEquals(5, epochs);
        assertEquals(4, stopping.stoppedEpoch());
        assertEquals(1, stopping.bestEpoch());
        assertEquals(0.9, stopping.best());
        assertArrayEquals(weightsOfEpoch(1), weights());
    }

    @Test
    void restoresTheBestWeightsWhenTheEpochsRunOut() {
        EarlyStopping stopping = new EarlyStopping("loss", 0, 10, true);
        int epochs = drive(stopping, "loss", 3, 1, 2, 2.5);

        assertEquals(4, epochs);
        assertEquals(-1, stopping.stoppedEpoch());
        assertEquals(1, stopping.bestEpoch());
        assertArrayEquals(weightsOfEpoch(1), weights());
    }

    @Test
    void keepsTheLastWeightsWithoutRestoreBestWeights() {
        EarlyStopping stopping = new EarlyStopping("loss", 0, 1, false);
        int epochs = drive(stopping, "loss", 3, 1, 2, 2.5);

        assertEquals(3, epochs);
        assertEquals(2, stopping.stoppedEpoch());
        assertArrayEquals(weightsOfEpoch(2), weights());
    }

    @Test
    void anImprovementMustExceedMinDelta() {
        // 0.75 is better than 1.0 by exactly minDelta 0.25: not an improvement; patience 1 stops at epoch 1
        EarlyStopping exact = new EarlyStopping("loss", 0.25, 1, false);
        assertEquals(2, drive(exact, "loss", 1.0, 0.75, 0.0));
        assertEquals(1, exact.stoppedEpoch());
        assertEquals(0, exact.bestEpoch());

        // 0.5 beats 1.0 by more than 0.25; then 0.375 does not beat 0.5 by more than 0.25
        EarlyStopping more = new EarlyStopping("loss", 0.25, 1, false);
        assertEquals(3, drive(more, "loss", 1.0, 0.5, 0.375, 0.0));
        assertEquals(2, more.stoppedEpoch());
        assertEquals(1, more.bestEpoch());
    }

    @Test
    void patienceZeroStopsAtTheFirstEpochWithoutImprovement() {
        EarlyStopping stopping = new EarlyStopping("loss", 0, 0, false);
        assertEquals(3, drive(stopping, "loss", 3, 2, 2, 1));
        assertEquals(2, stopping.stoppedEpoch());
    }

    @Test
    void accuraciesAndR2AreMaximised() {
        assertTrue(new EarlyStopping("accuracy", 0, 1, false).higherIsBetter());
        assertTrue(new EarlyStopping("val_binary_accuracy", 0, 1, false).higherIsBetter());
        assertTrue(new EarlyStopping("val_r2", 0, 1, false).higherIsBetter());
        assertTrue(new EarlyStopping("val_auc", 0, 1, false).higherIsBetter());
        assertTrue(new EarlyStopping("precision", 0, 1, false).higherIsBetter());
        assertTrue(new EarlyStopping("val_recall", 0, 1, false).higherIsBetter());
        assertTrue(new EarlyStopping("val_top_k_categorical_accuracy", 0, 1, false).higherIsBetter());
        assertFalse(new EarlyStopping("val_mape", 0, 1, false).higherIsBetter());
        // a loss whose name happens to hold a metric's letters is still a loss
        assertFalse(new EarlyStopping("decoder2_loss", 0, 1, false).higherIsBetter());
        assertFalse(new EarlyStopping("val_accumulated_loss", 0, 1, false).higherIsBetter());
        assertFalse(new EarlyStopping("reconstruction_error", 0, 1, false).higherIsBetter());
        assertTrue(new EarlyStopping("val_r2_score", 0, 1, false).higherIsBetter());
        assertFalse(new EarlyStopping("val_loss", 0, 1, false).higherIsBetter());
        assertFalse(new EarlyStopping("mae", 0, 1, false).higherIsBetter());
        assertTrue(EarlyStopping.monitor("loss").mode(MonitorMode.MAX).higherIsBetter());
        assertFalse(EarlyStopping.monitor("val_accuracy").mode(MonitorMode.MIN).higherIsBetter());

        EarlyStopping stopping = new EarlyStopping("val_accuracy", 0, 2, true);
        assertEquals(4, drive(stopping, "val_accuracy", 0.5, 0.75, 0.75, 0.5, 1.0));
        assertEquals(3, stopping.stoppedEpoch());
        assertEquals(1, stopping.bestEpoch());
        assertArrayEquals(weightsOfEpoch(1), weights());
    }

    @Test
    void aNaNNeverImproves() {
        EarlyStopping stopping = new EarlyStopping("loss", 0, 2, true);
        assertEquals(4, drive(stopping, "loss", 2, 1, Double.NaN, Double.NaN, 0.5));
        assertEquals(3, stopping.stoppedEpoch());
        assertEquals(1, stopping.bestEpoch());
    }

    @Test
    void weightsThatAreNotFiniteAreNotRestored() {
        // the first epoch diverged: its loss and weights are NaN, and nothing improves on a NaN best
        int[] writes = {0};
        LinearModel diverged = new LinearModel(2, 1, 0.1) {
            @Override
            public void readParameters(float[] destination) {
                Arrays.fill(destination, Float.NaN);
            }

            @Override
            public void writeParameters(float[] source) {
                writes[0]++;
                super.writeParameters(source);
            }
        };
        EarlyStopping stopping = new EarlyStopping("loss", 0, 1, true);
        stopping.onTrainBegin(new TrainingContext(diverged, 3, 1));
        stopping.onEpochEnd(0, Map.of("loss", Double.NaN));
        stopping.onEpochEnd(1, Map.of("loss", 1.0));
        stopping.onTrainEnd();
        assertEquals(0, stopping.bestEpoch());
        assertEquals(1, stopping.stoppedEpoch());
        assertEquals(0, writes[0], "NaN weights are not written back");
    }

    @Test
    void anInstanceStartsOverOnEachRun() {
        EarlyStopping stopping = new EarlyStopping("loss", 0, 1, true);
        drive(stopping, "loss", 1, 2, 3);
        assertEquals(1, stopping.stoppedEpoch());

        assertEquals(3, drive(stopping, "loss", 5, 4, 3));
        assertEquals(-1, stopping.stoppedEpoch());
        assertEquals(2, stopping.bestEpoch());
        assertArrayEquals(weightsOfEpoch(2), weights());
    }

    @Test
    void aMonitorMissingFromTheLogsNamesWhatIsThere() {
        EarlyStopping stopping = new EarlyStopping("val_loss", 0, 1, false);
        stopping.onTrainBegin(new TrainingContext(model, 5, 1));
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", 1.0);
        logs.put("mae", 0.5);
        var e = assertThrows(IllegalArgumentException.class, () -> stopping.onEpochEnd(0, logs));
        assertEquals("EarlyStopping: monitor 'val_loss' is not in the logs of epoch 0; available: [loss, mae]"
                + " (val_ values need validationSplit or validationData)", e.getMessage());
    }

    @Test
    void badSettingsAreRefused() {
        assertEquals("patience: expected 0 or more epochs, found -1", assertThrows(IllegalArgumentException.class,
                () -> new EarlyStopping("loss", 0, -1, false)).getMessage());
        assertEquals("minDelta: expected a finite value >= 0, found -0.1", assertThrows(IllegalArgumentException.class,
                () -> new EarlyStopping("loss", -0.1, 1, false)).getMessage());
        assertEquals("minDelta: expected a finite value >= 0, found NaN", assertThrows(IllegalArgumentException.class,
                () -> new EarlyStopping("loss", Double.NaN, 1, false)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(" ", 0, 1, false));
        assertEquals("startFromEpoch: expected 0 or more epochs, found -1", assertThrows(IllegalArgumentException.class,
                () -> EarlyStopping.monitor("loss").startFromEpoch(-1)).getMessage());
        assertEquals("baseline: expected a finite value, found NaN", assertThrows(IllegalArgumentException.class,
                () -> EarlyStopping.monitor("loss").baseline(Double.NaN)).getMessage());
        assertEquals("patience: expected 0 or more epochs, found -2", assertThrows(IllegalArgumentException.class,
                () -> EarlyStopping.monitor("loss").patience(-2)).getMessage());
        assertEquals("minDelta: expected a finite value >= 0, found Infinity", assertThrows(IllegalArgumentException.class,
                () -> EarlyStopping.monitor("loss").minDelta(Double.POSITIVE_INFINITY)).getMessage());
        assertEquals("monitor: expected a logged name such as 'val_loss', found ''", assertThrows(
                IllegalArgumentException.class, () -> EarlyStopping.monitor("")).getMessage());
    }

    @Test
    void theBuilderMatchesTheConstructorAndLeavesItsSourceAlone() {
        EarlyStopping base = EarlyStopping.monitor("val_loss");
        EarlyStopping built = base.minDelta(0.25).patience(1).restoreBestWeights();
        EarlyStopping constructed = new EarlyStopping("val_loss", 0.25, 1, true);
        double[] values = {1.0, 0.5, 0.375, 0.0};
        assertEquals(drive(constructed, "val_loss", values), drive(built, "val_loss", values));
        assertEquals(constructed.stoppedEpoch(), built.stoppedEpoch());
        assertEquals(1, built.bestEpoch());
        assertArrayEquals(weightsOfEpoch(1), weights());

        // Keras' defaults: minDelta 0, patience 0, no restoring; the settings above made new instances
        assertEquals(2, drive(base, "val_loss", 1.0, 1.0, 0.5));
        assertEquals(1, base.stoppedEpoch());
        assertArrayEquals(weightsOfEpoch(1), weights());
    }

    @Test
    void aBaselineMustBeBeatenWithinPatience() {
        // Keras 3: the count resets only on an epoch that beats the best and the baseline 0.5.
        // epoch 0 (first, so best) counts 1; 0.4 beats both: 0; 0.45 counts 1; 0.42 counts 2 = patience: stop
        EarlyStopping beaten = EarlyStopping.monitor("val_loss").patience(2).baseline(0.5);
        assertEquals(4, drive(beaten, "val_loss", 0.6, 0.4, 0.45, 0.42, 0.1));
        assertEquals(3, beaten.stoppedEpoch());
        assertEquals(1, beaten.bestEpoch());

        // never beaten: 1.0 (best, counts 1), 0.95 (best, 2), 0.97 does not improve and 3 >= 2: stop
        EarlyStopping never = EarlyStopping.monitor("val_loss").patience(2).baseline(0.5).restoreBestWeights();
        assertEquals(3, drive(never, "val_loss", 1.0, 0.95, 0.97, 0.2));
        assertEquals(2, never.stoppedEpoch());
        assertEquals(1, never.bestEpoch());
        assertEquals(0.95, never.best());
        assertArrayEquals(weightsOfEpoch(1), weights(), "the best epoch is restored though it missed the baseline");
    }

    @Test
    void theBaselineIsNotTheFirstBestToBeat() {
        // Keras 3 (not tf.keras 2.x, where the baseline was the first best): epochs that improve on one
        // another without beating the baseline become the best and never stop training themselves;
        // the first epoch that does not improve stops it, the count being 4 >= 2 by then
        EarlyStopping stopping = EarlyStopping.monitor("val_loss").patience(2).baseline(0.5);
        assertEquals(4, drive(stopping, "val_loss", 1.0, 0.9, 0.8, 0.85, 0.1));
        assertEquals(3, stopping.stoppedEpoch());
        assertEquals(2, stopping.bestEpoch());
        assertEquals(4, stopping.waited());
    }

    @Test
    void theBaselineIsBeatenByMoreThanMinDeltaAndUpwardsForAccuracies() {
        // 0.75 beats the baseline 0.5 by exactly minDelta 0.25: the count is not reset at epoch 0, and
        // reaches patience 2 at epoch 1, which does not improve
        EarlyStopping exact = EarlyStopping.monitor("val_accuracy").minDelta(0.25).patience(2).baseline(0.5);
        assertEquals(2, drive(exact, "val_accuracy", 0.75, 0.75, 0.75, 1.0));
        assertEquals(1, exact.stoppedEpoch());

        // 0.875 beats it by more: reset at epoch 0; epochs 1 and 2 do not improve: stop at epoch 2
        EarlyStopping more = EarlyStopping.monitor("val_accuracy").minDelta(0.25).patience(2).baseline(0.5);
        assertEquals(3, drive(more, "val_accuracy", 0.875, 0.875, 0.875, 1.0));
        assertEquals(2, more.stoppedEpoch());
        assertEquals(0, more.bestEpoch());
    }

    @Test
    void epochsBeforeStartFromEpochAreNotMonitored() {
        // epochs 0-2 are a warm-up: 0.2 at epoch 2 is never the best. Epoch 3 (0.9) is the first
        // monitored one, hence the best; epoch 4 does not improve and patience 1 stops it
        EarlyStopping stopping = EarlyStopping.monitor("val_loss").patience(1).startFromEpoch(3).restoreBestWeights();
        assertEquals(5, drive(stopping, "val_loss", 1.0, 0.5, 0.2, 0.9, 0.95, 0.1));
        assertEquals(4, stopping.stoppedEpoch());
        assertEquals(3, stopping.bestEpoch());
        assertEquals(0.9, stopping.best());
        assertArrayEquals(weightsOfEpoch(3), weights());

        // a warm-up longer than the run: nothing is monitored, stopped or restored
        EarlyStopping longer = EarlyStopping.monitor("val_loss").startFromEpoch(10).restoreBestWeights();
        assertEquals(3, drive(longer, "val_loss", 3, 2, 4));
        assertEquals(-1, longer.bestEpoch());
        assertEquals(-1, longer.stoppedEpoch());
        assertArrayEquals(weightsOfEpoch(2), weights());
    }

    @Test
    void theMonitorIsCheckedDuringTheWarmUpToo() {
        EarlyStopping stopping = EarlyStopping.monitor("val_loss").startFromEpoch(5);
        stopping.onTrainBegin(new TrainingContext(model, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> stopping.onEpochEnd(0, Map.of("loss", 1.0)));
    }
}
