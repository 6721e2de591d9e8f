package dev.nnc.benchmarks;

import dev.nnc.runtime.LayerInfo;
import dev.nnc.runtime.Model;
import dev.nnc.runtime.TensorInfo;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Checks, before anything is timed, that the baseline and the generated model compute the same
 * thing. Given the same weights (the model's, each kernel transposed from Keras' [in][out] to the
 * baseline's [out][in]), it compares, with a relative tolerance of {@value #TOLERANCE}:
 * <ol>
 *   <li>the forward outputs, each relative to its own magnitude (at least {@value #OUTPUT_FLOOR});
 *   <li>the batch's mean loss;
 *   <li>every gradient, relative to the largest gradient of its tensor;
 *   <li>the parameters after one Adam step, relative to the largest value of their tensor, plus
 *       {@value #ADAM_SLACK} of the learning rate: where a gradient is within Adam's epsilon of
 *       zero, the update {@code lr * g / (|g| + eps)} turns float noise in {@code g} into up to a
 *       tenth of {@code lr}; a wrong formula moves it by the order of {@code lr}.
 * </ol>
 * It fails loudly with the largest difference and where it is. Run it alone with
 * {@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar dev.nnc.benchmarks.BaselineCheck};
 * the benchmarks also call it from their {@code @Setup(Level.Trial)}.
 */
public final class BaselineCheck {

    /** Relative tolerance of every comparison. */
    static final double TOLERANCE = 1e-4;

    /** Forward outputs are compared relative to their magnitude, but no smaller than this. */
    static final double OUTPUT_FLOOR = 1e-3;

    /** Absolute slack, in learning rates, of the parameters after one Adam step (see above). */
    static final double ADAM_SLACK = 0.1;

    private BaselineCheck() {}

    public static void main(String[] args) {
        Data b = Data.regression(32, 13, 7);
        System.out.println("NetB: " + verify(new NetB(), ScalarMlp.netB(32), b.x, b.y, 32));
        Data c = Data.classification(64, 784, 10, 7);
        System.out.println("NetC: " + verify(new NetC(), ScalarMlp.netC(64), c.x, c.y, 64));
        System.out.println("baseline and generated models agree");
    }

    /**
     * Copies the model's weights into the baseline, compares the two on one batch (forward, loss,
     * gradients, one Adam step), then copies the model's weights over again so both continue from
     * the same parameters. Throws {@link IllegalStateException} when they disagree; returns a
     * summary of the largest differences.
     */
    public static String verify(Model model, ScalarMlp baseline, float[] x, float[] y, int n) {
        copyWeights(model, baseline);
        int outputs = model.outputSize();

        float[] expected = new float[n * outputs];
        float[] actual = new float[n * outputs];
        model.predict(x, n, expected);
        baseline.predict(x, n, actual);
        double forward = 0;
        for (int i = 0; i < expected.length; i++) {
            double error = relative(expected[i], actual[i], Math.max(Math.abs(expected[i]), OUTPUT_FLOOR));
            forward = Math.max(forward, error);
            require(error <= TOLERANCE, model, "forward output [" + i / outputs + "][" + i % outputs
                    + "]: generated " + expected[i] + ", baseline " + actual[i]);
        }

        float modelLoss = model.computeGradients(x, y, n);
        float baselineLoss = baseline.computeGradients(x, y, n);
        double loss = relative(modelLoss, baselineLoss, Math.abs(modelLoss));
        require(loss <= TOLERANCE, model, "loss: generated " + modelLoss + ", baseline " + baselineLoss);

        float[] gradients = new float[model.parameterCount()];
        model.readGradients(gradients);
        double gradient = compare(model, baseline, gradients, true, 0, "gradient");

        model.applyGradients();
        baseline.applyGradients();
        double step = compare(model, baseline, model.snapshot(), false,
                ADAM_SLACK * baseline.learningRate(), "parameter after one Adam step");

        copyWeights(model, baseline);
        return String.format(Locale.ROOT, "largest relative difference: forward %.2e, loss %.2e,"
                + " gradients %.2e, after one step %.2e (n = %d, loss %.6f)", forward, loss, gradient, step, n, modelLoss);
    }

    /** Sets the baseline's weights to the model's: each kernel [in][out] transposed to [out][in]. */
    public static void copyWeights(Model model, ScalarMlp baseline) {
        List<LayerInfo> layers = model.layers();
        checkShapes(model, baseline);
        float[] parameters = model.snapshot();
        for (int l = 0; l < layers.size(); l++) {
            LayerInfo layer = layers.get(l);
            int in = baseline.inputs(l);
            int out = baseline.units(l);
            TensorInfo kernel = layer.tensor("kernel");
            float[] w = baseline.weights(l);
            for (int k = 0; k < in; k++) {
                for (int j = 0; j < out; j++) {
                    w[j * in + k] = parameters[kernel.offset() + k * out + j];
                }
            }
            System.arraycopy(parameters, layer.tensor("bias").offset(), baseline.biases(l), 0, out);
        }
    }

    private static void checkShapes(Model model, ScalarMlp baseline) {
        List<LayerInfo> layers = model.layers();
        if (layers.size() != baseline.layerCount()) {
            throw new IllegalStateException(model.name() + " has " + layers.size() + " layers, the baseline "
                    + baseline.layerCount());
        }
        for (int l = 0; l < layers.size(); l++) {
            LayerInfo layer = layers.get(l);
            List<Integer> kernel = layer.tensor("kernel").shape();
            List<Integer> expected = List.of(baseline.inputs(l), baseline.units(l));
            if (!layer.kind().equals("DENSE") || !kernel.equals(expected)
                    || !layer.activation().equals(baseline.activation(l).name())) {
                throw new IllegalStateException(model.name() + " layer '" + layer.name() + "' is " + layer.kind()
                        + " " + kernel + " " + layer.activation() + ", the baseline's layer " + l + " is DENSE "
                        + expected + " " + baseline.activation(l));
            }
        }
    }

    /**
     * Compares the model's flat {@code values} (parameters or gradients) with the baseline's,
     * tensor by tensor, each relative to the largest magnitude in the tensor, plus {@code slack}
     * absolute. Returns the largest relative difference, slack not subtracted.
     */
    private static double compare(Model model, ScalarMlp baseline, float[] values, boolean gradients,
            double slack, String what) {
        double worst = 0;
        List<LayerInfo> layers = model.layers();
        for (int l = 0; l < layers.size(); l++) {
            LayerInfo layer = layers.get(l);
            int in = baseline.inputs(l);
            int out = baseline.units(l);
            float[] w = gradients ? baseline.weightGradients(l) : baseline.weights(l);
            float[] b = gradients ? baseline.biasGradients(l) : baseline.biases(l);
            int kernel = layer.tensor("kernel").offset();
            int bias = layer.tensor("bias").offset();
            double kernelScale = maxAbs(values, kernel, in * out);
            for (int k = 0; k < in; k++) {
                for (int j = 0; j < out; j++) {
                    float expected = values[kernel + k * out + j];
                    float actual = w[j * in + k];
                    worst = Math.max(worst, relative(expected, actual, kernelScale));
                    require(Math.abs(expected - actual) <= TOLERANCE * kernelScale + slack, model, what + " " + layer.name() + ".kernel[" + k + "][" + j
                            + "]: generated " + expected + ", baseline " + actual + " (tensor scale " + kernelScale + ")");
                }
            }
            double biasScale = maxAbs(values, bias, out);
            for (int j = 0; j < out; j++) {
                float expected = values[bias + j];
                float actual = b[j];
                worst = Math.max(worst, relative(expected, actual, biasScale));
                require(Math.abs(expected - actual) <= TOLERANCE * biasScale + slack, model, what + " " + layer.name() + ".bias[" + j + "]: generated "
                        + expected + ", baseline " + actual + " (tensor scale " + biasScale + ")");
            }
        }
        return worst;
    }

    /** |a - b| relative to {@code scale}; a scale below 1e-30 counts as 1e-30. */
    private static double relative(double a, double b, double scale) {
        return Math.abs(a - b) / Math.max(scale, 1e-30);
    }

    private static double maxAbs(float[] values, int offset, int count) {
        double max = 0;
        for (int i = offset; i < offset + count; i++) {
            max = Math.max(max, Math.abs(values[i]));
        }
        return max;
    }

    private static void require(boolean condition, Model model, String message) {
        if (!condition) {
            throw new IllegalStateException(model.name() + ": the baseline disagrees with the generated model beyond "
                    + TOLERANCE + ": " + message);
        }
    }

    /** A seeded random batch: inputs {@code x} (n, features) and targets {@code y} (n, outputs). */
    static final class Data {
        final float[] x;
        final float[] y;

        private Data(float[] x, float[] y) {
            this.x = x;
            this.y = y;
        }

        /** Standardised features ~ N(0, 1) and targets ~ N(0, 1). */
        static Data regression(int n, int features, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            float[] x = new float[n * features];
            float[] y = new float[n];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) gaussian(random);
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = (float) gaussian(random);
            }
            return new Data(x, y);
        }

        /** Pixels uniform in [0, 1) and one-hot targets of a uniformly drawn class. */
        static Data classification(int n, int features, int classes, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            float[] x = new float[n * features];
            float[] y = new float[n * classes];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextDouble();
            }
            for (int r = 0; r < n; r++) {
                y[r * classes + random.nextInt(classes)] = 1f;
            }
            return new Data(x, y);
        }

        private static double gaussian(SplittableRandom random) {
            // Box-Muller; SplittableRandom has no nextGaussian on Java 17
            double u = 1 - random.nextDouble();
            return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
        }
    }
}
