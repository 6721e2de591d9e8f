package dev.nnc.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Metrics in the units of the data before scaling. A model trained on scaled data
 * ({@link Windows#split(double, double, Scaler)}) predicts scaled values, and an mae of 0.05 of a
 * standard deviation says little until it is in degrees again; mape and smape even change, as
 * scaling moves values towards or away from 0.
 *
 * <pre>{@code
 * Dataset test = parts.test();
 * float[] predictions = net.predictBatch(test.copyFeatures(), test.size());
 * Map<String, Double> inUnits = OriginalUnits.evaluate(scaler, windows.targets(), predictions,
 *         test.copyTargets(), test.targets(), "mae", "smape");      // {mae=..., smape=...}
 * }</pre>
 */
public final class OriginalUnits {

    private OriginalUnits() {}

    /**
     * The {@code metrics} (names known to {@link Metrics#create(String)}) of {@code predictions}
     * against {@code targets} once {@code scaler} has mapped both back to the units it was fitted
     * on, with {@link Scaler#inverseTransform(float[], int[])}: a map from each name to its value,
     * in order. There is no loss: the model's loss is that of the scaled values
     * ({@link Trainer#evaluate}).
     *
     * @param scaler fitted on the data the targets come from
     * @param columns the scaler's features that the values are, in the order of each row of them
     *     ({@link Windows#targets()})
     * @param predictions the model's, row-major {@code [n][outputs]}
     * @param targets the scaled targets, as many as the predictions
     * @param outputs values per sample: whole rows of the columns, {@code [horizon][columns]} as
     *     {@link Windows} lays out targets, so a multiple of {@code columns.length}
     * @throws IllegalArgumentException when the sizes disagree, naming both, or a metric is unknown
     */
    public static Map<String, Double> evaluate(Scaler scaler, int[] columns, float[] predictions, float[] targets,
            int outputs, String... metrics) {
        Objects.requireNonNull(scaler, "scaler");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(metrics, "metrics");
        if (outputs < 1) {
            throw new IllegalArgumentException("outputs: expected at least 1 value per sample, found " + outputs);
        }
        if (columns.length > 0 && outputs % columns.length != 0) {
            throw new IllegalArgumentException("outputs: expected a multiple of columns.length = " + columns.length
                    + ", whole rows of the columns per sample, found " + outputs);
        }
        int n = Checks.rows("predictions", predictions, "outputs", outputs);
        if (targets.length != predictions.length) {
            throw new IllegalArgumentException("targets: expected " + n + " samples x " + outputs + " outputs = "
                    + predictions.length + " values like predictions, found " + targets.length);
        }
        List<Metric> created = Trainer.createMetrics(metrics, Metrics::create);
        float[] p = scaler.inverseTransform(predictions, columns);
        float[] y = scaler.inverseTransform(targets, columns);
        Map<String, Double> results = new LinkedHashMap<>();
        for (Metric metric : created) {
            metric.update(p, y, n, outputs);
            results.put(metric.name(), metric.result());
        }
        return results;
    }
}
