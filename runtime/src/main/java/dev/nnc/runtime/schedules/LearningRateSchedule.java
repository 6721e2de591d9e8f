package dev.nnc.runtime.schedules;

/**
 * The learning rate as a function of the optimizer step, Keras'
 * {@code keras.optimizers.schedules.LearningRateSchedule}: {@code learningRate(step)} is Keras'
 * {@code schedule(step)}, where {@code step} counts the optimizer steps taken before the one about
 * to run, from 0 ({@link dev.nnc.runtime.Model#steps()}; Keras' {@code optimizer.iterations}).
 *
 * <p>A schedule is a pure function of its settings and the step: the same step always gives the
 * same rate, so a run resumed from a checkpoint continues where it stopped. The schedules here
 * allocate nothing per call, as {@link dev.nnc.runtime.LearningRateScheduler} calls them before
 * every batch; they refuse a negative step. {@link dev.nnc.runtime.LearningRateScheduler#perStep}
 * applies one during {@link dev.nnc.runtime.Trainer#fit}.
 *
 * <ul>
 *   <li>{@link StepDecay}: PyTorch's {@code StepLR}, {@code initial * gamma^floor(step / stepSize)}.</li>
 *   <li>{@link PiecewiseConstantDecay}: Keras', constant values between step boundaries.</li>
 *   <li>{@link ExponentialDecay}: Keras', {@code initial * rate^(step / decaySteps)}, optionally
 *       as a staircase.</li>
 *   <li>{@link CosineDecay}, {@link CosineDecayRestarts}: Keras' cosine decay, and SGDR's warm
 *       restarts.</li>
 *   <li>{@link Warmup}: a linear warm-up before any schedule (Keras 3's {@code CosineDecay} warm-up,
 *       made composable).</li>
 *   <li>{@link OneCycle}: PyTorch's {@code OneCycleLR}, for the learning rate.</li>
 * </ul>
 *
 * A lambda is a schedule too, as a Keras user subclasses {@code LearningRateSchedule}:
 * <pre>{@code
 * LearningRateSchedule inverseTime = step -> 0.1 / (1 + step / 1000.0);
 * }</pre>
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /**
     * The learning rate for optimizer step {@code step} (0 for the first step).
     *
     * @throws IllegalArgumentException when {@code step} is negative (the schedules of this package)
     */
    double learningRate(long step);
}
