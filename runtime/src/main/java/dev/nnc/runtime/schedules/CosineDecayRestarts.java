package dev.nnc.runtime.schedules;

import dev.nnc.runtime.Checks;

/**
 * Keras' {@code CosineDecayRestarts}: SGDR, cosine decay with warm restarts (Loshchilov and
 * Hutter, 2016). The steps are cut into periods; period {@code i} (from 0) lasts
 * {@code firstDecaySteps * tMul^i} steps and decays along half a cosine from
 * {@code mMul^i * initialLearningRate} towards the floor {@code alpha * initialLearningRate}, then
 * the next period restarts at its top:
 * <pre>
 * fraction = the fraction of period i done at this step, in [0, 1)
 * decayed = (1 - alpha) * 0.5 * mMul^i * (1 + cos(pi * fraction)) + alpha
 * learningRate(step) = initialLearningRate * decayed
 * </pre>
 * As in Keras the floor does not shrink with {@code mMul}. With {@code tMul = 1} every period lasts
 * {@code firstDecaySteps}; otherwise period {@code i} starts at step
 * {@code firstDecaySteps * (tMul^i - 1) / (tMul - 1)} and Keras finds {@code i} from the logarithm
 * {@code floor(log(1 + step / firstDecaySteps * (tMul - 1)) / log(tMul))}. Here that logarithm is
 * corrected by one where rounding puts it on the wrong side of a restart (in Keras some periods then
 * start one step late, at the bottom of the previous one: {@code tMul = 3}, period 5, for example);
 * the rates are Keras' formula in exact arithmetic.
 *
 * <p>Differences from Keras: {@code tMul} below 1 is refused (periods would shrink until Keras'
 * logarithm has no value, and the rate is NaN past their sum), and so is {@code mMul = 0} (the rate
 * would stay at {@code alpha} after the first period: no restart, a {@link CosineDecay}).
 *
 * @param initialLearningRate the rate at step 0: finite, greater than 0
 * @param firstDecaySteps the length of the first period, at least 1
 * @param tMul how much longer each period is than the one before: finite, at least 1 (Keras' default 2)
 * @param mMul how much lower each period starts than the one before: finite, greater than 0 (Keras' default 1)
 * @param alpha the floor as a fraction of {@code initialLearningRate}, in {@code [0, 1]} (Keras' default 0)
 */
public record CosineDecayRestarts(double initialLearningRate, long firstDecaySteps, double tMul, double mMul, double alpha)
        implements LearningRateSchedule {

    /** Checks every argument; see the record's parameters. */
    public CosineDecayRestarts {
        ScheduleChecks.positive("initialLearningRate", initialLearningRate);
        ScheduleChecks.steps("firstDecaySteps", firstDecaySteps);
        if (!(tMul >= 1) || Double.isInfinite(tMul)) {
            throw new IllegalArgumentException("tMul: expected a finite number >= 1 (each period at least as long as "
                    + "the one before), found " + tMul);
        }
        ScheduleChecks.positive("mMul", mMul);
        ScheduleChecks.fraction("alpha", alpha);
    }

    /**
     * Keras' defaults: each period twice as long as the one before ({@code tMul = 2}), restarting
     * at the same rate ({@code mMul = 1}), decaying to 0 ({@code alpha = 0}).
     */
    public CosineDecayRestarts(double initialLearningRate, long firstDecaySteps) {
        this(initialLearningRate, firstDecaySteps, 2.0, 1.0, 0.0);
    }

    @Override
    public double learningRate(long step) {
        ScheduleChecks.step(step);
        double period;
        double fraction;
        if (tMul == 1) {
            period = step / firstDecaySteps;
            fraction = (double) (step % firstDecaySteps) / firstDecaySteps;
        } else {
            double completed = (double) step / firstDecaySteps;
            period = Math.floor(Math.log(1 + completed * (tMul - 1)) / Math.log(tMul));
            if (periodsBefore(period + 1) <= completed) {
                period++;
            } else if (periodsBefore(period) > completed) {
                period--;
            }
            fraction = (completed - periodsBefore(period)) / Math.pow(tMul, period);
        }
        double cosine = 0.5 * Math.pow(mMul, period) * (1 + Math.cos(Math.PI * fraction));
        return initialLearningRate * ((1 - alpha) * cosine + alpha);
    }

    /** The length of the periods before period {@code i}, in units of {@code firstDecaySteps}: Keras' {@code sum_r}. */
    private double periodsBefore(double i) {
        return (Math.pow(tMul, i) - 1) / (tMul - 1);
    }
}
