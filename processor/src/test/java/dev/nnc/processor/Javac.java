package dev.nnc.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/** Runs javac with the nnc processor, as a user's build does. */
final class Javac {

    private Javac() {}

    /**
     * Compiles the sources and whatever the processor generates. The generated classes use the
     * Vector API, an incubating module that javac must be told about (it then warns that it uses it).
     */
    static Compilation compile(JavaFileObject... sources) {
        return compile(new NetworkProcessor(), sources);
    }

    /** The same with {@code processor}, such as a {@link RecordingProcessor}. */
    static Compilation compile(Processor processor, JavaFileObject... sources) {
        return compile(List.of(processor), sources);
    }

    /** The same with these processors, run in this order. */
    static Compilation compile(List<Processor> processors, JavaFileObject... sources) {
        return Compiler.javac()
                .withProcessors(processors)
                .withOptions("--add-modules", "jdk.incubator.vector")
                .compile(sources);
    }

    /** Fails unless every warning is javac's notice that the incubating Vector API module is in use. */
    static void assertNoWarningsButIncubator(Compilation compilation) {
        List<String> others = compilation.warnings().stream()
                .map(warning -> warning.getMessage(Locale.ROOT))
                .filter(message -> !message.contains("using incubating module(s): jdk.incubator.vector"))
                .collect(Collectors.toList());
        assertWithMessage("warnings other than the incubator notice").that(others).isEmpty();
    }

    /** Every error's text, for a failure message that shows them all. */
    static List<String> errorTexts(Compilation compilation) {
        return compilation.errors().stream()
                .map(error -> error.getLineNumber() + ": " + error.getMessage(Locale.ROOT))
                .collect(Collectors.toList());
    }
}
