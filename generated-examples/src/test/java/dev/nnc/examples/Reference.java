package dev.nnc.examples;

import dev.nnc.runtime.LayerInfo;
import dev.nnc.runtime.TensorInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An independent plain-Java reference of the networks the processor generates: a textbook dense
 * forward pass in double with StrictMath, written from the math, not from the generated code. It
 * reads only the model's published layout (layers and tensor offsets).
 */
final class Reference {

    private Reference() {}

    /** Outputs of each layer, before and after its activation. */
    record Trace(List<double[]> preActivations, double[] output) {}

    /** Keras' epsilon of the normalisation layers, which the catalogue's keep. */
    static final double NORM_EPSILON = 1e-3;

    /** The network in inference mode: dropout passes values through, batch normalisation uses its running statistics. */
    static Trace forward(List<LayerInfo> layers, double[] parameters, double[] x, int n) {
        List<double[]> pre = new ArrayList<>();
        double[] a = x;
        for (LayerInfo layer : layers) {
            // a layer applied at every time step sees each step as a row of its own
            int rows = n * (layer.inputShape().size() == 2 ? layer.inputShape().get(0) : 1);
            int in = layer.inputShape().get(layer.inputShape().size() - 1);
            int out = layer.outputShape().get(layer.outputShape().size() - 1);
            if (layer.kind().equals("FLATTEN")) {
                // [n][steps][width] is already [n][steps * width] in row-major order
                pre.add(a.clone());
                continue;
            }
            if (layer.kind().equals("SIMPLE_RNN") || layer.kind().equals("LSTM") || layer.kind().equals("GRU")) {
                a = recurrent(layer, parameters, a, n, layer.inputShape().get(0), in, out, layer.outputShape().size() == 2);
                pre.add(new double[0]);
                continue;
            }
            double[] z = switch (layer.kind()) {
                case "DENSE" -> dense(layer, parameters, a, rows, in, out);
                case "DROPOUT" -> a.clone();
                case "LAYER_NORM" -> layerNorm(layer, parameters, a, rows, out);
                case "BATCH_NORM" -> batchNorm(layer, parameters, a, rows, out);
                default -> throw new AssertionError("no reference for " + layer.kind());
            };
            pre.add(z);
            a = activate(layer, parameters, z, rows, out);
        }
        return new Trace(pre, a);
    }

    /**
     * Keras' SimpleRNN, LSTM and GRU (reset after), step by step from zero states, with Keras' default gate activation
     * (sigmoid), which the catalogue's recurrent layers keep: {@code [n][steps][width]} in,
     * {@code [n][steps][units]} or the last step's {@code [n][units]} out.
     */
    private static double[] recurrent(LayerInfo layer, double[] parameters, double[] x, int n, int steps, int in, int units,
            boolean sequences) {
        boolean lstm = layer.kind().equals("LSTM");
        boolean gru = layer.kind().equals("GRU");
        int gates = lstm ? 4 : gru ? 3 : 1;
        int columns = gates * units;
        int kernel = layer.tensor("kernel").offset();
        int recurrentKernel = layer.tensor("recurrent_kernel").offset();
        Integer bias = has(layer, "bias") ? layer.tensor("bias").offset() : null;
        // Keras' reset_after keeps two bias rows; the original GRU one (the catalogue's GRUs without bias are reset-after)
        boolean resetBefore = gru && bias != null && layer.tensor("bias").shape().size() == 1;
        double[] y = new double[n * (sequences ? steps : 1) * units];
        for (int r = 0; r < n; r++) {
            double[] h = new double[units];
            double[] c = new double[units];
            for (int t = 0; t < steps; t++) {
                // the input's and the state's products apart, as GRU needs them
                double[] zx = new double[columns];
                double[] zh = new double[columns];
                double[] z = new double[columns];
                for (int j = 0; j < columns; j++) {
                    zx[j] = bias == null ? 0 : parameters[bias + j];
                    for (int k = 0; k < in; k++) {
                        zx[j] += x[(r * steps + t) * in + k] * parameters[kernel + k * columns + j];
                    }
                    // GRU's reset-after bias has a second row, for the state's product
                    zh[j] = bias != null && gru && !resetBefore ? parameters[bias + columns + j] : 0;
                    for (int k = 0; k < units; k++) {
                        zh[j] += h[k] * parameters[recurrentKernel + k * columns + j];
                    }
                    z[j] = zx[j] + zh[j];
                }
                double[] next = new double[units];
                if (gru && resetBefore) {
                    // the original GRU: the reset gate scales h before the candidate's product
                    double[] reset = new double[units];
                    for (int j = 0; j < units; j++) {
                        reset[j] = sigmoid(z[units + j]);
                    }
                    for (int j = 0; j < units; j++) {
                        double recurrent = 0;
                        for (int k = 0; k < units; k++) {
                            recurrent += reset[k] * h[k] * parameters[recurrentKernel + k * columns + 2 * units + j];
                        }
                        double update = sigmoid(z[j]);
                        double g = activation(layer.activation(), layer.activationAlpha(), false, zx[2 * units + j] + recurrent);
                        next[j] = update * h[j] + (1 - update) * g;
                    }
                    h = next;
                    if (sequences) {
                        System.arraycopy(h, 0, y, (r * steps + t) * units, units);
                    }
                    continue;
                }
                for (int j = 0; j < units; j++) {
                    if (gru) {
                        double update = sigmoid(z[j]);
                        double reset = sigmoid(z[units + j]);
                        double g = activation(layer.activation(), layer.activationAlpha(), false, zx[2 * units + j] + reset * zh[2 * units + j]);
                        next[j] = update * h[j] + (1 - update) * g;
                    } else if (lstm) {
                        double i = sigmoid(z[j]);
                        double f = sigmoid(z[units + j]);
                        double g = activation(layer.activation(), layer.activationAlpha(), false, z[2 * units + j]);
                        double o = sigmoid(z[3 * units + j]);
                        c[j] = f * c[j] + i * g;
                        next[j] = o * activation(layer.activation(), layer.activationAlpha(), false, c[j]);
                    } else {
                        next[j] = activation(layer.activation(), layer.activationAlpha(), false, z[j]);
                    }
                }
                h = next;
                if (sequences) {
                    System.arraycopy(h, 0, y, (r * steps + t) * units, units);
                }
            }
            if (!sequences) {
                System.arraycopy(h, 0, y, r * units, units);
            }
        }
        return y;
    }

    private static double[] dense(LayerInfo layer, double[] parameters, double[] a, int n, int in, int out) {
        TensorInfo kernel = layer.tensor("kernel");
        TensorInfo bias = layer.tensors().stream().anyMatch(t -> t.name().equals("bias")) ? layer.tensor("bias") : null;
        double[] z = new double[n * out];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < out; j++) {
                double s = bias == null ? 0 : parameters[bias.offset() + j];
                for (int k = 0; k < in; k++) {
                    s += a[r * in + k] * parameters[kernel.offset() + k * out + j];
                }
                z[r * out + j] = s;
            }
        }
        return z;
    }

    /** gamma[j], or 1 when the layer does not learn it. */
    private static double gamma(LayerInfo layer, double[] parameters, int j) {
        return has(layer, "gamma") ? parameters[layer.tensor("gamma").offset() + j] : 1;
    }

    /** beta[j], or 0 when the layer does not learn it. */
    private static double beta(LayerInfo layer, double[] parameters, int j) {
        return has(layer, "beta") ? parameters[layer.tensor("beta").offset() + j] : 0;
    }

    private static boolean has(LayerInfo layer, String tensor) {
        return layer.tensors().stream().anyMatch(t -> t.name().equals(tensor));
    }

    /** Keras' LayerNormalization: each sample over its features, population variance. */
    private static double[] layerNorm(LayerInfo layer, double[] parameters, double[] a, int n, int width) {
        double[] z = new double[n * width];
        for (int r = 0; r < n; r++) {
            double mean = 0;
            for (int j = 0; j < width; j++) {
                mean += a[r * width + j] / width;
            }
            double variance = 0;
            for (int j = 0; j < width; j++) {
                variance += (a[r * width + j] - mean) * (a[r * width + j] - mean) / width;
            }
            for (int j = 0; j < width; j++) {
                z[r * width + j] = gamma(layer, parameters, j) * (a[r * width + j] - mean) / StrictMath.sqrt(variance + NORM_EPSILON)
                        + beta(layer, parameters, j);
            }
        }
        return z;
    }

    /** Keras' BatchNormalization in inference: each feature by its running mean and variance. */
    private static double[] batchNorm(LayerInfo layer, double[] parameters, double[] a, int n, int width) {
        double[] z = new double[n * width];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < width; j++) {
                double mean = parameters[layer.tensor("moving_mean").offset() + j];
                double variance = parameters[layer.tensor("moving_variance").offset() + j];
                z[r * width + j] = gamma(layer, parameters, j) * (a[r * width + j] - mean) / StrictMath.sqrt(variance + NORM_EPSILON)
                        + beta(layer, parameters, j);
            }
        }
        return z;
    }

    static double[] activate(LayerInfo layer, double[] parameters, double[] z, int n, int width) {
        double[] y = new double[z.length];
        for (int r = 0; r < n; r++) {
            if (layer.activation().equals("SOFTMAX") || layer.activation().equals("LOG_SOFTMAX")) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < width; j++) {
                    max = Math.max(max, z[r * width + j]);
                }
                double sum = 0;
                for (int j = 0; j < width; j++) {
                    sum += StrictMath.exp(z[r * width + j] - max);
                }
                for (int j = 0; j < width; j++) {
                    double shifted = z[r * width + j] - max;
                    y[r * width + j] = layer.activation().equals("SOFTMAX")
                            ? StrictMath.exp(shifted) / sum
                            : shifted - StrictMath.log(sum);
                }
                continue;
            }
            for (int j = 0; j < width; j++) {
                y[r * width + j] = activation(layer.activation(), alpha(layer, parameters, j), layer.approximate(), z[r * width + j]);
            }
        }
        return y;
    }

    /** The alpha unit {@code j} uses: PReLU's learned slope from the parameters, else the layer's setting. */
    static double alpha(LayerInfo layer, double[] parameters, int j) {
        return layer.activation().equals("PRELU") ? parameters[layer.tensor("alpha").offset() + j] : layer.activationAlpha();
    }

    static final double SELU_ALPHA = 1.6732632423543772;
    static final double SELU_SCALE = 1.0507009873554805;

    /** An element-wise activation at {@code v}, from its textbook definition. */
    static double activation(String name, double alpha, boolean approximate, double v) {
        return switch (name) {
            case "LINEAR" -> v;
            case "SIGMOID" -> sigmoid(v);
            case "HARD_SIGMOID" -> Math.min(Math.max(v + 3, 0), 6) / 6;
            case "TANH" -> StrictMath.tanh(v);
            case "RELU" -> Math.max(v, 0);
            case "RELU6" -> Math.min(Math.max(v, 0), 6);
            case "LEAKY_RELU", "PRELU" -> v > 0 ? v : alpha * v;
            case "ELU" -> v > 0 ? v : alpha * StrictMath.expm1(v);
            case "SELU" -> SELU_SCALE * (v > 0 ? v : SELU_ALPHA * StrictMath.expm1(v));
            case "SOFTPLUS" -> softplus(v);
            case "SOFTSIGN" -> v / (1 + Math.abs(v));
            case "SWISH", "SILU" -> v * sigmoid(v);
            case "GELU" -> approximate
                    ? 0.5 * v * (1 + StrictMath.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)))
                    : v * 0.5 * erfc(-v / Math.sqrt(2));
            case "MISH" -> v * StrictMath.tanh(softplus(v));
            default -> throw new AssertionError("no reference for " + name);
        };
    }

    /** The derivative of {@link #activation} at {@code v}, from the textbook formulas. */
    static double derivative(String name, double alpha, boolean approximate, double v) {
        return switch (name) {
            case "LINEAR" -> 1;
            case "SIGMOID" -> sigmoid(v) * sigmoid(-v);
            case "HARD_SIGMOID" -> v > -3 && v < 3 ? 1 / 6.0 : 0;
            case "TANH" -> 1 / (StrictMath.cosh(v) * StrictMath.cosh(v));
            case "RELU" -> v > 0 ? 1 : 0;
            case "RELU6" -> v > 0 && v < 6 ? 1 : 0;
            case "LEAKY_RELU", "PRELU" -> v > 0 ? 1 : alpha;
            case "ELU" -> v > 0 ? 1 : alpha * StrictMath.exp(v);
            case "SELU" -> SELU_SCALE * (v > 0 ? 1 : SELU_ALPHA * StrictMath.exp(v));
            case "SOFTPLUS" -> sigmoid(v);
            case "SOFTSIGN" -> 1 / ((1 + Math.abs(v)) * (1 + Math.abs(v)));
            case "SWISH", "SILU" -> sigmoid(v) * (1 + v * sigmoid(-v));
            case "GELU" -> {
                if (approximate) {
                    double k = Math.sqrt(2 / Math.PI);
                    double u = k * (v + 0.044715 * v * v * v);
                    double sech = 1 / StrictMath.cosh(u);
                    yield 0.5 * (1 + StrictMath.tanh(u)) + 0.5 * v * sech * sech * k * (1 + 3 * 0.044715 * v * v);
                }
                yield 0.5 * erfc(-v / Math.sqrt(2)) + v * StrictMath.exp(-v * v / 2) / Math.sqrt(2 * Math.PI);
            }
            case "MISH" -> {
                double t = StrictMath.tanh(softplus(v));
                yield t + v * (1 - t * t) * sigmoid(v);
            }
            default -> throw new AssertionError("no reference for " + name);
        };
    }

    /** Where the activation's derivative jumps: finite differences must not straddle these. */
    static double[] kinks(String name) {
        return switch (name) {
            case "RELU", "LEAKY_RELU", "PRELU", "ELU", "SELU" -> new double[] {0};
            case "RELU6" -> new double[] {0, 6};
            case "HARD_SIGMOID" -> new double[] {-3, 3};
            default -> new double[0];
        };
    }

    static double sigmoid(double v) {
        return v >= 0 ? 1 / (1 + StrictMath.exp(-v)) : StrictMath.exp(v) / (1 + StrictMath.exp(v));
    }

    static double softplus(double v) {
        return v > 0 ? v + StrictMath.log1p(StrictMath.exp(-v)) : StrictMath.log1p(StrictMath.exp(v));
    }

    /**
     * The complementary error function, this test's own: below 3, {@code 1 - erf(x)} with erf as
     * Simpson's rule on {@code 2/sqrt(pi) exp(-t^2)} over [0, x]; from 3 on, the Laplace continued
     * fraction {@code exp(-x^2)/sqrt(pi) * 1/(x+ (1/2)/(x+ 1/(x+ (3/2)/(x+ ...))))} by Lentz's method.
     */
    static double erfc(double x) {
        if (x < 0) {
            return 2 - erfc(-x);
        }
        if (x < 3) {
            int intervals = 4000;
            double h = x / intervals;
            double sum = 1 + StrictMath.exp(-x * x);
            for (int i = 1; i < intervals; i++) {
                double t = i * h;
                sum += (i % 2 == 1 ? 4 : 2) * StrictMath.exp(-t * t);
            }
            return 1 - 2 / Math.sqrt(Math.PI) * sum * h / 3;
        }
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int k = 1; k < 500; k++) {
            double a = k / 2.0;
            d = x + a * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = x + a / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return StrictMath.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }

    /**
     * The batch's mean loss, as Keras defines each (probabilities clipped to [1e-7, 1 - 1e-7]);
     * categorical cross-entropy after a LOG_SOFTMAX output reads log-probabilities (NLL).
     * {@code settings} holds the {@code @Loss} attributes a test wrote (delta, quantile, gamma, alpha).
     */
    /** The layers' L1 and L2 penalties, from the tensors' published coefficients. */
    static double penalty(List<LayerInfo> layers, double[] parameters) {
        double penalty = 0;
        for (LayerInfo layer : layers) {
            for (TensorInfo tensor : layer.tensors()) {
                for (int i = 0; i < tensor.size(); i++) {
                    double w = parameters[tensor.offset() + i];
                    penalty += tensor.l1() * Math.abs(w) + tensor.l2() * w * w;
                }
            }
        }
        return penalty;
    }

    static double loss(String loss, boolean fromLogits, String outputActivation, Map<String, Double> settings,
            double[] p, double[] y, double[] sampleWeights, int n, int width) {
        if (loss.equals("sparse_categorical_crossentropy")) {
            // the categorical loss of the one-hot rows of the class indices
            double[] oneHot = new double[n * width];
            for (int r = 0; r < n; r++) {
                oneHot[r * width + (int) y[r]] = 1;
            }
            return loss("categorical_crossentropy", fromLogits, outputActivation, settings, p, oneHot, sampleWeights, n, width);
        }
        double eps = 1e-7;
        boolean zeroOne = true;
        for (int i = 0; i < n * width; i++) {
            zeroOne &= y[i] == 0 || y[i] == 1;
        }
        double total = 0;
        for (int r = 0; r < n; r++) {
            double sample = 0;
            double logSumExp = 0;
            if (fromLogits && loss.equals("categorical_crossentropy")) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < width; j++) {
                    max = Math.max(max, p[r * width + j]);
                }
                double sum = 0;
                for (int j = 0; j < width; j++) {
                    sum += StrictMath.exp(p[r * width + j] - max);
                }
                logSumExp = max + StrictMath.log(sum);
            }
            if (loss.equals("cosine_similarity")) {
                double yy = 0;
                double pp = 0;
                double yp = 0;
                for (int j = 0; j < width; j++) {
                    yy += y[r * width + j] * y[r * width + j];
                    pp += p[r * width + j] * p[r * width + j];
                    yp += y[r * width + j] * p[r * width + j];
                }
                total += weight(sampleWeights, r) * -yp / Math.sqrt(Math.max(yy, 1e-12)) / Math.sqrt(Math.max(pp, 1e-12));
                continue;
            }
            for (int j = 0; j < width; j++) {
                double pj = p[r * width + j];
                double yj = y[r * width + j];
                double e = pj - yj;
                double hingeY = zeroOne ? 2 * yj - 1 : yj;
                sample += switch (loss) {
                    case "mean_squared_error" -> e * e / width;
                    case "mean_absolute_error" -> Math.abs(e) / width;
                    case "huber" -> {
                        double delta = settings.getOrDefault("delta", 1.0);
                        yield (Math.abs(e) <= delta ? e * e / 2 : delta * Math.abs(e) - delta * delta / 2) / width;
                    }
                    case "log_cosh" -> StrictMath.log(StrictMath.cosh(e)) / width;
                    case "quantile" -> {
                        double q = settings.getOrDefault("quantile", 0.5);
                        yield (-e >= 0 ? q * -e : (q - 1) * -e) / width;
                    }
                    case "hinge" -> Math.max(1 - hingeY * pj, 0) / width;
                    case "squared_hinge" -> Math.pow(Math.max(1 - hingeY * pj, 0), 2) / width;
                    case "kl_divergence" -> {
                        double yc = Math.min(Math.max(yj, eps), 1);
                        yield yc * StrictMath.log(yc / Math.min(Math.max(pj, eps), 1));
                    }
                    case "poisson" -> (pj - yj * StrictMath.log(pj + eps)) / width;
                    case "binary_crossentropy" -> {
                        if (fromLogits) {
                            double probability = 1 / (1 + StrictMath.exp(-pj));
                            yield -(yj * StrictMath.log(probability) + (1 - yj) * StrictMath.log(1 - probability)) / width;
                        }
                        double q = Math.min(Math.max(pj, eps), 1 - eps);
                        yield -(yj * StrictMath.log(q) + (1 - yj) * StrictMath.log(1 - q)) / width;
                    }
                    case "binary_focal_crossentropy" -> {
                        double probability = fromLogits ? 1 / (1 + StrictMath.exp(-pj)) : Math.min(Math.max(pj, eps), 1 - eps);
                        double bce = -(yj * StrictMath.log(probability) + (1 - yj) * StrictMath.log(1 - probability));
                        double pt = yj * probability + (1 - yj) * (1 - probability);
                        double alpha = settings.getOrDefault("alpha", Double.NaN);
                        double weight = Double.isNaN(alpha) ? 1 : yj * alpha + (1 - yj) * (1 - alpha);
                        yield weight * Math.pow(1 - pt, settings.getOrDefault("gamma", 2.0)) * bce / width;
                    }
                    case "categorical_crossentropy" -> fromLogits
                            ? -yj * (pj - logSumExp)
                            : outputActivation.equals("LOG_SOFTMAX")
                                    ? -yj * pj
                                    : -yj * StrictMath.log(Math.min(Math.max(pj, eps), 1 - eps));
                    default -> throw new AssertionError("no reference for " + loss);
                };
            }
            total += weight(sampleWeights, r) * sample;
        }
        return total / n;
    }

    /** Keras' sample weight: 1 without weights. */
    private static double weight(double[] sampleWeights, int r) {
        return sampleWeights == null ? 1 : sampleWeights[r];
    }
}
