package dev.nnc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnc.runtime.Evaluation;
import dev.nnc.runtime.Model;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The array-filling paths allocate nothing after warm-up: bytes allocated by this thread, read
 * from {@code com.sun.management.ThreadMXBean}, over many calls.
 */
class AllocationTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int WARM_UP = 20_000;
    private static final int CALLS = 1_000;
    /** How long warm-up may take: C2 compiles in the background, large kernels in tens of ms each. */
    private static final long WARM_UP_BUDGET_NANOS = 20_000_000_000L;

    @Test
    void predictAllocatesNothing() {
        for (Model model : models()) {
            float[] x = input(model, 1);
            float[] out = new float[model.outputSize()];
            assertEquals(0, bytesPerCall(() -> model.predict(x, out)), model.name() + ".predict(in, out)");
            float[] batch = input(model, 16);
            float[] outs = new float[16 * model.outputSize()];
            assertEquals(0, bytesPerCall(() -> model.predict(batch, 16, outs)), model.name() + ".predict(in, n, out)");
        }
    }

    @Test
    void trainBatchAllocatesNothing() {
        for (Model model : models()) {
            float[] x = input(model, 8);
            float[] y = targets(model, 8);
            assertEquals(0, bytesPerCall(() -> model.trainBatch(x, y, 8)), model.name() + ".trainBatch");
            float[] weights = {1, 0.5f, 2, 0, 1, 1, 3, 0.25f};
            assertEquals(0, bytesPerCall(() -> model.trainBatch(x, y, weights, 8)), model.name() + ".trainBatch with sample weights");
        }
    }

    @Test
    void evaluateAllocatesNothing() {
        for (Model model : models()) {
            float[] x = input(model, 8);
            float[] y = targets(model, 8);
            Evaluation evaluation = new Evaluation(List.of());
            assertEquals(0, bytesPerCall(() -> model.evaluate(x, y, 8, evaluation)), model.name() + ".evaluate");
        }
    }

    private static List<Model> models() {
        return List.of(new XorNet(), new CurveNet(), Catalogue.model("CceSoftmaxF"), Catalogue.model("MseSoftmaxF"),
                Catalogue.model("MomentumSgdNet"), Catalogue.model("DropoutMiddleF"), Catalogue.model("BatchNormSwishF"),
                Catalogue.model("LayerNormTanhF"), Catalogue.model("LstmStackedF"), Catalogue.model("GruStackedF"),
                Catalogue.model("RnnSequenceF"));
    }

    /**
     * Bytes per call once the JIT has compiled the path. C2 compiles in the background, on a queue
     * that every model's kernels share, so warm-up runs in rounds until a measured round allocates
     * nothing, for as long as {@link #WARM_UP_BUDGET_NANOS}: a fixed number of calls of a fast
     * path could end before C2 reached it. Interpreted and C1 code box vectors; only the compiled
     * code is the product.
     */
    private static long bytesPerCall(Runnable call) {
        long deadline = System.nanoTime() + WARM_UP_BUDGET_NANOS;
        long bytes;
        do {
            for (int i = 0; i < WARM_UP; i++) {
                call.run();
            }
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < CALLS; i++) {
                call.run();
            }
            bytes = (THREADS.getCurrentThreadAllocatedBytes() - before) / CALLS;
        } while (bytes != 0 && System.nanoTime() < deadline);
        return bytes;
    }

    private static float[] input(Model model, int n) {
        return Cases.toFloat(Cases.uniform(n * model.inputSize(), new Random(1)));
    }

    private static float[] targets(Model model, int n) {
        float[] y = new float[n * model.outputSize()];
        for (int r = 0; r < n; r++) {
            y[r * model.outputSize() + r % model.outputSize()] = 1;
        }
        return y;
    }
}
