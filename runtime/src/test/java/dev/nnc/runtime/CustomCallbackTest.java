package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A callback as a user writes one: it changes the learning rate and stops training through its context. */
class CustomCallbackTest {

    /** Halves the learning rate at the start of every epoch after the first; stops after batch 1 of epoch 2. */
    static final class HalveThenStop implements Callback {
        private TrainingContext context;
        private int epoch;

        @Override
        public void onTrainBegin(TrainingContext context) {
            this.context = context;
        }

        @Override
        public void onEpochBegin(int epoch) {
            this.epoch = epoch;
            if (epoch > 0) {
                context.setLearningRate(context.learningRate() / 2);
            }
        }

        @Override
        public void onBatchEnd(int batch, float loss) {
            if (epoch == 2 && batch == 1) {
                context.stopTraining();
            }
        }
    }

    @Test
    void aUserCallbackChangesTheLearningRateAndStopsTraining() {
        List<Double> rates = new ArrayList<>();
        LinearModel model = new LinearModel(1, 1, 0.08) {
            @Override
            public float trainBatch(float[] x, float[] y, float[] w, int n) {
                rates.add(learningRate());
                return super.trainBatch(x, y, w, n);
            }
        };
        // 9 samples in batches of 3: three steps per epoch, out of 10 epochs asked for
        History history = Trainer.fit(model, TrainerTest.indexed(9), FitOptions.epochs(10).batchSize(3)
                .callbacks(new HalveThenStop()).verbose(false));

        assertEquals(List.of(0.08, 0.08, 0.08, 0.04, 0.04, 0.04, 0.02, 0.02), rates);
        assertEquals(3, history.epochs(), "the stopped epoch still ends and is recorded");
        assertEquals(8, model.steps());
        assertEquals(0.02, model.learningRate());
    }
}
