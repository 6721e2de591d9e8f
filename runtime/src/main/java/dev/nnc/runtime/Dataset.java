package dev.nnc.runtime;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Samples to train or evaluate on: features {@code [size()][features()]} and targets
 * {@code [size()][targets()]}, stored as flat row-major {@code float[]}s as models take them.
 *
 * <p>A dataset is a view: {@link #slice}, {@link #splitAt} and {@link #split} share the arrays of
 * the dataset they come from and copy nothing. {@link #of(float[], int, float[], int)} wraps the
 * caller's arrays without copying them; do not change them while the dataset is in use.
 * {@link #of(float[][], float[][])} copies. Every value is checked to be finite when a dataset is
 * made, so a NaN is reported with its sample instead of surfacing as a NaN loss.
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
    private final int start;
    private final int size;
    private final int features;
    /**
     * Values of {@code x} from one sample's inputs to the next's: {@code features} when samples are
     * rows, less when they overlap. Sample {@code i}'s inputs start at {@code (start + i) * stride}.
     */
    private final int stride;
    private final int targets;

    private Dataset(float[] x, float[] y, int size, int features, int stride, int targets) {
        this(x, y, null, 0, 0, size, features, stride, targets);
    }

    private Dataset(float[] x, float[] y, float[] weights, int weightStart, int start, int size, int features,
            int stride, int targets) {
        this.x = x;
        this.y = y;
        this.weights = weights;
        this.weightStart = weightStart;
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
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length != y.length) {
            throw new IllegalArgumentException("y: expected " + x.length + " target rows, one per row of x, found "
                    + y.length);
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("x: expected at least 1 sample, found 0 (the width of a sample"
                    + " is taken from x[0]; use the flat factory for an empty dataset)");
        }
        int features = width("x", x);
        int targets = width("y", y);
        return new Dataset(flatten("x", x, features), flatten("y", y, targets), x.length, features, features, targets);
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

    private static int width(String argument, float[][] rows) {
        Objects.requireNonNull(rows[0], argument + "[0]");
        int width = rows[0].length;
        if (width == 0) {
            throw new IllegalArgumentException(argument + "[0]: expected at least 1 value per sample, found 0");
        }
        for (int i = 1; i < rows.length; i++) {
            Objects.requireNonNull(rows[i], argument + "[" + i + "]");
            if (rows[i].length != width) {
                throw new IllegalArgumentException(argument + "[" + i + "]: expected " + width
                        + " values like " + argument + "[0], found " + rows[i].length);
            }
        }
        return width;
    }

    private static float[] flatten(String argument, float[][] rows, int width) {
        float[] flat = new float[Math.multiplyExact(rows.length, width)];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < width; j++) {
                float value = rows[i][j];
                if (!Float.isFinite(value)) {
                    throw new IllegalArgumentException(argument + "[" + i + "][" + j + "] is " + value
                            + " (sample " + i + "); inputs and targets must be finite");
                }
                flat[i * width + j] = value;
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
        return x[(start + sample) * stride + index];
    }

    /** Target {@code index} of sample {@code sample}. */
    public float target(int sample, int index) {
        Objects.checkIndex(sample, size);
        Objects.checkIndex(index, targets);
        return y[(start + sample) * targets + index];
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
        return new Dataset(x, y, weights, 0, start, size, features, stride, targets);
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
        float[] copy = new float[size * features];
        copyInputs(0, size, copy);
        return copy;
    }

    /** A copy of the targets of this dataset, flat row-major {@code [size()][targets()]}. */
    public float[] copyTargets() {
        float[] copy = new float[size * targets];
        System.arraycopy(y, start * targets, copy, 0, copy.length);
        return copy;
    }

    /**
     * Samples {@code from} (inclusive) to {@code to} (exclusive), sharing this dataset's arrays.
     *
     * @throws IndexOutOfBoundsException when the range is not within {@code [0, size()]}
     */
    public Dataset slice(int from, int to) {
        Objects.checkFromToIndex(from, to, size);
        return new Dataset(x, y, weights, weightStart + from, start + from, to - from, features, stride, targets);
    }

    /** The first {@code index} samples and the rest, as two views. */
    public Split splitAt(int index) {
        Objects.checkIndex(index, size + 1);
        return new Split(slice(0, index), slice(index, size));
    }

    /**
     * Keras' {@code validation_split}: the last {@code fraction} of the samples, in their current
     * order, is the validation part. As in Keras, the training part has
     * {@code floor(size() * (1 - fraction))} samples and neither part may be empty. Shuffle first
     * with {@link #shuffled} when the samples are ordered (for example sorted by class).
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
     * A copy of this dataset with its samples in a random order drawn from {@code seed}. Unlike the
     * other views, this copies the samples: it is meant to be called once, before splitting, not
     * per epoch ({@link Batches} shuffles without copying). Overlapping windows become rows of
     * their own, each copied whole.
     */
    public Dataset shuffled(long seed) {
        int[] order = Batches.identity(size);
        Batches.shuffle(order, new SplittableRandom(seed));
        float[] xs = new float[size * features];
        float[] ys = new float[size * targets];
        float[] ws = weights == null ? null : new float[size];
        for (int i = 0; i < size; i++) {
            copyRow(order[i], xs, ys, ws, i);
        }
        return new Dataset(xs, ys, ws, 0, 0, size, features, features, targets);
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
        System.arraycopy(x, (start + sample) * stride, xs, row * features, features);
        System.arraycopy(y, (start + sample) * targets, ys, row * targets, targets);
        if (weights != null) {
            ws[row] = weights[weightStart + sample];
        }
    }

    /** Copies {@code count} consecutive samples from {@code sample} into the first rows of {@code xs}, {@code ys} and {@code ws}. */
    void copyRows(int sample, int count, float[] xs, float[] ys, float[] ws) {
        copyInputs(sample, count, xs);
        System.arraycopy(y, (start + sample) * targets, ys, 0, count * targets);
        if (weights != null) {
            System.arraycopy(weights, weightStart + sample, ws, 0, count);
        }
    }

    /** Copies the inputs of {@code count} consecutive samples from {@code sample} into the first rows of {@code xs}. */
    private void copyInputs(int sample, int count, float[] xs) {
        int from = (start + sample) * stride;
        if (stride == features) {
            // rows follow each other: one copy
            System.arraycopy(x, from, xs, 0, count * features);
        } else {
            for (int row = 0; row < count; row++) {
                System.arraycopy(x, from + row * stride, xs, row * features, features);
            }
        }
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

        public Split {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(validation, "validation");
        }
    }
}
