package dev.nnc.runtime;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fitted scaler in a weights file: its kind in the metadata ({@code scaler/<name>}, with any
 * settings as {@code scaler/<name>/<setting>}) and its statistics as {@code F64} tensors
 * {@code scaler/<name>/center}, {@code .../divisor} and {@code .../statistic}, one value per
 * feature. The runtime's scalers only: each is an {@link AffineScaler}.
 *
 * <p>A scaler's size is that of the data it was fitted on, not the model's: a table may be scaled
 * whole and split into inputs and targets after, or hold columns the model does not read. So a
 * load bounds the statistics by the heap instead, from the header, before it reads any: together
 * they take at most half of it ({@link #checkStatistics}).
 */
final class ScalerFiles {

    /** The metadata key of a scaler's kind, and the prefix of its other keys and tensors. */
    static final String PREFIX = "scaler/";

    private static final String[] STATISTICS = {"center", "divisor", "statistic"};

    private ScalerFiles() {}

    /**
     * Adds the fitted {@code scaler} called {@code name} to a file's tensors and metadata.
     *
     * @throws IllegalArgumentException when the name is empty or holds a {@code /}, or the scaler
     *     is not one of the runtime's
     * @throws IllegalStateException when it is not fitted
     */
    static void write(String name, Scaler scaler, Map<String, StoredTensor> tensors, Map<String, String> metadata) {
        if (name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("scaler name: expected a non-empty name without '/', found '" + name + "'");
        }
        if (!(scaler instanceof AffineScaler affine)) {
            throw new IllegalArgumentException("scaler '" + name + "': only the runtime's scalers (MinMaxScaler, StandardScaler,"
                    + " RobustScaler, MaxAbsScaler) can be saved, found " + scaler.getClass().getName());
        }
        double[][] statistics = {affine.fittedCenters(), affine.fittedDivisors(), affine.fittedStatistics()};
        metadata.put(PREFIX + name, scaler.getClass().getSimpleName());
        affine.settings().forEach((setting, value) -> metadata.put(PREFIX + name + "/" + setting, value));
        for (int i = 0; i < STATISTICS.length; i++) {
            tensors.put(PREFIX + name + "/" + STATISTICS[i], StoredTensor.f64(statistics[i], statistics[i].length));
        }
    }

    /** The names of the scalers a file's {@code metadata} declares, in its order: each key {@code scaler/<name>}. */
    static List<String> names(Map<String, String> metadata) {
        List<String> names = new ArrayList<>();
        for (String key : metadata.keySet()) {
            String name = key.startsWith(PREFIX) ? key.substring(PREFIX.length()) : "";
            if (!name.isEmpty() && !name.contains("/")) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Checks the statistics of the scalers that the header of {@code file} declares, before any is
     * read: each scaler has its three, of one dimension, in a float dtype, of one length (at least
     * 1); and together they take at most half of this JVM's heap ({@link Runtime#maxMemory()}) to
     * load, as their bytes in the file and 8 bytes a value as the scaler's doubles. The other half
     * is the model's, whose weights the same load reads, and the program's.
     *
     * @return the names of the statistics' tensors
     * @throws WeightsFormatException naming the scaler or the tensor, and the sizes
     */
    static Set<String> checkStatistics(SafeTensorsReader file) throws WeightsFormatException {
        String where = file.source();
        long heap = Runtime.getRuntime().maxMemory();
        long load = 0;
        Set<String> tensors = new HashSet<>();
        for (String name : names(file.metadata())) {
            String shown = Messages.excerpt(name);
            long[] lengths = new long[STATISTICS.length];
            boolean first = load == 0;
            for (int i = 0; i < STATISTICS.length; i++) {
                String tensor = PREFIX + name + "/" + STATISTICS[i];
                SafeTensorsReader.Entry entry = file.entries().get(tensor);
                if (entry == null) {
                    throw new WeightsFormatException(where + ": scaler '" + shown + "' has no tensor '" + Messages.excerpt(tensor) + "'");
                }
                if (entry.dimensions().length != 1) {
                    throw new WeightsFormatException(where + ": tensor '" + Messages.excerpt(tensor)
                            + "': expected one dimension, found shape " + entry.shape());
                }
                Weights.requireFloat(tensor, entry, where);
                lengths[i] = entry.dimensions()[0];
                // a float is 2 bytes at least, so 8 bytes a value is less than 2^62
                load = plus(load, plus(entry.end() - entry.begin(), (long) Double.BYTES * lengths[i]));
                tensors.add(tensor);
            }
            if (lengths[0] == 0 || lengths[1] != lengths[0] || lengths[2] != lengths[0]) {
                throw new WeightsFormatException(where + ": scaler '" + shown + "': expected center, divisor and statistic of one"
                        + " length, at least 1, found " + lengths[0] + ", " + lengths[1] + " and " + lengths[2]);
            }
            if (load > heap / 2) {
                throw new WeightsFormatException(where + ": scaler '" + shown + "': its statistics" + (first ? "" : ", with the"
                        + " scalers' before it,") + " take " + load + " bytes to load (" + STATISTICS.length + " x " + lengths[0]
                        + " values, their bytes in the file and 8 bytes a value as doubles), more than half of this JVM's heap of "
                        + heap + " bytes (Runtime.maxMemory())");
            }
        }
        return tensors;
    }

    /**
     * The scaler called {@code name} in {@code file}, whose metadata names its kind, and whose
     * statistics {@link #checkStatistics} has checked.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static Scaler read(String name, SafeTensors file) {
        String shown = Messages.excerpt(name);
        String kind = file.metadata().get(PREFIX + name);
        AffineScaler scaler = switch (kind) {
            case "MinMaxScaler" -> minMax(name, number(file, name, "feature_range_min"), number(file, name, "feature_range_max"));
            case "StandardScaler" -> new StandardScaler();
            case "RobustScaler" -> new RobustScaler();
            case "MaxAbsScaler" -> new MaxAbsScaler();
            default -> throw new IllegalArgumentException("scaler '" + shown + "' is a '" + Messages.excerpt(kind)
                    + "'; expected MinMaxScaler, StandardScaler, RobustScaler or MaxAbsScaler");
        };
        double[][] statistics = new double[STATISTICS.length][];
        for (int i = 0; i < STATISTICS.length; i++) {
            statistics[i] = file.doubles(PREFIX + name + "/" + STATISTICS[i]);
        }
        try {
            scaler.restore(statistics[0], statistics[1], statistics[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scaler '" + shown + "': " + e.getMessage(), e);
        }
        return scaler;
    }

    /** A MinMaxScaler onto the feature range a file records, whose refusal names the scaler as the others do. */
    private static MinMaxScaler minMax(String name, double min, double max) {
        try {
            return new MinMaxScaler(min, max);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scaler '" + Messages.excerpt(name) + "': " + e.getMessage(), e);
        }
    }

    private static double number(SafeTensors file, String name, String setting) {
        try {
            return Weights.number(file.metadata(), PREFIX + name + "/" + setting);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scaler '" + Messages.excerpt(name) + "': " + e.getMessage(), e);
        }
    }

    /** {@code a + b}, both at least 0, or {@link Long#MAX_VALUE} when the sum is more than a long holds. */
    private static long plus(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
