package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OriginalUnitsTest {

    /** Fitted on two features: feature 0 spans 0..100, feature 1 spans 10..30, so x = 100 x' and x = 20 x' + 10. */
    private static MinMaxScaler scaler() {
        MinMaxScaler scaler = new MinMaxScaler();
        scaler.fit(new float[] {0, 10, 50, 20, 100, 30}, 2);
        return scaler;
    }

    @Test
    void metricsAreThoseOfTheValuesMappedBack() {
        // feature 1: predictions 0.5 and 1 are 20 and 30; targets 0.25 and 1 are 15 and 30
        float[] predictions = {0.5f, 1};
        float[] targets = {0.25f, 1};
        Map<String, Double> metrics = OriginalUnits.evaluate(scaler(), new int[] {1}, predictions, targets, 1,
                "mae", "mse", "mape", "smape");
        assertEquals(List.of("mae", "mse", "mape", "smape"), List.copyOf(metrics.keySet()));
        assertEquals((5 + 0) / 2.0, metrics.get("mae"), 1e-5);
        assertEquals((25 + 0) / 2.0, metrics.get("mse"), 1e-4);
        assertEquals(100 * (5 / 15.0 + 0) / 2, metrics.get("mape"), 1e-4);
        assertEquals(100 * (2 * 5 / 35.0 + 0) / 2, metrics.get("smape"), 1e-4);
    }

    @Test
    void eachSampleIsRowsOfTheColumns() {
        // one sample of [2 steps][columns 1, 0]: predictions (20, 50), (30, 0); targets (15, 0), (30, 100)
        float[] predictions = {0.5f, 0.5f, 1, 0};
        float[] targets = {0.25f, 0, 1, 1};
        Map<String, Double> metrics = OriginalUnits.evaluate(scaler(), new int[] {1, 0}, predictions, targets, 4, "mae");
        assertEquals((5 + 50 + 0 + 100) / 4.0, metrics.get("mae"), 1e-4);
    }

    @Test
    void sizesAndNamesAreChecked() {
        int[] columns = {1, 0};
        var rows = assertThrows(IllegalArgumentException.class,
                () -> OriginalUnits.evaluate(scaler(), columns, new float[6], new float[6], 3, "mae"));
        assertEquals("outputs: expected a multiple of columns.length = 2, whole rows of the columns per sample, found 3",
                rows.getMessage());
        var targets = assertThrows(IllegalArgumentException.class,
                () -> OriginalUnits.evaluate(scaler(), columns, new float[4], new float[2], 2, "mae"));
        assertEquals("targets: expected 2 samples x 2 outputs = 4 values like predictions, found 2", targets.getMessage());
        var ragged = assertThrows(IllegalArgumentException.class,
                () -> OriginalUnits.evaluate(scaler(), columns, new float[5], new float[5], 2, "mae"));
        assertTrue(ragged.getMessage().startsWith("predictions: expected a multiple of outputs = 2 values, found 5"),
                ragged.getMessage());
        var accuracy = assertThrows(IllegalArgumentException.class,
                () -> OriginalUnits.evaluate(scaler(), columns, new float[4], new float[4], 2, "accuracy"));
        assertTrue(accuracy.getMessage().startsWith("metric 'accuracy' resolves from a model"), accuracy.getMessage());
        var unfitted = assertThrows(IllegalStateException.class,
                () -> OriginalUnits.evaluate(new StandardScaler(), columns, new float[4], new float[4], 2, "mae"));
        assertEquals("StandardScaler is not fitted: call fit on the training data first", unfitted.getMessage());
    }
}
