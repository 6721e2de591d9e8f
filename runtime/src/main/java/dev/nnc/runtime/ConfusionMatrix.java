package dev.nnc.runtime;

import java.util.Locale;
import java.util.Objects;

/**
 * How many samples of each true class a model predicted as each class: rows are the true class,
 * columns the predicted one, as scikit-learn's {@code confusion_matrix} and TensorFlow's
 * {@code tf.math.confusion_matrix} lay it out. Keras has no confusion-matrix metric; this is
 * computed on demand, over a dataset, by {@link #of(Model, Dataset)}.
 *
 * <pre>{@code
 * ConfusionMatrix matrix = ConfusionMatrix.of(net, testSet);
 * System.out.println(matrix);                      // the table, with each class's precision and recall
 * long missed = matrix.count(1, 0);                // class 1 predicted as class 0
 * }</pre>
 *
 * <p>The classes are read from the model as {@link Metrics} resolves {@code accuracy}:
 * <ul>
 *   <li>one output: two classes, 0 and 1; the prediction is class 1 when {@code p > threshold}
 *       (0.5 unless given) and the target must be 0 or 1;</li>
 *   <li>a model on {@code sparse_categorical_crossentropy}: one class per output, the predicted
 *       class the largest output and the target a class index;</li>
 *   <li>several outputs with one-hot targets: one class per output, the predicted and the true
 *       class the largest of each row.</li>
 * </ul>
 * The largest is the first on ties, as {@link CategoricalAccuracy}'s argmax. Several outputs on
 * {@code binary_crossentropy} are independent labels, not one class per sample, and are refused.
 * An instance is immutable.
 */
public final class ConfusionMatrix {

    private final int classes;
    /** Row-major {@code [true class][predicted class]}. */
    private final long[] counts;

    private ConfusionMatrix(int classes, long[] counts) {
        this.classes = classes;
        this.counts = counts;
    }

    /**
     * The confusion matrix of {@code model} over {@code data}, predicted in inference mode in
     * batches of {@value Trainer#DEFAULT_BATCH_SIZE}, as {@link Trainer#predict} does. Each sample's
     * predicted class is {@link Model#predictClasses}': the largest output, or for one output
     * class 1 when its probability (the sigmoid of a logit) is above 0.5.
     *
     * @throws IllegalArgumentException when {@code data} is empty or does not fit the model, when
     *     the model has several outputs on a binary loss (labels, not classes), when a target is not
     *     a class (not 0 or 1 for one output, not a class index for a sparse model), or when the
     *     model predicts NaN (the message names the sample), or has more classes than an array
     *     holds the counts of (46340, whose square is about the longest array)
     * @throws IllegalStateException when the model is no classifier (see {@link Model#predictClasses})
     */
    public static ConfusionMatrix of(Model model, Dataset data) {
        Objects.requireNonNull(model, "model");
        return count(model, data, Classification.of(model), BinaryAccuracy.DEFAULT_THRESHOLD);
    }

    /**
     * As {@link #of(Model, Dataset)} for a model with one output, which predicts class 1 when its
     * probability (the sigmoid of a logit) is above {@code threshold}.
     *
     * @throws IllegalArgumentException as {@link #of(Model, Dataset)}, and when {@code threshold}
     *     is not finite or the model has more than one output (its classes are read by argmax)
     */
    public static ConfusionMatrix of(Model model, Dataset data, float threshold) {
        Objects.requireNonNull(model, "model");
        if (!Float.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold: expected a finite value, found " + threshold);
        }
        Classification classification = Classification.of(model);
        if (classification != Classification.BINARY) {
            throw new IllegalArgumentException("threshold: applies to a model with 1 output, model " + model.name()
                    + " has " + model.outputSize() + ", whose class is the largest; use of(model, data)");
        }
        return count(model, data, classification, threshold);
    }

    private static ConfusionMatrix count(Model model, Dataset data, Classification classification, float threshold) {
        Objects.requireNonNull(data, "data");
        Trainer.requireFits("data", data, model);
        if (classification == Classification.MULTI_LABEL) {
            throw new IllegalArgumentException("model: " + model.name() + " has " + model.outputSize()
                    + " outputs on " + model.loss() + ", each its own label; a confusion matrix needs one class per"
                    + " sample (one output, one-hot targets or class indices)");
        }
        Classes.Output output = Classes.Output.of(model);
        int outputs = model.outputSize();
        int classes = classification == Classification.BINARY ? 2 : outputs;
        long[] counts = new long[Checks.arrayLength("model", classes, classes)];
        Batches batches = new Batches(data, Trainer.DEFAULT_BATCH_SIZE, false, 0);
        float[] predictions = new float[Math.min(Trainer.DEFAULT_BATCH_SIZE, data.size()) * outputs];
        batches.startEpoch();
        while (batches.next()) {
            model.predict(batches.inputs(), batches.size(), predictions);
            for (int r = 0; r < batches.size(); r++) {
                int sample = batches.sample(r);
                requireNumbers(model, predictions, r, outputs, sample);
                int actual = trueClass(classification, batches.targets(), r, outputs, sample);
                int predicted = Classes.classOf(output, predictions, r, outputs, threshold);
                counts[actual * classes + predicted]++;
            }
        }
        return new ConfusionMatrix(classes, counts);
    }

    private static int trueClass(Classification classification, float[] targets, int row, int outputs, int sample) {
        switch (classification) {
            case ONE_HOT:
                return CategoricalAccuracy.argmax(targets, row * outputs, outputs);
            case BINARY:
                float label = targets[row];
                if (label != 0 && label != 1) {
                    throw new IllegalArgumentException("data: the target of sample " + sample + " is " + label
                            + "; expected class 0 or 1 for a model with 1 output");
                }
                return (int) label;
            default: // CLASS_INDICES
                float index = targets[row];
                if (!(index >= 0 && index < outputs && index == (int) index)) {
                    throw new IllegalArgumentException("data: the target of sample " + sample + " is " + index
                            + "; expected a class index, a whole number in [0, " + outputs + ")");
                }
                return (int) index;
        }
    }

    private static void requireNumbers(Model model, float[] predictions, int row, int outputs, int sample) {
        for (int j = 0; j < outputs; j++) {
            if (Float.isNaN(predictions[row * outputs + j])) {
                throw new IllegalArgumentException("model: " + model.name() + " predicts NaN for sample " + sample
                        + " (output " + j + "); a confusion matrix needs predictions that are numbers");
            }
        }
    }

    /** The number of classes: the rows and the columns. */
    public int classes() {
        return classes;
    }

    /** The samples of class {@code trueClass} predicted as {@code predictedClass}. */
    public long count(int trueClass, int predictedClass) {
        return counts[checkClass("trueClass", trueClass) * classes + checkClass("predictedClass", predictedClass)];
    }

    /** The samples counted. */
    public long total() {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    /** The samples whose true class is {@code trueClass}: the sum of its row (scikit-learn's support). */
    public long support(int trueClass) {
        checkClass("trueClass", trueClass);
        long sum = 0;
        for (int predicted = 0; predicted < classes; predicted++) {
            sum += counts[trueClass * classes + predicted];
        }
        return sum;
    }

    /** The samples predicted as {@code predictedClass}: the sum of its column. */
    public long predicted(int predictedClass) {
        checkClass("predictedClass", predictedClass);
        long sum = 0;
        for (int actual = 0; actual < classes; actual++) {
            sum += counts[actual * classes + predictedClass];
        }
        return sum;
    }

    /** Of the samples predicted as class {@code c}, the fraction that are; 0 when none was (Keras' divide_no_nan). */
    public double precision(int c) {
        return Metrics.divideNoNan(count(c, c), predicted(c));
    }

    /** Of the samples of class {@code c}, the fraction predicted as such; 0 when there is none. */
    public double recall(int c) {
        return Metrics.divideNoNan(count(c, c), support(c));
    }

    /** The fraction of samples predicted as their class: the diagonal over the total. */
    public double accuracy() {
        long diagonal = 0;
        for (int c = 0; c < classes; c++) {
            diagonal += counts[c * classes + c];
        }
        return Metrics.divideNoNan(diagonal, total());
    }

    /** A copy of the counts, {@code [true class][predicted class]}. */
    public long[][] toArray() {
        long[][] rows = new long[classes][classes];
        for (int actual = 0; actual < classes; actual++) {
            System.arraycopy(counts, actual * classes, rows[actual], 0, classes);
        }
        return rows;
    }

    private int checkClass(String argument, int c) {
        if (c < 0 || c >= classes) {
            throw new IllegalArgumentException(argument + ": expected a class in [0, " + classes + "), found " + c);
        }
        return c;
    }

    /**
     * The table, a row per true class and a column per predicted class, with each class's recall
     * at the end of its row, its precision under its column, and the accuracy:
     *
     * <pre>
     * true \ predicted |     0     1 | recall
     *                0 |     3     1 |  0.750
     *                1 |     0     2 |  1.000
     *        precision | 1.000 0.667 |
     * accuracy 0.833 over 6 samples
     * </pre>
     */
    @Override
    public String toString() {
        String corner = "true \\ predicted";
        int width = 5; // "0.750"
        for (long count : counts) {
            width = Math.max(width, Long.toString(count).length());
        }
        width = Math.max(width, Integer.toString(classes - 1).length());
        String cell = " %" + width + "s";
        StringBuilder table = new StringBuilder(corner).append(" |");
        for (int predicted = 0; predicted < classes; predicted++) {
            table.append(String.format(Locale.ROOT, cell, predicted));
        }
        table.append(" | recall\n");
        for (int actual = 0; actual < classes; actual++) {
            table.append(String.format(Locale.ROOT, "%" + corner.length() + "d |", actual));
            for (int predicted = 0; predicted < classes; predicted++) {
                table.append(String.format(Locale.ROOT, cell, counts[actual * classes + predicted]));
            }
            table.append(String.format(Locale.ROOT, " | %6.3f\n", recall(actual)));
        }
        table.append(String.format(Locale.ROOT, "%" + corner.length() + "s |", "precision"));
        for (int predicted = 0; predicted < classes; predicted++) {
            table.append(String.format(Locale.ROOT, cell, String.format(Locale.ROOT, "%.3f", precision(predicted))));
        }
        table.append(" |\n");
        return table.append(String.format(Locale.ROOT, "accuracy %.3f over %d samples", accuracy(), total()))
                .toString();
    }
}
