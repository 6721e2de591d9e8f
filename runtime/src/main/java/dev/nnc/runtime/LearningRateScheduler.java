package dev.nnc.runtime;

import dev.nnc.runtime.schedules.CosineDecay;
import dev.nnc.runtime.schedules.LearningRateSchedule;
import dev.nnc.runtime.schedules.Warmup;
import java.util.Objects;

/**
 * Sets the model's learning rate during {@link Trainer#fit} from a schedule, per optimizer step or
 * per epoch, through {@link TrainingContext#setLearningRate}.
 *
 * <pre>{@code
 * Trainer.fit(net, data, FitOptions.epochs(20).callbacks(
 *         LearningRateScheduler.perStep(new Warmup(new CosineDecay(0.01, 10_000), 500, 1e-4))));
 * Trainer.fit(net, data, FitOptions.epochs(20).callbacks(
 *         LearningRateScheduler.perEpoch((epoch, lr) -> epoch < 10 ? lr : lr * Math.exp(-0.1))));
 * }</pre>
 *
 * <ul>
 *   <li>{@link #perStep}: before every batch ({@link #onBatchBegin}) the rate becomes
 *       {@code schedule.learningRate(model.steps())}, the schedule at the step about to run, as a
 *       Keras optimizer reads a {@code LearningRateSchedule} at {@code optimizer.iterations}. The
 *       step is the model's own count, not this run's: a second {@code fit}, or one after
 *       {@link Weights#resume}, continues the schedule where the last step left it. The model's own
 *       learning rate is not read. Nothing is allocated per batch.</li>
 *   <li>{@link #perEpoch}: Keras' {@code LearningRateScheduler}. At the start of each epoch
 *       ({@link #onEpochBegin}) the rate becomes {@code schedule.learningRate(epoch, current)}, with
 *       the epoch from 0 in this {@code fit} and the model's current rate.</li>
 * </ul>
 * The training loop logs the rate of each epoch's last step as {@code learning_rate}, so the
 * {@link History} records it and the progress line prints it (Keras' {@code verbose} message is
 * not printed).
 *
 * <p>A rate the model refuses (not finite, or negative: a schedule a user wrote) stops training
 * with an {@link IllegalArgumentException} naming the step or epoch and the rate. A rate of 0 is
 * taken, as in Keras and PyTorch: a {@link CosineDecay} with {@code alpha = 0} run past its
 * {@code decaySteps} holds the weights still.
 */
public final class LearningRateScheduler implements Callback {

    /** Keras' {@code schedule(epoch, lr)} of its {@code LearningRateScheduler}. */
    @FunctionalInterface
    public interface EpochSchedule {

        /** The learning rate for epoch {@code epoch} (from 0), given the model's {@code current} rate. */
        double learningRate(int epoch, double current);
    }

    private final LearningRateSchedule stepSchedule;
    private final EpochSchedule epochSchedule;
    private TrainingContext context;

    private LearningRateScheduler(LearningRateSchedule stepSchedule, EpochSchedule epochSchedule) {
        this.stepSchedule = stepSchedule;
        this.epochSchedule = epochSchedule;
    }

    /** Whether it sets the rate before every batch, which would undo any other change of the rate. */
    boolean setsEveryStep() {
        return stepSchedule != null;
    }

    /** Sets the rate before every optimizer step to {@code schedule} at the model's step count. */
    public static LearningRateScheduler perStep(LearningRateSchedule schedule) {
        return new LearningRateScheduler(Objects.requireNonNull(schedule, "schedule"), null);
    }

    /**
     * Sets the rate at the start of every epoch to {@code schedule(epoch, current rate)}, as Keras'
     * {@code LearningRateScheduler}.
     */
    public static LearningRateScheduler perEpoch(EpochSchedule schedule) {
        return new LearningRateScheduler(null, Objects.requireNonNull(schedule, "schedule"));
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public void onEpochBegin(int epoch) {
        if (epochSchedule != null) {
            double current = context().learningRate();
            apply(epochSchedule.learningRate(epoch, current), "epoch", epoch);
        }
    }

    @Override
    public void onBatchBegin(int batch) {
        if (stepSchedule != null) {
            long step = context().model().steps();
            apply(stepSchedule.learningRate(step), "step", step);
        }
    }

    private TrainingContext context() {
        if (context == null) {
            throw new IllegalStateException("LearningRateScheduler: a hook ran before onTrainBegin gave it the context");
        }
        return context;
    }

    /** Gives the model {@code learningRate}, naming the step or epoch it was scheduled for if the model refuses it. */
    private void apply(double learningRate, String unit, long at) {
        try {
            context.setLearningRate(learningRate);
        } catch (IllegalArgumentException refused) {
            throw new IllegalArgumentException("schedule: gave " + learningRate + " for " + unit + " " + at
                    + ", which model " + context.model().name() + " refuses: " + refused.getMessage(), refused);
        }
    }
}
