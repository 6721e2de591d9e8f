package dev.nnc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnc.annotations.LossType;
import dev.nnc.runtime.DoubleModel;
import org.junit.jupiter.api.Test;

/**
 * Each loss's value on cases worked out by hand, edges included: a probe net of one 2 -> 2 layer
 * with the identity kernel, so a sample's outputs are its output activation of the inputs, and
 * the double twin's {@code loss} reports the mean over the batch of one sample.
 */
class LossTest {

    private static final double LN2 = 0.6931471805599453;

    @Test
    void everyLossTypeHasARowInTheCatalogue() {
        for (LossType type : LossType.values()) {
            assertTrue(Catalogue.LOSSES.stream().anyMatch(row -> row.type().equals(type.name())),
                    type + " has no row in Catalogue.LOSSES: add one, and the gradient check, the forward reference and this test cover it");
        }
    }

    @Test
    void regressionLosses() {
        // e = p - y = (1, -2)
        assertLoss("MSE", "", new double[] {1, -1}, new double[] {0, 1}, (1 + 4) / 2.0);
        assertLoss("MAE", "", new double[] {1, -1}, new double[] {0, 1}, (1 + 2) / 2.0);
        // log cosh 0 = 0; log cosh 1 = log((e + 1/e) / 2)
        assertLoss("LOG_COSH", "", new double[] {0, 1}, new double[] {0, 0}, (0 + 0.4337808304830271) / 2);
        // q = 0.3, e = y - p = (2, -2): max(0.6, -1.4) = 0.6, max(-0.6, 1.4) = 1.4
        assertLoss("QUANTILE", "quantile = 0.3", new double[] {0, 0}, new double[] {2, -2}, (0.6 + 1.4) / 2);
    }

    @Test
    void huberAtAndAcrossDelta() {
        // delta 0.3: |e| = 0.3 exactly gives 0.3^2 / 2 = 0.045 from either branch; |e| = 1 gives 0.3 (1 - 0.15) = 0.255
        assertLoss("HUBER", "delta = 0.3", new double[] {0.3, -1}, new double[] {0, 0}, (0.045 + 0.255) / 2);
        // inside: 0.1^2 / 2 = 0.005
        assertLoss("HUBER", "delta = 0.3", new double[] {0.1, 0.1}, new double[] {0, 0}, 0.005);
    }

    @Test
    void hingeLossesConvertZeroOneTargets() {
        // y = (1, 1): max(1 - 0.5, 0) = 0.5, max(1 + 2, 0) = 3
        assertLoss("HINGE", "", new double[] {0.5, -2}, new double[] {1, 1}, (0.5 + 3) / 2);
        // y = (1, -1): 0.5 and max(1 - 2, 0) = 0
        assertLoss("HINGE", "", new double[] {0.5, -2}, new double[] {1, -1}, 0.5 / 2);
        // 0/1 targets (1, 0) read as (1, -1); squared hinge on tanh outputs tanh(0.5) and tanh(-2)
        double a = Math.tanh(0.5);
        double b = Math.tanh(-2);
        assertLoss("SQUARED_HINGE", "", new double[] {0.5, -2}, new double[] {1, 0},
                ((1 - a) * (1 - a) + Math.pow(Math.max(1 + b, 0), 2)) / 2);
    }

    @Test
    void divergencesAndCounts() {
        // softmax(0, ln 3) = (1/4, 3/4); y = (1/2, 1/2): 1/2 ln 2 + 1/2 ln(2/3)
        assertLoss("KL_DIVERGENCE", "", new double[] {0, Math.log(3)}, new double[] {0.5, 0.5},
                0.5 * LN2 + 0.5 * Math.log(2 / 3.0));
        // softplus outputs s; y = (0, 3): mean(s - y log(s + 1e-7))
        double s0 = Math.log1p(Math.exp(0.5));
        double s1 = Math.log1p(Math.exp(2));
        assertLoss("POISSON", "", new double[] {0.5, 2}, new double[] {0, 3}, (s0 + s1 - 3 * Math.log(s1 + 1e-7)) / 2);
    }

    @Test
    void cosineSimilarity() {
        assertLoss("COSINE_SIMILARITY", "", new double[] {1, 1}, new double[] {1, 0}, -Math.sqrt(0.5));
        assertLoss("COSINE_SIMILARITY", "", new double[] {-2, 0}, new double[] {1, 0}, 1);
        // an output of zeros has its norm floored: the loss is 0, not NaN
        assertLoss("COSINE_SIMILARITY", "", new double[] {0, 0}, new double[] {1, 0}, 0);
    }

    @Test
    void crossEntropiesAtZeroAndOne() {
        // sigmoid(1e4) = 1 exactly, clipped to q = 1 - 1e-7: y = 1 costs -log q, y = 0 costs -log(1 - q),
        // about -log(1e-7) (1 - q is not exactly 1e-7 in double)
        double q = 1 - 1e-7;
        assertLoss("BINARY_CROSS_ENTROPY", "", new double[] {1e4, 1e4}, new double[] {1, 0},
                (-Math.log(q) - Math.log(1 - q)) / 2);
        // on logits, no clipping: z = 1e4 with y = 0 costs 1e4
        assertLoss("BINARY_CROSS_ENTROPY", "fromLogits = true", new double[] {1e4, 0}, new double[] {0, 1}, (1e4 + LN2) / 2);
        // softmax(1e4, -1e4) = (1, 0): the target class at 0 costs -log(1e-7)
        assertLoss("CATEGORICAL_CROSS_ENTROPY", "", new double[] {1e4, -1e4}, new double[] {0, 1}, -Math.log(1e-7));
        assertLoss("CATEGORICAL_CROSS_ENTROPY", "fromLogits = true", new double[] {1e4, -1e4}, new double[] {0, 1}, 2e4);
        // log-softmax(0, 0) = (-ln 2, -ln 2): NLL is ln 2
        assertLoss("CATEGORICAL_CROSS_ENTROPY", "", "@Activation(ActivationType.LOG_SOFTMAX)",
                new double[] {0, 0}, new double[] {1, 0}, LN2);
    }

    @Test
    void sparseCrossEntropyReadsTheClassIndex() {
        // the same cases with the class as an index: class 1 at softmax 0 costs -log(1e-7), on logits 2e4
        assertLoss("SPARSE_CATEGORICAL_CROSS_ENTROPY", "", new double[] {1e4, -1e4}, new double[] {1}, -Math.log(1e-7));
        assertLoss("SPARSE_CATEGORICAL_CROSS_ENTROPY", "fromLogits = true", new double[] {1e4, -1e4}, new double[] {1}, 2e4);
        // class 0 of logits (ln 3, 0): softmax 3/4, cost ln(4/3)
        assertLoss("SPARSE_CATEGORICAL_CROSS_ENTROPY", "fromLogits = true", new double[] {Math.log(3), 0}, new double[] {0},
                Math.log(4 / 3.0));
        assertLoss("SPARSE_CATEGORICAL_CROSS_ENTROPY", "", "@Activation(ActivationType.LOG_SOFTMAX)",
                new double[] {0, 0}, new double[] {0}, LN2);
    }

    @Test
    void sampleWeightsScaleEachSamplesLossAndTheMeanIsOverAllSamples() {
        // MSE of samples with errors (1, 1) and (2, 2): 1 and 4; weights 3 and 0.5 give (3 + 2) / 2
        DoubleModel probe = Catalogue.lossProbe(row("MSE", "", null));
        probe.writeParameters(new double[] {1, 0, 0, 1});
        assertEquals(2.5, probe.loss(new double[] {1, 1, 2, 2}, new double[] {0, 0, 0, 0}, new double[] {3, 0.5}, 2), 1e-15);
        // a weight of 0 drops its sample from the sum but not from the count
        assertEquals(0.5, probe.loss(new double[] {1, 1, 2, 2}, new double[] {0, 0, 0, 0}, new double[] {1, 0}, 2), 1e-15);
    }

    @Test
    void classIndicesOutOfRangeAreNamedWithTheirSample() {
        DoubleModel probe = Catalogue.lossProbe(row("SPARSE_CATEGORICAL_CROSS_ENTROPY", "fromLogits = true", null));
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> probe.loss(new double[] {0, 0, 0, 0}, new double[] {1, 2}, 2));
        assertEquals("targets[1] is 2.0 (sample 1); sparse categorical cross-entropy takes one class index per sample,"
                + " a whole number in [0, 2)", e.getMessage());
    }

    @Test
    void focalLoss() {
        // p = 1/2, y = 1: bce = ln 2, p_t = 1/2, (1 - p_t)^2 = 1/4
        assertLoss("BINARY_FOCAL", "", new double[] {0, 0}, new double[] {1, 1}, 0.25 * LN2);
        // from logits with alpha 0.25, gamma 1.5: y = 1 weighs 0.25, y = 0 weighs 0.75; at z = 0 both cost 0.5^1.5 ln 2
        assertLoss("BINARY_FOCAL", "fromLogits = true, alpha = 0.25, gamma = 1.5", new double[] {0, 0}, new double[] {1, 0},
                (0.25 + 0.75) * Math.pow(0.5, 1.5) * LN2 / 2);
    }

    private static void assertLoss(String type, String settings, double[] z, double[] y, double expected) {
        assertLoss(type, settings, null, z, y, expected);
    }

    /** The catalogue row of this loss, settings and output activation (the first of any when null). */
    private static int row(String type, String settings, String output) {
        for (int i = 0; i < Catalogue.LOSSES.size(); i++) {
            Catalogue.LossRow candidate = Catalogue.LOSSES.get(i);
            if (candidate.type().equals(type) && candidate.settings().equals(settings)
                    && (output == null || candidate.output().equals(output))) {
                return i;
            }
        }
        throw new AssertionError("no catalogue row " + type + " " + settings);
    }

    /** The loss of one sample whose output layer sees z, against the value worked out by hand. */
    private static void assertLoss(String type, String settings, String output, double[] z, double[] y, double expected) {
        int row = row(type, settings, output);
        DoubleModel probe = Catalogue.lossProbe(row);
        probe.writeParameters(new double[] {1, 0, 0, 1});
        double loss = probe.loss(z, y, 1);
        assertEquals(expected, loss, 1e-12 * Math.abs(expected) + 1e-15,
                Catalogue.LOSSES.get(row).name() + " on z = " + java.util.Arrays.toString(z) + ", y = " + java.util.Arrays.toString(y));
    }
}
