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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the callback epoch by epoch with scripted logs; the model's weights mark the epoch (all
 * {@code epoch + 1}), and every file is read back with {@link Weights#load} into a fresh model.
 */
class ModelCheckpointTest {

    @TempDir
    Path directory;

    /** A linear model whose weights read as NaN while {@link #diverged}. */
    private static final class DivergingModel extends LinearModel {
        boolean diverged;

        DivergingModel() {
            super(2, 1, 0.1);
        }

        @Override
        public void readParameters(float[] destination) {
            super.readParameters(destination);
            if (diverged) {
                Arrays.fill(destination, Float.NaN);
            }
        }
    }

    private final DivergingModel model = new DivergingModel();

    private float[] weightsOfEpoch(int epoch) {
        float[] weights = new float[model.parameterCount()];
        Arrays.fill(weights, epoch + 1);
        return weights;
    }

    /** Runs one epoch per value of {@code key}; returns the epoch saved last after each epoch. */
    private int[] drive(ModelCheckpoint checkpoint, String key, double... values) {
        checkpoint.onTrainBegin(new TrainingContext(model, values.length, 1));
        int[] saved = new int[values.length];
        for (int epoch = 0; epoch < values.length; epoch++) {
            model.writeParameters(weightsOfEpoch(epoch));
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", 2.0);
            logs.put(key, values[epoch]);
            checkpoint.onEpochEnd(epoch, logs);
            saved[epoch] = checkpoint.lastSavedEpoch();
        }
        checkpoint.onTrainEnd();
        return saved;
    }

    private static float[] load(Path file) throws IOException {
        LinearModel loaded = new LinearModel(2, 1, 0.1);
        Weights.load(loaded, file);
        return loaded.snapshot();
    }

    private List<String> files() throws IOException {
        return files(directory);
    }

    private static List<String> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void savesEveryEpochUnderTheNamesKerasWouldGive() throws IOException {
        ModelCheckpoint checkpoint = new ModelCheckpoint(directory + "/weights.{epoch:02d}-{val_loss:.2f}.safetensors");
        assertArrayEquals(new int[] {0, 1, 2}, drive(checkpoint, "val_loss", 0.9, 0.7, 0.5234));

        assertEquals(List.of("weights.01-0.90.safetensors", "weights.02-0.70.safetensors", "weights.03-0.52.safetensors"),
                files());
        for (int epoch = 0; epoch < 3; epoch++) {
            assertArrayEquals(weightsOfEpoch(epoch), load(directory.resolve(files().get(epoch))));
        }
        assertEquals(Optional.of(directory.resolve("weights.03-0.52.safetensors")), checkpoint.lastSavedPath());
        assertEquals(-1, checkpoint.lastSkippedEpoch());
    }

    @Test
    void saveBestOnlyWritesOnlyImprovements() throws IOException {
        Path best = directory.resolve("best.safetensors");
        ModelCheckpoint checkpoint = new ModelCheckpoint(best.toString()).saveBestOnly();
        // 0.9 at epoch 3 equals the best: not an improvement; NaN never is
        int[] saved = drive(checkpoint, "val_loss", 1.0, 0.9, 0.95, 0.9, 0.89, Double.NaN, 0.5, 0.75);
        assertArrayEquals(new int[] {0, 1, 1, 1, 4, 4, 6, 6}, saved);
        assertEquals(0.5, checkpoint.best());
        assertArrayEquals(weightsOfEpoch(6), load(best));
        assertEquals(List.of("best.safetensors"), files());
    }

    @Test
    void saveBestOnlyWithAnEpochInTheNameKeepsEachImprovement() throws IOException {
        ModelCheckpoint checkpoint = new ModelCheckpoint(directory + "/acc-{epoch}-{val_accuracy:.3f}.safetensors")
                .monitor("val_accuracy").saveBestOnly();
        // accuracies are maximised: a first NaN is not saved (Keras would save it), 0.5 is the first best
        drive(checkpoint, "val_accuracy", Double.NaN, 0.5, 0.75, 0.625, 0.875);
        assertEquals(List.of("acc-2-0.500.safetensors", "acc-3-0.750.safetensors", "acc-5-0.875.safetensors"), files());
        assertArrayEquals(weightsOfEpoch(4), load(directory.resolve("acc-5-0.875.safetensors")));

        // MIN turns it around: only the first value and 0.25 beat the best
        ModelCheckpoint minimising = new ModelCheckpoint(directory + "/min.safetensors").monitor("val_accuracy")
                .mode(MonitorMode.MIN).saveBestOnly();
        assertArrayEquals(new int[] {0, 0, 2}, drive(minimising, "val_accuracy", 0.5, 0.75, 0.25));
    }

    @Test
    void theInitialValueThresholdMustBeBeatenFirst() throws IOException {
        ModelCheckpoint checkpoint = new ModelCheckpoint(directory + "/w.safetensors").saveBestOnly()
                .initialValueThreshold(0.8);
        assertEquals(0.8, checkpoint.best());
        assertArrayEquals(new int[] {-1, -1, 2}, drive(checkpoint, "val_loss", 1.0, 0.8, 0.7));
        assertArrayEquals(weightsOfEpoch(2), load(directory.resolve("w.safetensors")));
    }

    @Test
    void theBestIsKeptAcrossFitsAsKerasKeepsIt() throws IOException {
        Path file = directory.resolve("w.safetensors");
        ModelCheckpoint checkpoint = new ModelCheckpoint(file.toString()).saveBestOnly();
        drive(checkpoint, "val_loss", 0.5);
        assertArrayEquals(new int[] {0, 0}, drive(checkpoint, "val_loss", 0.75, 0.6), "a worse run does not overwrite");
        assertArrayEquals(weightsOfEpoch(0), load(file));
        assertArrayEquals(new int[] {0, 1}, drive(checkpoint, "val_loss", 0.75, 0.4));
        assertArrayEquals(weightsOfEpoch(1), load(file));
    }

    @Test
    void weightsThatAreNotFiniteNeverOverwriteTheLastGoodFile() throws IOException {
        Path file = directory.resolve("last.safetensors");
        ModelCheckpoint checkpoint = new ModelCheckpoint(file.toString());
        checkpoint.onTrainBegin(new TrainingContext(model, 4, 1));
        model.writeParameters(weightsOfEpoch(0));
        checkpoint.onEpochEnd(0, Map.of("val_loss", 1.0));
        byte[] good = Files.readAllBytes(file);

        model.diverged = true;
        checkpoint.onEpochEnd(1, Map.of("val_loss", Double.NaN));
        assertEquals(1, checkpoint.lastSkippedEpoch());
        assertEquals(0, checkpoint.lastSavedEpoch());
        assertArrayEquals(good, Files.readAllBytes(file));
        assertEquals(List.of("last.safetensors"), files(), "no temporary file is left behind");

        model.diverged = false;
        model.writeParameters(weightsOfEpoch(2));
        checkpoint.onEpochEnd(2, Map.of("val_loss", 0.5));
        assertEquals(2, checkpoint.lastSavedEpoch());
        assertEquals(1, checkpoint.lastSkippedEpoch());
        assertArrayEquals(weightsOfEpoch(2), load(file));
    }

    @Test
    void aSkippedImprovementDoesNotBecomeTheBest() throws IOException {
        Path file = directory.resolve("best.safetensors");
        ModelCheckpoint checkpoint = new ModelCheckpoint(file.toString()).saveBestOnly();
        checkpoint.onTrainBegin(new TrainingContext(model, 3, 1));
        model.writeParameters(weightsOfEpoch(0));
        checkpoint.onEpochEnd(0, Map.of("val_loss", 1.0));
        model.diverged = true;
        checkpoint.onEpochEnd(1, Map.of("val_loss", 0.25));
        assertEquals(1, checkpoint.lastSkippedEpoch());
        assertEquals(1.0, checkpoint.best(), "the best is the saved file's");

        model.diverged = false;
        model.writeParameters(weightsOfEpoch(2));
        checkpoint.onEpochEnd(2, Map.of("val_loss", 0.5));
        assertEquals(2, checkpoint.lastSavedEpoch());
        assertArrayEquals(weightsOfEpoch(2), load(file));
    }

    @Test
    void inTrainerFitTheOptimizerStateIsSavedForResuming() throws IOException {
        LinearModel trained = new LinearModel(2, 1, 0.05);
        ModelCheckpoint checkpoint = new ModelCheckpoint(directory + "/ckpt/{epoch}.safetensors")
                .saveOptions(SaveOptions.weightsOnly().withOptimizerState());
        Trainer.fit(trained, TrainerTest.plane(40, 5), FitOptions.epochs(3).batchSize(8).validationSplit(0.25)
                .callbacks(checkpoint).verbose(false));
        assertEquals(List.of("1.safetensors", "2.safetensors", "3.safetensors"), files(directory.resolve("ckpt")));

        LinearModel resumed = new LinearModel(2, 1, 0.5);
        Weights.resume(resumed, directory.resolve("ckpt/3.safetensors"));
        assertArrayEquals(trained.snapshot(), resumed.snapshot());
        assertEquals(3 * 4, resumed.steps());
        assertEquals(0.05, resumed.learningRate());
    }

    @Test
    void aNameThatIsNotLoggedOrAMissingMonitorIsNamed() {
        ModelCheckpoint checkpoint = new ModelCheckpoint(directory + "/w-{val_acc:.2f}.safetensors");
        var e = assertThrows(IllegalArgumentException.class, () -> drive(checkpoint, "val_loss", 1.0));
        assertEquals("pathPattern '" + directory + "/w-{val_acc:.2f}.safetensors': placeholder {val_acc:.2f} is not in"
                + " the logs of epoch 0; available: [epoch, loss, val_loss]", e.getMessage());

        ModelCheckpoint best = new ModelCheckpoint(directory + "/w.safetensors").monitor("val_mae").saveBestOnly();
        e = assertThrows(IllegalArgumentException.class, () -> drive(best, "val_loss", 1.0));
        assertEquals("ModelCheckpoint: monitor 'val_mae' is not in the logs of epoch 0; available: [loss, val_loss]"
                + " (val_ values need validationSplit or validationData)", e.getMessage());
    }

    @Test
    void malformedPatternsAreRefusedAtConstruction() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ModelCheckpoint("w{epoch:02q}.safetensors"));
        assertTrue(e.getMessage().startsWith("pathPattern 'w{epoch:02q}.safetensors': placeholder {epoch:02q}: "),
                e.getMessage());
        assertEquals("initialValueThreshold: expected a finite value, found Infinity", assertThrows(
                IllegalArgumentException.class,
                () -> new ModelCheckpoint("w").initialValueThreshold(Double.POSITIVE_INFINITY)).getMessage());
    }

    @Test
    void aFileThatCannotBeWrittenIsNamed() throws IOException {
        Files.writeString(directory.resolve("blocker"), "a file, not a directory");
        ModelCheckpoint checkpoint = new ModelCheckpoint(directory + "/blocker/w.safetensors");
        var e = assertThrows(UncheckedIOException.class, () -> drive(checkpoint, "val_loss", 1.0));
        assertTrue(e.getMessage().startsWith("ModelCheckpoint: cannot save the weights of epoch 0 to " + directory
                + "/blocker/w.safetensors: "), e.getMessage());
        assertFalse(checkpoint.lastSavedPath().isPresent());
    }
}
