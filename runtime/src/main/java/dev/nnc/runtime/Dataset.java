package dev.nnc.runtime;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

/**
 * Samples to train or evaluate on: features {@code [size()][features()]} and targets
 * {@code [size()][targets()]}, stored as flat row-major {@code float[]}s as models take them.
 *
 * <p>A dataset is a view: {@link #slice}, {@link #splitAt}, {@link #split(double)},
 * {@link #shuffled} and {@link #split(double, long)} share the arrays of the dataset they come
 * from and copy no sample ({@code shuffled} and the random split keep one {@code int} per sample,
 * the order they view the samples in). {@link #of(float[], int, float[], int)} wraps the caller's
 * arrays without copying them; do not change them while the dataset is in use. The factories that
 * take nested arrays ({@code float[][]}, {@code double[][]}, {@code float[][][]}) copy. Every value
 * is checked to be finite when a dataset is made, so a NaN is reported with its sample instead of
 * surfacing as a NaN loss.
 *
 * <p>The samples of a dataset made by {@link Windows} overlap: sample {@code i}'s inputs are the
 * {@code features()} values of the series from {@code i * stride}, where the stride (one time step)
 * is smaller than the width of a window, so every window is a view of the one series and none is
 * copied. Every operation here works the same on such a dataset.
 *
 * <p>A dataset may carry a weight per sample ({@link #withSampleWeights}), Keras'
 * {@code sample_weight}: training and evaluation then weigh each sample's loss by it, and views
 * keep each sample's weight.
 *
 * <p>A dataset may be empty (a slice of nothing); {@link Trainer} rejects an empty one.
 */
public final class Dataset {

    private final float[] x;
    private final float[] y;
    /** Sample weights, or null when every sample weighs 1; sample {@code i}'s is at {@code weightStart + i}. */
    private final float[] weights;
    private final int weightStart;
    /**
     * The rows of {@code x} and {@code y} in the order this dataset views them, or null when
     * sample {@code i} is row {@code start + i}; with it, sample {@code i} is row {@code rows[start + i]}.
     */
    private final int[] rows;
    private final int start;
    private final int size;
    private final int features;
    /**
     * Values of {@code x} from one row's inputs to the next's: {@code features} when samples are
     * rows, less when they overlap. Row {@code r}'s inputs start at {@code r * stride}.
     */
    private final int stride;
    private final int targets;

    private Dataset(float[] x, float[] y, int size, int features, int stride, int targets) {
        this(x, y, null, 0, null, 0, size, features, stride, targets);
    }

    private Dataset(float[] x, float[] y, float[] weights, int weightStart, int[] rows, int start, int size,
            int features, int stride, int targets) {
        this.x = x;
        this.y = y;
        this.weights = weights;
        this.weightStart = weightStart;
        this.rows = rows;
        this.start = start;
        this.size = size;
        this.features = features;
        this.stride = stride;
        this.targets = targets;
    }

    /**
     * A dataset copied from rows: {@code x[i]} are the features and {@code y[i]} the targets of
     * sample {@code i}. All rows of {@code x} must have the length of {@code x[0]}, all rows of
     * {@code y} that of {@code y[0]}, and every value must be finite.
     *
     * @throws IllegalArgumentException naming the argument, the row and the value at fault
     */
    public static Dataset of(float[][] x, float[][] y) {
        requireSamples(x, y);
        int features = width("x", x, row -> row.length);
        int targets = width("y", y, row -> row.length);
        return new Dataset(flatten("x", x.length, features, (i, j) -> x[i][j]),
                flatten("y", y.length, targets, (i, j) -> y[i][j]), x.length, features, features, targets);
    }

    /**
     * A dataset copied from {@code double} rows, as {@link #of(float[][], float[][])}: each value
     * is rounded to the nearest {@code float}, the precision models train in, and must be finite
     * after rounding (a magnitude beyond {@link Float#MAX_VALUE} is refused, not made infinite).
     *
     * @throws IllegalArgumentException naming the argument, the row and the value at fault
     */
    public static Dataset of(double[][] x, double[][] y) {
        requireSamples(x, y);
        int features = width("x", x, row -> row.length);
        int targets = width("y", y, row -> row.length);
        return new Dataset(flatten("x", x.length, features, (i, j) -> x[i][j]),
                flatten("y", y.length, targets, (i, j) -> y[i][j]), x.length, features, features, targets);
    }

    /**
     * A dataset of sequences copied from {@code x[sample][step][feature]}, Keras'
     * {@code (samples, timesteps, features)}, with targets {@code y[sample]}. Each sample's inputs
     * are flattened row-major, {@code [timesteps][features]}, as sequence models read them (and as
     * {@link Windows} lays them out): {@link #features()} is {@code timesteps * features}. Every
     * sample must have the time steps of {@code x[0]} and every step the features of
     * {@code x[0][0]}; every value must be finite.
     *
     * @throws IllegalArgumentException naming the first sample or step whose length differs, with
     *     both lengths, or the sample, step and feature of a value that is not finite
     */
    public static Dataset of(float[][][] x, float[][] y) {
        requireSamples(x, y);
        float[][] first = Objects.requireNonNull(x[0], "x[0]");
        int steps = first.length;
        if (steps == 0) {
            throw new IllegalArgumentException("x[0]: expected at least 1 time step, found 0");
        }
        int features = Objects.requireNonNull(first[0], "x[0][0]").length;
        if (features == 0) {
            throw new IllegalArgumentException("x[0][0]: expected at least 1 feature per time step, found 0");
        }
        // before the shapes are checked sample by sample: a batch too large for an array goes no further
        int width = Checks.arrayLength("x[0]", steps, features);
        int length = Checks.arrayLength("x", x.length, width);
        for (int i = 0; i < x.length; i++) {
            float[][] sample = Objects.requireNonNull(x[i], "x[" + i + "]");
            if (sample.length != steps) {
                throw new IllegalArgumentException("x[" + i + "]: expected " + steps + " time steps like x[0], found "
                        + sample.length);
            }
            for (int t = 0; t < steps; t++) {
                float[] step = Objects.requireNonNull(sample[t], "x[" + i + "][" + t + "]");
                if (step.length != features) {
                    throw new IllegalArgumentException("x[" + i + "][" + t + "]: expected " + features
                            + " features like x[0][0], found " + step.length);
                }
            }
        }
        float[] flat = new float[length];
        for (int i = 0, at = 0; i < x.length; i++) {
            for (int t = 0; t < steps; t++) {
                for (int f = 0; f < features; f++) {
                    float value = x[i][t][f];
                    if (!Float.isFinite(value)) {
                        throw new IllegalArgumentException("x[" + i + "][" + t + "][" + f + "] is " + value + " (sample "
                                + i + ", step " + t + ", feature " + f + "); inputs and targets must be finite");
                    }
                    flat[at++] = value;
                }
            }
        }
        int targets = width("y", y, row -> row.length);
        return new Dataset(flat, flatten("y", y.length, targets, (i, j) -> y[i][j]), x.length, width, width, targets);
    }

    /** Both are present, with one row of {@code y} per sample of {@code x}, and at least one sample. */
    private static void requireSamples(Object[] x, Object[] y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length != y.length) {
            throw new IllegalArgumentException("y: expected " + x.length + " target rows, one per sample of x, found "
                    + y.length);
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("x: expected at least 1 sample, found 0 (the width of a sample"
                    + " is taken from x[0]; use the flat factory for an empty dataset)");
        }
    }

    /**
     * A dataset over flat row-major arrays, without copying them: {@code x} holds
     * {@code n * features} values and {@code y} holds {@code n * targets}, for the same {@code n}.
     * Every value must be finite.
     *
     * @throws IllegalArgumentException naming the argument and the expected and actual sizes, or
     *     the sample and index of a value that is not finite
     */
    public static Dataset of(float[] x, int features, float[] y, int targets) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        positive("features", features);
        positive("targets", targets);
        int n = Checks.rows("x", x, "features", features);
        if ((long) n * targets != y.length) {
            throw new IllegalArgumentException("y: expected " + n + " samples x " + targets + " targets = "
                    + (long) n * targets + " values to match the " + n + " samples of x, found " + y.length);
        }
        Checks.finite("x", x, n, features);
        Checks.finite("y", y, n, targets);
        return new Dataset(x, y, n, features, features, targets);
    }

    /**
     * Overlapping samples over {@code series}, for {@link Windows}: sample {@code i}'s inputs are
     * the {@code width} values from {@code series[i * stride]}, a view of the series, and its
     * targets are row {@code i} of {@code y}, {@code targets} wide. The caller has checked that the
     * values are finite and that the last window ends within the series.
     */
    static Dataset windows(float[] series, int stride, int width, float[] y, int targets) {
        return new Dataset(series, y, y.length / targets, width, stride, targets);
    }

    /**
     * The common length of the rows (arrays) of {@code rows}, at least 1, naming the first row whose
     * length differs from that of {@code rows[0]}.
     */
    private static <T> int width(String argument, T[] rows, ToIntFunction<T> length) {
        Objects.requireNonNull(rows[0], argument + "[0]");
        int width = length.applyAsInt(rows[0]);
        if (width == 0) {
            throw new IllegalArgumentException(argument + "[0]: expected at least 1 value per sample, found 0");
        }
        for (int i = 1; i < rows.length; i++) {
            Objects.requireNonNull(rows[i], argument + "[" + i + "]");
            int found = length.applyAsInt(rows[i]);
            if (found != width) {
                throw new IllegalArgumentException(argument + "[" + i + "]: expected " + width
                        + " values like " + argument + "[0], found " + found);
            }
        }
        return width;
    }

    /** Value {@code j} of row {@code i} of nested rows, {@code float} or {@code double}. */
    @FunctionalInterface
    private interface Cell {
        double at(int i, int j);
    }

    /** {@code n} rows of {@code width} values, flat row-major as floats, each checked finite once rounded. */
    private static float[] flatten(String argument, int n, int width, Cell cell) {
        float[] flat = new float[Checks.arrayLength(argument, n, width)];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < width; j++) {
                double value = cell.at(i, j);
                float rounded = (float) value;
                if (!Float.isFinite(rounded)) {
                    throw new IllegalArgumentException(argument + "[" + i + "][" + j + "] is " + value
                            + " (sample " + i + ")" + (Double.isFinite(value) ? ", beyond the range of float" : "")
                            + "; inputs and targets must be finite");
                }
                flat[i * width + j] = rounded;
            }
        }
        return flat;
    }

    private static void positive(String argument, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(argument + ": expected at least 1 value per sample, found " + value);
        }
    }

    /** Number of samples. */
    public int size() {
        return size;
    }

    /** Whether there are no samples. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Features per sample: the width of a row of inputs. */
    public int features() {
        return features;
    }

    /** Targets per sample: the width of a row of targets. */
    public int targets() {
        return targets;
    }

    /** Feature {@code index} of sample {@code sample}. */
    public float feature(int sample, int index) {
        Objects.checkIndex(sample, size);
        Objects.checkIndex(index, features);
        return x[row(sample) * stride + index];
    }

    /** Target {@code index} of sample {@code sample}. */
    public float target(int sample, int index) {
        Objects.checkIndex(sample, size);
        Objects.checkIndex(index, targets);
        return y[row(sample) * targets + index];
    }

    /**
     * These samples, each weighted by {@code weights[i]} in the loss (Keras' {@code sample_weight}),
     * replacing any weights set before. The array is wrapped, not copied; do not change it while
     * the dataset is in use.
     *
     * @throws IllegalArgumentException when {@code weights} does not hold one weight per sample or
     *     a weight is negative or not finite, naming the sample
     */
    public Dataset withSampleWeights(float[] weights) {
        Objects.requireNonNull(weights, "weights");
        if (weights.length != size) {
            throw new IllegalArgumentException("weights: expected one weight per sample, " + size + ", found "
                    + weights.length);
        }
        Checks.sampleWeights(weights, size);
        return new Dataset(x, y, weights, 0, rows, start, size, features, stride, targets);
    }

    /** Whether the samples carry weights; without them each weighs 1. */
    public boolean hasSampleWeights() {
        return weights != null;
    }

    /** The weight of sample {@code sample}: 1 when the dataset has none. */
    public float sampleWeight(int sample) {
        Objects.checkIndex(sample, size);
        return weights == null ? 1 : weights[weightStart + sample];
    }

    /**
     * A copy of the features of this dataset, flat row-major {@code [size()][features()]}. For
     * overlapping windows ({@link Windows}) this holds every window whole: {@code lookback} times
     * the values of the series they view.
     */
    public float[] copyFeatures() {
        float[] copy = new float[Checks.arrayLength("features", size, features)];
        gatherInputs(0, size, copy);
        return copy;
    }

    /** A copy of the targets of this dataset, flat row-major {@code [size()][targets()]}. */
    public float[] copyTargets() {
        float[] copy = new float[size * targets];
        gatherTargets(0, size, copy);
        return copy;
    }

    /**
     * Samples {@code from} (inclusive) to {@code to} (exclusive), sharing this dataset's arrays.
     *
     * @throws IndexOutOfBoundsException when the range is not within {@code [0, size()]}
     */
    public Dataset slice(int from, int to) {
        Objects.checkFromToIndex(from, to, size);
        return new Dataset(x, y, weights, weightStart + from, rows, start + from, to - from, features, stride,
                targets);
    }

    /** The first {@code index} samples and the rest, as two views. */
    public Split splitAt(int index) {
        Objects.checkIndex(index, size + 1);
        return new Split(slice(0, index), slice(index, size));
    }

    /**
     * Keras' {@code validation_split}: the last {@code fraction} of the samples, in their current
     * order, is the validation part. As in Keras, the training part has
     * {@code floor(size() * (1 - fraction))} samples and neither part may be empty. When the
     * samples are ordered (for example sorted by class), split at random with
     * {@link #split(double, long)} instead.
     *
     * @throws IllegalArgumentException when {@code fraction} is not in {@code (0, 1)} or leaves a
     *     part empty
     */
    public Split split(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction: expected a value in (0, 1), found " + fraction);
        }
        int at = (int) Math.floor(size * (1.0 - fraction));
        if (at == 0 || at == size) {
            throw new IllegalArgumentException("fraction: " + fraction + " of " + size + " samples leaves "
                    + at + " for training and " + (size - at) + " for validation; both need at least 1"
                    + " (use more data or another fraction)");
        }
        return splitAt(at);
    }

    /**
     * A random split, as scikit-learn's {@code train_test_split(shuffle=True)} and PyTorch's
     * {@code random_split}: the samples in a random order drawn from {@code seed}
     * ({@link #shuffled}), then {@link #split(double)} of that order. The parts are disjoint, hold
     * every sample between them, have the sizes {@code split(fraction)} gives, and are the same for
     * the same seed. Both are views: no sample is copied (the order costs one {@code int} per
     * sample), and a weighted sample keeps its weight.
     *
     * <p>For a time series this leaks the future into training (a validation window's neighbours,
     * which overlap it, are training windows); split series in time order with
     * {@link Windows#split(double, double, Scaler)}.
     *
     * @throws IllegalArgumentException as {@link #split(double)}
     */
    public Split split(double fraction, long seed) {
        return shuffled(seed).split(fraction);
    }

    /**
     * This dataset with its samples in a random order drawn from {@code seed}, every permutation
     * equally likely; the same seed gives the same order. A view: the samples are not copied, only
     * their order is kept (one {@code int} per sample, and the sample weights, if any, one
     * {@code float} per sample, in the new order). Batches shuffle each epoch without this;
     * it is for taking a random part of ordered data ({@link #split(double, long)}).
     */
    public Dataset shuffled(long seed) {
        int[] order = Batches.identity(size);
        Batches.shuffle(order, new SplittableRandom(seed));
        float[] ws = weights == null ? null : new float[size];
        for (int i = 0; i < size; i++) {
            if (ws != null) {
                ws[i] = weights[weightStart + order[i]];
            }
            order[i] = row(order[i]);
        }
        return new Dataset(x, y, ws, 0, order, 0, size, features, stride, targets);
    }

    /** Batches over this dataset; see {@link Batches#Batches(Dataset, int, boolean, long)}. */
    public Batches batches(int batchSize, boolean shuffle, long seed) {
        return new Batches(this, batchSize, shuffle, seed);
    }

    /**
     * Copies sample {@code sample} into row {@code row} of {@code xs}, {@code ys} and, when the
     * samples are weighted, {@code ws}.
     */
    void copyRow(int sample, float[] xs, float[] ys, float[] ws, int row) {
        int from = row(sample);
        System.arraycopy(x, from * stride, xs, row * features, features);
        System.arraycopy(y, from * targets, ys, row * targets, targets);
        if (weights != null) {
            ws[row] = weights[weightStart + sample];
        }
    }

    /** Copies {@code count} consecutive samples from {@code sample} into the first rows of {@code xs}, {@code ys} and {@code ws}. */
    void copyRows(int sample, int count, float[] xs, float[] ys, float[] ws) {
        gatherInputs(sample, count, xs);
        gatherTargets(sample, count, ys);
        if (weights != null) {
            // weights are kept in this dataset's order, shuffled or not
            System.arraycopy(weights, weightStart + sample, ws, 0, count);
        }
    }

    /** Copies the inputs of {@code count} consecutive samples from {@code sample} into the first rows of {@code xs}. */
    private void gatherInputs(int sample, int count, float[] xs) {
        if (rows == null && stride == features) {
            // rows follow each other: one copy
            System.arraycopy(x, (start + sample) * stride, xs, 0, count * features);
        } else {
            for (int i = 0; i < count; i++) {
                System.arraycopy(x, row(sample + i) * stride, xs, i * features, features);
            }
        }
    }

    /** Copies the targets of {@code count} consecutive samples from {@code sample} into the first rows of {@code ys}. */
    private void gatherTargets(int sample, int count, float[] ys) {
        if (rows == null) {
            System.arraycopy(y, (start + sample) * targets, ys, 0, count * targets);
        } else {
            for (int i = 0; i < count; i++) {
                System.arraycopy(y, row(sample + i) * targets, ys, i * targets, targets);
            }
        }
    }

    /** The row of {@code x} and {@code y} that holds sample {@code sample}. */
    private int row(int sample) {
        return rows == null ? start + sample : rows[start + sample];
    }

    @Override
    public String toString() {
        return "Dataset[" + size + " samples, " + features + " features, " + targets + " targets"
                + (weights == null ? "]" : ", weighted]");
    }

    /**
     * Two parts of a dataset, as views of it.
     *
     * @param train the first part
     * @param validation the second part
     */
    public record Split(Dataset train, Dataset validation) {

        /** Both parts, neither {@code null}. */
        public Split {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(validation, "validation");
        }
    }
}
