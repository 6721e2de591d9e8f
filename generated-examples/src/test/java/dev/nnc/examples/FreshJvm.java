package dev.nnc.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A main class of the test class path, run in a new JVM: what it printed. */
final class FreshJvm {

    /** The JDK that runs this test. */
    static Path currentJdk() {
        return Path.of(System.getProperty("java.home"));
    }

    /**
     * A JDK of another feature release than this one's under {@code /usr/lib/jvm} (17 and 25 in
     * CI), or null: the one whose release file names the other version.
     */
    static Path otherJdk() throws IOException {
        Path root = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(root)) {
            return null;
        }
        String current = System.getProperty("java.specification.version");
        try (Stream<Path> jdks = Files.list(root)) {
            for (Path jdk : jdks.sorted().toList()) {
                String version = version(jdk);
                if (version != null && !version.equals(current) && Files.isExecutable(jdk.resolve("bin/java"))
                        && (version.equals("17") || version.equals("25"))) {
                    return jdk;
                }
            }
        }
        return null;
    }

    /** The feature release of the JDK at {@code jdk}, from its release file. */
    private static String version(Path jdk) throws IOException {
        Path release = jdk.resolve("release");
        if (!Files.isRegularFile(release)) {
            return null;
        }
        for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
            if (line.startsWith("JAVA_VERSION=")) {
                String value = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                int dot = value.indexOf('.');
                return dot < 0 ? value : value.substring(0, dot);
            }
        }
        return null;
    }

    /**
     * Starts {@code mainClass} in a new JVM of {@code jdk} with {@code options}; several run at once,
     * and {@link #output()} waits for one.
     */
    static FreshJvm start(Path jdk, List<String> options, Class<?> mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(jdk.resolve("bin/java").toString());
        command.add("--add-modules=jdk.incubator.vector");
        command.addAll(options);
        command.add("-cp");
        // surefire runs tests from a jar whose manifest holds the class path, and passes the path itself here
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        Path output = Files.createTempFile("fresh-jvm", ".out");
        Path errors = Files.createTempFile("fresh-jvm", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
        return new FreshJvm(command, process, output, errors);
    }

    private final List<String> command;
    private final Process process;
    private final Path output;
    private final Path errors;

    private FreshJvm(List<String> command, Process process, Path output, Path errors) {
        this.command = command;
        this.process = process;
        this.output = output;
        this.errors = errors;
    }

    /**
     * The lines it printed, once it has ended; fails if it failed or ran for more than 5 minutes,
     * which ends it.
     */
    List<String> output() throws IOException, InterruptedException {
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                throw new AssertionError(command + " did not end within 5 minutes");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(command + " ended with " + process.exitValue() + ":\n" + Files.readString(errors));
            }
            return Files.readAllLines(output, StandardCharsets.UTF_8);
        } finally {
            end();
        }
    }

    /** Ends the JVM if it still runs and deletes what it printed: for a test that fails before it reads the output. */
    void end() throws IOException {
        process.destroyForcibly();
        Files.deleteIfExists(output);
        Files.deleteIfExists(errors);
    }
}
