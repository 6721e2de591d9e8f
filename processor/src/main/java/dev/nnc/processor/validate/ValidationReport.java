package dev.nnc.processor.validate;

import dev.nnc.processor.spec.Source;
import java.util.ArrayList;
import java.util.List;

/** Every problem found in one spec; code is generated only from a clean report. */
public final class ValidationReport {

    private final List<Diagnostic> diagnostics = new ArrayList<>();

    /** Records {@code message} at {@code source}, formatted with {@code arguments}. */
    public void add(Message message, Source source, Object... arguments) {
        diagnostics.add(new Diagnostic(message, source, message.format(arguments)));
    }

    public boolean isClean() {
        return diagnostics.isEmpty();
    }

    public List<Diagnostic> diagnostics() {
        return List.copyOf(diagnostics);
    }
}
