package dev.nnc.processor.plan;

import dev.nnc.annotations.ActivationType;

/**
 * What the plan must know of an activation: what its derivative reads, so that the forward pass
 * keeps it, and whether it is cheap enough to run on a product's sums before they are stored. The
 * formulas are the emitter's ({@code ActivationEmitter}), each derivative written against the input
 * this table names; the gradient checks fail where the two disagree.
 */
public final class Activations {

    /** What the derivative {@code f'} is computed from. */
    public enum DerivativeInput {
        /** Nothing: {@code f'} is 1. */
        NOTHING,
        /** The output {@code y = f(z)}. */
        OUTPUT,
        /** The pre-activation {@code z}, which the forward pass then keeps beside {@code y}. */
        PRE_ACTIVATION
    }

    private Activations() {}

    public static DerivativeInput derivativeInput(ActivationType type) {
        return switch (type) {
            case LINEAR -> DerivativeInput.NOTHING;
            case SIGMOID, HARD_SIGMOID, TANH, RELU, RELU6, LEAKY_RELU, SOFTPLUS, SOFTSIGN, SOFTMAX, LOG_SOFTMAX ->
                    DerivativeInput.OUTPUT;
            // from z where y would lose digits (ELU's y + alpha cancels near -alpha) or does not give f' at all
            case PRELU, ELU, SELU, SWISH, SILU, GELU, MISH -> DerivativeInput.PRE_ACTIVATION;
        };
    }

    /** Whether it is a few element-wise operations without a transcendental, run on a product's sums. */
    public static boolean fusable(ActivationType type) {
        return switch (type) {
            case LINEAR, RELU, RELU6, LEAKY_RELU, HARD_SIGMOID -> true;
            case SIGMOID, TANH, PRELU, ELU, SELU, SOFTPLUS, SOFTSIGN, SWISH, SILU, GELU, MISH, SOFTMAX, LOG_SOFTMAX -> false;
        };
    }

    /** Whether it normalises each sample's row as a whole, not value by value. */
    public static boolean rowWise(ActivationType type) {
        return type == ActivationType.SOFTMAX || type == ActivationType.LOG_SOFTMAX;
    }
}
