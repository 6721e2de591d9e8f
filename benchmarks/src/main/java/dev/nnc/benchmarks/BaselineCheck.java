package dev.nnc.benchmarks;

import dev.nnc.runtime.LayerInfo;
import dev.nnc.runtime.Model;
import dev.nnc.runtime.TensorInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Checks, before anything is timed, that the baseline and the generated model compute the same
 * thing: {@link ScalarMlp} for the MLPs (nets B and C), {@link ScalarLstm} for the LSTM (net D).
 * Given the same weights (the model's, each kernel transposed from Keras' [in][out] to the
 * baseline's [out][in]; LSTM biases and the Dense [units][1] kernel as they are), it compares,
 * with a relative tolerance of {@value #TOLERANCE}:
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
        Data d = Data.uniform(32, NetD.INPUTS, NetD.OUTPUTS, 7);
        System.out.println("NetD: " + verify(new NetD(), ScalarLstm.netD(32), d.x, d.y, 32));
        System.out.println("baseline and generated models agree");
    }

    /**
     * Copies the model's weights into the baseline, compares the two on one batch (forward, loss,
     * gradients, one Adam step), then copies the model's weights over again so both continue from
     * the same parameters. Throws {@link IllegalStateException} when they disagree; returns a
     * summary of the largest differences.
     */
    public static String verify(Model model, ScalarMlp baseline, float[] x, float[] y, int n) {
        return verify(model, mlp(model, baseline), x, y, n);
    }

    /** {@link #verify(Model, ScalarMlp, float[], float[], int)} for the LSTM baseline. */
    public static String verify(Model model, ScalarLstm baseline, float[] x, float[] y, int n) {
        return verify(model, lstm(model, baseline), x, y, n);
    }

    private static String verify(Model model, Baseline baseline, float[] x, float[] y, int n) {
        copy(model, baseline);
        int outputs = model.outputSize();

        float[] expected = new float[n * outputs];
        float[] actual = new float[n * outputs];
        model.predict(x, n, expected);
        baseline.scalar().predict(x, n, actual);
        double forward = 0;
        for (int i = 0; i < expected.length; i++) {
            double error = relative(expected[i], actual[i], Math.max(Math.abs(expected[i]), OUTPUT_FLOOR));
            forward = Math.max(forward, error);
            require(error <= TOLERANCE, model, "forward output [" + i / outputs + "][" + i % outputs
                    + "]: generated " + expected[i] + ", baseline " + actual[i]);
        }

        float modelLoss = model.computeGradients(x, y, n);
        float baselineLoss = baseline.scalar().computeGradients(x, y, n);
        double loss = relative(modelLoss, baselineLoss, Math.abs(modelLoss));
        require(loss <= TOLERANCE, model, "loss: generated " + modelLoss + ", baseline " + baselineLoss);

        float[] gradients = new float[model.parameterCount()];
        model.readGradients(gradients);
        double gradient = compare(model, gradients, baseline.tensors(true), 0, "gradient");

        model.applyGradients();
        baseline.scalar().applyGradients();
        double step = compare(model, model.snapshot(), baseline.tensors(false),
                ADAM_SLACK * baseline.scalar().learningRate(), "parameter after one Adam step");

        copy(model, baseline);
        return String.format(Locale.ROOT, "largest relative difference: forward %.2e, loss %.2e,"
                + " gradients %.2e, after one step %.2e (n = %d, loss %.6f)", forward, loss, gradient, step, n, modelLoss);
    }

    /** Sets the baseline's weights to the model's: each kernel [in][out] transposed to [out][in]. */
    public static void copyWeights(Model model, ScalarMlp baseline) {
        copy(model, mlp(model, baseline));
    }

    /**
     * Sets the LSTM baseline's weights to the model's: {@code kernel} and {@code recurrent_kernel}
     * transposed to [4 units][in], the bias and the Dense layer's as they are.
     */
    public static void copyWeights(Model model, ScalarLstm baseline) {
        copy(model, lstm(model, baseline));
    }

    /**
     * What the check needs of a baseline: the calls it compares, and where the baseline keeps each
     * of the model's tensors.
     */
    /**
     * A scalar baseline and where its arrays hold the model's tensors: every parameter tensor of
     * the model with the baseline's array of its values or, with {@code gradients}, of its gradients.
     */
    private record Baseline(ScalarModel scalar, java.util.function.Function<Boolean, List<Match>> tensors) {

        List<Match> tensors(boolean gradients) {
            return tensors.apply(gradients);
        }
    }

    /**
     * One tensor of the model, {@code [rows][columns]} row-major in its flat parameters (a vector
     * is one row), and the baseline's array that holds it: in the same order, or {@code transposed},
     * {@code [columns][rows]}.
     */
    private record Match(LayerInfo layer, TensorInfo tensor, float[] baseline, boolean transposed) {

        int rows() {
            return tensor.shape().size() == 2 ? tensor.shape().get(0) : 1;
        }

        int columns() {
            return tensor.shape().get(tensor.shape().size() - 1);
        }

        /** Index in the baseline's array of the model's element [k][j]. */
        int index(int k, int j) {
            return transposed ? j * rows() + k : k * columns() + j;
        }
    }

    private static Baseline mlp(Model model, ScalarMlp baseline) {
        checkShapes(model, baseline);
        return new Baseline(baseline, gradients -> {
            List<Match> matches = new ArrayList<>();
            List<LayerInfo> layers = model.layers();
            for (int l = 0; l < layers.size(); l++) {
                LayerInfo layer = layers.get(l);
                matches.add(new Match(layer, layer.tensor("kernel"),
                        gradients ? baseline.weightGradients(l) : baseline.weights(l), true));
                matches.add(new Match(layer, layer.tensor("bias"),
                        gradients ? baseline.biasGradients(l) : baseline.biases(l), false));
            }
            return matches;
        });
    }

    private static Baseline lstm(Model model, ScalarLstm baseline) {
        checkShapes(model, baseline);
        LayerInfo lstm = model.layers().get(0);
        LayerInfo dense = model.layers().get(1);
        return new Baseline(baseline, gradients -> List.of(
                match(lstm, "kernel", baseline, ScalarLstm.Tensor.KERNEL, true, gradients),
                match(lstm, "recurrent_kernel", baseline, ScalarLstm.Tensor.RECURRENT_KERNEL, true, gradients),
                match(lstm, "bias", baseline, ScalarLstm.Tensor.BIAS, false, gradients),
                match(dense, "kernel", baseline, ScalarLstm.Tensor.OUTPUT_KERNEL, false, gradients),
                match(dense, "bias", baseline, ScalarLstm.Tensor.OUTPUT_BIAS, false, gradients)));
    }

    private static Match match(LayerInfo layer, String tensor, ScalarLstm baseline, ScalarLstm.Tensor into, boolean transposed,
            boolean gradients) {
        return new Match(layer, layer.tensor(tensor), gradients ? baseline.gradients(into) : baseline.weights(into), transposed);
    }

    /** Copies the model's parameters into the baseline's arrays. */
    private static void copy(Model model, Baseline baseline) {
        float[] parameters = model.snapshot();
        for (Match match : baseline.tensors(false)) {
            int offset = match.tensor().offset();
            for (int k = 0; k < match.rows(); k++) {
                for (int j = 0; j < match.columns(); j++) {
                    match.baseline()[match.index(k, j)] = parameters[offset + k * match.columns() + j];
                }
            }
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

    /** The model must be LSTM(units, TANH) over [steps][features], then Dense(1, LINEAR), as the baseline. */
    private static void checkShapes(Model model, ScalarLstm baseline) {
        List<LayerInfo> layers = model.layers();
        int steps = baseline.steps();
        int features = baseline.features();
        int units = baseline.units();
        boolean same = layers.size() == 2;
        if (same) {
            LayerInfo lstm = layers.get(0);
            LayerInfo dense = layers.get(1);
            same = lstm.kind().equals("LSTM") && lstm.activation().equals("TANH")
                    && lstm.inputShape().equals(List.of(steps, features))
                    && lstm.outputShape().equals(List.of(units))
                    && lstm.tensors().size() == 3
                    && lstm.tensor("kernel").shape().equals(List.of(features, 4 * units))
                    && lstm.tensor("recurrent_kernel").shape().equals(List.of(units, 4 * units))
                    && lstm.tensor("bias").shape().equals(List.of(4 * units))
                    && dense.kind().equals("DENSE") && dense.activation().equals("LINEAR")
                    && dense.tensors().size() == 2
                    && dense.tensor("kernel").shape().equals(List.of(units, 1))
                    && dense.tensor("bias").shape().equals(List.of(1));
        }
        if (!same) {
            String declared = layers.stream().map(l -> l.name() + " " + l.kind() + " " + l.inputShape() + " -> "
                    + l.outputShape() + " " + l.activation() + " " + l.tensors().stream().map(TensorInfo::name).toList())
                    .toList().toString();
            throw new IllegalStateException(model.name() + " is " + declared + "; the baseline is LSTM(" + units
                    + ", TANH) over [" + steps + "][" + features + "] then DENSE(1, LINEAR), both with biases");
        }
    }

    /**
     * Compares the model's flat {@code values} (parameters or gradients) with the baseline's,
     * tensor by tensor, each relative to the largest magnitude in the tensor, plus {@code slack}
     * absolute. Returns the largest relative difference, slack not subtracted.
     */
    private static double compare(Model model, float[] values, List<Match> matches, double slack, String what) {
        double worst = 0;
        for (Match match : matches) {
            int offset = match.tensor().offset();
            int rows = match.rows();
            int columns = match.columns();
            double scale = maxAbs(values, offset, rows * columns);
            for (int k = 0; k < rows; k++) {
                for (int j = 0; j < columns; j++) {
                    float expected = values[offset + k * columns + j];
                    float actual = match.baseline()[match.index(k, j)];
                    worst = Math.max(worst, relative(expected, actual, scale));
                    String element = match.tensor().shape().size() == 2 ? "[" + k + "][" + j + "]" : "[" + j + "]";
                    require(Math.abs(expected - actual) <= TOLERANCE * scale + slack, model, what + " "
                            + match.layer().name() + "." + match.tensor().name() + element + ": generated " + expected
                            + ", baseline " + actual + " (tensor scale " + scale + ")");
                }
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

        /** Inputs and targets uniform in [-1, 1). */
        static Data uniform(int n, int inputs, int outputs, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            float[] x = new float[n * inputs];
            float[] y = new float[n * outputs];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (2 * random.nextDouble() - 1);
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = (float) (2 * random.nextDouble() - 1);
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
