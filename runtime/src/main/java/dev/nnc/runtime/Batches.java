package dev.nnc.runtime;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Mini-batches over a {@link Dataset}, epoch after epoch, in the flat layout models take.
 *
 * <p>Each epoch visits every sample exactly once, in batches of {@code batchSize} samples; the
 * last batch holds what is left and may be smaller (as in Keras). With shuffling, the order is a
 * permutation of sample indices reshuffled in place at the start of each epoch by a
 * {@link SplittableRandom} seeded once, so the same seed gives the same sequence of epochs. Rows
 * are gathered into buffers allocated once, at construction: the dataset is never copied and
 * nothing is allocated per epoch or per batch.
 *
 * <pre>{@code
 * Batches batches = new Batches(train, 32, true, 42);
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     batches.startEpoch();
 *     while (batches.next()) {
 *         model.trainBatch(batches.inputs(), batches.targets(), batches.sampleWeights(), batches.size());
 *     }
 * }
 * }</pre>
 *
 * The buffers are overwritten by each {@link #next()}; an instance is not thread-safe.
 */
public final class Batches {

    private final Dataset data;
    private final int batchSize;
    private final SplittableRandom random;
    private final int[] order;
    private final float[] inputs;
    private final float[] targets;
    private final float[] weights;
    private int position;
    private int batch;
    private int size;

    /**
     * Batches of {@code batchSize} samples of {@code data}, in a new random order each epoch drawn
     * from {@code seed} when {@code shuffle} is set, else in the dataset's order.
     *
     * @throws IllegalArgumentException when {@code batchSize} is less than 1, or a batch of it is
     *     more values than an array holds (overlapping {@link Windows}, whose dataset holds far
     *     fewer)
     */
    public Batches(Dataset data, int batchSize, boolean shuffle, long seed) {
        this.data = Objects.requireNonNull(data, "data");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: expected at least 1, found " + batchSize);
        }
        this.batchSize = batchSize;
        this.random = shuffle ? new SplittableRandom(seed) : null;
        this.order = shuffle ? identity(data.size()) : null;
        int rows = Math.min(batchSize, data.size());
        this.inputs = new float[Checks.arrayLength("batchSize", rows, data.features())];
        this.targets = new float[Checks.arrayLength("batchSize", rows, data.targets())];
        this.weights = data.hasSampleWeights() ? new float[rows] : null;
        this.position = data.size();
        this.batch = -1;
    }

    /** Batches per epoch: {@code ceil(size / batchSize)}. */
    public int batchCount() {
        return count(data.size(), batchSize);
    }

    /** {@code ceil(samples / batchSize)} batches, for any batch size: {@code samples + batchSize - 1} would overflow. */
    static int count(int samples, int batchSize) {
        return samples == 0 ? 0 : (samples - 1) / batchSize + 1;
    }

    /** The largest number of samples in a batch. */
    public int batchSize() {
        return batchSize;
    }

    /** The dataset batched. */
    public Dataset dataset() {
        return data;
    }

    /**
     * Starts an epoch: the next {@link #next()} returns its first batch. With shuffling, draws the
     * epoch's order. Call it before each epoch, the first included; until then there are no batches.
     */
    public void startEpoch() {
        if (random != null) {
            shuffle(order, random);
        }
        position = 0;
        batch = -1;
        size = 0;
    }

    /**
     * Gathers the next batch of the epoch into {@link #inputs()}, {@link #targets()} and
     * {@link #sampleWeights()}; false when the epoch is done.
     */
    public boolean next() {
        int remaining = data.size() - position;
        if (remaining <= 0) {
            size = 0;
            return false;
        }
        size = Math.min(batchSize, remaining);
        if (order == null) {
            data.copyRows(position, size, inputs, targets, weights);
        } else {
            for (int row = 0; row < size; row++) {
                data.copyRow(order[position + row], inputs, targets, weights, row);
            }
        }
        position += size;
        batch++;
        return true;
    }

    /** Index of the current batch within the epoch, from 0. */
    public int index() {
        return batch;
    }

    /** Samples in the current batch. */
    public int size() {
        return size;
    }

    /** The current batch's inputs, row-major {@code [size()][features]}; rows past {@link #size()} are stale. */
    public float[] inputs() {
        return inputs;
    }

    /** The current batch's targets, row-major {@code [size()][targets]}; rows past {@link #size()} are stale. */
    public float[] targets() {
        return targets;
    }

    /**
     * The current batch's sample weights, {@code [size()]}, or null when the dataset has none (as
     * models take them); rows past {@link #size()} are stale.
     */
    public float[] sampleWeights() {
        return weights;
    }

    /** The dataset index of row {@code row} of the current batch. */
    public int sample(int row) {
        Objects.checkIndex(row, size);
        int at = position - size + row;
        return order == null ? at : order[at];
    }

    static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** Fisher-Yates: every permutation equally likely. */
    static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}
