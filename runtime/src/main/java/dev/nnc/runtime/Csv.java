package dev.nnc.runtime;

/**
 * A field of delimited text as Python's {@code csv} module writes it (the excel dialect, which
 * Keras' {@code CSVLogger} uses): quoted, its quotes doubled, only when it holds the separator, a
 * quote or a line break (RFC 4180). Numbers are written as Python writes them,
 * {@link FormatSpec#str}.
 */
final class Csv {

    private Csv() {}

    /** {@code text} as one field between {@code separator}s. */
    static String field(String text, char separator) {
        if (text.indexOf(separator) < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
