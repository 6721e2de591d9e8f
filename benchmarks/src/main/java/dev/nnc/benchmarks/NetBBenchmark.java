package dev.nnc.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Net B (13 -> 64 ReLU -> 32 ReLU -> 1, MSE, Adam): the generated {@link NetB} against the scalar
 * {@link ScalarMlp} baseline with the same weights, through the allocation-free calls
 * ({@code predict(in, n, out)}, {@code trainBatch(x, y, n)}). Each result is returned to JMH. The
 * setups first check that both compute the same thing ({@link BaselineCheck}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@State(Scope.Thread)
public class NetBBenchmark {

    /** Samples per training step (the batch the check runs on). Non-final, so the JIT cannot fold it. */
    int batch = 32;
    /** Samples per forward call. */
    int one = 1;

    /** One sample (1, 13) and the prediction it fills (1, 1). */
    float[] sample;
    float[] prediction;

    NetB generated;
    ScalarMlp baseline;

    @Setup(Level.Trial)
    public void setUp() {
        BaselineCheck.Data data = BaselineCheck.Data.regression(batch, NetB.INPUTS, 2024);
        sample = new float[NetB.INPUTS];
        System.arraycopy(data.x, 0, sample, 0, NetB.INPUTS);
        prediction = new float[NetB.OUTPUTS];
        generated = new NetB();
        baseline = ScalarMlp.netB(batch);
        // fails the trial loudly when the two compute different things; leaves them with the same weights
        BaselineCheck.verify(generated, baseline, data.x, data.y, batch);
    }

    @Benchmark
    public float[] forward1Generated() {
        generated.predict(sample, one, prediction);
        return prediction;
    }

    @Benchmark
    public float[] forward1Baseline() {
        baseline.predict(sample, one, prediction);
        return prediction;
    }

    @Benchmark
    public float train32Generated(Training t) {
        return t.generated.trainBatch(t.x, t.y, t.batch);
    }

    @Benchmark
    public float train32Baseline(Training t) {
        return t.baseline.trainBatch(t.x, t.y, t.batch);
    }

    /**
     * Both models and one batch, x (32, 13) and y (32, 1), for the training step. See
     * {@link NetCBenchmark.Training} for why the learning rate is tiny by default.
     */
    @State(Scope.Thread)
    public static class Training {
        /** Adam's learning rate during the measurement; the spec's is 1e-3. */
        @Param("1e-12")
        double learningRate;

        int batch = 32;
        float[] x;
        float[] y;
        NetB generated;
        ScalarMlp baseline;

        @Setup(Level.Trial)
        public void setUp() {
            BaselineCheck.Data data = BaselineCheck.Data.regression(batch, NetB.INPUTS, 2024);
            x = data.x;
            y = data.y;
            // the check takes an Adam step at the spec's rate; run it on other instances so that the
            // measured ones start from the seeded weights with zero Adam state (see NetCBenchmark.Training)
            BaselineCheck.verify(new NetB(), ScalarMlp.netB(batch), x, y, batch);
            generated = new NetB();
            baseline = ScalarMlp.netB(batch);
            BaselineCheck.copyWeights(generated, baseline);
            generated.setLearningRate(learningRate);
            baseline.setLearningRate(learningRate);
        }
    }
}
