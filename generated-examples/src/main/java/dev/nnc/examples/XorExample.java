package dev.nnc.examples;

import dev.nnc.runtime.Dataset;
import dev.nnc.runtime.EarlyStopping;
import dev.nnc.runtime.FitOptions;
import dev.nnc.runtime.History;
import dev.nnc.runtime.Trainer;
import java.io.PrintStream;

/** Trains {@link XorNet} on the four cases of XOR until it classifies all of them. */
public final class XorExample {

    /** What a run reached. */
    public record Result(XorNet model, History history, double accuracy, float[] predictions) {}

    private static final float[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    private static final float[][] TARGETS = {{0}, {1}, {1}, {0}};

    private XorExample() {}

    /** Trains a fresh network; {@code progress} receives the epoch lines, or nothing when null. */
    public static Result run(PrintStream progress) {
        XorNet model = new XorNet();
        Dataset data = Dataset.of(INPUTS, TARGETS);
        FitOptions options = FitOptions.epochs(400)
                .batchSize(4)
                .metrics("accuracy")
                .callbacks(new EarlyStopping("loss", 1e-4, 30, true))
                .progress(progress);
        History history = Trainer.fit(model, data, options);
        double accuracy = Trainer.evaluate(model, data, "accuracy").get("accuracy");
        float[] predictions = model.predictBatch(data.copyFeatures(), data.size());
        return new Result(model, history, accuracy, predictions);
    }
}
