package dev.nnc.processor.spec;

import dev.nnc.annotations.OptimizerType;

/** The network's {@code @Optimizer}, with every setting as written or defaulted. */
public record OptimizerSpec(
        OptimizerType type,
        double learningRate,
        double momentum,
        boolean nesterov,
        double beta1,
        double beta2,
        double epsilon,
        double weightDecay,
        Source source) {}
