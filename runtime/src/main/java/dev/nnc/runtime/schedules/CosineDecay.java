package dev.nnc.runtime.schedules;

import dev.nnc.runtime.Checks;

/**
 * Keras 3's {@code CosineDecay} without its warm-up arguments (wrap it in a {@link Warmup} for
 * those): over {@code decaySteps} steps the rate falls along half a cosine from
 * {@code initialLearningRate} to {@code alpha * initialLearningRate}, and stays there,
 * <pre>
 * decayed = (1 - alpha) * 0.5 * (1 + cos(pi * min(step, decaySteps) / decaySteps)) + alpha
 * learningRate(step) = initialLearningRate * decayed
 * </pre>
 * Half-way it is {@code (1 + alpha) / 2 * initialLearningRate}. With {@code alpha = 0} (Keras'
 * default) the rate is 0 from step {@code decaySteps} on, as in Keras: the weights stop moving.
 *
 * @param initialLearningRate the rate at step 0: finite, greater than 0
 * @param decaySteps steps to decay over, at least 1
 * @param alpha the final rate as a fraction of the initial one, in {@code [0, 1]}
 */
public record CosineDecay(double initialLearningRate, long decaySteps, double alpha) implements LearningRateSchedule {

    /** Checks every argument; see the record's parameters. */
    public CosineDecay {
        ScheduleChecks.positive("initialLearningRate", initialLearningRate);
        ScheduleChecks.steps("decaySteps", decaySteps);
        ScheduleChecks.fraction("alpha", alpha);
    }

    /** A decay to 0: {@code alpha = 0}, Keras' default. */
    public CosineDecay(double initialLearningRate, long decaySteps) {
        this(initialLearningRate, decaySteps, 0.0);
    }

    @Override
    public double learningRate(long step) {
        ScheduleChecks.step(step);
        double completed = (double) Math.min(step, decaySteps) / decaySteps;
        double cosine = 0.5 * (1 + Math.cos(Math.PI * completed));
        return initialLearningRate * ((1 - alpha) * cosine + alpha);
    }
}
