package dev.nnc.runtime;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One run of {@link Trainer#fit}: the epoch loop and what it owns (batches, evaluations, the
 * callbacks and their context, the history). Arguments are checked by {@link Trainer}.
 *
 * <p>An interrupt of the calling thread is a stop request ({@link TrainingContext#stopTraining()})
 * seen at the next batch boundary. From then until {@code fit} returns the interrupt status is
 * held aside, so that the hooks that wind training down ({@code onEpochEnd} of the last epoch,
 * {@code onTrainEnd}) run normally: a {@code FileChannel}, which a weights file is written
 * through, closes itself on an interrupted thread. The status is set again before {@code fit}
 * returns or throws.
 */
final class FitLoop {

    private final Model model;
    private final int epochs;
    private final int initialEpoch;
    private final Batches training;
    private final Batches trainingInOrder;
    private final Batches validation;
    private final List<Metric> trainingMetrics;
    private final List<Metric> validationMetrics;
    private final Evaluation trainingEvaluation;
    private final Evaluation validationEvaluation;
    private final History history = new History();
    private final TrainingContext context;
    private final CallbackList callbacks;
    private boolean interrupted;

    FitLoop(Model model, Dataset train, Dataset validationData, FitOptions options) {
        this.model = model;
        this.epochs = options.epochs();
        this.initialEpoch = options.initialEpoch();
        this.training = new Batches(train, options.batchSize(), options.shuffle(), options.seed());
        this.trainingMetrics = createMetrics(options, model);
        this.trainingInOrder = trainingMetrics.isEmpty() ? null : new Batches(train, options.batchSize(), false, 0);
        this.trainingEvaluation = new Evaluation(trainingMetrics);
        this.validation = validationData == null ? null : new Batches(validationData, options.batchSize(), false, 0);
        this.validationMetrics = createMetrics(options, model);
        this.validationEvaluation = new Evaluation(validationMetrics);
        this.context = TrainingContext.of(model, epochs, train.size(), options.batchSize());
        List<Callback> all = new ArrayList<>(options.callbacks());
        all.add(new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                history.record(logs);
            }
        });
        if (options.progress() != null) {
            all.add(new ProgressBar(options.progress()));
        } else if (options.progressLogger() != null) {
            all.add(new ProgressBar(options.progressLogger()));
        }
        this.callbacks = new CallbackList(all);
    }

    /** The metrics named in {@code options}, then those its factories make; one of each name. */
    private static List<Metric> createMetrics(FitOptions options, Model model) {
        List<Metric> metrics = new ArrayList<>(Trainer.createMetrics(options.metrics().toArray(new String[0]), model));
        for (Supplier<? extends Metric> factory : options.metricFactories()) {
            metrics.add(Objects.requireNonNull(factory.get(), "metric: a factory made null"));
        }
        Set<String> names = new HashSet<>();
        for (Metric metric : metrics) {
            if (!names.add(metric.name())) {
                throw new IllegalArgumentException("metrics: two are named '" + metric.name() + "'; the logs need one of each"
                        + " name");
            }
        }
        return metrics;
    }

    History run() {
        try {
            try {
                callbacks.onTrainBegin(context);
                for (int epoch = initialEpoch; epoch < epochs && !stopRequested(); epoch++) {
                    callbacks.onEpochBegin(epoch);
                    double loss = trainEpoch();
                    Map<String, Double> logs = logs(loss);
                    // an interrupt during the metrics and validation is held aside before the callbacks write files
                    stopRequested();
                    callbacks.onEpochEnd(epoch, logs);
                }
            } catch (RuntimeException | Error failure) {
                // training began, so it ends for each callback it began for: files close, EarlyStopping puts back its best weights
                try {
                    callbacks.onTrainEnd();
                } catch (RuntimeException | Error alsoFailed) {
                    failure.addSuppressed(alsoFailed);
                }
                throw failure;
            }
            stopRequested();
            callbacks.onTrainEnd();
            model.setTraining(false);
            return history;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether a callback asked to stop or the thread was interrupted. */
    private boolean stopRequested() {
        if (Thread.interrupted()) { // held aside until fit returns, see above
            interrupted = true;
            context.stopTraining();
        }
        return context.isStopRequested();
    }

    /** One optimizer step per batch; returns the batch losses' mean weighted by batch size. */
    private double trainEpoch() {
        double lossSum = 0;
        long samples = 0;
        training.startEpoch();
        while (training.next()) {
            int batch = training.index();
            int n = training.size();
            callbacks.onBatchBegin(batch);
            float loss = model.trainBatch(training.inputs(), training.targets(), training.sampleWeights(), n);
            lossSum += (double) loss * n;
            samples += n;
            callbacks.onBatchEnd(batch, loss);
            if (stopRequested()) {
                break;
            }
        }
        return samples == 0 ? Double.NaN : lossSum / samples;
    }

    /** loss, training metrics, val_loss, validation metrics, learning_rate. */
    private Map<String, Double> logs(double loss) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", loss);
        if (trainingInOrder != null) {
            Trainer.evaluate(model, trainingInOrder, trainingEvaluation);
            for (Metric metric : trainingMetrics) {
                logs.put(metric.name(), metric.result());
            }
        }
        if (validation != null) {
            Trainer.evaluate(model, validation, validationEvaluation);
            logs.put("val_loss", validationEvaluation.loss());
            for (Metric metric : validationMetrics) {
                logs.put("val_" + metric.name(), metric.result());
            }
        }
        logs.put("learning_rate", model.learningRate());
        return logs;
    }
}
