package dev.nnc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnc.runtime.Model;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer's update against its published formula (torch.optim's), written out here in
 * double from the same gradients, for several steps with state carried between them.
 */
@Tag("numeric")
class OptimizerStepTest {

    private static final int STEPS = 5;
    private static final int BATCH = 6;

    /** One optimizer's math on plain arrays: updates {@code w} in place from {@code g}. */
    private interface Formula {
        void step(double[] w, double[] g, int t);
    }

    @Test
    void plainSgd() {
        double lr = 0.1;
        check(Catalogue.model("PlainSgdNet"), (w, g, t) -> {
            for (int i = 0; i < w.length; i++) {
                w[i] -= lr * g[i];
            }
        });
    }

    @Test
    void sgdWithMomentumAndWeightDecay() {
        double lr = 0.1;
        double momentum = 0.9;
        double decay = 0.01;
        Model model = Catalogue.model("MomentumSgdNet");
        double[] buffer = new double[model.parameterCount()];
        check(model, (w, g, t) -> {
            for (int i = 0; i < w.length; i++) {
                double gi = g[i] + decay * w[i];
                buffer[i] = t == 1 ? gi : momentum * buffer[i] + gi;
                w[i] -= lr * buffer[i];
            }
        });
    }

    @Test
    void nesterovSgd() {
        double lr = 0.1;
        double momentum = 0.8;
        Model model = Catalogue.model("NesterovSgdNet");
        double[] buffer = new double[model.parameterCount()];
        check(model, (w, g, t) -> {
            for (int i = 0; i < w.length; i++) {
                buffer[i] = t == 1 ? g[i] : momentum * buffer[i] + g[i];
                w[i] -= lr * (g[i] + momentum * buffer[i]);
            }
        });
    }

    @Test
    void adam() {
        Model model = Catalogue.model("AdamNet");
        check(model, adam(model.parameterCount(), 0.01, 0.9, 0.999, 1e-8, 0));
    }

    @Test
    void adamWithItsOwnSettingsAndL2WeightDecay() {
        Model model = Catalogue.model("AdamDecayNet");
        check(model, adam(model.parameterCount(), 0.01, 0.8, 0.99, 1e-6, 0.05));
    }

    @Test
    void adagradWithWeightDecay() {
        Model model = Catalogue.model("AdagradNet");
        double[] sum = new double[model.parameterCount()];
        check(model, (w, g, t) -> {
            for (int i = 0; i < w.length; i++) {
                double gi = g[i] + 0.01 * w[i];
                sum[i] += gi * gi;
                w[i] -= 0.1 * gi / (Math.sqrt(sum[i]) + 1e-10);
            }
        });
    }

    @Test
    void rmsprop() {
        Model model = Catalogue.model("RmspropNet");
        double[] v = new double[model.parameterCount()];
        check(model, (w, g, t) -> {
            for (int i = 0; i < w.length; i++) {
                v[i] = 0.99 * v[i] + 0.01 * g[i] * g[i];
                w[i] -= 0.01 * g[i] / (Math.sqrt(v[i]) + 1e-8);
            }
        });
    }

    @Test
    void centeredRmspropWithMomentum() {
        Model model = Catalogue.model("CenteredRmspropNet");
        int size = model.parameterCount();
        double[] v = new double[size];
        double[] average = new double[size];
        double[] buffer = new double[size];
        check(model, (w, g, t) -> {
            for (int i = 0; i < w.length; i++) {
                v[i] = 0.9 * v[i] + 0.1 * g[i] * g[i];
                average[i] = 0.9 * average[i] + 0.1 * g[i];
                double denominator = Math.sqrt(v[i] - average[i] * average[i]) + 1e-6;
                buffer[i] = 0.5 * buffer[i] + g[i] / denominator;
                w[i] -= 0.01 * buffer[i];
            }
        });
    }

    @Test
    void amsgrad() {
        Model model = Catalogue.model("AmsgradNet");
        int size = model.parameterCount();
        double[] m = new double[size];
        double[] v = new double[size];
        double[] vmax = new double[size];
        check(model, (w, g, t) -> {
            for (int i = 0; i < w.length; i++) {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                vmax[i] = Math.max(vmax[i], v[i]);
                w[i] -= 0.01 * (m[i] / (1 - Math.pow(0.9, t))) / (Math.sqrt(vmax[i] / (1 - Math.pow(0.999, t))) + 1e-8);
            }
        });
    }

    @Test
    void adamwDecaysTheWeightsApart() {
        Model model = Catalogue.model("AdamwNet");
        Formula adam = adam(model.parameterCount(), 0.01, 0.9, 0.999, 1e-8, 0);
        check(model, (w, g, t) -> {
            for (int i = 0; i < w.length; i++) {
                w[i] *= 1 - 0.01 * 0.1;
            }
            adam.step(w, g, t);
        });
    }

    /** torch.optim.NAdam, momentum_decay 4e-3. */
    @Test
    void nadam() {
        Model model = Catalogue.model("NadamNet");
        int size = model.parameterCount();
        double[] m = new double[size];
        double[] v = new double[size];
        double[] product = {1};
        check(model, (w, g, t) -> {
            double mu = 0.9 * (1 - 0.5 * Math.pow(0.96, t * 4e-3));
            double muNext = 0.9 * (1 - 0.5 * Math.pow(0.96, (t + 1) * 4e-3));
            product[0] *= mu;
            for (int i = 0; i < w.length; i++) {
                double gi = g[i] + 0.01 * w[i];
                m[i] = 0.9 * m[i] + 0.1 * gi;
                v[i] = 0.999 * v[i] + 0.001 * gi * gi;
                double denominator = Math.sqrt(v[i] / (1 - Math.pow(0.999, t))) + 1e-8;
                w[i] -= 0.01 * (1 - mu) / (1 - product[0]) * gi / denominator
                        + 0.01 * muNext / (1 - product[0] * muNext) * m[i] / denominator;
            }
        });
    }

    @Test
    void adamax() {
        Model model = Catalogue.model("AdamaxNet");
        int size = model.parameterCount();
        double[] m = new double[size];
        double[] u = new double[size];
        check(model, (w, g, t) -> {
            for (int i = 0; i < w.length; i++) {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                u[i] = Math.max(0.999 * u[i], Math.abs(g[i]) + 1e-8);
                w[i] -= 0.02 / (1 - Math.pow(0.9, t)) * m[i] / u[i];
            }
        });
    }

    /** Lion as its paper (Chen et al., 2023, Algorithm 2), decoupled weight decay. */
    @Test
    void lion() {
        Model model = Catalogue.model("LionNet");
        double[] m = new double[model.parameterCount()];
        check(model, (w, g, t) -> {
            for (int i = 0; i < w.length; i++) {
                double c = 0.9 * m[i] + 0.1 * g[i];
                w[i] = w[i] * (1 - 0.001 * 0.1) - 0.001 * Math.signum(c);
                m[i] = 0.99 * m[i] + 0.01 * g[i];
            }
        });
    }

    /** torch.nn.utils.clip_grad_norm_: scale all gradients by max_norm / (norm + 1e-6) when that is below 1. */
    @Test
    void globalNormClippingBeforeAdam() {
        Model model = Catalogue.model("ClipNormAdamNet");
        Formula adam = adam(model.parameterCount(), 0.01, 0.9, 0.999, 1e-8, 0);
        check(model, (w, g, t) -> {
            double norm = 0;
            for (double gi : g) {
                norm += gi * gi;
            }
            double scale = Math.min(1, 0.05 / (Math.sqrt(norm) + 1e-6));
            assertTrue(scale < 1, "the test's threshold should clip");
            double[] clipped = g.clone();
            for (int i = 0; i < g.length; i++) {
                clipped[i] *= scale;
            }
            adam.step(w, clipped, t);
        });
    }

    @Test
    void valueClippingBeforeSgd() {
        check(Catalogue.model("ClipValueSgdNet"), (w, g, t) -> {
            for (int i = 0; i < w.length; i++) {
                w[i] -= 0.1 * Math.max(-0.01, Math.min(0.01, g[i]));
            }
        });
    }

    /** torch.optim.Adam: epsilon is added after the bias correction of the second moment. */
    private static Formula adam(int size, double lr, double beta1, double beta2, double epsilon, double decay) {
        double[] m = new double[size];
        double[] v = new double[size];
        return (w, g, t) -> {
            for (int i = 0; i < w.length; i++) {
                double gi = g[i] + decay * w[i];
                m[i] = beta1 * m[i] + (1 - beta1) * gi;
                v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
                double mHat = m[i] / (1 - Math.pow(beta1, t));
                double vHat = v[i] / (1 - Math.pow(beta2, t));
                w[i] -= lr * mHat / (Math.sqrt(vHat) + epsilon);
            }
        };
    }

    private static void check(Model model, Formula formula) {
        Random random = new Random(99);
        float[] x = Cases.toFloat(Cases.uniform(BATCH * model.inputSize(), random));
        float[] y = Cases.toFloat(Cases.uniform(BATCH * model.outputSize(), random));
        int size = model.parameterCount();
        double[] expected = Cases.toDouble(model.snapshot());
        float[] gradients = new float[size];
        for (int t = 1; t <= STEPS; t++) {
            model.computeGradients(x, y, BATCH);
            model.readGradients(gradients);
            formula.step(expected, Cases.toDouble(gradients), t);
            model.applyGradients();
            float[] actual = model.snapshot();
            for (int i = 0; i < size; i++) {
                int step = t;
                int at = i;
                assertEquals(expected[i], actual[i], 1e-6 * Math.abs(expected[i]) + 1e-6,
                        () -> model.name() + ": step " + step + ", parameter " + at);
            }
            // carry on from the model's own float weights, so rounding does not accumulate apart
            expected = Cases.toDouble(actual);
        }
        assertEquals(STEPS, model.steps());
    }
}
