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
        assertFalse(new EarlyStopping("val_loss", 0, 1, false).higherIsBetter());
        assertFalse(new EarlyStopping("mae", 0, 1, false).higherIsBetter());
        assertTrue(new EarlyStopping("loss", 0, 1, false, EarlyStopping.Mode.MAX).higherIsBetter());

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
    }
}
