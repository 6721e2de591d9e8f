package dev.nnc.runtime;

import java.util.List;
import java.util.Map;

/** Calls the hooks of several callbacks in order; an array, so the batch hooks allocate nothing. */
final class CallbackList implements Callback {

    private final Callback[] callbacks;

    CallbackList(List<Callback> callbacks) {
        this.callbacks = callbacks.toArray(new Callback[0]);
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        for (Callback callback : callbacks) {
            callback.onTrainBegin(context);
        }
    }

    @Override
    public void onTrainEnd() {
        for (Callback callback : callbacks) {
            callback.onTrainEnd();
        }
    }

    @Override
    public void onEpochBegin(int epoch) {
        for (Callback callback : callbacks) {
            callback.onEpochBegin(epoch);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        for (Callback callback : callbacks) {
            callback.onEpochEnd(epoch, logs);
        }
    }

    @Override
    public void onBatchBegin(int batch) {
        for (Callback callback : callbacks) {
            callback.onBatchBegin(batch);
        }
    }

    @Override
    public void onBatchEnd(int batch, float loss) {
        for (Callback callback : callbacks) {
            callback.onBatchEnd(batch, loss);
        }
    }
}
