package dev.nnc.processor.spec;

import dev.nnc.annotations.OptimizerType;
import java.util.Map;
import java.util.Set;

/**
 * The network's {@code @Optimizer}, with every setting as written or defaulted: the settings whose
 * annotation default is {@code NaN} take the optimizer's own torch default here when they were left
 * out. One written as {@code NaN} stays {@code NaN}, for the validator to refuse: only leaving a
 * setting out means its default.
 *
 * @param written the attributes written on the annotation, so the validator can tell a setting
 *     the optimizer does not read
 */
public record OptimizerSpec(
        OptimizerType type,
        double learningRate,
        double momentum,
        boolean nesterov,
        double beta1,
        double beta2,
        double epsilon,
        double weightDecay,
        double rho,
        boolean centered,
        boolean amsgrad,
        double momentumDecay,
        double clipNorm,
        double clipValue,
        Set<String> written,
        Source source) {

    public OptimizerSpec {
        written = Set.copyOf(written);
        if (!written.contains("learningRate")) {
            learningRate = switch (type) {
                case SGD, ADAM, ADAMW -> 1e-3;
                case ADAGRAD, RMSPROP -> 1e-2;
                case NADAM, ADAMAX -> 2e-3;
                case LION -> 1e-4;
            };
        }
        if (!written.contains("beta2")) {
            beta2 = type == OptimizerType.LION ? 0.99 : 0.999;
        }
        if (!written.contains("epsilon")) {
            epsilon = type == OptimizerType.ADAGRAD ? 1e-10 : 1e-8;
        }
        if (!written.contains("weightDecay")) {
            weightDecay = type == OptimizerType.ADAMW ? 1e-2 : 0;
        }
    }

    /** Which optimizers read each setting that not all of them do. */
    public static final Map<String, Set<OptimizerType>> READERS = Map.of(
            "momentum", Set.of(OptimizerType.SGD, OptimizerType.RMSPROP),
            "nesterov", Set.of(OptimizerType.SGD),
            "beta1", Set.of(OptimizerType.ADAM, OptimizerType.ADAMW, OptimizerType.NADAM, OptimizerType.ADAMAX, OptimizerType.LION),
            "beta2", Set.of(OptimizerType.ADAM, OptimizerType.ADAMW, OptimizerType.NADAM, OptimizerType.ADAMAX, OptimizerType.LION),
            "epsilon", Set.of(OptimizerType.ADAGRAD, OptimizerType.RMSPROP, OptimizerType.ADAM, OptimizerType.ADAMW,
                    OptimizerType.NADAM, OptimizerType.ADAMAX),
            "rho", Set.of(OptimizerType.RMSPROP),
            "centered", Set.of(OptimizerType.RMSPROP),
            "amsgrad", Set.of(OptimizerType.ADAM, OptimizerType.ADAMW),
            "momentumDecay", Set.of(OptimizerType.NADAM));

    /** How many parameter-sized state vectors the optimizer keeps. */
    public int stateSlots() {
        return switch (type) {
            case SGD -> momentum > 0 ? 1 : 0;
            case ADAGRAD, LION -> 1;
            case RMSPROP -> 1 + (centered ? 1 : 0) + (momentum > 0 ? 1 : 0);
            case ADAM, ADAMW -> amsgrad ? 3 : 2;
            case NADAM, ADAMAX -> 2;
        };
    }

    /** Whether weight decay is added to the gradient (torch's coupled L2) rather than applied to the weights. */
    public boolean couplesWeightDecay() {
        return type != OptimizerType.ADAMW && type != OptimizerType.LION;
    }
}
