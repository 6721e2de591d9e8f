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
        Source source) {

    /** How many parameter-sized state vectors the optimizer keeps: Adam's m and v, SGD's momentum buffer. */
    public int stateSlots() {
        return switch (type) {
            case SGD -> momentum > 0 ? 1 : 0;
            case ADAM -> 2;
        };
    }
}
