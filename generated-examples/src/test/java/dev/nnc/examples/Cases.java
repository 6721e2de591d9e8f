package dev.nnc.examples;

import dev.nnc.runtime.DoubleModel;
import dev.nnc.runtime.Model;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/** The table of test networks: a double twin, its float product, the loss and how to draw targets. */
final class Cases {

    private Cases() {}

    /**
     * @param weighted whether the check passes per-sample weights
     * @param training whether the loss the check differentiates is the training pass's (dropout with
     *     its mask drawn from a fixed seed, batch normalisation with the batch's statistics) rather
     *     than inference's
     */
    record Case(
            String name,
            Supplier<DoubleModel> twin,
            Supplier<Model> model,
            boolean fromLogits,
            Map<String, Double> lossSettings,
            boolean weighted,
            boolean training) {

        Case(String name, Supplier<DoubleModel> twin, Supplier<Model> model, boolean fromLogits, Map<String, Double> lossSettings) {
            this(name, twin, model, fromLogits, lossSettings, false, false);
        }

        /** Per-sample weights in [0, 2) with one 0, when the case is weighted; else null (every sample weighs 1). */
        double[] sampleWeights(int n, Random random) {
            if (!weighted) {
                return null;
            }
            double[] weights = new double[n];
            for (int r = 1; r < n; r++) {
                weights[r] = 2 * random.nextDouble();
            }
            return weights;
        }

        @Override
        public String toString() {
            return name;
        }

        /**
         * Targets that suit the loss, for {@code width} outputs: any real for the regression losses,
         * -1/1 for hinge, 0/1 for squared hinge (which converts them), counts for Poisson, rows
         * summing to 1 for the categorical ones, one class index per sample for the sparse one,
         * else soft labels in (0, 1).
         */
        double[] targets(String loss, int n, int width, Random random) {
            if (loss.equals("sparse_categorical_crossentropy")) {
                double[] classes = new double[n];
                for (int r = 0; r < n; r++) {
                    classes[r] = random.nextInt(width);
                }
                return classes;
            }
            double[] y = new double[n * width];
            for (int r = 0; r < n; r++) {
                double sum = 0;
                for (int j = 0; j < width; j++) {
                    double v = switch (loss) {
                        case "mean_squared_error", "mean_absolute_error", "huber", "log_cosh", "quantile",
                                "cosine_similarity" -> random.nextDouble() * 2 - 1;
                        case "hinge" -> random.nextBoolean() ? 1 : -1;
                        case "squared_hinge" -> random.nextBoolean() ? 1 : 0;
                        case "poisson" -> random.nextInt(4);
                        default -> 0.05 + 0.9 * random.nextDouble();
                    };
                    y[r * width + j] = v;
                    sum += v;
                }
                if (loss.equals("categorical_crossentropy") || loss.equals("kl_divergence")) {
                    for (int j = 0; j < width; j++) {
                        y[r * width + j] /= sum;
                    }
                }
            }
            return y;
        }
    }

    /** Every network of the gradient check: {@link Catalogue#cases()}. */
    static List<Case> all() {
        return Catalogue.cases();
    }

    static double[] uniform(int count, Random random) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextDouble() * 2 - 1;
        }
        return values;
    }

    static float[] toFloat(double[] values) {
        if (values == null) {
            return null;
        }
        float[] result = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (float) values[i];
        }
        return result;
    }

    static double[] toDouble(float[] values) {
        if (values == null) {
            return null;
        }
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i];
        }
        return result;
    }
}
