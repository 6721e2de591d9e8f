package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryTest {

    private static Map<String, Double> logs(Object... keyValues) {
        Map<String, Double> logs = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            logs.put((String) keyValues[i], (Double) keyValues[i + 1]);
        }
        return logs;
    }

    @Test
    void recordsOneSeriesPerName() {
        History history = new History();
        for (int epoch = 0; epoch < 20; epoch++) {
            history.record(logs("loss", 1.0 / (epoch + 1), "val_loss", 2.0 / (epoch + 1)));
        }
        assertEquals(20, history.epochs());
        assertEquals(List.of("loss", "val_loss"), history.keys());
        assertEquals(20, history.get("loss").length);
        assertEquals(1.0, history.get("loss")[0]);
        assertEquals(0.1, history.last("val_loss"));
        assertEquals(0.25, history.list("loss").get(3));
    }

    @Test
    void aNameThatAppearsLateIsNaNBeforeAndAfter() {
        History history = new History();
        history.record(logs("loss", 3.0));
        history.record(logs("loss", 2.0, "learning_rate", 0.1));
        history.record(logs("loss", 1.0));
        assertArrayEquals(new double[] {Double.NaN, 0.1, Double.NaN}, history.get("learning_rate"));
    }

    @Test
    void anUnknownNameListsTheRecordedOnes() {
        History history = new History();
        history.record(logs("loss", 3.0, "mae", 1.0));
        var e = assertThrows(IllegalArgumentException.class, () -> history.get("val_loss"));
        assertEquals("key: no series 'val_loss' in the history; it has [loss, mae]", e.getMessage());
    }

    @Test
    void toStringShowsFirstAndLastValues() {
        History history = new History();
        history.record(logs("loss", 0.69314, "accuracy", 0.5));
        history.record(logs("loss", 0.0000123, "accuracy", 1.0));
        assertEquals(String.join(System.lineSeparator(),
                "History (2 epochs)", "  loss: 0.6931 -> 1.2300e-05", "  accuracy: 0.5000 -> 1.0000"),
                history.toString());
    }
}
