package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TerminateOnNaNTest {

    /** A linear model whose {@code bad}-th training batch (from 1) reports {@code loss}. */
    private static LinearModel failingAt(int bad, float loss) {
        return new LinearModel(1, 1, 0.01) {
            private int calls;

            @Override
            public float trainBatch(float[] x, float[] y, float[] w, int n) {
                float real = super.trainBatch(x, y, w, n);
                return ++calls == bad ? loss : real;
            }
        };
    }

    @Test
    void stopsAfterTheFirstNaNBatchAndTheEpochStillEnds() {
        // 9 samples in batches of 3: batches 1-3 are epoch 0, batch 5 is epoch 1's second
        LinearModel model = failingAt(5, Float.NaN);
        TerminateOnNaN terminate = new TerminateOnNaN();
        History history = Trainer.fit(model, TrainerTest.indexed(9), FitOptions.epochs(6).batchSize(3)
                .callbacks(terminate).verbose(false));
        assertEquals(1, terminate.stoppedEpoch());
        assertEquals(1, terminate.stoppedBatch());
        assertTrue(Float.isNaN(terminate.stoppedLoss()));
        assertEquals(5, model.steps(), "no batch runs after the NaN one");
        assertEquals(2, history.epochs(), "epoch 1 ends with its logs");
        assertTrue(Double.isNaN(history.get("loss")[1]));
    }

    @Test
    void anInfiniteLossStopsToo() {
        LinearModel model = failingAt(1, Float.NEGATIVE_INFINITY);
        TerminateOnNaN terminate = new TerminateOnNaN();
        Trainer.fit(model, TrainerTest.indexed(9), FitOptions.epochs(6).batchSize(3).callbacks(terminate).verbose(false));
        assertEquals(0, terminate.stoppedEpoch());
        assertEquals(0, terminate.stoppedBatch());
        assertEquals(Float.NEGATIVE_INFINITY, terminate.stoppedLoss());
        assertEquals(1, model.steps());
    }

    @Test
    void finiteLossesRunEveryEpochAndAReusedInstanceStartsOver() {
        TerminateOnNaN terminate = new TerminateOnNaN();
        Trainer.fit(failingAt(2, Float.NaN), TrainerTest.indexed(9), FitOptions.epochs(2).batchSize(3)
                .callbacks(terminate).verbose(false));
        assertEquals(1, terminate.stoppedBatch());

        LinearModel model = new LinearModel(1, 1, 0.01);
        History history = Trainer.fit(model, TrainerTest.indexed(9), FitOptions.epochs(4).batchSize(3)
                .callbacks(terminate).verbose(false));
        assertEquals(4, history.epochs());
        assertEquals(12, model.steps());
        assertEquals(-1, terminate.stoppedEpoch());
        assertEquals(-1, terminate.stoppedBatch());
    }

    @Test
    void theBatchCheckAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        TerminateOnNaN terminate = new TerminateOnNaN();
        TrainingContext context = new TrainingContext(new LinearModel(1, 1, 0.01), 1, 1);
        terminate.onTrainBegin(context);
        // the first rounds may see the JIT's own bookkeeping; an allocation per call would cost
        // every round at least 1.6 MB, so one round of 0 bytes shows there is none
        long fewest = Long.MAX_VALUE;
        for (int round = 0; round < 10 && fewest > 0; round++) {
            threads.getCurrentThreadAllocatedBytes();
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                terminate.onBatchEnd(i, i * 0.5f);
            }
            fewest = Math.min(fewest, threads.getCurrentThreadAllocatedBytes() - before);
        }
        assertEquals(0, fewest, "bytes allocated by 100,000 onBatchEnd calls");
        assertFalse(context.isStopRequested());
    }
}
