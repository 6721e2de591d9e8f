package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressLoggerTest {

    @Test
    void valuesPrintAsKerasPrintsThem() {
        assertEquals("0.5000", ProgressLogger.format(0.5));
        assertEquals("-2.5000", ProgressLogger.format(-2.5));
        assertEquals("123.4568", ProgressLogger.format(123.45678));
        assertEquals("1.2340e-05", ProgressLogger.format(1.234e-5));
        assertEquals("1.0000e-03", ProgressLogger.format(0.001));
        assertEquals("0.0000e+00", ProgressLogger.format(0));
        assertEquals("NaN", ProgressLogger.format(Double.NaN));
    }

    @Test
    void aLineNamesTheEpochItsTimeAndEachValue() {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", 0.69314);
        logs.put("accuracy", 0.5);
        logs.put("val_loss", 0.70123);
        assertEquals("Epoch 3/500 - 2ms - loss: 0.6931 - accuracy: 0.5000 - val_loss: 0.7012",
                ProgressLogger.line(3, 500, 2_400_000, logs));
        assertEquals("Epoch 1/1 - 3s - loss: 0.6931", ProgressLogger.line(1, 1, 2_600_000_000L, Map.of("loss", 0.69314)));
    }

    @Test
    void fitPrintsOneLinePerEpoch() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        History history = Trainer.fit(new LinearModel(2, 1, 0.01), TrainerTest.plane(40, 1), FitOptions.epochs(3)
                .batchSize(8).metrics("mae").validationSplit(0.25)
                .progress(new PrintStream(out, true, StandardCharsets.UTF_8)));

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\\R");
        assertEquals(3, lines.length);
        for (int e = 0; e < 3; e++) {
            String expected = String.format(Locale.ROOT, "Epoch %d/3 - TIME - loss: %.4f - mae: %.4f - val_loss: %.4f - val_mae: %.4f - learning_rate: 0.0100",
                    e + 1, history.get("loss")[e], history.get("mae")[e], history.get("val_loss")[e],
                    history.get("val_mae")[e]);
            assertTrue(lines[e].matches("Epoch \\d/3 - \\d+ms - .*"), lines[e]);
            assertEquals(expected, lines[e].replaceFirst(" - \\d+ms - ", " - TIME - "));
        }
    }

    @Test
    void quietFitPrintsNothing() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            Trainer.fit(new LinearModel(2, 1, 0.01), TrainerTest.plane(8, 1), FitOptions.epochs(2).verbose(false));
            Trainer.fit(new LinearModel(2, 1, 0.01), TrainerTest.plane(8, 1), FitOptions.epochs(2).progress(null));
            assertEquals("", captured.toString(StandardCharsets.UTF_8));
            Trainer.fit(new LinearModel(2, 1, 0.01), TrainerTest.plane(8, 1), FitOptions.epochs(2));
            assertEquals(2, captured.toString(StandardCharsets.UTF_8).split("\\R").length, "on by default, as in Keras");
        } finally {
            System.setOut(original);
        }
    }
}
