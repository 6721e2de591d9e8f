package dev.nnc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnc.runtime.DoubleModel;
import dev.nnc.runtime.LayerInfo;
import dev.nnc.runtime.Model;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The emitted backward passes against finite differences, in double, for every activation x loss
 * combination, some with per-sample weights; then each float model against its double twin.
 * Batches of 5 exercise the 4-row tiles and their 1-row tail.
 */
@Tag("numeric")
class GradientCheckTest {

    private static final double H = 1e-6;

    /**
     * The roundoff of a central difference in double at this h: losses of order 1 carry ~1e-16
     * relative error per evaluation, so (L(w+h) - L(w-h)) / 2h is uncertain by ~1e-10. Below that
     * absolute gap a relative error says nothing about the emitted math (it is seen on gradients
     * under ~1e-4), so such a parameter passes on the absolute gap alone.
     */
    private static final double DIFFERENCE_NOISE = 1e-9;
    private static final int BATCH = 5;

    /**
     * What float arithmetic leaves of a gradient that is a sum over samples, relative to the size of
     * its terms S: terms that cancel to far less than S carry the float rounding of S, about 6e-8 S
     * per operation (the textbook bound of a sum, gamma_n sum |x_r|), however small the sum. 1e-6 is
     * 16 such roundings. It changes the verdict only where S is far above the gradient: a bug in the
     * emitted math that moved a gradient by less than a millionth of its terms' size would pass. The
     * case that needs it: a bias of the softplus net whose five terms of 0.14 cancel to 4.4e-5, off
     * by 1.4e-7 S (2e-4 relative) on a 256-bit machine.
     */
    private static final double SUM_ROUNDOFF = 1e-6;

    /** The dropout masks' seed: every evaluation of a training-mode loss draws the same masks. */
    private static final long MASK_SEED = 99;

    /** The loss at the model's current parameters. */
    private interface LossFunction {
        double get();
    }

    static List<Cases.Case> cases() {
        return Cases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void doubleGradientsMatchCentralDifferences(Cases.Case c) {
        DoubleModel model = c.twin().get();
        String loss = c.model().get().loss();
        Random random = new Random(2024);
        double[] x = Cases.uniform(BATCH * model.inputSize(), random);
        double[] y = c.targets(loss, BATCH, model.outputSize(), random);
        double[] weights = c.sampleWeights(BATCH, random);
        double[] w = new double[model.parameterCount()];
        model.readParameters(w);
        assertAwayFromKinks(model.layers(), w, x, c);

        LossFunction lossAt = c.training()
                ? () -> {
                    model.reseed(MASK_SEED);
                    return model.computeGradients(x, y, weights, BATCH);
                }
                : () -> model.loss(x, y, weights, BATCH);
        model.reseed(MASK_SEED);
        model.computeGradients(x, y, weights, BATCH);
        double[] analytic = new double[w.length];
        model.readGradients(analytic);

        double worst = 0;
        int worstIndex = -1;
        double[] numeric = new double[w.length];
        boolean[] frozen = frozen(model.layers(), w.length);
        for (int i = 0; i < w.length; i++) {
            if (frozen[i]) {
                assertEquals(0.0, analytic[i], c + ": parameter " + i + " of a frozen layer has a gradient");
                continue;
            }
            double original = w[i];
            w[i] = original + H;
            model.writeParameters(w);
            double plus = lossAt.get();
            w[i] = original - H;
            model.writeParameters(w);
            double minus = lossAt.get();
            w[i] = original;
            numeric[i] = (plus - minus) / (2 * H);
            double gap = Math.abs(analytic[i] - numeric[i]);
            double error = gap / Math.max(Math.max(Math.abs(analytic[i]), Math.abs(numeric[i])), 1e-8);
            if (error > worst && gap > DIFFERENCE_NOISE) {
                worst = error;
                worstIndex = i;
            }
        }
        int at = worstIndex;
        double largest = worst;
        assertTrue(worst <= 1e-6, () -> c + ": largest relative error " + largest + " at parameter " + at
                + ": analytic " + analytic[at] + ", finite difference " + numeric[at]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void floatGradientsMatchTheDoubleTwin(Cases.Case c) {
        Model model = c.model().get();
        DoubleModel twin = c.twin().get();
        Random random = new Random(7);
        float[] x = Cases.toFloat(Cases.uniform(BATCH * model.inputSize(), random));
        float[] y = Cases.toFloat(c.targets(model.loss(), BATCH, model.outputSize(), random));
        float[] weights = Cases.toFloat(c.sampleWeights(BATCH, random));
        float[] w = new float[model.parameterCount()];
        model.readParameters(w);
        twin.writeParameters(Cases.toDouble(w));
        assertAwayFromKinks(twin.layers(), Cases.toDouble(w), Cases.toDouble(x), c);

        model.reseed(MASK_SEED);
        twin.reseed(MASK_SEED);
        float floatLoss = model.computeGradients(x, y, weights, BATCH);
        double doubleLoss = twin.computeGradients(Cases.toDouble(x), Cases.toDouble(y), Cases.toDouble(weights), BATCH);
        float[] gradients = new float[w.length];
        model.readGradients(gradients);
        double[] expected = new double[w.length];
        twin.readGradients(expected);

        assertTrue(Math.abs(floatLoss - doubleLoss) <= 1e-5 * Math.abs(doubleLoss) + 1e-7,
                () -> c + ": loss " + floatLoss + " vs double " + doubleLoss);
        double[] scale = termScale(twin, Cases.toDouble(x), Cases.toDouble(y), Cases.toDouble(weights), c);
        double worst = 0;
        int worstIndex = -1;
        for (int i = 0; i < w.length; i++) {
            double gap = Math.abs(gradients[i] - expected[i]) - SUM_ROUNDOFF * scale[i];
            double error = gap / Math.max(Math.max(Math.abs(gradients[i]), Math.abs(expected[i])), 1e-4);
            if (error > worst) {
                worst = error;
                worstIndex = i;
            }
        }
        int at = worstIndex;
        double largest = worst;
        assertTrue(worst <= 1e-4, () -> c + ": largest relative error " + largest + " at parameter " + at
                + ": float " + gradients[at] + ", double " + expected[at]);
    }

    /**
     * For each parameter, the mean over the batch of the size of one sample's term of its gradient,
     * {@code sum_r |w_r g_r| / n}, from the double twin one sample at a time; 0 for a training-mode
     * case, whose samples are coupled (batch statistics) so that the gradient is no sum of them.
     */
    private static double[] termScale(DoubleModel twin, double[] x, double[] y, double[] weights, Cases.Case c) {
        double[] scale = new double[twin.parameterCount()];
        if (c.training()) {
            return scale;
        }
        double[] term = new double[scale.length];
        int in = twin.inputSize();
        int out = twin.targetSize();
        for (int r = 0; r < BATCH; r++) {
            twin.computeGradients(java.util.Arrays.copyOfRange(x, r * in, (r + 1) * in),
                    java.util.Arrays.copyOfRange(y, r * out, (r + 1) * out),
                    weights == null ? null : new double[] {weights[r]}, 1);
            twin.readGradients(term);
            for (int i = 0; i < scale.length; i++) {
                scale[i] += Math.abs(term[i]) / BATCH;
            }
        }
        return scale;
    }

    /** Which parameters belong to layers declared frozen: they have no gradient, whatever the loss. */
    static boolean[] frozen(List<LayerInfo> layers, int count) {
        boolean[] frozen = new boolean[count];
        for (LayerInfo layer : layers) {
            if (!layer.trainable()) {
                for (dev.nnc.runtime.TensorInfo tensor : layer.tensors()) {
                    java.util.Arrays.fill(frozen, tensor.offset(), tensor.offset() + tensor.size(), true);
                }
            }
        }
        return frozen;
    }

    /** Finite differences are meaningless across a kink (ReLU's 0): every pre-activation must be clear of them. */
    static void assertAwayFromKinks(List<LayerInfo> layers, double[] w, double[] x, Cases.Case c) {
        Reference.Trace trace = Reference.forward(layers, w, x, BATCH);
        for (int l = 0; l < layers.size(); l++) {
            String layer = layers.get(l).name();
            for (double kink : Reference.kinks(layers.get(l).activation())) {
                for (double z : trace.preActivations().get(l)) {
                    assertTrue(Math.abs(z - kink) > 1e-4, () -> c + ": layer " + layer + " has a pre-activation " + z
                            + " at the kink " + kink + "; pick another seed");
                }
            }
        }
    }
}
