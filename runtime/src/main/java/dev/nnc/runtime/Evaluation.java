package dev.nnc.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates the loss and metrics of a model over batches; {@link Model#evaluate} adds to it
 * without allocating. Reused across epochs with {@link #reset()}.
 */
public final class Evaluation {

    private final Metric[] metrics;
    private double lossSum;
    private long samples;

    /** An empty evaluation that updates {@code metrics}, in order, with every batch it adds. */
    public Evaluation(List<? extends Metric> metrics) {
        this.metrics = metrics.toArray(new Metric[0]);
    }

    /** Adds one batch: its mean loss and its {@code n} predictions and targets, row-major {@code [n][outputs]}. */
    public void add(double batchMeanLoss, float[] predictions, float[] targets, int n, int outputs) {
        lossSum += batchMeanLoss * n;
        samples += n;
        for (Metric metric : metrics) {
            metric.update(predictions, targets, n, outputs);
        }
    }

    /** Mean loss per sample over everything added; NaN when nothing was added. */
    public double loss() {
        return samples == 0 ? Double.NaN : lossSum / samples;
    }

    /** Samples added since the last reset. */
    public long samples() {
        return samples;
    }

    /** Forgets everything added, metrics included. */
    public void reset() {
        lossSum = 0;
        samples = 0;
        for (Metric metric : metrics) {
            metric.reset();
        }
    }

    /** {@code loss} and each metric by name, in order. */
    public Map<String, Double> results() {
        Map<String, Double> results = new LinkedHashMap<>();
        results.put("loss", loss());
        for (Metric metric : metrics) {
            results.put(metric.name(), metric.result());
        }
        return results;
    }
}
