package dev.nnc.benchmarks;

import dev.nnc.examples.XorNet;
import dev.nnc.runtime.Checks;
import dev.nnc.runtime.internal.Vectors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the per-call argument and NaN checks cost a single prediction of the smallest network, the
 * 2-4-1 XOR net: {@code predict(in, 1, out)}, which checks, beside the same checks alone (the
 * sizes of {@code n}, the inputs and the outputs, and the finite probe of the inputs), as the
 * generated {@code predict} calls them. Their ratio is the checks' share of the call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@State(Scope.Thread)
public class ArgumentCheckBenchmark {

    /** Samples per call. Non-final, so the JIT cannot fold it. */
    int one = 1;

    float[] sample = {1, 0};
    float[] prediction = new float[1];
    XorNet xor;

    @Setup
    public void setUp() {
        xor = new XorNet();
    }

    @Benchmark
    public float[] predictXor() {
        xor.predict(sample, one, prediction);
        return prediction;
    }

    @Benchmark
    public float[] checksAlone() {
        Checks.batchSize(one);
        Checks.batch("inputs", sample, one, XorNet.INPUTS);
        Checks.batch("outputs", prediction, one, XorNet.OUTPUTS);
        Vectors.requireFinite("inputs", sample, one, XorNet.INPUTS);
        return prediction;
    }
}
