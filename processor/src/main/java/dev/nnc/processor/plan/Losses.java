package dev.nnc.processor.plan;

import dev.nnc.processor.spec.LossSpec;

/** What the plan must know of a loss. */
public final class Losses {

    private Losses() {}

    /**
     * Whether its gradient is written at the output layer's pre-activation, the activation's
     * derivative folded in: the cross-entropies on their natural outputs (sigmoid, softmax,
     * log-softmax, or logits), whose slope at z is {@code p - y}. The output layer's backward pass
     * then applies no derivative of its own.
     */
    public static boolean foldsOutputActivation(LossSpec loss) {
        return switch (loss.type()) {
            case BINARY_CROSS_ENTROPY, CATEGORICAL_CROSS_ENTROPY, SPARSE_CATEGORICAL_CROSS_ENTROPY -> true;
            case BINARY_FOCAL -> loss.fromLogits();
            case MSE, MAE, HUBER, LOG_COSH, QUANTILE, HINGE, SQUARED_HINGE, KL_DIVERGENCE, POISSON, COSINE_SIMILARITY -> false;
        };
    }
}
