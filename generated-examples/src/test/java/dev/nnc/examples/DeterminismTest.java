package dev.nnc.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnc.runtime.Model;
import dev.nnc.runtime.internal.Vectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The same seed gives bit-identical weights and training runs: in one JVM, in fresh ones under every
 * compiler and vector width, and on JDK 17 and 25.
 */
class DeterminismTest {

    /** Epochs of {@link TrainingFingerprint}: 160 steps a model, about 10 s a JVM, most of it before C2. */
    private static final String FINGERPRINT_EPOCHS = "10";

    /** Epochs at each vector width: fewer, as a width wider than the machine's runs in Java objects. */
    private static final String WIDTH_EPOCHS = "2";

    @Test
    void sameSeedGivesIdenticalWeights() {
        assertArrayEquals(new CurveNet().snapshot(), new CurveNet().snapshot());
        assertFalse(Arrays.equals(new CurveNet().snapshot(), Catalogue.model("CceSoftmaxF").snapshot()));
    }

    @Test
    void sameSeedGivesIdenticalTrainingRuns() {
        assertArrayEquals(train(new CurveNet()), train(new CurveNet()));
    }

    /**
     * Recurrent, dropout and transcendental models trained in fresh JVMs repeat each other bit for
     * bit whatever compiles them: C2 as usual, C1 alone (which runs the Vector API's Java
     * implementations), and C2 compiling each method before it runs on ({@code -Xbatch}). The JIT
     * used to decide the bits: the Vector API's EXP and TANH and its sums of lanes round one way
     * interpreted and another compiled (NUMERICS.md). The runs are long enough for C2 to compile the
     * kernels halfway through; they run at once, which moves the JIT's timing further.
     */
    @Test
    void freshJvmsTrainToTheSameBitsUnderEveryCompiler() throws Exception {
        List<List<String>> compilers = List.of(List.of(), List.of("-XX:TieredStopAtLevel=1"), List.of("-Xbatch"));
        List<FreshJvm> runs = new ArrayList<>();
        try {
            for (List<String> options : compilers) {
                runs.add(FreshJvm.start(FreshJvm.currentJdk(), options, TrainingFingerprint.class, FINGERPRINT_EPOCHS));
            }
            List<String> reference = runs.get(0).output();
            assertEquals(4, reference.size(), "one line per model: " + reference);
            for (int i = 1; i < runs.size(); i++) {
                assertEquals(reference, runs.get(i).output(), "under " + compilers.get(i) + " against the default compilers");
            }
        } finally {
            for (FreshJvm run : runs) {
                run.end();
            }
        }
    }

    /**
     * And at every vector width: 64, 128 and 256 bits and the machine's own run compiled, a width
     * wider than the machine's in the Vector API's Java implementation. Every sum runs along its
     * reduced dimension one output per lane, or in a fixed number of logical lanes, so the lane
     * count decides no order (NUMERICS.md).
     */
    @Test
    void freshJvmsTrainToTheSameBitsAtEveryVectorWidth() throws Exception {
        List<String> widths = List.of("64", "128", "256", "512");
        List<FreshJvm> runs = new ArrayList<>();
        try {
            for (String bits : widths) {
                runs.add(FreshJvm.start(FreshJvm.currentJdk(), List.of("-D" + Vectors.PROPERTY + "=" + bits),
                        TrainingFingerprint.class, WIDTH_EPOCHS));
            }
            List<String> reference = runs.get(0).output();
            assertEquals(4, reference.size(), "one line per model: " + reference);
            for (int i = 1; i < runs.size(); i++) {
                assertEquals(reference, runs.get(i).output(), "at " + widths.get(i) + " bits against " + widths.get(0));
            }
        } finally {
            for (FreshJvm run : runs) {
                run.end();
            }
        }
    }

    /** The same on the other JDK of CI (17 and 25), where one is installed beside this one. */
    @Test
    void theOtherJdkTrainsToTheSameBits() throws Exception {
        Path other = FreshJvm.otherJdk();
        Assumptions.assumeTrue(other != null, "no JDK 17 or 25 other than this one under /usr/lib/jvm");
        FreshJvm here = FreshJvm.start(FreshJvm.currentJdk(), List.of(), TrainingFingerprint.class, FINGERPRINT_EPOCHS);
        FreshJvm there = FreshJvm.start(other, List.of(), TrainingFingerprint.class, FINGERPRINT_EPOCHS);
        try {
            assertEquals(here.output(), there.output(), "JDK " + System.getProperty("java.version") + " against " + other);
        } finally {
            here.end();
            there.end();
        }
    }

    @Test
    void initialWeightsFollowTheirInitializer() {
        // CurveNet's ReLU layers are He uniform: |w| <= sqrt(6 / fanIn); its linear output is Glorot uniform.
        Model model = new CurveNet();
        assertWithin(model.parameters("hidden1", "kernel"), Math.sqrt(6.0 / 1));
        assertWithin(model.parameters("hidden2", "kernel"), Math.sqrt(6.0 / 32));
        assertWithin(model.parameters("output", "kernel"), Math.sqrt(6.0 / (32 + 1)));
        for (float b : model.parameters("hidden1", "bias")) {
            assertEquals(0f, b);
        }
    }

    private static void assertWithin(float[] values, double limit) {
        double largest = 0;
        for (float v : values) {
            largest = Math.max(largest, Math.abs(v));
        }
        assertTrue(largest <= limit, "largest " + largest + " exceeds " + limit);
        assertTrue(largest > 0.5 * limit, "largest " + largest + " is not spread up to " + limit);
    }

    private static float[] train(Model model) {
        Random random = new Random(3);
        float[] x = new float[64];
        float[] y = new float[64];
        for (int i = 0; i < 64; i++) {
            x[i] = random.nextFloat() * 4 - 2;
            y[i] = (float) (Math.sin(x[i]) + x[i] * x[i] + 1);
        }
        for (int step = 0; step < 50; step++) {
            model.trainBatch(x, y, 64);
        }
        return model.snapshot();
    }
}
