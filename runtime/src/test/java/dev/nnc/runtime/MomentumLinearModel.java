package dev.nnc.runtime;

import java.util.List;
import java.util.Map;

/**
 * A {@link LinearModel}(3, 2) whose optimizer state has what plain SGD's lacks: a per-parameter
 * slot, {@code momentum_buffer}, and a scalar, {@code momentum}, kept as generated code keeps them
 * (one strided buffer, through {@link OptimizerState#read} and {@link OptimizerState#write}). It
 * trains as LinearModel does; the state is only held, for the weights files' tests.
 */
class MomentumLinearModel extends LinearModel {

    private static final List<String> SLOTS = List.of("momentum_buffer");
    private static final List<String> SCALARS = List.of("momentum");

    /** The slots, one after the other {@link #parameterCount()} apart. */
    private final float[] state = new float[8];
    private double momentum = 0.9;

    MomentumLinearModel() {
        super(3, 2, 0.1);
    }

    @Override
    public OptimizerState optimizerState() {
        return OptimizerState.read("sgd", steps(), learningRate(), SLOTS, state, parameterCount(), parameterCount(),
                parameterCount(), Map.of("momentum", momentum));
    }

    @Override
    public void setOptimizerState(OptimizerState state) {
        // checks everything before it writes anything, so a refused state leaves this one
        state.write("sgd", SLOTS, SCALARS, this.state, parameterCount(), parameterCount(), parameterCount());
        momentum = state.scalar("momentum");
        super.setOptimizerState(OptimizerState.of("sgd", state.steps(), state.learningRate(), Map.of(), Map.of()));
    }
}
