package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link AtomicFiles}: what a killed write leaves, writes from two processes at once, and symbolic links. */
class AtomicFilesTest {

    @TempDir
    Path directory;

    /** The names in {@code folder}, sorted. */
    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    private static void write(Path target, byte[] contents) throws IOException {
        AtomicFiles.write(target, out -> out.write(contents));
    }

    @Test
    void theNextWriteDeletesWhatAKilledWriteLeftAndNothingElse() throws IOException {
        Path target = directory.resolve("model.safetensors");
        write(target, new byte[] {1});
        // a killed write's file, unlocked; and files that only look alike
        List<String> others = List.of(".model.safetensors.tmp", ".model.safetensors.X1.tmp", ".other.safetensors.k3.tmp",
                "model.safetensors.k3.tmp", ".model.safetensors.k3.tmp.bak");
        Files.write(directory.resolve(".model.safetensors.0k3z9.tmp"), new byte[100]);
        for (String name : others) {
            Files.write(directory.resolve(name), new byte[] {7});
        }
        write(target, new byte[] {2});
        assertArrayEquals(new byte[] {2}, Files.readAllBytes(target));
        List<String> expected = new java.util.ArrayList<>(others);
        expected.add("model.safetensors");
        assertEquals(expected.stream().sorted().toList(), names(directory));
    }

    /**
     * Writes {@code args[1]} bytes of {@code args[2]} to the file {@code args[0]} again and again,
     * printing a line after each write, until it is killed.
     */
    static final class WriteForever {
        public static void main(String[] args) throws IOException {
            byte[] contents = new byte[Integer.parseInt(args[1])];
            Arrays.fill(contents, Byte.parseByte(args[2]));
            for (long writes = 1; ; writes++) {
                AtomicFiles.write(Path.of(args[0]), out -> out.write(contents));
                System.out.println(writes);
            }
        }
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void killedWritesLeaveOneTemporaryFileAtMostAndWritesAtOnceLeaveAWholeFile() throws Exception {
        Path target = directory.resolve("weights.safetensors");
        int size = 1 << 20;
        byte[] ours = new byte[size];
        Arrays.fill(ours, (byte) 1);
        for (int kill = 1; kill <= 4; kill++) {
            Process child = ChildJvm.start(WriteForever.class, List.of("-Xmx64m"), target.toString(), Integer.toString(size), "2");
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            // the child is writing: ours go in between, and each leaves the target whole, the child's or ours
            for (int write = 0; write < 5; write++) {
                String line = lines.readLine();
                assertTrue(line != null && line.matches("[0-9]+"), "the child wrote: " + line);
                write(target, ours);
                byte[] contents = Files.readAllBytes(target);
                assertEquals(size, contents.length);
                assertTrue(contents[0] == contents[size - 1] && (contents[0] == 1 || contents[0] == 2), "a whole file");
            }
            // killed at some point of a write: between two, or with its temporary file there
            child.destroyForcibly().waitFor();
            List<String> left = names(directory);
            assertTrue(left.size() <= 2 && left.contains("weights.safetensors"), "after kill " + kill + ": " + left);
        }
        write(target, ours);
        assertEquals(List.of("weights.safetensors"), names(directory));
    }

    /** Writes the byte {@code args[1]} to the file {@code args[0]} once: another process's write of a target. */
    static final class WriteOnce {
        public static void main(String[] args) throws IOException {
            AtomicFiles.write(Path.of(args[0]), out -> out.write(Byte.parseByte(args[1])));
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void writesOfOneFileSpelledTwoWaysInOneJvmLeaveEachOthersTemporaryFileAlone() throws Exception {
        Path target = directory.resolve("w.safetensors");
        // the same file: directory/./w.safetensors
        Path otherSpelling = directory.resolve(".").resolve("w.safetensors");
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            // a write that holds its temporary file locked while this thread and another process write the same file
            Future<?> first = thread.submit(() -> {
                AtomicFiles.write(otherSpelling, out -> {
                    writing.countDown();
                    try {
                        goOn.await();
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException("interrupted");
                    }
                    out.write(1);
                });
                return null;
            });
            writing.await();
            // a write from this JVM must not open the first one's temporary file: closing it would drop the first's lock
            write(target, new byte[] {2});
            // ... which another process's write would then take for a killed write's, and delete
            Process other = ChildJvm.start(WriteOnce.class, List.of("-Xmx64m"), target.toString(), "3");
            String output = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, other.waitFor(), output);
            goOn.countDown();
            first.get();
        } finally {
            goOn.countDown();
            thread.shutdown();
        }
        // the first write moved its file over the target last
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(target));
        assertEquals(List.of("w.safetensors"), names(directory));
    }

    @Test
    void aWriteThroughASymbolicLinkReplacesTheFileItPointsToAndKeepsTheLink() throws IOException {
        Path store = Files.createDirectory(directory.resolve("store"));
        Path file = store.resolve("epoch-10.safetensors");
        write(file, new byte[] {1});
        // latest -> store/epoch-10.safetensors, relative
        Path latest = Files.createSymbolicLink(directory.resolve("latest.safetensors"), Path.of("store", "epoch-10.safetensors"));
        write(latest, new byte[] {2, 2});
        assertTrue(Files.isSymbolicLink(latest));
        assertArrayEquals(new byte[] {2, 2}, Files.readAllBytes(file));
        assertEquals(List.of("latest.safetensors", "store"), names(directory));
        assertEquals(List.of("epoch-10.safetensors"), names(store));

        // a chain of two links, the second absolute, to a file not there yet
        Path fresh = store.resolve("fresh.safetensors");
        Path second = Files.createSymbolicLink(store.resolve("second"), fresh);
        Path first = Files.createSymbolicLink(directory.resolve("first"), second);
        write(first, new byte[] {3});
        assertTrue(Files.isSymbolicLink(first) && Files.isSymbolicLink(second));
        assertArrayEquals(new byte[] {3}, Files.readAllBytes(fresh));
        assertEquals(List.of("epoch-10.safetensors", "fresh.safetensors", "second"), names(store));
    }

    @Test
    void aLoopOfLinksIsRefusedNamingThePath() throws IOException {
        Path a = directory.resolve("a");
        Path b = directory.resolve("b");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        var e = org.junit.jupiter.api.Assertions.assertThrows(java.nio.file.FileSystemException.class,
                () -> write(a, new byte[] {1}));
        assertEquals(a + ": more than 40 symbolic links in a row", e.getMessage());
        assertTrue(Files.isSymbolicLink(a) && Files.isSymbolicLink(b));
    }
}
