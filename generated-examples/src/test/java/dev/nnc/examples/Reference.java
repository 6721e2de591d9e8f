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

    static Trace forward(List<LayerInfo> layers, double[] parameters, double[] x, int n, Map<String, Double> alphas) {
        List<double[]> pre = new ArrayList<>();
        double[] a = x;
        for (LayerInfo layer : layers) {
            int in = layer.inputShape().get(0);
            int out = layer.outputShape().get(0);
            TensorInfo kernel = layer.tensor("kernel");
            TensorInfo bias = layer.tensors().size() > 1 ? layer.tensor("bias") : null;
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
            pre.add(z);
            a = activate(layer.activation(), alphas.getOrDefault(layer.name(), 0.2), z, n, out);
        }
        return new Trace(pre, a);
    }

    static double[] activate(String activation, double alpha, double[] z, int n, int width) {
        double[] y = new double[z.length];
        for (int r = 0; r < n; r++) {
            if (activation.equals("SOFTMAX")) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < width; j++) {
                    max = Math.max(max, z[r * width + j]);
                }
                double sum = 0;
                for (int j = 0; j < width; j++) {
                    sum += StrictMath.exp(z[r * width + j] - max);
                }
                for (int j = 0; j < width; j++) {
                    y[r * width + j] = StrictMath.exp(z[r * width + j] - max) / sum;
                }
                continue;
            }
            for (int j = 0; j < width; j++) {
                double v = z[r * width + j];
                y[r * width + j] = switch (activation) {
                    case "LINEAR" -> v;
                    case "SIGMOID" -> 1 / (1 + StrictMath.exp(-v));
                    case "TANH" -> StrictMath.tanh(v);
                    case "RELU" -> v > 0 ? v : 0;
                    case "LEAKY_RELU" -> v > 0 ? v : alpha * v;
                    default -> throw new AssertionError("no reference for " + activation);
                };
            }
        }
        return y;
    }

    /** The batch's mean loss, as Keras defines each (probabilities clipped to [1e-7, 1 - 1e-7]). */
    static double loss(String loss, boolean fromLogits, double[] p, double[] y, int n, int width) {
        double eps = 1e-7;
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
            for (int j = 0; j < width; j++) {
                double pj = p[r * width + j];
                double yj = y[r * width + j];
                sample += switch (loss) {
                    case "mean_squared_error" -> (pj - yj) * (pj - yj) / width;
                    case "binary_crossentropy" -> {
                        if (fromLogits) {
                            double probability = 1 / (1 + StrictMath.exp(-pj));
                            yield -(yj * StrictMath.log(probability) + (1 - yj) * StrictMath.log(1 - probability)) / width;
                        }
                        double q = Math.min(Math.max(pj, eps), 1 - eps);
                        yield -(yj * StrictMath.log(q) + (1 - yj) * StrictMath.log(1 - q)) / width;
                    }
                    case "categorical_crossentropy" -> fromLogits
                            ? -yj * (pj - logSumExp)
                            : -yj * StrictMath.log(Math.min(Math.max(pj, eps), 1 - eps));
                    default -> throw new AssertionError("no reference for " + loss);
                };
            }
            total += sample;
        }
        return total / n;
    }
}
