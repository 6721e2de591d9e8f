package dev.nnc.examples;

import dev.nnc.runtime.Dataset;
import dev.nnc.runtime.EarlyStopping;
import dev.nnc.runtime.FitOptions;
import dev.nnc.runtime.History;
import dev.nnc.runtime.MinMaxScaler;
import dev.nnc.runtime.OriginalUnits;
import dev.nnc.runtime.SaveOptions;
import dev.nnc.runtime.Scaler;
import dev.nnc.runtime.Trainer;
import dev.nnc.runtime.Weights;
import dev.nnc.runtime.Windows;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Forecasts the next value of a synthetic hourly series (a trend, a daily and a weekly season and
 * noise, made here from a seed) with {@link ForecastNet}: min-max scaled on the training part only,
 * windows of 24 steps split in time order 70/15/15, early stopping on the validation loss. The
 * test part is measured in the series' own units, beside the naive forecast that repeats the last
 * value of each window.
 */
public final class ForecastExample {

    /** What a run reached on the test part, in the series' units, and the scaler it was fitted with. */
    public record Result(ForecastNet model, MinMaxScaler scaler, History history, Map<String, Double> test, double naiveRmse) {
        public double rmse() {
            return test.get("rmse");
        }
    }

    private ForecastExample() {}

    /** The demo's run: 2,000 hourly steps, up to 60 epochs. */
    public static Result run(PrintStream progress) {
        return run(2000, 60, progress);
    }

    /** A run over {@code length} steps for at most {@code epochs} epochs; {@code progress} receives the epoch lines, or nothing when null. */
    public static Result run(int length, int epochs, PrintStream progress) {
        float[] series = series(length, new SplittableRandom(2026));
        Windows windows = Windows.of(series, 1).lookback(24).horizon(1).targets(0);
        MinMaxScaler scaler = new MinMaxScaler();
        Windows.Split parts = windows.split(0.7, 0.15, scaler);

        ForecastNet model = new ForecastNet();
        FitOptions options = FitOptions.epochs(epochs)
                .batchSize(32)
                .seed(1)
                .validationData(parts.validation())
                .callbacks(new EarlyStopping("val_loss", 1e-5, 10, true))
                .progress(progress);
        History history = Trainer.fit(model, parts.train(), options);

        Dataset test = parts.test();
        float[] inputs = test.copyFeatures();
        float[] predictions = model.predictBatch(inputs, test.size());
        float[] targets = test.copyTargets();
        Map<String, Double> inUnits = OriginalUnits.evaluate(scaler, windows.targets(), predictions, targets, 1,
                "mae", "rmse", "mape", "smape", "r2");
        // the naive forecast: each window's last value
        float[] naive = new float[test.size()];
        for (int i = 0; i < naive.length; i++) {
            naive[i] = inputs[i * 24 + 23];
        }
        double naiveRmse = OriginalUnits.evaluate(scaler, windows.targets(), naive, targets, 1, "rmse").get("rmse");
        return new Result(model, scaler, history, inUnits, naiveRmse);
    }

    /**
     * Saves the trained model with its scaler to {@code file}, loads both into a new model, and
     * returns whether the reloaded pair forecasts the test inputs exactly as the trained one does.
     */
    public static boolean saveAndReload(Result result, Path file) throws IOException {
        Weights.save(result.model(), file, SaveOptions.weightsOnly().withScaler("series", result.scaler()));
        ForecastNet reloaded = new ForecastNet();
        Scaler scaler = Weights.load(reloaded, file).scaler("series");
        float[] window = result.scaler().transform(series(48, new SplittableRandom(7)));
        return Arrays.equals(result.model().predictBatch(window, 2), reloaded.predictBatch(window, 2))
                && Arrays.equals(result.scaler().inverseTransform(window), scaler.inverseTransform(window));
    }

    /** {@code 10 + 0.002 t + 3 sin(2 pi t / 24) + sin(2 pi t / 168) + N(0, 0.3^2)}, hour by hour. */
    public static float[] series(int length, SplittableRandom random) {
        float[] series = new float[length];
        for (int t = 0; t < length; t++) {
            double noise = 0.3 * random.nextGaussian();
            series[t] = (float) (10 + 0.002 * t + 3 * Math.sin(2 * Math.PI * t / 24) + Math.sin(2 * Math.PI * t / 168) + noise);
        }
        return series;
    }
}
