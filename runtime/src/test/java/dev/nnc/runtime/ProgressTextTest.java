package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTextTest {

    @Test
    void valuesPrintAsKerasPrintsThem() {
        assertEquals("0.5000", ProgressText.value(0.5));
        assertEquals("-2.5000", ProgressText.value(-2.5));
        assertEquals("123.4568", ProgressText.value(123.45678));
        assertEquals("1.2340e-05", ProgressText.value(1.234e-5));
        assertEquals("1.0000e-03", ProgressText.value(0.001));
        assertEquals("0.0000e+00", ProgressText.value(0));
        assertEquals("nan", ProgressText.value(Double.NaN));
        assertEquals("inf", ProgressText.value(Double.POSITIVE_INFINITY));
        assertEquals("-inf", ProgressText.value(Double.NEGATIVE_INFINITY));
    }

    @Test
    void anEpochLineNamesTheEpochItsTimesAndEachValue() {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", 0.69314);
        logs.put("accuracy", 0.5);
        logs.put("val_loss", 0.70123);
        logs.put("learning_rate", null);
        assertEquals("Epoch 3/500 - 2ms 600us/step - loss: 0.6931 - accuracy: 0.5000 - val_loss: 0.7012"
                + " - learning_rate: nan", ProgressText.epochLine(3, 500, 2_400_000, 600_000, logs));
        assertEquals("Epoch 1/1 - 3s 2s/step - loss: 0.6931",
                ProgressText.epochLine(1, 1, 2_600_000_000L, 1_500_000_000L, Map.of("loss", 0.69314)));
    }

    @Test
    void timesAreRoundedToTheirUnit() {
        assertEquals("0ms", ProgressText.duration(999_999));
        assertEquals("999ms", ProgressText.duration(999_999_999));
        assertEquals("1s", ProgressText.duration(1_000_000_000));
        assertEquals("3s", ProgressText.duration(2_500_000_000L));
        assertEquals("0s", ProgressText.stepTime(0));
        assertEquals("1us", ProgressText.stepTime(1_499));
        assertEquals("999us", ProgressText.stepTime(999_499));
        assertEquals("1ms", ProgressText.stepTime(1_000_000));
        assertEquals("50ms", ProgressText.stepTime(50_400_000));
        assertEquals("1s", ProgressText.stepTime(1_000_000_000));
        assertEquals("3s", ProgressText.stepTime(2_500_000_000L));
    }

    @Test
    void theEtaIsInSecondsMinutesOrHours() {
        assertEquals("0s", eta(999_999_999));
        assertEquals("59s", eta(59_900_000_000L));
        assertEquals("1:00", eta(60_000_000_000L));
        assertEquals("2:05", eta(125_000_000_000L));
        assertEquals("59:59", eta(3_599_000_000_000L));
        assertEquals("1:00:00", eta(3_600_000_000_000L));
        assertEquals("1:02:05", eta(3_725_000_000_000L));
        assertEquals("27:46:40", eta(100_000_000_000_000L));
    }

    private static String eta(long nanos) {
        StringBuilder text = new StringBuilder();
        ProgressText.appendEta(text, nanos);
        return text.toString();
    }

    @Test
    void theBarFillsInt30DoneOverTotalCells() {
        assertEquals("12/40 [========>.....................]", bar(12, 40)); // 9 cells: 8 '=' and '>'
        assertEquals(" 1/40 [..............................]", bar(1, 40)); // 0.75 of a cell
        assertEquals(" 2/40 [>.............................]", bar(2, 40));
        assertEquals("39/40 [============================>.]", bar(39, 40)); // 29.25 cells
        assertEquals("40/40 [==============================]", bar(40, 40));
        assertEquals("   7/1000 [..............................]", bar(7, 1000));
        assertEquals("1/1 [==============================]", bar(1, 1));
        assertEquals("12/Unknown", bar(12, 0));
    }

    private static String bar(int done, int total) {
        StringBuilder text = new StringBuilder();
        ProgressText.appendBar(text, done, total);
        return text.toString();
    }
}
