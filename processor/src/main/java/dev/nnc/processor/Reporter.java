package dev.nnc.processor;

import dev.nnc.processor.read.SourceMap;
import dev.nnc.processor.validate.Diagnostic;
import javax.annotation.processing.Messager;
import javax.tools.Diagnostic.Kind;

/** Prints a spec's diagnostics as compiler errors (or warnings) at the element, annotation and value they are about. */
final class Reporter {

    private final Messager messager;

    Reporter(Messager messager) {
        this.messager = messager;
    }

    void error(Diagnostic diagnostic, SourceMap sources) {
        print(Kind.ERROR, diagnostic, sources);
    }

    void warning(Diagnostic diagnostic, SourceMap sources) {
        print(Kind.WARNING, diagnostic, sources);
    }

    private void print(Kind kind, Diagnostic diagnostic, SourceMap sources) {
        SourceMap.Location location = sources.locate(diagnostic.source());
        if (location.value() != null) {
            messager.printMessage(kind, diagnostic.text(), location.element(), location.annotation(), location.value());
        } else if (location.annotation() != null) {
            messager.printMessage(kind, diagnostic.text(), location.element(), location.annotation());
        } else {
            messager.printMessage(kind, diagnostic.text(), location.element());
        }
    }
}
