package dev.nnc.runtime;

/**
 * A copy of a model's parameters in one buffer that each {@link #copyFrom} refills, for callbacks
 * that keep or inspect the weights once per epoch ({@link EarlyStopping}, {@link ModelCheckpoint})
 * without allocating a new array each time.
 */
final class ParameterCopy {

    private float[] values;
    private boolean taken;

    /** Copies the parameters of {@code model}; the buffer is allocated on first use and when their count changes. */
    void copyFrom(Model model) {
        if (values == null || values.length != model.parameterCount()) {
            values = model.snapshot();
        } else {
            model.readParameters(values);
        }
        taken = true;
    }

    /** Whether a copy was taken since the last {@link #clear}. */
    boolean isTaken() {
        return taken;
    }

    /** Whether every value of the copy is finite: a diverged model's are not, and models refuse such weights. */
    boolean isFinite() {
        for (float value : values) {
            if (!Float.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    /** The copy itself, for a reader that does not keep it ({@link Weights#save(Predictor, float[], java.nio.file.Path, SaveOptions)}). */
    float[] values() {
        return values;
    }

    /** Writes the copy back into {@code model}. */
    void restoreInto(Model model) {
        model.restore(values);
    }

    /** Forgets the copy; the buffer stays for the next one. */
    void clear() {
        taken = false;
    }
}
