package dev.nnc.tools;

import java.io.IOException;

/**
 * A CSV file that {@link CsvData} cannot read as numbers: no header, a column that is not in the
 * header, a row with another number of fields than the header, a missing value, or a field that
 * is not a finite number. The message names the file (or the source given for a reader), the
 * line, the column and the text found.
 *
 * <p>An {@link IOException}: reading a file may fail either way, and a caller that loads data
 * handles both with one {@code catch}.
 */
public final class CsvFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** A format error described by {@code message}. */
    public CsvFormatException(String message) {
        super(message);
    }

    /** A format error described by {@code message}, found by {@code cause} (the CSV parser). */
    public CsvFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
