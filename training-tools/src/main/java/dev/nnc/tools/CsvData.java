package dev.nnc.tools;

import dev.nnc.runtime.Dataset;
import dev.nnc.runtime.Windows;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Numeric columns of a CSV file, chosen by name, as a {@link Dataset} or as a series for
 * {@link Windows}.
 *
 * <pre>{@code
 * Dataset data = CsvData.features("sepal_length", "sepal_width").targets("petal_length")
 *         .dataset(Path.of("iris.csv"));
 * float[] series = CsvData.features("temperature", "humidity").separator(';')
 *         .series(Path.of("weather.csv"));                  // [rows][2] row-major
 * Windows windows = Windows.of(series, 2).lookback(24).targets(0);
 * }</pre>
 *
 * <h2>Format</h2>
 * RFC 4180, as Apache Commons CSV reads it: the first record is the header naming the columns; a
 * field may be quoted with {@code "}, and a quoted field may hold the separator, line breaks and
 * quotes written twice ({@code ""}); lines end with LF, CRLF or CR. The separator is {@code ,}
 * unless {@link #separator(char) set}. A file is read as UTF-8, and a byte-order mark before the
 * header is skipped. Column names match exactly, case and spaces included. Columns that are not
 * chosen are not read as numbers: they may hold text, dates, anything. A column may be both a
 * feature and a target (an autoencoder's data).
 *
 * <h2>Nothing skipped</h2>
 * Every line after the header is one sample, in file order. Unlike pandas' {@code read_csv}
 * defaults, no line is dropped and no value is guessed: an empty line, a row with another number
 * of fields than the header, an empty field in a chosen column (a missing value), and a field that
 * is not a finite decimal number ({@code NaN}, {@code inf}, {@code 1,5}, {@code 0x1p3}) are each a
 * {@link CsvFormatException} naming the source, the line, the column and the text found. Dropping
 * or filling missing values is the data's owner's decision, to make before loading; for a time
 * series, a dropped row would silently join two steps that are not neighbours. A number is a
 * decimal ({@code -1.5}, {@code .5}, {@code 2e-3}; spaces around it allowed), rounded to the
 * nearest {@code float}; one beyond the range of {@code float} is refused too.
 *
 * <p>Settings are immutable: each setter returns a changed copy and checks its argument at once.
 */
public final class CsvData {

    /** A decimal number as Python's {@code float()} reads it, without Java's suffixes ({@code 1f}, {@code 1d}) and hex floats. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final List<String> features;
    /** Empty until set: a series has none. */
    private final List<String> targets;
    private final char separator;

    private CsvData(List<String> features, List<String> targets, char separator) {
        this.features = features;
        this.targets = targets;
        this.separator = separator;
    }

    /**
     * Reads the columns named {@code columns}, in this order, as each sample's features; no
     * targets and {@code ,} as the separator until set.
     *
     * @throws IllegalArgumentException when there are no columns or one is listed twice
     */
    public static CsvData features(String... columns) {
        return new CsvData(columns("features", columns), List.of(), ',');
    }

    /**
     * With the columns named {@code columns}, in this order, as each sample's targets.
     *
     * @throws IllegalArgumentException when there are no columns or one is listed twice
     */
    public CsvData targets(String... columns) {
        return new CsvData(features, columns("targets", columns), separator);
    }

    /**
     * With {@code separator} between fields: {@code ;} for files written where the decimal mark
     * is a comma, {@code '\t'} for tab-separated values.
     *
     * @throws IllegalArgumentException when {@code separator} is the quote {@code "} or a line break
     */
    public CsvData separator(char separator) {
        if (separator == '"' || separator == '\r' || separator == '\n') {
            throw new IllegalArgumentException("separator: expected a character other than the quote '\"' and line"
                    + " breaks, found " + (separator == '"' ? "'\"'" : separator == '\r' ? "'\\r'" : "'\\n'"));
        }
        return new CsvData(features, targets, separator);
    }

    /**
     * The samples of {@code file}: the feature columns as inputs, the target columns as targets,
     * one sample per line after the header.
     *
     * @throws IllegalStateException when no targets are set
     * @throws CsvFormatException as the class describes
     * @throws IOException when the file cannot be read
     */
    public Dataset dataset(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        requireTargets();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return dataset(reader, file.toString());
        }
    }

    /**
     * As {@link #dataset(Path)}, reading {@code reader} to its end without closing it;
     * {@code source} names it in messages (a file name, a URL).
     */
    public Dataset dataset(Reader reader, String source) throws IOException {
        requireTargets();
        Table table = read(reader, source);
        return Dataset.of(table.features(), features.size(), table.targets(), targets.size());
    }

    /**
     * The feature columns of {@code file} as a series, {@code [rows][features]} row-major, one
     * time step per line after the header: what {@link Windows#of(float[], int)} takes, with the
     * number of columns as its {@code features}. {@link Windows#targets(int...)} then picks the
     * target columns by their index in this order.
     *
     * @throws IllegalStateException when targets are set: a series has none of its own
     * @throws CsvFormatException as the class describes
     * @throws IOException when the file cannot be read
     */
    public float[] series(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        requireNoTargets();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return series(reader, file.toString());
        }
    }

    /**
     * As {@link #series(Path)}, reading {@code reader} to its end without closing it;
     * {@code source} names it in messages.
     */
    public float[] series(Reader reader, String source) throws IOException {
        requireNoTargets();
        return read(reader, source).features();
    }

    private void requireTargets() {
        if (targets.isEmpty()) {
            throw new IllegalStateException("targets: not set; call targets(columns) for a dataset, or read a series"
                    + " with series(...)");
        }
    }

    private void requireNoTargets() {
        if (!targets.isEmpty()) {
            throw new IllegalStateException("targets: " + targets + " set, but a series has no targets of its own;"
                    + " read the columns as features and choose targets with Windows.targets(...)");
        }
    }

    private static List<String> columns(String argument, String[] names) {
        Objects.requireNonNull(names, argument);
        if (names.length == 0) {
            throw new IllegalArgumentException(argument + ": expected at least 1 column name, found none");
        }
        for (int i = 0; i < names.length; i++) {
            Objects.requireNonNull(names[i], argument + "[" + i + "]");
            for (int j = 0; j < i; j++) {
                if (names[i].equals(names[j])) {
                    throw new IllegalArgumentException(argument + "[" + i + "]: column '" + names[i]
                            + "' is listed twice, as " + argument + "[" + j + "] too");
                }
            }
        }
        return List.of(names);
    }

    /** The chosen columns of every row, flat row-major: {@code [rows][features]} and {@code [rows][targets]}. */
    private record Table(float[] features, float[] targets) {}

    private Table read(Reader reader, String source) throws IOException {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(source, "source");
        // not closed: that would close the caller's reader; it holds nothing else
        CSVParser parser = CSVParser.parse(reader, CSVFormat.RFC4180.builder().setDelimiter(separator).get());
        Iterator<CSVRecord> records = parser.iterator();
        if (!hasNext(records, source)) {
            throw new CsvFormatException(source + ": empty; expected a header row naming the columns");
        }
        List<String> header = header(records.next());
        int[] featureFields = fields(header, features, "features", source);
        int[] targetFields = fields(header, targets, "targets", source);
        FloatList x = new FloatList();
        FloatList y = new FloatList();
        // the line a record starts on: the parser counts the lines it has read, quoted line breaks included
        long line = parser.getCurrentLineNumber() + 1;
        int rows = 0;
        while (hasNext(records, source)) {
            CSVRecord record = records.next();
            if (record.size() != header.size()) {
                boolean emptyLine = record.size() == 1 && record.get(0).isEmpty();
                throw new CsvFormatException(source + ", line " + line + ": expected " + header.size()
                        + " fields as in the header, found " + (emptyLine ? "an empty line" : record.size()));
            }
            for (int field : featureFields) {
                x.add(number(record.get(field), source, line, header.get(field)));
            }
            for (int field : targetFields) {
                y.add(number(record.get(field), source, line, header.get(field)));
            }
            line = parser.getCurrentLineNumber() + 1;
            rows++;
        }
        if (rows == 0) {
            throw new CsvFormatException(source + ": a header and no rows; expected at least 1 row of data after it");
        }
        return new Table(x.toArray(), y.toArray());
    }

    /** Whether there is another record, with the parser's own format errors named with the source. */
    private static boolean hasNext(Iterator<CSVRecord> records, String source) throws IOException {
        try {
            return records.hasNext();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CSVException format) {
                // it names the line and the position: "Invalid character between encapsulated token and delimiter at line: 2, ..."
                throw new CsvFormatException(source + ": " + format.getMessage(), format);
            }
            throw e.getCause();
        }
    }

    /** The column names, without the byte-order mark that some editors write before the first. */
    private static List<String> header(CSVRecord record) {
        List<String> names = new ArrayList<>(record.toList());
        String first = names.get(0);
        if (!first.isEmpty() && first.charAt(0) == BYTE_ORDER_MARK) {
            names.set(0, first.substring(1));
        }
        return names;
    }

    /** The field index of each of {@code columns} in the header. */
    private static int[] fields(List<String> header, List<String> columns, String argument, String source)
            throws CsvFormatException {
        int[] fields = new int[columns.size()];
        for (int i = 0; i < fields.length; i++) {
            String name = columns.get(i);
            int first = header.indexOf(name);
            if (first < 0) {
                throw new CsvFormatException(source + ", line 1: no column '" + name + "' (" + argument + "[" + i
                        + "]) in the header, which has " + quoted(header));
            }
            int last = header.lastIndexOf(name);
            if (last != first) {
                throw new CsvFormatException(source + ", line 1: column '" + name + "' (" + argument + "[" + i
                        + "]) is in the header twice, as fields " + (first + 1) + " and " + (last + 1)
                        + "; which one is meant is not known");
            }
            fields[i] = first;
        }
        return fields;
    }

    private static String quoted(List<String> names) {
        StringBuilder text = new StringBuilder();
        for (String name : names) {
            text.append(text.length() == 0 ? "'" : ", '").append(name).append('\'');
        }
        return text.toString();
    }

    private static float number(String text, String source, long line, String column) throws CsvFormatException {
        String trimmed = text.strip();
        String where = source + ", line " + line + ", column '" + column + "': ";
        if (trimmed.isEmpty()) {
            throw new CsvFormatException(where + "expected a number, found "
                    + (text.isEmpty() ? "an empty field" : "a blank field \"" + text + "\"") + " (a missing value)");
        }
        if (!NUMBER.matcher(trimmed).matches()) {
            throw new CsvFormatException(where + "expected a number, found \"" + text + "\"");
        }
        float value = Float.parseFloat(trimmed);
        if (Float.isInfinite(value)) {
            throw new CsvFormatException(where + "expected a number within the range of float (about 3.4e38), found \""
                    + text + "\"");
        }
        return value;
    }

    /** A growing {@code float[]}: how many rows a file has is known only at its end. */
    private static final class FloatList {

        private float[] values = new float[1024];
        private int size;

        void add(float value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, Math.multiplyExact(size, 2));
            }
            values[size++] = value;
        }

        float[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
