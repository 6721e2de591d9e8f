package dev.nnc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnc.annotations.InitializerType;
import dev.nnc.runtime.LayerInfo;
import dev.nnc.runtime.Model;
import dev.nnc.runtime.TensorInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Each initialiser as a generated model draws it: the kernel (20 x 600) and bias (600) of a layer
 * against Keras' formulas, mean and variance to four standard errors; the bias uses its own fans
 * (600 and 600), which the kernel's (20 and 600) differ from by half.
 */
class InitializerTest {

    @Test
    void everyInitializerTypeHasARowInTheCatalogue() {
        for (InitializerType type : InitializerType.values()) {
            assertTrue(type == InitializerType.AUTO || Catalogue.INITIALIZERS.stream().anyMatch(row -> row.type().equals(type.name())),
                    type + " has no row in Catalogue.INITIALIZERS");
        }
    }

    static java.util.stream.IntStream rows() {
        return java.util.stream.IntStream.range(0, Catalogue.INITIALIZERS.size());
    }

    @ParameterizedTest
    @MethodSource("rows")
    void drawsHaveTheFormulasMoments(int row) {
        Catalogue.InitializerRow init = Catalogue.INITIALIZERS.get(row);
        Model model = Catalogue.initialized(row);
        float[] w = model.snapshot();
        LayerInfo layer = model.layers().get(0);
        TensorInfo kernel = layer.tensor("kernel");
        TensorInfo bias = layer.tensor("bias");
        if (init.type().equals("ORTHOGONAL")) {
            assertOrthogonalRows(w, kernel.offset(), Catalogue.INIT_INPUTS, Catalogue.INIT_UNITS, 1.5);
            assertMoments(init + " bias", w, bias.offset(), bias.size(), 0, 0);
            return;
        }
        double[] kernelMoments = moments(init.type(), Catalogue.INIT_INPUTS, Catalogue.INIT_UNITS);
        double[] biasMoments = moments(init.type(), Catalogue.INIT_UNITS, Catalogue.INIT_UNITS);
        assertMoments(init + " kernel", w, kernel.offset(), kernel.size(), kernelMoments[0], kernelMoments[1]);
        assertMoments(init + " bias", w, bias.offset(), bias.size(), biasMoments[0], biasMoments[1]);
        if (init.type().equals("TRUNCATED_NORMAL")) {
            for (int i = 0; i < kernel.size(); i++) {
                assertTrue(Math.abs(w[kernel.offset() + i] + 0.2) <= 0.8 + 1e-6, "truncated normal drew " + w[kernel.offset() + i]);
            }
        }
    }

    /** Mean and variance by Keras' definitions, with the catalogue rows' settings. */
    private static double[] moments(String type, int fanIn, int fanOut) {
        double truncated = 0.87962566103423978 * 0.87962566103423978;
        return switch (type) {
            case "ZEROS" -> new double[] {0, 0};
            case "ONES" -> new double[] {1, 0};
            case "CONSTANT" -> new double[] {0.3, 0};
            case "RANDOM_NORMAL" -> new double[] {0.2, 0.09};
            case "RANDOM_UNIFORM" -> new double[] {0.2, 0.36 / 12};
            case "TRUNCATED_NORMAL" -> new double[] {-0.2, 0.16 * truncated};
            case "GLOROT_UNIFORM", "GLOROT_NORMAL" -> new double[] {0, 2.0 / (fanIn + fanOut)};
            case "HE_UNIFORM", "HE_NORMAL" -> new double[] {0, 2.0 / fanIn};
            case "LECUN_UNIFORM", "LECUN_NORMAL" -> new double[] {0, 1.0 / fanIn};
            default -> throw new AssertionError(type);
        };
    }

    private static void assertMoments(String what, float[] w, int offset, int count, double mean, double variance) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += w[offset + i];
        }
        double sampleMean = sum / count;
        double squares = 0;
        for (int i = 0; i < count; i++) {
            squares += (w[offset + i] - sampleMean) * (w[offset + i] - sampleMean);
        }
        double sampleVariance = squares / (count - 1);
        assertEquals(mean, sampleMean, 4 * Math.sqrt(variance / count) + 1e-7, what + ": mean");
        assertEquals(variance, sampleVariance, 4 * variance * Math.sqrt(2.0 / count) + 1e-12, what + ": variance");
    }

    /** A wide kernel's rows are orthonormal, times the gain. */
    private static void assertOrthogonalRows(float[] w, int offset, int rows, int cols, double gain) {
        for (int a = 0; a < rows; a++) {
            for (int b = 0; b < rows; b++) {
                double dot = 0;
                for (int k = 0; k < cols; k++) {
                    dot += (double) w[offset + a * cols + k] * w[offset + b * cols + k];
                }
                assertEquals(a == b ? gain * gain : 0, dot, 1e-5, "rows " + a + " and " + b);
            }
        }
    }
}
