package dev.nnc.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A fresh JVM running a test class's {@code main}, on this JVM's class path, for what one JVM cannot show. */
final class ChildJvm {

    private ChildJvm() {}

    /** Starts {@code main} with {@code jvmOptions} (a heap size, say) and {@code arguments}; its stderr joins its stdout. */
    static Process start(Class<?> main, List<String> jvmOptions, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        // under Maven, a jar whose manifest lists the test class path
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
