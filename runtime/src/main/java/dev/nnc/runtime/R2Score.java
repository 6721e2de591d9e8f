package dev.nnc.runtime;

import java.util.Arrays;

/**
 * The coefficient of determination, Keras' {@code R2Score} with {@code class_aggregation =
 * "uniform_average"}: for each output {@code j}, {@code 1 - SSres_j / SStot_j} over every sample
 * seen since the last reset, then the plain mean over outputs.
 *
 * <p>{@code SSres_j = sum (y - p)^2}; {@code SStot_j = sum (y - mean(y))^2}, with the mean of the
 * whole epoch. The running mean and {@code SStot} are merged batch by batch with Chan's parallel
 * formula, which does not lose precision as {@code sum y^2 - (sum y)^2 / n} does when targets are
 * far from 0. As in Keras, an output with constant targets ({@code SStot = 0}) and some error
 * scores 0, and one with no error either makes the result NaN.
 *
 * <p>The per-output sums are allocated by the first {@link #update} (they need the output count);
 * later updates allocate nothing.
 */
public final class R2Score implements Metric {

    private final String name;
    private long count;
    private int outputs;
    private double[] mean;
    private double[] sumSquaresTotal;
    private double[] sumSquaresResidual;

    /** Named {@code r2}. */
    public R2Score() {
        this("r2");
    }

    /** Named {@code name} in the history and the progress line. */
    public R2Score(String name) {
        this.name = Metrics.requireName(name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void reset() {
        count = 0;
        if (mean != null) {
            Arrays.fill(mean, 0);
            Arrays.fill(sumSquaresTotal, 0);
            Arrays.fill(sumSquaresResidual, 0);
        }
    }

    @Override
    public void update(float[] predictions, float[] targets, int n, int outputs) {
        Metrics.checkBatch(predictions, targets, n, outputs, outputs);
        if (mean == null || (count == 0 && outputs != this.outputs)) {
            this.outputs = outputs;
            mean = new double[outputs];
            sumSquaresTotal = new double[outputs];
            sumSquaresResidual = new double[outputs];
        } else if (outputs != this.outputs) {
            throw new IllegalArgumentException("outputs: " + name + " has seen " + this.outputs
                    + " outputs per sample since its last reset, found " + outputs);
        }
        if (n == 0) {
            return;
        }
        long total = count + n;
        for (int j = 0; j < outputs; j++) {
            // batch mean of output j, then its squared deviations and the squared residuals
            double batchSum = 0;
            for (int r = 0; r < n; r++) {
                batchSum += targets[r * outputs + j];
            }
            double batchMean = batchSum / n;
            double batchSquares = 0;
            double residual = 0;
            for (int r = 0; r < n; r++) {
                double target = targets[r * outputs + j];
                double deviation = target - batchMean;
                double error = target - predictions[r * outputs + j];
                batchSquares += deviation * deviation;
                residual += error * error;
            }
            // Chan et al.: merge (count, mean, M2) with (n, batchMean, batchSquares)
            double delta = batchMean - mean[j];
            mean[j] += delta * n / total;
            sumSquaresTotal[j] += batchSquares + delta * delta * ((double) count * n / total);
            sumSquaresResidual[j] += residual;
        }
        count = total;
    }

    @Override
    public double result() {
        if (count == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int j = 0; j < outputs; j++) {
            double score = 1 - sumSquaresResidual[j] / sumSquaresTotal[j];
            sum += Double.isInfinite(score) ? 0 : score;
        }
        return sum / outputs;
    }

    @Override
    public String toString() {
        return name + "=" + result();
    }
}
