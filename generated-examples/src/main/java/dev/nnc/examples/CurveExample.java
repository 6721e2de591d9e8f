package dev.nnc.examples;

import dev.nnc.runtime.Dataset;
import dev.nnc.runtime.EarlyStopping;
import dev.nnc.runtime.FitOptions;
import dev.nnc.runtime.History;
import dev.nnc.runtime.Trainer;
import java.io.PrintStream;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fits {@code y = sin(x) + x^2 + 1} on {@code x} in [-2, 2] with {@link CurveNet}, and measures it
 * on held-out points the network never saw: an even grid across the interval.
 */
public final class CurveExample {

    /** What a run reached on the held-out points. */
    public record Result(CurveNet model, History history, Map<String, Double> test) {
        public double r2() {
            return test.get("r2");
        }
    }

    private CurveExample() {}

    static float curve(float x) {
        return (float) (Math.sin(x) + x * x + 1);
    }

    /** Trains a fresh network; {@code progress} receives the epoch lines, or nothing when null. */
    public static Result run(PrintStream progress) {
        CurveNet model = new CurveNet();
        Dataset train = sample(1000, new SplittableRandom(2026));
        Dataset test = grid(201);
        FitOptions options = FitOptions.epochs(150)
                .batchSize(32)
                .seed(1)
                .validationSplit(0.2)
                .metrics("mae", "r2")
                .callbacks(new EarlyStopping("val_loss", 1e-5, 15, true))
                .progress(progress);
        History history = Trainer.fit(model, train, options);
        return new Result(model, history, Trainer.evaluate(model, test, "mae", "mse", "r2"));
    }

    /** {@code count} points drawn uniformly from [-2, 2]. */
    private static Dataset sample(int count, SplittableRandom random) {
        float[] x = new float[count];
        float[] y = new float[count];
        for (int i = 0; i < count; i++) {
            x[i] = (float) random.nextDouble(-2, 2);
            y[i] = curve(x[i]);
        }
        return Dataset.of(x, 1, y, 1);
    }

    /** {@code count} evenly spaced points from -2 to 2. */
    private static Dataset grid(int count) {
        float[] x = new float[count];
        float[] y = new float[count];
        for (int i = 0; i < count; i++) {
            x[i] = -2 + 4f * i / (count - 1);
            y[i] = curve(x[i]);
        }
        return Dataset.of(x, 1, y, 1);
    }
}
