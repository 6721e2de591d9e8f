package dev.nnc.runtime;

/**
 * Fields of comma-separated text as Keras' {@code CSVLogger} writes them through Python's
 * {@code csv} module: numbers that read back exactly, {@code nan}, {@code inf} and {@code -inf}
 * for the others, and a text field quoted only when it holds a comma, a quote or a line break.
 */
final class Csv {

    private Csv() {}

    /**
     * {@code value} so that Python's {@code float()}, pandas and Java's {@code Double.parseDouble}
     * read back the same double ({@code 0.1}, {@code 1.0E-5}); {@code nan}, {@code inf} or
     * {@code -inf}, as Python writes them, when it is not finite.
     */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return Double.toString(value);
    }

    /** {@code text}, in double quotes with its quotes doubled when it holds a comma, a quote or a line break (RFC 4180). */
    static String field(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
