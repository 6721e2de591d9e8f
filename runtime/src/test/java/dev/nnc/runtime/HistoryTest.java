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

    @Test
    void toCsvHasAHeaderAndOneRowPerEpochFrom0() {
        History history = new History();
        history.record(logs("loss", 0.5, "val_loss", 0.75, "learning_rate", 0.01));
        history.record(logs("loss", 0.1 + 0.2, "val_loss", 1e-5, "learning_rate", 0.01));
        assertEquals("epoch,loss,val_loss,learning_rate\n"
                + "0,0.5,0.75,0.01\n"
                + "1,0.30000000000000004,1e-05,0.01\n", history.toCsv());
    }

    @Test
    void toCsvValuesReadBackExactly() {
        double[] values = {0.1 + 0.2, Math.PI, -1e-300, Double.MIN_VALUE, Double.MAX_VALUE, 1.0 / 3, 123456789.125};
        History history = new History();
        for (double value : values) {
            history.record(logs("loss", value));
        }
        String[] rows = history.toCsv().split("\n");
        assertEquals(values.length + 1, rows.length);
        for (int i = 0; i < values.length; i++) {
            String[] fields = rows[i + 1].split(",");
            assertEquals(Integer.toString(i), fields[0]);
            assertEquals(Double.doubleToLongBits(values[i]), Double.doubleToLongBits(Double.parseDouble(fields[1])),
                    rows[i + 1]);
        }
    }

    @Test
    void toCsvWritesNaNAndInfinitiesAsPythonDoes() {
        History history = new History();
        history.record(logs("loss", Double.NaN));
        history.record(logs("loss", Double.POSITIVE_INFINITY, "lr", 0.1));
        history.record(logs("loss", Double.NEGATIVE_INFINITY, "note", null));
        assertEquals("epoch,loss,lr,note\n0,nan,nan,nan\n1,inf,0.1,nan\n2,-inf,nan,nan\n", history.toCsv());
    }

    @Test
    void toCsvQuotesANameThatWouldBreakTheRow() {
        History history = new History();
        history.record(logs("loss", 1.0, "f1,macro", 2.0, "say \"hi\"", 3.0));
        assertEquals("epoch,loss,\"f1,macro\",\"say \"\"hi\"\"\"\n0,1.0,2.0,3.0\n", history.toCsv());
    }

    @Test
    void anEmptyHistoryIsAHeaderAlone() {
        History history = new History();
        assertEquals("epoch\n", history.toCsv());
        assertEquals("History (0 epochs)", history.toString());
    }
}
