package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * predictClasses and predictProba over each kind of classifier output. The model is a linear one
 * with the identity as weights, so its outputs are its inputs: the test chooses them directly and
 * declares which activation produced them.
 */
class ClassesTest {

    /** A classifier whose outputs are its inputs, declared as coming from {@code activation}. */
    static Model outputs(String activation, int width) {
        return outputs(activation, width, width == 1 ? "binary_crossentropy" : "categorical_crossentropy");
    }

    static Model outputs(String activation, int width, String loss) {
        LinearModel model = new LinearModel(width, width, 0.1, loss) {
            @Override
            public List<LayerInfo> layers() {
                return List.of(new LayerInfo("output", "DENSE", "Dense", List.of(width), List.of(width), activation, Double.NaN, false,
                        true, Map.of(), List.of(new TensorInfo("kernel", 0, List.of(width, width)),
                                new TensorInfo("bias", width * width, List.of(width)))));
            }
        };
        float[] identity = new float[width * width + width];
        for (int j = 0; j < width; j++) {
            identity[j * width + j] = 1;
        }
        model.writeParameters(identity);
        return model;
    }

    @Test
    void softmaxOutputsAreTheProbabilitiesAndTheirArgmaxTheClass() {
        Model model = outputs("SOFTMAX", 3);
        float[] p = {0.2f, 0.5f, 0.3f, 0.6f, 0.2f, 0.2f, 0.4f, 0.4f, 0.2f};
        // the third row ties: the first of the largest, as numpy's argmax
        assertArrayEquals(new int[] {1, 0, 0}, model.predictClasses(p, 3));
        assertArrayEquals(p, model.predictProba(p, 3));
    }

    @Test
    void logSoftmaxOutputsAreExponentiated() {
        Model model = outputs("LOG_SOFTMAX", 2);
        float[] logP = {(float) Math.log(0.25), (float) Math.log(0.75)};
        assertArrayEquals(new int[] {1}, model.predictClasses(logP, 1));
        assertArrayEquals(new float[] {0.25f, 0.75f}, model.predictProba(logP, 1), 1e-6f);
    }

    @Test
    void logitsGoThroughASoftmax() {
        Model model = outputs("LINEAR", 3);
        // e^1, e^2, e^3 over their sum 30.1929
        assertArrayEquals(new float[] {0.0900306f, 0.2447285f, 0.6652410f}, model.predictProba(new float[] {1, 2, 3}, 1), 1e-6f);
        // a shift by 1000 changes nothing and overflows nothing
        assertArrayEquals(new float[] {0.0900306f, 0.2447285f, 0.6652410f},
                model.predictProba(new float[] {1001, 1002, 1003}, 1), 1e-6f);
        assertArrayEquals(new int[] {2}, model.predictClasses(new float[] {1, 2, 3}, 1));
    }

    @Test
    void oneSigmoidOutputIsTheProbabilityOfClassOne() {
        Model model = outputs("SIGMOID", 1);
        float[] p = {0.7f, 0.5f, 0.2f};
        // above the threshold, not at it
        assertArrayEquals(new int[] {1, 0, 0}, model.predictClasses(p, 3));
        assertArrayEquals(new int[] {1, 1, 0}, model.predictClasses(p, 3, 0.4));
        assertArrayEquals(new float[] {0.3f, 0.7f, 0.5f, 0.5f, 0.8f, 0.2f}, model.predictProba(p, 3), 1e-7f);
    }

    @Test
    void oneLogitGoesThroughASigmoid() {
        Model model = outputs("LINEAR", 1);
        float[] z = {0, 2, -1};
        // sigmoid(0) = 0.5 is not above 0.5; sigmoid(2) = 0.880797; sigmoid(-1) = 0.268941
        assertArrayEquals(new int[] {0, 1, 0}, model.predictClasses(z, 3));
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.119203f, 0.880797f, 0.731059f, 0.268941f}, model.predictProba(z, 3), 1e-6f);
    }

    @Test
    void severalSigmoidOutputsAreIndependentLabelsWithoutOneClass() {
        Model model = outputs("SIGMOID", 2, "binary_crossentropy");
        float[] p = {0.9f, 0.8f};
        assertArrayEquals(p, model.predictProba(p, 1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.predictClasses(p, 1));
        assertEquals("Linear has 2 outputs on binary_crossentropy, one per label: a sample may have several, so no one class;"
                + " threshold each label's probability from predictProba", e.getMessage());
    }

    @Test
    void aRegressionModelHasNoClasses() {
        Model model = outputs("LINEAR", 3, "mean_squared_error");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.predictProba(new float[3], 1));
        assertEquals("Linear trains on mean_squared_error, not on a classification loss [binary_crossentropy,"
                + " binary_focal_crossentropy, categorical_crossentropy, hinge, sparse_categorical_crossentropy, squared_hinge]:"
                + " its outputs are no classes", e.getMessage());
    }

    @Test
    void anOutputThatIsNoClassifiersIsRefused() {
        Model model = outputs("RELU", 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.predictClasses(new float[2], 1));
        assertEquals("Linear's output activation RELU gives no class probabilities; a classifier ends in SOFTMAX,"
                + " LOG_SOFTMAX, SIGMOID or LINEAR (logits)", e.getMessage());
    }
}
