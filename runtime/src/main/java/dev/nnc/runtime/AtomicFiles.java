package dev.nnc.runtime;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.UnaryOperator;

/**
 * Replaces a file atomically: readers of the file see the old contents or the new, never part of
 * the new, and a write that fails leaves the old file as it was. Weights files are written through
 * it, and so is anything else a user should never find half written (learning-curve images).
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    /** What goes into the file. */
    @FunctionalInterface
    public interface Content {

        /** Writes the whole contents to {@code out}; need not flush or close it. */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code content} to {@code target} atomically: to a temporary file in its directory,
     * forced to disk, then moved over it in one step. On failure the temporary file is deleted and
     * {@code target}, if it existed, is left as it was.
     *
     * @throws IOException when writing or moving fails
     */
    public static void write(Path target, Content content) throws IOException {
        write(target, content, UnaryOperator.identity());
    }

    /**
     * Writes {@code content} to a temporary file in the directory of {@code target}, forces it to
     * disk and moves it over {@code target} in one step. On any failure the temporary file is
     * deleted and the failure rethrown. {@code wrap} sits between the content and the file, so a
     * test can make the stream fail part way; it is the identity otherwise.
     *
     * <p>The temporary file is created as any new file is (on POSIX, by the process's umask), not
     * as {@code Files.createTempFile} makes one (readable by its owner only): a weights file saved
     * here is readable as the user's other files are. The directory is not forced, so a crash just
     * after the move may leave either file, but never a part of one.
     */
    static void write(Path target, Content content, UnaryOperator<OutputStream> wrap) throws IOException {
        Path absolute = target.toAbsolutePath();
        // the same directory, so the move is a rename within one file system
        Path temporary = createTemporary(absolute);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                OutputStream out = wrap.apply(new BufferedOutputStream(Channels.newOutputStream(channel)));
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (Throwable e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException notDeleted) {
                e.addSuppressed(notDeleted);
            }
            throw e;
        }
    }

    /** A new empty file beside {@code target}, {@code <name>.<random>.tmp}, with the default permissions of a new file. */
    private static Path createTemporary(Path target) throws IOException {
        java.util.SplittableRandom random = new java.util.SplittableRandom();
        for (int attempt = 0; ; attempt++) {
            Path candidate = target.resolveSibling(target.getFileName() + "." + Long.toUnsignedString(random.nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(candidate);
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                if (attempt == 100) {
                    throw taken;
                }
            }
        }
    }
}
