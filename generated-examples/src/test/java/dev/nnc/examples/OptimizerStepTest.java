package dev.nnc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        check(new PlainSgdNet(), (w, g, t) -> {
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
        Model model = new MomentumSgdNet();
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
        Model model = new NesterovSgdNet();
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
        Model model = new AdamNet();
        check(model, adam(model.parameterCount(), 0.01, 0.9, 0.999, 1e-8, 0));
    }

    @Test
    void adamWithItsOwnSettingsAndL2WeightDecay() {
        Model model = new AdamDecayNet();
        check(model, adam(model.parameterCount(), 0.01, 0.8, 0.99, 1e-6, 0.05));
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
