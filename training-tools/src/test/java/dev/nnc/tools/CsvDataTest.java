package dev.nnc.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnc.runtime.Dataset;
import dev.nnc.runtime.Windows;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDataTest {

    private static Dataset dataset(CsvData csv, String text) throws IOException {
        return csv.dataset(new StringReader(text), "data.csv");
    }

    /** The message of the CsvFormatException that reading {@code text} as {@code csv} throws. */
    private static String error(CsvData csv, String text) {
        return assertThrows(CsvFormatException.class, () -> dataset(csv, text)).getMessage();
    }

    private static final CsvData AB = CsvData.features("a").targets("b");

    @Test
    void columnsAreChosenByNameInTheOrderGiven() throws IOException {
        String text = """
                id,temp,humidity,label,note
                x1,20.5,0.25,1,first row
                x2,-3,1e-2,0,second
                x3,.5,+7,1,
                """;
        Dataset data = dataset(CsvData.features("humidity", "temp").targets("label", "temp"), text);

        assertEquals(3, data.size());
        assertEquals(2, data.features());
        assertEquals(2, data.targets());
        assertArrayEquals(new float[] {0.25f, 20.5f, 0.01f, -3, 7, 0.5f}, data.copyFeatures());
        assertArrayEquals(new float[] {1, 20.5f, 0, -3, 1, 0.5f}, data.copyTargets());
    }

    @Test
    void quotedFieldsHoldSeparatorsQuotesAndLineBreaks() throws IOException {
        String text = "\"name, full\",\"x,1\",y\n"
                + "\"Smith, \"\"Jo\"\"\",\"1.5\",2\n"
                + "\"two\nlines\",3,\" 4 \"\n";
        Dataset data = dataset(CsvData.features("x,1").targets("y"), text);
        assertArrayEquals(new float[] {1.5f, 3}, data.copyFeatures());
        assertArrayEquals(new float[] {2, 4}, data.copyTargets());

        // the record after the two-line field starts on line 5, not on record number 4
        String message = error(CsvData.features("x,1").targets("y"), text + "5,oops,6\n");
        assertEquals("data.csv, line 5, column 'x,1': expected a number, found \"oops\"", message);
    }

    @Test
    void crlfLineEndsAreReadAndCounted() throws IOException {
        Dataset data = dataset(AB, "a,b\r\n1,2\r\n3,4\r\n");
        assertArrayEquals(new float[] {1, 3}, data.copyFeatures());
        assertArrayEquals(new float[] {2, 4}, data.copyTargets());
        assertEquals("data.csv, line 3, column 'b': expected a number, found an empty field (a missing value)",
                error(AB, "a,b\r\n1,2\r\n3,\r\n5,6\r\n"));
    }

    @Test
    void aMissingValueNamesItsLineAndColumn() {
        assertEquals("data.csv, line 4, column 'a': expected a number, found an empty field (a missing value)",
                error(AB, "a,b\n1,2\n3,4\n,6\n"));
        assertEquals("data.csv, line 2, column 'b': expected a number, found a blank field \"  \" (a missing value)",
                error(AB, "a,b\n1,  \n"));
        assertEquals("data.csv, line 2, column 'b': expected a number, found an empty field (a missing value)",
                error(AB, "a,b\n1,\"\"\n"));
    }

    @Test
    void textThatIsNotAFiniteDecimalIsRefusedWithTheTextFound() {
        assertEquals("data.csv, line 2, column 'a': expected a number, found \"abc\"", error(AB, "a,b\nabc,1\n"));
        assertEquals("data.csv, line 3, column 'b': expected a number, found \"NaN\"", error(AB, "a,b\n1,2\n3,NaN\n"));
        assertEquals("data.csv, line 2, column 'a': expected a number, found \"inf\"", error(AB, "a,b\ninf,1\n"));
        // Java would read these; a CSV written elsewhere does not mean them
        assertEquals("data.csv, line 2, column 'a': expected a number, found \"1f\"", error(AB, "a,b\n1f,1\n"));
        assertEquals("data.csv, line 2, column 'a': expected a number, found \"0x10\"", error(AB, "a,b\n0x10,1\n"));
        // a decimal comma in a semicolon file
        assertEquals("data.csv, line 2, column 'b': expected a number, found \"1,5\"",
                error(AB.separator(';'), "a;b\n1;1,5\n"));
        assertEquals("data.csv, line 2, column 'a': expected a number within the range of float (about 3.4e38),"
                + " found \"-1e39\"", error(AB, "a,b\n-1e39,1\n"));
    }

    @Test
    void anUnknownColumnListsTheHeader() {
        assertEquals("data.csv, line 1: no column 'temp' (features[1]) in the header, which has 'a', ' temp', 'b'",
                error(CsvData.features("a", "temp").targets("b"), "a, temp,b\n1,2,3\n"));
        assertEquals("data.csv, line 1: no column 'B' (targets[0]) in the header, which has 'a', 'b'",
                error(CsvData.features("a").targets("B"), "a,b\n1,2\n"));
    }

    @Test
    void aColumnTwiceInTheHeaderIsAmbiguousOnlyWhenChosen() throws IOException {
        assertEquals("data.csv, line 1: column 'a' (features[0]) is in the header twice, as fields 1 and 3; which"
                + " one is meant is not known", error(AB, "a,b,a\n1,2,3\n"));
        assertArrayEquals(new float[] {2}, dataset(CsvData.features("b").targets("c"), "x,b,x,c\n1,2,3,4\n")
                .copyFeatures());
    }

    @Test
    void aRowWithAnotherNumberOfFieldsNamesItsLine() {
        assertEquals("data.csv, line 3: expected 2 fields as in the header, found 1", error(AB, "a,b\n1,2\n3\n4,5\n"));
        assertEquals("data.csv, line 2: expected 2 fields as in the header, found 3", error(AB, "a,b\n1,2,\n"));
        // no line is skipped, a blank one (here at the end) included
        assertEquals("data.csv, line 4: expected 2 fields as in the header, found an empty line",
                error(AB, "a,b\n1,2\n3,4\n\n"));
    }

    @Test
    void anEmptyFileOrOneWithoutRowsIsRefused() {
        assertEquals("data.csv: empty; expected a header row naming the columns", error(AB, ""));
        assertEquals("data.csv: a header and no rows; expected at least 1 row of data after it", error(AB, "a,b\n"));
    }

    @Test
    void theParsersOwnErrorsNameTheSource() {
        String message = error(AB, "a,b\n\"1\"x,2\n");
        assertEquals("data.csv: Invalid character between encapsulated token and delimiter at line: 2, position: 8",
                message);
    }

    @Test
    void otherSeparators() throws IOException {
        assertArrayEquals(new float[] {1.5f, 3}, dataset(AB.separator(';'), "a;b\n1.5;2\n3;4\n").copyFeatures());
        assertArrayEquals(new float[] {2, 4}, dataset(AB.separator('\t'), "a\tb\n1\t2\n3\t4\n").copyTargets());
    }

    @Test
    void aFileIsReadAsUtf8WithoutItsByteOrderMarkAndNamedInMessages(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("température.csv");
        Files.writeString(file, "\uFEFFtempérature,b\n1,2\n3,4\n", StandardCharsets.UTF_8);
        Dataset data = CsvData.features("température").targets("b").dataset(file);
        assertArrayEquals(new float[] {1, 3}, data.copyFeatures());

        Files.writeString(file, "a,b\n1,2\n3,x\n", StandardCharsets.UTF_8);
        var e = assertThrows(CsvFormatException.class, () -> AB.dataset(file));
        assertEquals(file + ", line 3, column 'b': expected a number, found \"x\"", e.getMessage());
    }

    @Test
    void theCallersReaderIsReadToItsEndButNotClosed() throws IOException {
        StringReader reader = new StringReader("a,b\n1,2\n");
        AB.dataset(reader, "data.csv");
        // a closed StringReader throws instead of reporting its end
        assertEquals(-1, reader.read());
    }

    @Test
    void aSeriesIsTheFeatureColumnsRowMajorForWindows(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("weather.csv");
        Files.writeString(file, "hour,temperature,humidity\n0,10,0.5\n1,11,0.6\n2,12,0.7\n3,13,0.8\n");
        float[] series = CsvData.features("temperature", "humidity").series(file);
        assertArrayEquals(new float[] {10, 0.5f, 11, 0.6f, 12, 0.7f, 13, 0.8f}, series);

        Dataset windows = Windows.of(series, 2).lookback(2).targets(0).dataset();
        assertEquals(2, windows.size());
        assertArrayEquals(new float[] {11, 0.6f, 12, 0.7f}, new float[] {windows.feature(1, 0), windows.feature(1, 1),
                windows.feature(1, 2), windows.feature(1, 3)});
        assertEquals(13f, windows.target(1, 0));

        assertArrayEquals(new float[] {1, 2}, CsvData.features("x").series(new StringReader("x\n1\n2\n"), "s"));
        // in a one-column file an empty line is a missing value
        var missing = assertThrows(CsvFormatException.class,
                () -> CsvData.features("x").series(new StringReader("x\n1\n\n2\n"), "s"));
        assertEquals("s, line 3, column 'x': expected a number, found an empty field (a missing value)",
                missing.getMessage());
    }

    @Test
    void targetsAreRequiredForADatasetAndRefusedForASeries() {
        var none = assertThrows(IllegalStateException.class,
                () -> CsvData.features("a").dataset(new StringReader("a\n1\n"), "s"));
        assertEquals("targets: not set; call targets(columns) for a dataset, or read a series with series(...)",
                none.getMessage());
        var some = assertThrows(IllegalStateException.class, () -> AB.series(new StringReader("a,b\n1,2\n"), "s"));
        assertEquals("targets: [b] set, but a series has no targets of its own; read the columns as features and"
                + " choose targets with Windows.targets(...)", some.getMessage());
    }

    @Test
    void argumentsAreCheckedAtOnce() {
        var empty = assertThrows(IllegalArgumentException.class, () -> CsvData.features());
        assertEquals("features: expected at least 1 column name, found none", empty.getMessage());
        var twice = assertThrows(IllegalArgumentException.class, () -> CsvData.features("a").targets("y", "z", "y"));
        assertEquals("targets[2]: column 'y' is listed twice, as targets[0] too", twice.getMessage());
        var quote = assertThrows(IllegalArgumentException.class, () -> AB.separator('"'));
        assertEquals("separator: expected a character other than the quote '\"' and line breaks, found '\"'",
                quote.getMessage());
        var newline = assertThrows(IllegalArgumentException.class, () -> AB.separator('\n'));
        assertEquals("separator: expected a character other than the quote '\"' and line breaks, found '\\n'",
                newline.getMessage());
    }
}
