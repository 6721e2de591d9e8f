package dev.nnc.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link Trainer#fit} returns: every value logged at the end of each epoch, as one series per
 * name ({@code loss}, each metric, {@code val_loss}, {@code val_} metrics, and whatever callbacks
 * add), in the order the names first appeared. Every series has {@link #epochs()} values; a name
 * that is missing in some epoch (one a callback logs only sometimes) is NaN there.
 */
public final class History {

    private final Map<String, double[]> series = new LinkedHashMap<>();
    private int epochs;

    /** An empty history; {@link Trainer} fills it through {@link #record}. */
    public History() {}

    /** Appends one epoch's logs. */
    public void record(Map<String, Double> logs) {
        Objects.requireNonNull(logs, "logs");
        for (String key : logs.keySet()) {
            series.computeIfAbsent(key, k -> nans(Math.max(epochs, 8)));
        }
        for (Map.Entry<String, double[]> entry : series.entrySet()) {
            double[] values = entry.getValue();
            if (values.length == epochs) {
                values = Arrays.copyOf(values, epochs * 2);
                Arrays.fill(values, epochs, values.length, Double.NaN);
                entry.setValue(values);
            }
            Double value = logs.get(entry.getKey());
            values[epochs] = value == null ? Double.NaN : value;
        }
        epochs++;
    }

    private static double[] nans(int length) {
        double[] values = new double[length];
        Arrays.fill(values, Double.NaN);
        return values;
    }

    /** Epochs recorded. */
    public int epochs() {
        return epochs;
    }

    /** The names recorded, in the order they first appeared. */
    public List<String> keys() {
        return List.copyOf(series.keySet());
    }

    /** Whether {@code key} was recorded. */
    public boolean contains(String key) {
        return series.containsKey(key);
    }

    /**
     * A copy of the series of {@code key}, one value per epoch.
     *
     * @throws IllegalArgumentException listing the recorded names when {@code key} is not one
     */
    public double[] get(String key) {
        return Arrays.copyOf(values(key), epochs);
    }

    /** The series of {@code key} as a list, one value per epoch. */
    public List<Double> list(String key) {
        double[] values = values(key);
        List<Double> list = new ArrayList<>(epochs);
        for (int i = 0; i < epochs; i++) {
            list.add(values[i]);
        }
        return list;
    }

    /** The value of {@code key} at the last epoch. */
    public double last(String key) {
        double[] values = values(key);
        if (epochs == 0) {
            throw new IllegalStateException("no epoch recorded yet");
        }
        return values[epochs - 1];
    }

    /** Each name with its series, in order. */
    public Map<String, double[]> asMap() {
        Map<String, double[]> copy = new LinkedHashMap<>();
        for (String key : series.keySet()) {
            copy.put(key, get(key));
        }
        return copy;
    }

    private double[] values(String key) {
        double[] values = series.get(key);
        if (values == null) {
            throw new IllegalArgumentException("key: no series '" + key + "' in the history; it has " + keys());
        }
        return values;
    }

    /**
     * The history as comma-separated text: a header {@code epoch,} then the names in the order
     * they were logged, and one row per epoch, the epoch counted from 0 ({@link CsvLogger} writes
     * Keras' file, with the names sorted, while training runs).
     * Values are written as Python writes them ({@code 0.1}, {@code 1e-05}, {@code nan},
     * {@code inf}, {@code -inf}: the shortest text that reads back exactly, in pandas, Python's
     * {@code float()} and Java's {@code Double.parseDouble}); a value missing in an epoch is NaN. A name holding a comma, a quote or a line break is quoted.
     * Lines end with {@code \n}.
     *
     * <pre>
     * epoch,loss,val_loss,learning_rate
     * 0,0.6931471805599453,0.7,0.01
     * 1,nan,0.65,0.01
     * </pre>
     */
    public String toCsv() {
        StringBuilder csv = new StringBuilder(16 * (epochs + 1) * (series.size() + 1));
        csv.append("epoch");
        for (String key : series.keySet()) {
            csv.append(',').append(Csv.field(key, ','));
        }
        csv.append('\n');
        for (int epoch = 0; epoch < epochs; epoch++) {
            csv.append(epoch);
            for (double[] values : series.values()) {
                csv.append(',').append(FormatSpec.str(values[epoch]));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    /** One line per name: its first and last values, for example {@code loss: 0.6931 -> 0.0123}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("History (").append(epochs).append(epochs == 1 ? " epoch)" : " epochs)");
        for (Map.Entry<String, double[]> entry : series.entrySet()) {
            double[] values = entry.getValue();
            text.append(String.format(Locale.ROOT, "%n  %s: %s -> %s", entry.getKey(),
                    ProgressText.value(values[0]), ProgressText.value(values[epochs - 1])));
        }
        return text.toString();
    }
}
