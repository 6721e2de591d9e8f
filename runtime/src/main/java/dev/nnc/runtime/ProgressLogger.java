package dev.nnc.runtime;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Prints one line per epoch, as Keras' progress logger ends each epoch:
 * <pre>
 * Epoch 3/500 - 2ms - loss: 0.6931 - accuracy: 0.5000 - val_loss: 0.7012
 * </pre>
 * The time is the epoch's wall time (training, metrics and validation). Values print with 4
 * decimals, or in scientific notation when their magnitude is at most 1e-3 ({@code 1.2340e-05}),
 * as Keras formats them; NaN prints as {@code NaN}. {@link Trainer#fit} adds one after the other
 * callbacks when {@link FitOptions#progress()} is set.
 */
public final class ProgressLogger implements Callback {

    private final PrintStream out;
    private int epochs;
    private long epochStart;

    /** Prints to {@code out}. */
    public ProgressLogger(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        epochs = context.epochs();
    }

    @Override
    public void onEpochBegin(int epoch) {
        epochStart = System.nanoTime();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        out.println(line(epoch + 1, epochs, System.nanoTime() - epochStart, logs));
    }

    /** The line for epoch {@code epoch} (from 1) of {@code epochs}, which took {@code nanos}. */
    static String line(int epoch, int epochs, long nanos, Map<String, Double> logs) {
        StringBuilder line = new StringBuilder(32 + 24 * logs.size());
        line.append("Epoch ").append(epoch).append('/').append(epochs).append(" - ").append(duration(nanos));
        for (Map.Entry<String, Double> entry : logs.entrySet()) {
            Double value = entry.getValue();
            line.append(" - ").append(entry.getKey()).append(": ")
                    .append(value == null ? "NaN" : format(value));
        }
        return line.toString();
    }

    /** {@code 2ms} under a second, {@code 3s} from there. */
    static String duration(long nanos) {
        long millis = nanos / 1_000_000;
        return millis < 1000 ? millis + "ms" : Math.round(millis / 1000.0) + "s";
    }

    /** A logged value as Keras prints it: {@code 0.6931}, or {@code 1.2340e-05} when {@code |v| <= 1e-3}. */
    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        return Math.abs(value) > 1e-3
                ? String.format(Locale.ROOT, "%.4f", value)
                : String.format(Locale.ROOT, "%.4e", value);
    }
}
