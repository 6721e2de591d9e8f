package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchesTest {

    /**
     * Epochs run before allocation is measured, so that it is measured in compiled code, after
     * warm-up. Measured after two, a JDK 25 run once counted 368 bytes (not seen in three reruns).
     */
    private static final int WARM_UP_EPOCHS = 1_000;

    /** The samples of one epoch in visiting order, checking each batch's rows on the way. */
    private static int[] epoch(Batches batches, List<Integer> sizes) {
        return epoch(batches, sizes, 0);
    }

    /** As above, for a view whose sample i holds the values of sample i + offset of {@link DatasetTest#indexed}. */
    private static int[] epoch(Batches batches, List<Integer> sizes, int offset) {
        Dataset data = batches.dataset();
        int[] visited = new int[data.size()];
        int count = 0;
        batches.startEpoch();
        int expectedIndex = 0;
        while (batches.next()) {
            assertEquals(expectedIndex++, batches.index());
            sizes.add(batches.size());
            for (int r = 0; r < batches.size(); r++) {
                int sample = (int) batches.inputs()[2 * r];
                // the row holds that sample's features and its own target
                assertEquals(-sample, batches.inputs()[2 * r + 1]);
                assertEquals(10f * sample, batches.targets()[r]);
                assertEquals(sample - offset, batches.sample(r));
                visited[count++] = sample;
            }
        }
        assertEquals(data.size(), count);
        return visited;
    }

    private static void assertPermutation(int[] order) {
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i], "every sample exactly once: " + Arrays.toString(order));
        }
    }

    @Test
    void everySampleOnceAndAPartialLastBatch() {
        Batches batches = new Batches(DatasetTest.indexed(10), 4, true, 1);
        assertEquals(3, batches.batchCount());
        for (int e = 0; e < 3; e++) {
            List<Integer> sizes = new ArrayList<>();
            assertPermutation(epoch(batches, sizes));
            assertEquals(List.of(4, 4, 2), sizes);
        }
    }

    @Test
    void withoutShufflingBatchesFollowTheDatasetOrder() {
        Batches batches = new Batches(DatasetTest.indexed(7).slice(2, 7), 2, false, 0);
        for (int e = 0; e < 2; e++) {
            List<Integer> sizes = new ArrayList<>();
            assertArrayEquals(new int[] {2, 3, 4, 5, 6}, epoch(batches, sizes, 2));
            assertEquals(List.of(2, 2, 1), sizes);
        }
    }

    @Test
    void shufflesDifferBetweenEpochsAndRepeatWithTheSeed() {
        Batches a = new Batches(DatasetTest.indexed(50), 8, true, 42);
        Batches b = new Batches(DatasetTest.indexed(50), 8, true, 42);
        Batches other = new Batches(DatasetTest.indexed(50), 8, true, 43);
        List<Integer> ignored = new ArrayList<>();
        int[] a1 = epoch(a, ignored);
        int[] a2 = epoch(a, ignored);
        int[] b1 = epoch(b, ignored);
        int[] b2 = epoch(b, ignored);
        int[] o1 = epoch(other, ignored);

        assertFalse(Arrays.equals(a1, a2), "a new order each epoch");
        assertFalse(Arrays.equals(a1, identity(50)), "shuffled");
        assertArrayEquals(a1, b1, "same seed, same first epoch");
        assertArrayEquals(a2, b2, "same seed, same second epoch");
        assertFalse(Arrays.equals(a1, o1), "another seed, another order");
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        return order;
    }

    @Test
    void noBatchesBeforeTheFirstEpochStarts() {
        Batches batches = new Batches(DatasetTest.indexed(3), 2, true, 0);
        assertFalse(batches.next());
        batches.startEpoch();
        assertTrue(batches.next());
    }

    @Test
    void aBatchLargerThanTheDataIsOneBatchOfEverything() {
        Batches batches = new Batches(DatasetTest.indexed(5), 1000, false, 0);
        assertEquals(1, batches.batchCount());
        assertEquals(5 * 2, batches.inputs().length, "buffers sized by the data, not the batch size");
        List<Integer> sizes = new ArrayList<>();
        epoch(batches, sizes);
        assertEquals(List.of(5), sizes);
    }

    @Test
    void batchSizeMustBePositive() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Batches(DatasetTest.indexed(5), 0, true, 0));
        assertEquals("batchSize: expected at least 1, found 0", e.getMessage());
    }

    @Test
    void sampleWeightsAreGatheredWithTheirRows() {
        float[] weights = new float[23];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = 0.5f * i;
        }
        for (boolean shuffle : new boolean[] {false, true}) {
            Batches batches = new Batches(DatasetTest.indexed(23).withSampleWeights(weights), 5, shuffle, 9);
            batches.startEpoch();
            while (batches.next()) {
                for (int r = 0; r < batches.size(); r++) {
                    assertEquals(0.5f * batches.inputs()[2 * r], batches.sampleWeights()[r]);
                }
            }
        }
        assertNull(new Batches(DatasetTest.indexed(3), 2, false, 0).sampleWeights());
    }

    @Test
    void epochsAllocateNothing() {
        Batches batches = new Batches(DatasetTest.indexed(100), 7, true, 3);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        runEpochs(batches, WARM_UP_EPOCHS);
        threads.getCurrentThreadAllocatedBytes();
        long before = threads.getCurrentThreadAllocatedBytes();
        float checksum = runEpochs(batches, 20);
        long after = threads.getCurrentThreadAllocatedBytes();
        assertEquals(0, after - before, "bytes allocated by 20 epochs");
        assertEquals(20 * 4950f, checksum, "every sample each epoch");
    }

    @Test
    void epochsOverWindowsAllocateNothing() {
        // 200 steps of 2 values, step t's first value t; 200 - 5 windows of 5 steps, from each t in 0..194
        float[] series = new float[400];
        for (int t = 0; t < 200; t++) {
            series[2 * t] = t;
            series[2 * t + 1] = -t;
        }
        Dataset windows = Windows.of(series, 2).lookback(5).targets(0).dataset();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (boolean shuffle : new boolean[] {false, true}) {
            Batches batches = new Batches(windows, 7, shuffle, 3);
            runEpochs(batches, WARM_UP_EPOCHS);
            threads.getCurrentThreadAllocatedBytes();
            long before = threads.getCurrentThreadAllocatedBytes();
            float checksum = runEpochs(batches, 20);
            long after = threads.getCurrentThreadAllocatedBytes();
            assertEquals(0, after - before, "bytes allocated by 20 epochs, shuffle " + shuffle);
            // each epoch sums the first value of every window: 0 + 1 + ... + 194
            assertEquals(20 * (194 * 195 / 2f), checksum, "every window each epoch, shuffle " + shuffle);
        }
    }

    /** The sum of every sample's first feature over {@code epochs} epochs. */
    private static float runEpochs(Batches batches, int epochs) {
        int features = batches.dataset().features();
        float sum = 0;
        for (int e = 0; e < epochs; e++) {
            batches.startEpoch();
            while (batches.next()) {
                for (int r = 0; r < batches.size(); r++) {
                    sum += batches.inputs()[r * features];
                }
            }
        }
        return sum;
    }

    @Test
    void aBatchSizeBeyondTheDataIsOneBatch() {
        // ceil(size / batchSize) computed as (size + batchSize - 1) / batchSize wraps around for a large batch size
        Batches batches = new Batches(DatasetTest.indexed(10), Integer.MAX_VALUE, false, 0);
        assertEquals(1, batches.batchCount());
        List<Integer> sizes = new ArrayList<>();
        epoch(batches, sizes);
        assertEquals(List.of(10), sizes);
        TrainingContext context = TrainingContext.of(new LinearModel(2, 1, 0.1), 1, 10, Integer.MAX_VALUE);
        assertEquals(1, context.batchesPerEpoch());
        assertEquals(10, context.batchSize(0));
    }

    @Test
    void aBatchOfWindowsTooLargeForAnArrayIsRefusedBeforeAllocating() {
        // 50000 overlapping windows of 50000 steps view one series; gathered into one batch they would need 2.5e9 values
        Dataset windows = Windows.of(new float[100_000], 1).lookback(50_000).dataset();
        var e = assertThrows(IllegalArgumentException.class, () -> new Batches(windows, Integer.MAX_VALUE, false, 0));
        assertEquals("batchSize: 50000 x 50000 = 2500000000 values, more than an array holds (2147483639)", e.getMessage());
    }
}
