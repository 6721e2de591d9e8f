package dev.nnc.runtime;

import java.util.Locale;
import java.util.Map;

/**
 * The text {@link ProgressBar} shows, in the forms of Keras 2's {@code Progbar}: the bar
 * {@code 12/40 [========>.....................]}, the time left {@code ETA: 3s}, the epoch's time
 * {@code 2s 50ms/step}, and logged values {@code loss: 0.1234}.
 */
final class ProgressText {

    /** Characters between the brackets of the bar, Keras' default width. */
    static final int BAR_WIDTH = 30;

    private ProgressText() {}

    /**
     * The line printed for an epoch when the bar is not live:
     * {@code Epoch 3/20 - 2s 50ms/step - loss: 0.1234 - val_loss: 0.2345}.
     */
    static String epochLine(int epoch, int epochs, long nanos, long stepNanos, Map<String, Double> logs) {
        StringBuilder line = new StringBuilder(32 + 24 * logs.size());
        line.append("Epoch ").append(epoch).append('/').append(epochs);
        appendSummary(line, nanos, stepNanos, logs);
        return line.toString();
    }

    /** {@code " - 2s 50ms/step - loss: 0.1234 - val_loss: 0.2345"}: how long the epoch took and its logs. */
    static void appendSummary(StringBuilder line, long nanos, long stepNanos, Map<String, Double> logs) {
        line.append(" - ").append(duration(nanos)).append(' ').append(stepTime(stepNanos)).append("/step");
        for (Map.Entry<String, Double> entry : logs.entrySet()) {
            Double value = entry.getValue();
            appendValue(line, entry.getKey(), value == null ? Double.NaN : value);
        }
    }

    /** {@code " - loss: 0.1234"}. */
    static void appendValue(StringBuilder line, String name, double value) {
        line.append(" - ").append(name).append(": ").append(value(value));
    }

    /**
     * {@code 12/40 [========>.....................]}: the count right-aligned to the width of
     * {@code total}, then {@code int(30 * done / total)} cells filled, the last one {@code >} until
     * the epoch is done, as Keras draws it; {@code 12/Unknown} when the number of batches is not known (0).
     */
    static void appendBar(StringBuilder line, int done, int total) {
        if (total < 1) {
            line.append(done).append("/Unknown");
            return;
        }
        String count = Integer.toString(done);
        for (int pad = Integer.toString(total).length() - count.length(); pad > 0; pad--) {
            line.append(' ');
        }
        line.append(count).append('/').append(total).append(" [");
        int filled = (int) ((long) BAR_WIDTH * done / total);
        for (int i = 1; i < filled; i++) {
            line.append('=');
        }
        if (filled > 0) {
            line.append(done < total ? '>' : '=');
        }
        for (int i = filled; i < BAR_WIDTH; i++) {
            line.append('.');
        }
        line.append(']');
    }

    /** {@code 45s}, {@code 2:05} from a minute, {@code 1:02:05} from an hour; whole seconds, rounded down. */
    static void appendEta(StringBuilder line, long nanos) {
        long seconds = nanos / 1_000_000_000L;
        if (seconds >= 3600) {
            line.append(seconds / 3600).append(':');
            appendTwoDigits(line, seconds % 3600 / 60);
            line.append(':');
            appendTwoDigits(line, seconds % 60);
        } else if (seconds >= 60) {
            line.append(seconds / 60).append(':');
            appendTwoDigits(line, seconds % 60);
        } else {
            line.append(seconds).append('s');
        }
    }

    private static void appendTwoDigits(StringBuilder line, long value) {
        line.append(value < 10 ? "0" : "").append(value);
    }

    /** An epoch's time: {@code 2ms} under a second (rounded down), {@code 3s} from there (rounded). */
    static String duration(long nanos) {
        long millis = nanos / 1_000_000;
        return millis < 1000 ? millis + "ms" : Math.round(millis / 1000.0) + "s";
    }

    /** A step's time as Keras gives it, rounded: {@code 3s} from a second (and for 0), else {@code 50ms}, else {@code 120us}. */
    static String stepTime(long nanos) {
        if (nanos == 0 || nanos >= 1_000_000_000L) {
            return Math.round(nanos / 1e9) + "s";
        }
        return nanos >= 1_000_000 ? Math.round(nanos / 1e6) + "ms" : Math.round(nanos / 1e3) + "us";
    }

    /**
     * A logged value as Keras prints it: {@code 0.6931}, or {@code 1.2340e-05} when
     * {@code |value| <= 1e-3}; Python's {@code nan}, {@code inf} and {@code -inf} for the others.
     */
    static String value(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, Math.abs(value) > 1e-3 ? "%.4f" : "%.4e", value);
    }
}
