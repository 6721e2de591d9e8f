package dev.nnc.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Keras' {@code fit}, {@code evaluate} and {@code predict} for {@link Model}s.
 *
 * <pre>{@code
 * History history = Trainer.fit(net, train, FitOptions.epochs(500).batchSize(4).metrics("accuracy")
 *         .callbacks(new EarlyStopping("loss", 1e-4, 50, true)));
 * Map<String, Double> test = Trainer.evaluate(net, testSet, "accuracy");   // {loss=..., accuracy=...}
 * }</pre>
 *
 * <h2>What an epoch of {@code fit} does</h2>
 * <ol>
 *   <li>{@link Callback#onEpochBegin}; the training samples are reshuffled (when
 *       {@link FitOptions#shuffle()}).</li>
 *   <li>One {@link Model#trainBatch} per batch, between {@link Callback#onBatchBegin} and
 *       {@link Callback#onBatchEnd}. The epoch's {@code loss} is the mean of the batch losses
 *       weighted by batch size, as Keras reports it: the mean over the epoch's samples of a loss
 *       computed while the weights were changing. A NaN batch loss makes it NaN.</li>
 *   <li>Training metrics are computed at the end of the epoch by {@link Model#evaluate} over the
 *       training samples in inference mode, with the epoch's final weights (only when metrics are
 *       asked for). Keras instead accumulates them from the batches during the epoch; the values
 *       differ, the ones here are those of the model that {@code fit} returns.</li>
 *   <li>{@code val_loss} and {@code val_<metric>} from {@link Model#evaluate} over the validation
 *       data, when there is some.</li>
 *   <li>{@code learning_rate}: the model's learning rate at the end of the epoch, before the
 *       callbacks' {@code onEpochEnd} (so a rate a callback lowers there shows from the next
 *       epoch). Keras 3 logs it only when a {@code LearningRateScheduler} or
 *       {@code ReduceLROnPlateau} runs; here every epoch has it.</li>
 *   <li>{@link Callback#onEpochEnd} with these logs, then the {@link History} records them and the
 *       {@link ProgressBar} shows them.</li>
 * </ol>
 * Training stops when the epochs run out or, after the current batch, when a callback calls
 * {@link TrainingContext#stopTraining()} or the thread is interrupted; the epoch in progress then
 * ends as usual, with its logs over the batches run and {@link Callback#onEpochEnd}, as Keras
 * ends an epoch after {@code stop_training}, and {@link Callback#onTrainEnd} runs (so
 * {@link EarlyStopping} restores its best weights). Evaluation and validation run in batches of
 * the training batch size.
 *
 * <h2>Interrupts</h2>
 * Everything runs in the caller's thread, callbacks included. Interrupting it stops {@code fit}
 * at the next batch boundary, as a stop request does (the batch under way finishes; a thread
 * interrupted before {@code fit} or between epochs trains no further epoch), and {@code fit}
 * returns the history so far with the thread's interrupt status set. While the last
 * {@code onEpochEnd} and {@code onTrainEnd} run the status is held aside, so that callbacks can
 * still write files: a {@code FileChannel} (through which weights files are written) closes
 * itself on an interrupted thread. It is set again before {@code fit} returns, or throws.
 *
 * <p>Nothing is allocated per batch: batches are gathered into buffers allocated once per
 * {@code fit}, and the model's own step allocates nothing after warm-up. Per epoch, the logs map is
 * allocated (and the live progress bar's line when it is redrawn, at most every 100 ms).
 *
 * <p>A NaN or infinite batch loss is not an error: it makes the epoch's {@code loss} NaN or
 * infinite, which the history records and the progress line shows ({@code nan}, {@code inf}).
 */
public final class Trainer {

    /** Keras' default batch size for {@code evaluate} and {@code predict}. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    private Trainer() {}

    /**
     * Trains {@code model} on {@code data} as {@code options} say; returns every logged value per
     * epoch. The model keeps its trained weights (or the ones a callback such as
     * {@link EarlyStopping} restored) and is left in inference mode.
     *
     * @throws IllegalArgumentException when {@code data} (or the validation data) is empty or its
     *     feature or target width is not the model's, or {@code validationSplit} leaves no
     *     training or no validation sample, or a metric cannot read the model's targets; the
     *     message names the argument and both values. {@link FitOptions} refuses epochs and batch
     *     sizes below 1 and validation splits outside {@code [0, 1)} when they are set. Nothing
     *     is trained and no callback is called before these checks pass.
     * @throws IllegalStateException when the model only predicts (its {@link Model#loss()} is
     *     {@code none}: declared without {@code @Loss} and {@code @Optimizer})
     */
    public static History fit(Model model, Dataset data, FitOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        if (model.loss().equals("none")) {
            throw new IllegalStateException("model: " + model.name() + " only predicts (declared without @Loss and @Optimizer);"
                    + " declare both to train it");
        }
        requireFits("data", data, model);
        Dataset train = data;
        Dataset validation = null;
        if (options.validationData().isPresent()) {
            validation = options.validationData().get();
            requireFits("validationData", validation, model);
        } else if (options.validationSplit() > 0) {
            Dataset.Split split = splitForValidation(data, options.validationSplit());
            train = split.train();
            validation = split.validation();
        }
        return new FitLoop(model, train, validation, options).run();
    }

    private static Dataset.Split splitForValidation(Dataset data, double fraction) {
        int at = (int) Math.floor(data.size() * (1.0 - fraction));
        if (at == 0 || at == data.size()) {
            throw new IllegalArgumentException("validationSplit: " + fraction + " of " + data.size()
                    + " samples leaves " + at + " for training and " + (data.size() - at)
                    + " for validation; both need at least 1 (use more data or another fraction)");
        }
        return data.splitAt(at);
    }

    /**
     * The loss and {@code metrics} (Keras names, see {@link Metrics}) of {@code model} over
     * {@code data}, in inference mode, in batches of {@value #DEFAULT_BATCH_SIZE}: a map from
     * {@code loss} and each metric name to its value, in that order.
     */
    public static Map<String, Double> evaluate(Model model, Dataset data, String... metrics) {
        return evaluate(model, data, DEFAULT_BATCH_SIZE, metrics);
    }

    /** As {@link #evaluate(Model, Dataset, String...)}, in batches of {@code batchSize}. */
    public static Map<String, Double> evaluate(Model model, Dataset data, int batchSize, String... metrics) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(metrics, "metrics");
        requireFits("data", data, model);
        Evaluation evaluation = new Evaluation(createMetrics(metrics, model));
        evaluate(model, new Batches(data, batchSize, false, 0), evaluation);
        return evaluation.results();
    }

    /**
     * Predicts every row of {@code inputs} (each of {@link Model#inputSize()} features), in batches
     * of {@value #DEFAULT_BATCH_SIZE}; one row of {@link Model#outputSize()} values per input row.
     */
    public static float[][] predict(Predictor model, float[][] inputs) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(inputs, "inputs");
        int features = model.inputSize();
        int outputs = model.outputSize();
        for (int i = 0; i < inputs.length; i++) {
            Objects.requireNonNull(inputs[i], "inputs[" + i + "]");
            if (inputs[i].length != features) {
                throw new IllegalArgumentException("inputs[" + i + "]: model " + model.name() + " takes "
                        + features + " features per sample (inputSize()), found " + inputs[i].length);
            }
        }
        float[][] predictions = new float[inputs.length][outputs];
        int rows = Math.min(DEFAULT_BATCH_SIZE, inputs.length);
        float[] batch = new float[rows * features];
        float[] out = new float[rows * outputs];
        for (int from = 0; from < inputs.length; from += DEFAULT_BATCH_SIZE) {
            int n = Math.min(DEFAULT_BATCH_SIZE, inputs.length - from);
            for (int r = 0; r < n; r++) {
                System.arraycopy(inputs[from + r], 0, batch, r * features, features);
            }
            model.predict(batch, n, out);
            for (int r = 0; r < n; r++) {
                System.arraycopy(out, r * outputs, predictions[from + r], 0, outputs);
            }
        }
        return predictions;
    }

    /** Runs every batch of {@code batches} through {@link Model#evaluate} into a reset {@code into}. */
    static void evaluate(Model model, Batches batches, Evaluation into) {
        into.reset();
        batches.startEpoch();
        while (batches.next()) {
            model.evaluate(batches.inputs(), batches.targets(), batches.sampleWeights(), batches.size(), into);
        }
    }

    /** One fresh metric per name, for {@code model}. */
    static List<Metric> createMetrics(String[] names, Model model) {
        return createMetrics(names, name -> Metrics.create(name, model));
    }

    /** One fresh metric per name, made by {@code create}. */
    static List<Metric> createMetrics(String[] names, Function<String, Metric> create) {
        List<Metric> metrics = new ArrayList<>(names.length);
        for (int i = 0; i < names.length; i++) {
            Objects.requireNonNull(names[i], "metrics[" + i + "]");
            metrics.add(create.apply(names[i]));
        }
        return metrics;
    }

    /** {@code data} is not empty and its widths are the model's. */
    static void requireFits(String argument, Dataset data, Model model) {
        if (data.isEmpty()) {
            throw new IllegalArgumentException(argument + ": expected at least 1 sample, found 0");
        }
        if (data.features() != model.inputSize()) {
            throw new IllegalArgumentException(argument + ": model " + model.name() + " takes " + model.inputSize()
                    + " features per sample (inputSize()), the dataset has " + data.features());
        }
        if (data.targets() != model.targetSize()) {
            String takes = model.targetSize() == model.outputSize()
                    ? " gives " + model.outputSize() + " outputs per sample (outputSize()), "
                    : " takes one class index per sample as its target (" + model.loss() + "), ";
            throw new IllegalArgumentException(argument + ": model " + model.name() + takes + "the dataset has "
                    + data.targets() + " targets");
        }
    }
}
