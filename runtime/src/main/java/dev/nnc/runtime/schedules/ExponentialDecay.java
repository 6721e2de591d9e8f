package dev.nnc.runtime.schedules;

import dev.nnc.runtime.Checks;

/**
 * Keras' {@code ExponentialDecay}:
 * <pre>
 * learningRate(step) = initialLearningRate * decayRate^(step / decaySteps)
 * </pre>
 * with a real exponent, or with {@code floor(step / decaySteps)} when {@code staircase} (the rate
 * then changes every {@code decaySteps} steps). A {@code decayRate} above 1 makes it grow, as in
 * Keras.
 *
 * @param initialLearningRate the rate at step 0: finite, greater than 0
 * @param decaySteps steps over which the rate is multiplied by {@code decayRate} once, at least 1
 * @param decayRate finite, greater than 0
 * @param staircase whether the exponent is floored (Keras' default: false)
 */
public record ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate, boolean staircase)
        implements LearningRateSchedule {

    /** Checks every argument; see the record's parameters. */
    public ExponentialDecay {
        ScheduleChecks.positive("initialLearningRate", initialLearningRate);
        ScheduleChecks.steps("decaySteps", decaySteps);
        ScheduleChecks.positive("decayRate", decayRate);
    }

    /** A smooth decay: {@code staircase = false}, Keras' default. */
    public ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate) {
        this(initialLearningRate, decaySteps, decayRate, false);
    }

    @Override
    public double learningRate(long step) {
        ScheduleChecks.step(step);
        double exponent = staircase ? step / decaySteps : (double) step / decaySteps;
        return initialLearningRate * Math.pow(decayRate, exponent);
    }
}
