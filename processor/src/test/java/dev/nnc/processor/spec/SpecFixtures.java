package dev.nnc.processor.spec;

import dev.nnc.annotations.LossType;
import dev.nnc.annotations.OptimizerType;
import java.util.Set;

/** Specs as the reader builds them from annotations left at their defaults, for tests that start from records. */
public final class SpecFixtures {

    private SpecFixtures() {}

    /** {@code @Loss(value = type, fromLogits = ...)}, the other settings at their defaults. */
    public static LossSpec loss(LossType type, boolean fromLogits, Source source) {
        return new LossSpec(type, fromLogits, 1.0, 0.5, 2.0, Double.NaN, fromLogits ? Set.of("fromLogits") : Set.of(), source);
    }

    /** An optimizer of this learning rate and momentum, the other settings at their defaults. */
    public static OptimizerSpec optimizer(OptimizerType type, double learningRate, double momentum, Source source) {
        return new OptimizerSpec(type, learningRate, momentum, false, 0.9, Double.NaN, Double.NaN, Double.NaN, 0.99,
                false, false, 4e-3, 0, 0, Set.of(), source);
    }
}
