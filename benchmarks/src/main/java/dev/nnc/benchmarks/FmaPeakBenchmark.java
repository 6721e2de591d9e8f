package dev.nnc.benchmarks;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One core's FMA peak, the yardstick of the products' figures in BENCHMARKS.md: twelve
 * independent chains of vector fused multiply-adds held in registers, with no memory traffic
 * (twelve cover the latency of two FMA ports on AVX2 and AVX-512, and fit AVX2's 16 registers
 * beside the two operands). A call does {@link #FLOPS} floating-point operations; a product's
 * share of peak is its FLOPs per microsecond over this one's, in the same run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@State(Scope.Thread)
public class FmaPeakBenchmark {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private static final int STEPS = 10_000;

    /** Floating-point operations of one call: two per lane of each FMA. */
    public static final double FLOPS = 2.0 * SPECIES.length() * 12 * STEPS;

    /** c = c * scale + shift stays near shift / (1 - scale): no overflow, no subnormals. Fields, so nothing folds. */
    float scale = 0.999f;
    float shift = 0.001f;

    @Benchmark
    public float fmaChains() {
        FloatVector a = FloatVector.broadcast(SPECIES, scale);
        FloatVector b = FloatVector.broadcast(SPECIES, shift);
        FloatVector c0 = b.mul(0);
        FloatVector c1 = b.mul(1);
        FloatVector c2 = b.mul(2);
        FloatVector c3 = b.mul(3);
        FloatVector c4 = b.mul(4);
        FloatVector c5 = b.mul(5);
        FloatVector c6 = b.mul(6);
        FloatVector c7 = b.mul(7);
        FloatVector c8 = b.mul(8);
        FloatVector c9 = b.mul(9);
        FloatVector c10 = b.mul(10);
        FloatVector c11 = b.mul(11);
        for (int i = 0; i < STEPS; i++) {
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
            c2 = c2.fma(a, b);
            c3 = c3.fma(a, b);
            c4 = c4.fma(a, b);
            c5 = c5.fma(a, b);
            c6 = c6.fma(a, b);
            c7 = c7.fma(a, b);
            c8 = c8.fma(a, b);
            c9 = c9.fma(a, b);
            c10 = c10.fma(a, b);
            c11 = c11.fma(a, b);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11).lane(0);
    }
}
