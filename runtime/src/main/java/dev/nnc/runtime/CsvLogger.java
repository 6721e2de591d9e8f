package dev.nnc.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes one CSV row per epoch, as Keras 3's {@code keras.callbacks.CSVLogger} writes them through
 * Python's {@code csv} module. One difference: Keras adds a {@code val_} column (written
 * {@code NA}) for every name when the first epoch has no validation values, for its
 * {@code validation_freq}; {@code fit} here validates every epoch or never, so a run without
 * validation has no {@code val_} columns.
 *
 * <pre>
 * epoch,loss,mae,val_loss,val_mae
 * 0,0.6931471824645996,0.5,0.7012,nan
 * </pre>
 *
 * <ul>
 *   <li>The columns are {@code epoch} (counted from 0, as Keras writes it), then the first epoch's
 *       log names in sorted order; a name missing from a later epoch's logs is written
 *       {@code NA}, one that was not in the first epoch's is not written.</li>
 *   <li>Values are written as Python's {@code str(float)}: the shortest decimal that reads back as
 *       the exact {@code double} ({@code 0.1}, {@code 1e-05}, {@code 0.10000000149011612} for a
 *       {@code float} 0.1), {@code nan}, {@code inf}, {@code -inf}.</li>
 *   <li>Rows end with CRLF (RFC 4180, and Python's {@code excel} dialect); a field holding the
 *       separator, a double quote or a line break is quoted, its quotes doubled.</li>
 *   <li>The file is opened (created, or emptied) when training begins, flushed after every row, so
 *       a crash loses at most the epoch under way, and closed when training ends.</li>
 *   <li>With {@code append}, rows are added to an existing file; when it is not empty its header is
 *       not written again. Unlike Keras, which appends whatever columns it has, a file whose header
 *       is not the one this run would write is refused at the first epoch, before any row is
 *       written, naming both headers.</li>
 * </ul>
 *
 * An {@link IOException} is an {@link UncheckedIOException} naming the file. An instance may be
 * reused for another {@code fit}: each run opens the file again.
 */
public final class CsvLogger implements Callback {

    private static final String LINE_END = "\r\n";

    private final Path path;
    private final char separator;
    private final boolean append;

    private Writer out;
    /** The first line of the file appended to; null when the header is to be written. */
    private String existingHeader;
    private List<String> keys;

    /** Writes to {@code path}, comma-separated, replacing the file. */
    public CsvLogger(Path path) {
        this(path, ',', false);
    }

    /**
     * Writes to {@code path}, fields separated by {@code separator}; with {@code append} rows are
     * added to an existing file instead of replacing it.
     *
     * @throws IllegalArgumentException when {@code separator} is a double quote or a line break
     */
    public CsvLogger(Path path, char separator, boolean append) {
        this.path = Objects.requireNonNull(path, "path");
        if (separator == '"' || separator == '\r' || separator == '\n') {
            throw new IllegalArgumentException("separator: expected a character other than a double quote or a line break, found "
                    + (separator == '"' ? "'\"'" : separator == '\r' ? "'\\r'" : "'\\n'"));
        }
        this.separator = separator;
        this.append = append;
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        close();
        keys = null;
        try {
            existingHeader = append && Files.exists(path) && Files.size(path) > 0 ? firstLine() : null;
            OpenOption[] options = append
                    ? new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.APPEND}
                    : new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE};
            out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, options);
        } catch (IOException e) {
            throw failure("open", e);
        }
    }

    private String firstLine() throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return Objects.requireNonNullElse(reader.readLine(), "");
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (out == null) {
            throw new IllegalStateException("CsvLogger(" + path + "): onEpochEnd outside onTrainBegin .. onTrainEnd");
        }
        if (keys == null) {
            startFile(logs);
        }
        List<String> row = new ArrayList<>(keys.size() + 1);
        row.add(Integer.toString(epoch));
        for (String key : keys) {
            Double value = logs.get(key);
            row.add(value == null ? "NA" : FormatSpec.str(value));
        }
        write(line(row));
    }

    /** Takes the columns from the first epoch's logs and writes the header, or checks the one there is. */
    private void startFile(Map<String, Double> logs) {
        keys = logs.keySet().stream().sorted().toList();
        List<String> columns = new ArrayList<>(keys.size() + 1);
        columns.add("epoch");
        columns.addAll(keys);
        String header = line(columns);
        if (existingHeader == null) {
            write(header);
        } else if (!existingHeader.equals(header)) {
            throw new IllegalStateException("CsvLogger: cannot append to " + path + ": its header is '" + existingHeader
                    + "' and this run's is '" + header + "'; write to another file, or replace this one (append false)");
        }
    }

    /** The fields joined by the separator, each quoted when it must be. */
    private String line(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(separator);
            }
            line.append(Csv.field(fields.get(i), separator));
        }
        return line.toString();
    }

    /** Writes {@code line} and the line end, and flushes. */
    private void write(String line) {
        try {
            out.write(line);
            out.write(LINE_END);
            out.flush();
        } catch (IOException e) {
            throw failure("write", e);
        }
    }

    @Override
    public void onTrainEnd() {
        close();
    }

    private void close() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            throw failure("close", e);
        } finally {
            out = null;
        }
    }

    private UncheckedIOException failure(String action, IOException e) {
        return new UncheckedIOException("CsvLogger: cannot " + action + " " + path + ": " + e, e);
    }

    /** The file written. */
    public Path path() {
        return path;
    }
}
