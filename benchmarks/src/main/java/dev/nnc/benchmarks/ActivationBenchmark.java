package dev.nnc.benchmarks;

import dev.nnc.runtime.Model;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a transcendental activation costs: the forward pass of a 256-256-256 net at batch 64 with
 * ReLU (fused into the product's epilogue), tanh, sigmoid, Mish, exact GELU and tanh-form GELU
 * (each a vector pass over the batch after the product). The nets differ only in their activation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@State(Scope.Thread)
public class ActivationBenchmark {

    @Param({"RELU", "TANH", "SIGMOID", "MISH", "GELU", "GELU_TANH"})
    String activation;

    /** Samples per batch. Non-final, so the JIT cannot fold it. */
    int batch = 64;

    float[] x;
    float[] y;
    Model model;

    @Setup
    public void setUp() {
        model = switch (activation) {
            case "RELU" -> new WideRelu();
            case "TANH" -> new WideTanh();
            case "GELU" -> new WideGelu();
            case "GELU_TANH" -> new WideGeluTanh();
            case "SIGMOID" -> new WideSigmoid();
            case "MISH" -> new WideMish();
            default -> throw new IllegalArgumentException(activation);
        };
        Random random = new Random(2024);
        x = new float[batch * model.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        y = new float[batch * model.outputSize()];
    }

    @Benchmark
    public float[] forward64() {
        model.predict(x, batch, y);
        return y;
    }
}
