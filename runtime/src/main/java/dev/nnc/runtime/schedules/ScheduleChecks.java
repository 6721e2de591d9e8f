package dev.nnc.runtime.schedules;

/**
 * Argument checks of the {@link LearningRateSchedule}s: each message names the argument, what was
 * expected and what was found.
 */
final class ScheduleChecks {

    private ScheduleChecks() {}

    /** {@code value} is a finite number greater than 0 (a learning rate, a factor). */
    static void positive(String argument, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(argument + ": expected a finite number > 0, found " + value);
        }
    }

    /** {@code value} is a finite number at least 0 (a learning rate that may be 0, as Keras' and PyTorch's may). */
    static void nonNegative(String argument, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(argument + ": expected a finite number >= 0, found " + value);
        }
    }

    /** {@code value} is in {@code [0, 1]}. */
    static void fraction(String argument, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(argument + ": expected a fraction in [0, 1], found " + value);
        }
    }

    /** {@code steps} counts at least one optimizer step (a period, a decay length). */
    static void steps(String argument, long steps) {
        if (steps < 1) {
            throw new IllegalArgumentException(argument + ": expected at least 1 step, found " + steps);
        }
    }

    /** {@code step}, given to {@link LearningRateSchedule#learningRate}, counts from 0. */
    static void step(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step: expected 0 or more (steps count from 0), found " + step);
        }
    }
}
