package com.example;

import dev.nnc.runtime.Dataset;
import dev.nnc.runtime.FitOptions;
import dev.nnc.runtime.History;
import dev.nnc.runtime.Trainer;
import dev.nnc.tools.LearningCurves;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A user's program, run as the README says: trains {@code XorNet}, draws its learning curve with
 * training-tools (XChart, with no test library on the class path) and exits with 1 unless the
 * network answers all four cases of XOR.
 */
public final class Main {

    static final Dataset XOR = Dataset.of(
            new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}},
            new float[][] {{0}, {1}, {1}, {0}});

    private Main() {}

    public static void main(String[] args) throws IOException {
        XorNet net = new XorNet();
        History history = train(net);
        Path curves = Path.of("target", "xor-curves.png");
        LearningCurves.of(history).writePng(curves, 640, 400);
        float[] p = predictions(net);
        System.out.printf(Locale.ROOT, "XorNet after %d epochs: p(0,0) = %.3f, p(0,1) = %.3f, p(1,0) = %.3f,"
                + " p(1,1) = %.3f; learning curve in %s%n", history.epochs(), p[0], p[1], p[2], p[3], curves);
        int wrong = wrongAnswers(p);
        if (wrong > 0) {
            System.out.println("XorNet answers " + wrong + " of the 4 cases wrong");
            System.exit(1);
        }
    }

    /** Trains {@code net} on the four cases of XOR, quietly. */
    static History train(XorNet net) {
        return Trainer.fit(net, XOR, FitOptions.epochs(300).batchSize(4).verbose(false));
    }

    /** What {@code net} answers to the four cases, in order. */
    static float[] predictions(XorNet net) {
        return net.predictBatch(XOR.copyFeatures(), XOR.size());
    }

    /** How many of the four {@code predictions} are on the wrong side of 0.5. */
    static int wrongAnswers(float[] predictions) {
        float[] targets = XOR.copyTargets();
        int wrong = 0;
        for (int i = 0; i < targets.length; i++) {
            if ((predictions[i] > 0.5f) != (targets[i] > 0.5f)) {
                wrong++;
            }
        }
        return wrong;
    }
}
