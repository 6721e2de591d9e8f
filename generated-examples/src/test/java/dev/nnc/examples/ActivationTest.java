package dev.nnc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnc.annotations.ActivationType;
import dev.nnc.runtime.LayerInfo;
import dev.nnc.runtime.Model;
import dev.nnc.runtime.internal.PortableMath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each activation's generated vector (and fused scalar) forms and derivatives against the
 * textbook definitions in double ({@link Reference}): over a dense sweep of [-20, 20] and at the
 * extremes, through a probe net whose 37 units all compute {@code f(x)} of its one input (two
 * 16-lane vectors and a scalar tail; nine 4-lane vectors and a tail at 128 bits).
 */
@Tag("numeric")
class ActivationTest {

    /** Magnitudes where a naive formula overflows, underflows or loses its digits. */
    private static final double[] EXTREMES = {1e4, -1e4, 88.8, -88.8, 1e-30, -1e-30, 12039, -12039};

    @Test
    void everyActivationTypeHasARowInTheCatalogue() {
        for (ActivationType type : ActivationType.values()) {
            assertTrue(Catalogue.ACTIVATIONS.stream().anyMatch(row -> row.type().equals(type.name())),
                    type + " has no row in Catalogue.ACTIVATIONS: add one, and the gradient check and these tests cover it");
        }
    }

    static IntStream elementWise() {
        return IntStream.range(0, Catalogue.ACTIVATIONS.size()).filter(i -> !Catalogue.ACTIVATIONS.get(i).rowWise());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("elementWise")
    void valuesAndDerivativesMatchTheReference(int row) {
        Catalogue.ActivationRow activation = Catalogue.ACTIVATIONS.get(row);
        Model probe = Catalogue.probe(row);
        setIdentityWeights(probe);
        double[] parameters = Cases.toDouble(probe.snapshot());
        boolean approximate = probe.layers().get(0).approximate();
        List<Double> points = new ArrayList<>();
        for (int i = -2000; i <= 2000; i++) {
            points.add(i / 100.0);
        }
        for (double extreme : EXTREMES) {
            points.add(extreme);
        }
        float[] input = new float[1];
        float[] target = new float[Catalogue.PROBE_UNITS];
        float[] gradients = new float[probe.parameterCount()];
        for (double point : points) {
            input[0] = (float) point;
            double x = input[0];
            if (Arrays.stream(Reference.kinks(activation.type())).anyMatch(kink -> Math.abs(x - kink) < 1e-3)) {
                continue;
            }
            float[] y = probe.predict(input);
            for (int j = 0; j < y.length; j++) {
                double alpha = Reference.alpha(probe.layers().get(0), parameters, j);
                assertClose(activation.name() + " at " + x + ", unit " + j,
                        Reference.activation(activation.type(), alpha, approximate, x), y[j]);
            }
            // MSE with y - t = 1 on every unit: dL/dy = 2 / 37 each, so dL/db[j] = f'(x) * 2 / 37
            for (int j = 0; j < y.length; j++) {
                target[j] = y[j] - 1;
            }
            probe.computeGradients(input, target, 1);
            probe.readGradients(gradients);
            for (int j = 0; j < y.length; j++) {
                double slope = Reference.derivative(activation.type(), Reference.alpha(probe.layers().get(0), parameters, j),
                        approximate, x);
                float dy = (2f / Catalogue.PROBE_UNITS) * (y[j] - target[j]);
                double measured = gradients[Catalogue.PROBE_UNITS + j] / (double) dy;
                assertTrue(Float.isFinite(gradients[Catalogue.PROBE_UNITS + j]), activation.name() + "' at " + x + " is not finite");
                assertClose(activation.name() + "' at " + x + ", unit " + j, slope, measured);
            }
        }
    }

    /**
     * The vector forms the processor writes for float classes are PortableMath's steps on vectors:
     * every lane gives the scalar form's bits, at every point of a dense sweep, the extremes, and
     * random floats across the range where the functions change. So a value computed in a vector or
     * in a scalar tail is the same, and the same in every JIT tier. Each unit j sees its own
     * {@code z = x (1 + j / 64)}, so a mistake that mixes lanes shows too.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TANH", "SIGMOID", "SOFTPLUS", "SWISH", "ELU", "SELU", "MISH", "GELU_TANH"})
    void vectorFormsGiveThePortableScalarBits(String type) {
        Model probe = Catalogue.probe(type.equals("GELU_TANH") ? rowOf("GELU", "approximate = true") : rowOf(type, ""));
        float[] w = new float[probe.parameterCount()];
        for (int j = 0; j < Catalogue.PROBE_UNITS; j++) {
            w[j] = 1 + j / 64f;
        }
        probe.writeParameters(w);
        // the steps the emitter writes for each function, on one float
        FloatUnaryOperator scalar = switch (type) {
            case "TANH" -> PortableMath::tanh;
            case "SIGMOID" -> PortableMath::sigmoid;
            case "SOFTPLUS" -> PortableMath::softplus;
            case "SWISH" -> z -> z / (PortableMath.exp(-z) + 1);
            case "ELU" -> z -> z > 0 ? z : PortableMath.expm1(z) * 1.0f;
            case "SELU" -> z -> (z > 0 ? z : PortableMath.expm1(z) * (float) Reference.SELU_ALPHA) * (float) Reference.SELU_SCALE;
            case "MISH" -> z -> z * PortableMath.tanh(PortableMath.softplus(z));
            // 2u = (z^2 * 0.044715 z + z) * 2 sqrt(2 / pi), then z sigmoid(2u)
            case "GELU_TANH" -> z -> z / (PortableMath.exp(-(Math.fma(z * z, z * 0.044715f, z) * (float) (2 * 0.7978845608028654))) + 1);
            default -> throw new IllegalArgumentException(type);
        };
        List<Float> points = new ArrayList<>();
        for (int i = -5000; i <= 5000; i++) {
            points.add(i / 250f);
        }
        for (double extreme : EXTREMES) {
            points.add((float) extreme);
        }
        Random random = new Random(41);
        for (int i = 0; i < 5000; i++) {
            points.add((random.nextFloat() * 2 - 1) * 110);
        }
        float[] input = new float[1];
        for (float x : points) {
            input[0] = x;
            float[] y = probe.predict(input);
            for (int j = 0; j < y.length; j++) {
                float expected = scalar.apply(x * w[j]);
                assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(y[j]),
                        type + " at z = " + x * w[j] + ", unit " + j + ": " + y[j] + " against PortableMath's " + expected);
            }
        }
    }

    /** A function of a float, as the scalar forms are. */
    private interface FloatUnaryOperator {
        float apply(float z);
    }

    @Test
    void tanhSaturatesToExactlyOne() {
        Model probe = Catalogue.probe(rowOf("TANH", ""));
        setIdentityWeights(probe);
        for (float y : probe.predict(new float[] {12039f})) {
            assertEquals(1f, y);
        }
        for (float y : probe.predict(new float[] {-12039f})) {
            assertEquals(-1f, y);
        }
    }

    @Test
    void softmaxOfExtremeLogitsIsExactAndItsGradientFinite() {
        float[] logits = {1e4f, 0f, -1e4f};
        Model softmax = Catalogue.probe(rowOf("SOFTMAX", ""));
        setIdentityWeights(softmax);
        float[] p = softmax.predict(logits);
        assertEquals(1f, p[0]);
        assertEquals(0f, p[1]);
        assertEquals(0f, p[2]);
        assertFiniteGradients(softmax, logits);

        Model logSoftmax = Catalogue.probe(rowOf("LOG_SOFTMAX", ""));
        setIdentityWeights(logSoftmax);
        float[] logP = logSoftmax.predict(logits);
        assertEquals(0f, logP[0]);
        assertEquals(-1e4f, logP[1]);
        assertEquals(-2e4f, logP[2]);
        assertFiniteGradients(logSoftmax, logits);
    }

    private static void assertFiniteGradients(Model model, float[] x) {
        model.computeGradients(x, new float[] {0.2f, 0.3f, 0.5f}, 1);
        float[] gradients = new float[model.parameterCount()];
        model.readGradients(gradients);
        for (int i = 0; i < gradients.length; i++) {
            assertTrue(Float.isFinite(gradients[i]), model.name() + ": gradient " + i + " is " + gradients[i]);
        }
    }

    /**
     * The bar: relative error at most 2e-6, or absolute at most 1e-7 where the value is
     * below 0.05 in magnitude.
     */
    private static void assertClose(String what, double expected, double actual) {
        double gap = Math.abs(actual - expected);
        boolean close = gap <= 2e-6 * Math.abs(expected) || Math.abs(expected) < 0.05 && gap <= 1e-7;
        assertTrue(close, () -> what + ": expected " + expected + ", found " + actual + " (relative error "
                + gap / Math.abs(expected) + ")");
    }

    /**
     * Kernel of ones (element-wise probes) or the identity (row-wise), zero bias: the units see
     * z = x. A PReLU gets a different slope per unit, 0.1 + 0.01 j, so each unit reads its own.
     */
    private static void setIdentityWeights(Model probe) {
        int inputs = probe.inputSize();
        int units = probe.outputSize();
        float[] w = new float[probe.parameterCount()];
        for (int k = 0; k < inputs; k++) {
            for (int j = 0; j < units; j++) {
                w[k * units + j] = inputs == 1 || k == j ? 1 : 0;
            }
        }
        LayerInfo layer = probe.layers().get(0);
        if (layer.activation().equals("PRELU")) {
            for (int j = 0; j < units; j++) {
                w[layer.tensor("alpha").offset() + j] = 0.1f + 0.01f * j;
            }
        }
        probe.writeParameters(w);
    }

    private static int rowOf(String type, String settings) {
        for (int i = 0; i < Catalogue.ACTIVATIONS.size(); i++) {
            Catalogue.ActivationRow row = Catalogue.ACTIVATIONS.get(i);
            if (row.type().equals(type) && row.settings().equals(settings)) {
                return i;
            }
        }
        throw new AssertionError("no catalogue row " + type + " " + settings);
    }
}
