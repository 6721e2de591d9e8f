package dev.nnc.runtime;

import java.io.IOException;

/**
 * A weights file, or bytes read as one, that breaks its format or does not fit the model it is
 * loaded into (a missing, extra or wrongly shaped tensor, a checksum that does not match, the
 * weights of another architecture). The message names the file (or {@code bytes}, or the
 * resource), the tensor or header entry at fault, what was expected and what was found.
 *
 * <p>An {@link IOException}: reading a file may fail either way, and a caller that loads weights
 * handles both with one {@code catch}.
 */
public final class WeightsFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** A format error described by {@code message}. */
    public WeightsFormatException(String message) {
        super(message);
    }

    /** A format error described by {@code message}, found by {@code cause} (the JSON parser). */
    public WeightsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
