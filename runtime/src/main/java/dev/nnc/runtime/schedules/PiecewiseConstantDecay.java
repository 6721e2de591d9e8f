package dev.nnc.runtime.schedules;

import java.util.Arrays;
import java.util.Objects;

/**
 * Keras' {@code PiecewiseConstantDecay}: constant rates between step boundaries,
 * <pre>
 * learningRate(step) = values[0]   step &lt;= boundaries[0]
 *                    = values[i]   boundaries[i - 1] &lt; step &lt;= boundaries[i]
 *                    = values[n]   step &gt; boundaries[n - 1]
 * </pre>
 * so a boundary step still runs at the rate before it, as in Keras. For example boundaries
 * {@code {100000, 110000}} and values {@code {1.0, 0.5, 0.1}} run 1.0 for the first 100001 steps,
 * 0.5 for the next 10000 and 0.1 after.
 */
public final class PiecewiseConstantDecay implements LearningRateSchedule {

    private final long[] boundaries;
    private final double[] values;

    /**
     * The rates {@code values} between the steps {@code boundaries}; both arrays are copied.
     *
     * @param boundaries strictly increasing steps (none for a constant rate)
     * @param values one more than {@code boundaries}, each finite and at least 0
     * @throws IllegalArgumentException naming the array, the index and the value that is wrong
     */
    public PiecewiseConstantDecay(long[] boundaries, double[] values) {
        Objects.requireNonNull(boundaries, "boundaries");
        Objects.requireNonNull(values, "values");
        if (values.length != boundaries.length + 1) {
            throw new IllegalArgumentException("values: expected " + (boundaries.length + 1) + " values (one more than the "
                    + boundaries.length + " boundaries), found " + values.length);
        }
        for (int i = 1; i < boundaries.length; i++) {
            if (boundaries[i] <= boundaries[i - 1]) {
                throw new IllegalArgumentException("boundaries[" + i + "]: expected a step after boundaries[" + (i - 1)
                        + "] = " + boundaries[i - 1] + " (strictly increasing), found " + boundaries[i]);
            }
        }
        for (int i = 0; i < values.length; i++) {
            ScheduleChecks.nonNegative("values[" + i + "]", values[i]);
        }
        this.boundaries = boundaries.clone();
        this.values = values.clone();
    }

    @Override
    public double learningRate(long step) {
        ScheduleChecks.step(step);
        int i = 0;
        while (i < boundaries.length && step > boundaries[i]) {
            i++;
        }
        return values[i];
    }

    /** A copy of the boundaries. */
    public long[] boundaries() {
        return boundaries.clone();
    }

    /** A copy of the values. */
    public double[] values() {
        return values.clone();
    }

    @Override
    public String toString() {
        return "PiecewiseConstantDecay[boundaries=" + Arrays.toString(boundaries) + ", values="
                + Arrays.toString(values) + "]";
    }
}
