package dev.nnc.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnc.runtime.Dataset;
import dev.nnc.runtime.FitOptions;
import dev.nnc.runtime.History;
import dev.nnc.runtime.Model;
import dev.nnc.runtime.Trainer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Sparse categorical cross-entropy is categorical cross-entropy on the one-hot rows of its class
 * indices: the catalogue's two softmax nets share their architecture and seed, so fed the same
 * classes they must take the same steps. And the runtime reads class-index targets end to end.
 */
class SparseTargetsTest {

    private static final int N = 40;
    private static final int CLASSES = 4;

    private static Model catalogueModel(String lossName) {
        for (int i = 0; i < Catalogue.LOSSES.size(); i++) {
            if (Catalogue.LOSSES.get(i).name().equals(lossName)) {
                return Catalogue.model("Loss" + i + "F");
            }
        }
        throw new AssertionError("no catalogue row " + lossName);
    }

    /** Three features whose class is the quadrant of the first two (and noise in the third). */
    private static float[] features(Random random) {
        float[] x = new float[N * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }

    private static float[] classes(float[] x) {
        float[] classes = new float[N];
        for (int r = 0; r < N; r++) {
            classes[r] = (x[3 * r] > 0 ? 1 : 0) + (x[3 * r + 1] > 0 ? 2 : 0);
        }
        return classes;
    }

    private static float[] oneHot(float[] classes) {
        float[] rows = new float[N * CLASSES];
        for (int r = 0; r < N; r++) {
            rows[r * CLASSES + (int) classes[r]] = 1;
        }
        return rows;
    }

    @Test
    void trainsStepForStepAsCategoricalCrossEntropyOnOneHotRows() {
        Model sparse = catalogueModel("sparse CCE after softmax");
        Model dense = catalogueModel("CCE after softmax");
        assertEquals(1, sparse.targetSize());
        assertEquals(CLASSES, dense.targetSize());
        assertArrayEquals(dense.snapshot(), sparse.snapshot(), "same architecture and seed");
        float[] x = features(new Random(3));
        float[] classes = classes(x);
        float[] weights = new float[N];
        java.util.Arrays.fill(weights, 1.5f);
        weights[7] = 0;
        for (int step = 0; step < 5; step++) {
            float sparseLoss = sparse.trainBatch(x, classes, weights, N);
            float denseLoss = dense.trainBatch(x, oneHot(classes), weights, N);
            assertEquals(denseLoss, sparseLoss, 1e-6f * denseLoss, "loss of step " + step);
        }
        float[] expected = dense.snapshot();
        float[] actual = sparse.snapshot();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-6f * Math.max(1, Math.abs(expected[i])), "parameter " + i);
        }
    }

    @Test
    void fitTakesADatasetOfClassIndicesAndReportsSparseAccuracy() {
        Model model = catalogueModel("sparse CCE from logits");
        // the catalogue's nets take plain SGD at 0.01; this problem wants larger steps
        model.setLearningRate(0.2);
        float[] x = features(new Random(8));
        Dataset data = Dataset.of(x, 3, classes(x), 1);
        History history = Trainer.fit(model, data, FitOptions.epochs(150).batchSize(8).metrics("accuracy").verbose(false));
        double[] loss = history.get("loss");
        assertTrue(loss[loss.length - 1] < loss[0] / 2, "loss from " + loss[0] + " to " + loss[loss.length - 1]);
        // the accuracy the history reports is the share of argmaxes equal to the class indices
        float[] predictions = model.predictBatch(x, N);
        int correct = 0;
        for (int r = 0; r < N; r++) {
            int best = 0;
            for (int j = 1; j < CLASSES; j++) {
                if (predictions[r * CLASSES + j] > predictions[r * CLASSES + best]) {
                    best = j;
                }
            }
            correct += best == (int) data.target(r, 0) ? 1 : 0;
        }
        double[] accuracy = history.get("accuracy");
        assertEquals(correct / (double) N, accuracy[accuracy.length - 1], 1e-12);
        assertTrue(accuracy[accuracy.length - 1] >= 0.9, "accuracy " + accuracy[accuracy.length - 1]);
    }

    @Test
    void oneHotRowsForAModelOfClassIndicesAreRejected() {
        Model model = catalogueModel("sparse CCE from logits");
        float[] x = features(new Random(1));
        Dataset oneHotRows = Dataset.of(x, 3, oneHot(classes(x)), CLASSES);
        var e = assertThrows(IllegalArgumentException.class, () -> Trainer.fit(model, oneHotRows, FitOptions.epochs(1)));
        assertEquals("data: model Loss18F takes one class index per sample as its target (sparse_categorical_crossentropy),"
                + " the dataset has 4 targets", e.getMessage());
        var index = assertThrows(IllegalArgumentException.class,
                () -> model.trainBatch(x, new float[] {0, 1, 4}, 3));
        assertEquals("targets[2] is 4.0 (sample 2); sparse categorical cross-entropy takes one class index per sample,"
                + " a whole number in [0, 4)", index.getMessage());
    }
}
