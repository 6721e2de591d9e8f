package dev.nnc.runtime.schedules;

import dev.nnc.runtime.Checks;

/**
 * PyTorch's {@code StepLR}: the learning rate is multiplied by {@code gamma} every
 * {@code stepSize} steps,
 * <pre>
 * learningRate(step) = initialLearningRate * gamma^floor(step / stepSize)
 * </pre>
 * so steps {@code 0 .. stepSize - 1} run at {@code initialLearningRate}. Applied per step by
 * {@link dev.nnc.runtime.LearningRateScheduler#perStep}, {@code stepSize} counts batches; PyTorch users who step
 * {@code StepLR} once per epoch use {@code stepSize = epochs between decays * batches per epoch}.
 * It is {@link ExponentialDecay} with {@code staircase = true}, with PyTorch's names.
 *
 * @param initialLearningRate the rate of the first {@code stepSize} steps: finite, greater than 0
 * @param stepSize steps between two decays, at least 1
 * @param gamma the factor of each decay (PyTorch's default 0.1): finite, greater than 0
 */
public record StepDecay(double initialLearningRate, long stepSize, double gamma) implements LearningRateSchedule {

    /** Checks every argument; see the record's parameters. */
    public StepDecay {
        ScheduleChecks.positive("initialLearningRate", initialLearningRate);
        ScheduleChecks.steps("stepSize", stepSize);
        ScheduleChecks.positive("gamma", gamma);
    }

    @Override
    public double learningRate(long step) {
        ScheduleChecks.step(step);
        return initialLearningRate * Math.pow(gamma, step / stepSize);
    }
}
