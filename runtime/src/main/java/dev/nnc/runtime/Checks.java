package dev.nnc.runtime;

import java.util.Objects;

/**
 * Argument checks shared by generated models and the runtime. Every message names the argument,
 * what was expected and what was found, so a caller can fix the call without a debugger.
 */
public final class Checks {

    private Checks() {}

    /** {@code n} is a batch size: at least 1. */
    public static void batchSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n: the batch size must be at least 1, found " + n);
        }
    }

    /** {@code array} holds at least {@code required} values. */
    public static void size(String argument, float[] array, int required) {
        size(argument, Objects.requireNonNull(array, argument).length, required);
    }

    /** {@code array} holds at least {@code required} values. */
    public static void size(String argument, double[] array, int required) {
        size(argument, Objects.requireNonNull(array, argument).length, required);
    }

    private static void size(String argument, int length, int required) {
        if (length < required) {
            throw new IllegalArgumentException(argument + ": expected at least " + required
                    + " values, found " + length);
        }
    }

    /** {@code array} holds exactly {@code required} values: all of what a call replaces, and nothing else. */
    public static void exactSize(String argument, float[] array, int required) {
        exactSize(argument, Objects.requireNonNull(array, argument).length, required);
    }

    /** {@code double} twin of {@link #exactSize(String, float[], int)}. */
    public static void exactSize(String argument, double[] array, int required) {
        exactSize(argument, Objects.requireNonNull(array, argument).length, required);
    }

    private static void exactSize(String argument, int length, int required) {
        if (length != required) {
            throw new IllegalArgumentException(argument + ": expected " + required + " values, found " + length);
        }
    }

    /**
     * {@code array} is a batch of {@code n} samples of {@code width} values, as a model's calls that
     * take {@code n} read it: at least {@code n} samples, and whole samples only (the samples past
     * {@code n} are ignored; a partial one is a mistake in the caller's layout).
     */
    public static void batch(String argument, float[] array, int n, int width) {
        batch(argument, Objects.requireNonNull(array, argument).length, n, width);
    }

    /** {@code double} twin of {@link #batch(String, float[], int, int)}. */
    public static void batch(String argument, double[] array, int n, int width) {
        batch(argument, Objects.requireNonNull(array, argument).length, n, width);
    }

    private static void batch(String argument, int length, int n, int width) {
        leading(argument, length, n, width);
        requireWholeRows(argument, length, null, width);
    }

    /**
     * {@code array} holds at least {@code n} rows of {@code width} values, whatever follows them:
     * for buffers that carry more than their rows, as a model's workspace passed to a
     * {@link Metric} does.
     */
    static void leading(String argument, float[] array, int n, int width) {
        leading(argument, Objects.requireNonNull(array, argument).length, n, width);
    }

    private static void leading(String argument, int length, int n, int width) {
        if ((long) n * width > length) {
            throw new IllegalArgumentException(argument + ": expected " + n + " samples x " + width
                    + " values = " + (long) n * width + ", found an array of " + length);
        }
    }

    /**
     * {@code array} holds exactly {@code n} samples of {@code width} values: what a call writes
     * when the count comes from another array ({@link Model#predict(float[], float[])}).
     */
    static void exactly(String argument, float[] array, int n, int width) {
        int length = Objects.requireNonNull(array, argument).length;
        if ((long) n * width != length) {
            throw new IllegalArgumentException(argument + ": expected exactly " + n + " samples x " + width
                    + " values = " + (long) n * width + ", found an array of " + length);
        }
    }

    /**
     * The number of samples of {@code width} values in {@code array}, for a call whose sample
     * count is its argument's length ({@link Model#predict(float[])}): whole samples, at least one.
     */
    static int samples(String argument, float[] array, int width) {
        int length = Objects.requireNonNull(array, argument).length;
        if (length == 0) {
            throw new IllegalArgumentException(argument + ": expected at least 1 sample of " + width
                    + " values, found an empty array");
        }
        requireWholeRows(argument, length, null, width);
        return length / width;
    }

    /**
     * The number of rows of {@code width} values (at least 1) that {@code array} holds: its length
     * must be a whole number of rows. {@code widthName} names the width in the message, as the
     * caller calls it ({@code features}).
     */
    public static int rows(String argument, float[] array, String widthName, int width) {
        int length = Objects.requireNonNull(array, argument).length;
        requireWholeRows(argument, length, widthName, width);
        return length / width;
    }

    /** {@code widthName} names the width in the message ({@code features = 3 values}), or is null ({@code 3 values}). */
    private static void requireWholeRows(String argument, int length, String widthName, int width) {
        if (length % width != 0) {
            int rows = length / width;
            int rest = length % width;
            throw new IllegalArgumentException(argument + ": expected a multiple of "
                    + (widthName == null ? "" : widthName + " = ") + width + " values, found " + length
                    + " (" + rows + (rows == 1 ? " sample and " : " samples and ") + rest
                    + (rest == 1 ? " value" : " values") + " left over)");
        }
    }

    /**
     * The first {@code n} rows of {@code width} values are finite. A plain loop: generated models,
     * which check every batch, probe with vectors first ({@link dev.nnc.runtime.internal.Vectors#requireFinite}) and come
     * here only to name the culprit.
     */
    public static void finite(String argument, float[] array, int n, int width) {
        int count = n * width;
        for (int i = 0; i < count; i++) {
            if (!Float.isFinite(array[i])) {
                throw notFinite(argument, array[i], i, width);
            }
        }
    }

    /** {@code double} twin of {@link #finite(String, float[], int, int)}. */
    public static void finite(String argument, double[] array, int n, int width) {
        int count = n * width;
        for (int i = 0; i < count; i++) {
            if (!Double.isFinite(array[i])) {
                throw notFinite(argument, array[i], i, width);
            }
        }
    }

    private static IllegalArgumentException notFinite(String argument, double value, int index, int width) {
        return new IllegalArgumentException(argument + "[" + index + "] is " + value + " (sample "
                + index / width + ", value " + index % width + "); inputs and targets must be finite");
    }

    /** The first {@code count} values of {@code array} are finite. */
    public static void finite(String argument, float[] array, int count) {
        for (int i = 0; i < count; i++) {
            if (!Float.isFinite(array[i])) {
                throw new IllegalArgumentException(argument + "[" + i + "] is " + array[i] + "; values must be finite");
            }
        }
    }

    /** The first {@code count} values of {@code array} are finite. */
    public static void finite(String argument, double[] array, int count) {
        for (int i = 0; i < count; i++) {
            if (!Double.isFinite(array[i])) {
                throw new IllegalArgumentException(argument + "[" + i + "] is " + array[i] + "; values must be finite");
            }
        }
    }

    /**
     * Each of the {@code n} rows of {@code width} values sums to 1 (within 1e-3), as categorical
     * cross-entropy's fused gradient {@code p - y} assumes: one-hot or smoothed targets.
     */
    public static void distributions(String argument, float[] array, int n, int width) {
        for (int r = 0; r < n; r++) {
            double sum = 0;
            for (int j = 0; j < width; j++) {
                sum += array[r * width + j];
            }
            requireDistribution(argument, r, sum);
        }
    }

    /** {@code double} twin of {@link #distributions(String, float[], int, int)}. */
    public static void distributions(String argument, double[] array, int n, int width) {
        for (int r = 0; r < n; r++) {
            double sum = 0;
            for (int j = 0; j < width; j++) {
                sum += array[r * width + j];
            }
            requireDistribution(argument, r, sum);
        }
    }

    private static void requireDistribution(String argument, int sample, double sum) {
        if (Math.abs(sum - 1) > 1e-3) {
            throw new IllegalArgumentException(argument + ": sample " + sample + " sums to " + sum
                    + "; categorical cross-entropy needs one-hot or smoothed targets summing to 1");
        }
    }

    /**
     * Each of the first {@code n} values is a class index: a whole number in {@code [0, classes)},
     * as sparse categorical cross-entropy takes one per sample.
     */
    public static void classIndices(String argument, float[] array, int n, int classes) {
        for (int r = 0; r < n; r++) {
            requireClassIndex(argument, r, array[r], classes);
        }
    }

    /** {@code double} twin of {@link #classIndices(String, float[], int, int)}. */
    public static void classIndices(String argument, double[] array, int n, int classes) {
        for (int r = 0; r < n; r++) {
            requireClassIndex(argument, r, array[r], classes);
        }
    }

    private static void requireClassIndex(String argument, int sample, double value, int classes) {
        if (!(value >= 0 && value < classes && value == Math.rint(value))) {
            throw new IllegalArgumentException(argument + "[" + sample + "] is " + value + " (sample " + sample
                    + "); sparse categorical cross-entropy takes one class index per sample, a whole number in [0, "
                    + classes + ")");
        }
    }

    /**
     * {@code weights} is null (every sample weighs 1) or holds {@code n} finite weights that are
     * not negative, one per sample.
     */
    public static void sampleWeights(float[] weights, int n) {
        if (weights != null) {
            batch("sampleWeights", weights, n, 1);
            for (int r = 0; r < n; r++) {
                requireSampleWeight(r, weights[r]);
            }
        }
    }

    /** {@code double} twin of {@link #sampleWeights(float[], int)}. */
    public static void sampleWeights(double[] weights, int n) {
        if (weights != null) {
            batch("sampleWeights", weights, n, 1);
            for (int r = 0; r < n; r++) {
                requireSampleWeight(r, weights[r]);
            }
        }
    }

    private static void requireSampleWeight(int sample, double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("sampleWeights[" + sample + "] is " + weight + " (sample " + sample
                    + "); a sample weight must be a finite number at least 0");
        }
    }

    /** Whether each of the first {@code count} values is 0 or 1: hinge losses then read them as -1 and 1, as Keras does. */
    public static boolean allZeroOrOne(float[] array, int count) {
        for (int i = 0; i < count; i++) {
            if (array[i] != 0 && array[i] != 1) {
                return false;
            }
        }
        return true;
    }

    /** {@code double} twin of {@link #allZeroOrOne(float[], int)}. */
    public static boolean allZeroOrOne(double[] array, int count) {
        for (int i = 0; i < count; i++) {
            if (array[i] != 0 && array[i] != 1) {
                return false;
            }
        }
        return true;
    }

    /** The most values an array holds on common JVMs (a few below {@code Integer.MAX_VALUE}, as the JDK's collections assume). */
    static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    /**
     * The length of an array of {@code n} samples of {@code width} values, or an exception naming
     * {@code argument} when no array can hold that many: checked before allocating, so a size
     * computed from the caller's numbers never wraps around into a negative or wrong length.
     */
    static int arrayLength(String argument, int n, int width) {
        long length = (long) n * width;
        if (length > MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException(argument + ": " + n + " x " + width + " = " + length
                    + " values, more than an array holds (" + MAX_ARRAY_LENGTH + ")");
        }
        return (int) length;
    }

    /**
     * Values past the last sample in every workspace: one vector of the widest species there is
     * (2048 bits, 64 floats), so generated passes over a whole batch run whole vectors, with no tail.
     */
    public static final int VECTOR_SLACK = 64;

    /**
     * The length of a workspace of {@code n} samples of {@code width} values plus
     * {@link #VECTOR_SLACK}, if an array can hold it.
     */
    public static int workspace(int n, int width) {
        long length = (long) n * width + VECTOR_SLACK;
        if (length > MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException("n: a batch of " + n + " samples needs " + length
                    + " values for a layer of width " + width + ", more than an array holds; use smaller batches");
        }
        return (int) length;
    }
}
