package dev.nnc.runtime;

import java.util.List;
import java.util.Map;

/**
 * Calls the hooks of several callbacks in order; an array, so the batch hooks allocate nothing.
 * Training ends for every callback whose training began, even when one of them fails to end it.
 */
final class CallbackList implements Callback {

    private final Callback[] callbacks;
    /** How many callbacks' {@code onTrainBegin} returned: those, and only those, get {@code onTrainEnd}. */
    private int begun;

    CallbackList(List<Callback> callbacks) {
        this.callbacks = callbacks.toArray(new Callback[0]);
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        begun = 0;
        for (Callback callback : callbacks) {
            callback.onTrainBegin(context);
            begun++;
        }
    }

    /** Ends every callback that began, in order; the first failure is thrown with the others suppressed in it. */
    @Override
    public void onTrainEnd() {
        RuntimeException failure = null;
        for (int i = 0; i < begun; i++) {
            try {
                callbacks[i].onTrainEnd();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        begun = 0;
        if (failure != null) {
            throw failure;
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
