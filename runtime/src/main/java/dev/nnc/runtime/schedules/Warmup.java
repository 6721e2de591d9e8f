package dev.nnc.runtime.schedules;

import dev.nnc.runtime.Checks;
import java.util.Objects;

/**
 * A linear warm-up before any schedule: for {@code warmupSteps} steps the rate rises in a straight
 * line from {@code startLearningRate} towards {@code schedule.learningRate(0)}, then
 * {@code schedule} runs, shifted by the warm-up:
 * <pre>
 * learningRate(step) = startLearningRate + (schedule(0) - startLearningRate) * step / warmupSteps   step &lt; warmupSteps
 *                    = schedule(step - warmupSteps)                                                otherwise
 * </pre>
 * The line reaches {@code schedule(0)} at step {@code warmupSteps}, where the schedule takes over,
 * so the join is continuous; the schedule's own step 0 comes after the warm-up, not during it.
 * This is how Keras 3's {@code CosineDecay(initial_learning_rate, decay_steps, alpha,
 * warmup_target=t, warmup_steps=w)} composes its warm-up: it equals
 * {@code new Warmup(new CosineDecay(t, decay_steps, alpha), w, initial_learning_rate)}, and here any
 * schedule can follow the warm-up.
 *
 * <p>A warm-up from 0, as in Keras' example, makes step 0 a step of rate 0: it moves no weight but
 * counts (Adam's moments see its gradient). With {@code warmupSteps = 0} this is {@code schedule} itself.
 *
 * @param schedule the schedule after the warm-up; its rate at step 0 is the warm-up's target
 * @param warmupSteps the warm-up's length, at least 0
 * @param startLearningRate the rate at step 0: finite, at least 0
 */
public record Warmup(LearningRateSchedule schedule, long warmupSteps, double startLearningRate)
        implements LearningRateSchedule {

    /** Checks every argument; see the record's parameters. */
    public Warmup {
        Objects.requireNonNull(schedule, "schedule");
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmupSteps: expected 0 or more steps, found " + warmupSteps);
        }
        ScheduleChecks.nonNegative("startLearningRate", startLearningRate);
    }

    @Override
    public double learningRate(long step) {
        ScheduleChecks.step(step);
        if (step >= warmupSteps) {
            return schedule.learningRate(step - warmupSteps);
        }
        double target = schedule.learningRate(0);
        return startLearningRate + (target - startLearningRate) * step / warmupSteps;
    }
}
