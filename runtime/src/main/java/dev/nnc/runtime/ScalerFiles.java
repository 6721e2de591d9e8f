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

    /** The names of the statistics' tensors of the scalers a file's {@code metadata} declares. */
    static Set<String> tensors(Map<String, String> metadata) {
        Set<String> tensors = new HashSet<>();
        for (String name : names(metadata)) {
            for (String statistic : STATISTICS) {
                tensors.add(PREFIX + name + "/" + statistic);
            }
        }
        return tensors;
    }

    /**
     * The scaler called {@code name} in {@code file}, whose metadata names its kind.
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
            String tensor = PREFIX + name + "/" + STATISTICS[i];
            if (!file.tensors().containsKey(tensor)) {
                throw new IllegalArgumentException("scaler '" + shown + "' has no tensor '" + Messages.excerpt(tensor) + "'");
            }
            if (file.tensor(tensor).shape().size() != 1) {
                throw new IllegalArgumentException("tensor '" + Messages.excerpt(tensor) + "': expected one dimension, found shape "
                        + file.tensor(tensor).shape());
            }
            statistics[i] = file.doubles(tensor);
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
}
