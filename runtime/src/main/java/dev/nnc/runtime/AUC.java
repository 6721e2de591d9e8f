package dev.nnc.runtime;

import java.util.Arrays;

/**
 * Keras' {@code AUC} with its defaults: the area under the ROC curve (true positive rate against
 * false positive rate) over every output of every sample seen, approximated on
 * {@code numThresholds} thresholds (200 by default) by the trapezoidal rule, Keras'
 * {@code summation_method="interpolation"}. Several outputs are flattened into one binary problem
 * ({@code multi_label=False}); an output is actually positive when its target is not 0.
 *
 * <h2>How Keras computes it, and so this</h2>
 * The thresholds are {@code -1e-7, 1/(T-1), 2/(T-1), ..., (T-2)/(T-1), 1 + 1e-7} for
 * {@code T = numThresholds}; at each, an output is predicted positive when {@code p > t}, which
 * gives a point {@code (FP/(FP+TN), TP/(TP+FN))} of the curve (each ratio 0 when its denominator is,
 * Keras' {@code divide_no_nan}). The area is {@code sum_i (x_i - x_{i+1}) (y_i + y_{i+1}) / 2}
 * over consecutive thresholds. As Keras' evenly-spaced fast path does, {@link #update} clips each
 * prediction to {@code [0, 1]} and drops it into the histogram bucket
 * {@code max(0, ceil(p * (T - 1)) - 1)} (in {@code float}, as Keras does in {@code float32}): the
 * index of the highest threshold it exceeds. No clipped prediction exceeds the last threshold, so
 * there are {@code T - 1} buckets. The curve is read from the buckets' cumulative counts, so an
 * update costs one increment per output and allocates nothing; the histogram ({@code 2 (T - 1)}
 * counts) is allocated once, by the constructor.
 *
 * <p>This equals the exact ROC AUC (the Mann-Whitney statistic: the fraction of (positive,
 * negative) pairs ranked in the right order, ties counting half) of the bucketed predictions: a
 * positive and a negative in the same bucket count half even when their predictions differ. So
 * the error against the exact AUC is at most half the fraction of (positive, negative) pairs that
 * share a bucket; Keras' advice holds: the approximation is best when predictions spread over
 * {@code [0, 1]}.
 *
 * <p>The result is NaN before anything is seen (as every {@link Metric}) and when a prediction was
 * NaN (a diverged model, which Keras would bucket arbitrarily). Once something is seen, it is 0
 * when every target seen was of one class: the ROC curve needs both, and Keras' divisions give 0.
 */
public final class AUC implements Metric {

    /** Keras' default number of thresholds. */
    public static final int DEFAULT_THRESHOLDS = 200;

    private final String name;
    private final int numThresholds;
    /** Per bucket {@code b}, the positive and negative outputs that exceeded threshold {@code b} and no higher one. */
    private final long[] positives;
    private final long[] negatives;
    private boolean sawNaN;

    /** Named {@code auc}, 200 thresholds. */
    public AUC() {
        this(DEFAULT_THRESHOLDS);
    }

    /**
     * Named {@code auc}, with {@code numThresholds} thresholds (Keras' {@code AUC(num_thresholds=...)}).
     *
     * @throws IllegalArgumentException when {@code numThresholds} is less than 2, as Keras refuses
     */
    public AUC(int numThresholds) {
        this("auc", numThresholds);
    }

    /**
     * Named {@code name} in the history and the progress line, with {@code numThresholds} thresholds.
     *
     * @throws IllegalArgumentException when {@code numThresholds} is less than 2, as Keras refuses
     */
    public AUC(String name, int numThresholds) {
        this.name = Metrics.requireName(name);
        if (numThresholds < 2) {
            throw new IllegalArgumentException("numThresholds: expected at least 2, found " + numThresholds);
        }
        this.numThresholds = numThresholds;
        this.positives = new long[numThresholds - 1];
        this.negatives = new long[numThresholds - 1];
    }

    /** The number of thresholds, the two beyond {@code [0, 1]} included. */
    public int numThresholds() {
        return numThresholds;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void reset() {
        Arrays.fill(positives, 0);
        Arrays.fill(negatives, 0);
        sawNaN = false;
    }

    @Override
    public void update(float[] predictions, float[] targets, int n, int outputs) {
        Metrics.checkBatch(predictions, targets, n, outputs, outputs);
        float scale = numThresholds - 1;
        for (int i = 0; i < n * outputs; i++) {
            float prediction = predictions[i];
            if (Float.isNaN(prediction)) {
                sawNaN = true;
                continue;
            }
            float clipped = Math.min(Math.max(prediction, 0f), 1f);
            int bucket = Math.max(0, (int) Math.ceil(clipped * scale) - 1);
            if (targets[i] != 0) {
                positives[bucket]++;
            } else {
                negatives[bucket]++;
            }
        }
    }

    @Override
    public double result() {
        long totalPositives = 0;
        long totalNegatives = 0;
        for (int b = 0; b < positives.length; b++) {
            totalPositives += positives[b];
            totalNegatives += negatives[b];
        }
        if (sawNaN || totalPositives + totalNegatives == 0) {
            return Double.NaN;
        }
        // from the highest threshold, which nothing exceeds, down: TP and FP at threshold t count
        // the buckets from t up
        long truePositives = 0;
        long falsePositives = 0;
        double area = 0;
        for (int t = numThresholds - 2; t >= 0; t--) {
            long lowerTruePositives = truePositives + positives[t];
            long lowerFalsePositives = falsePositives + negatives[t];
            double width = Metrics.divideNoNan(lowerFalsePositives, totalNegatives)
                    - Metrics.divideNoNan(falsePositives, totalNegatives);
            double height = (Metrics.divideNoNan(lowerTruePositives, totalPositives)
                    + Metrics.divideNoNan(truePositives, totalPositives)) / 2;
            area += width * height;
            truePositives = lowerTruePositives;
            falsePositives = lowerFalsePositives;
        }
        return area;
    }

    @Override
    public String toString() {
        return name + "=" + result();
    }
}
