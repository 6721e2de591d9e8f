package dev.nnc.runtime;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Replaces a file atomically: readers of the file see the old contents or the new, never part of
 * the new, and a write that fails leaves the old file as it was. Weights files are written through
 * it, and so is anything else a user should never find half written (learning-curve images).
 *
 * <p>A write goes to a temporary file beside the target, {@code .<name>.<random>.tmp}, which it
 * holds locked while it writes, forces to disk and moves over the target. A process killed
 * part way (by {@code kill -9}, a power cut) cannot delete its temporary file; the next write of
 * the same target deletes every such file no live write holds, so at most one is ever left per
 * target. Two writes of one target at once, from threads or processes, each write a temporary file
 * of their own: the target is whole, and it is the one moved last. A symbolic link is written
 * through: the file it points to is replaced, and the link stays.
 */
public final class AtomicFiles {

    /** Symbolic links followed to the file, at most: Linux's limit ({@code MAXSYMLINKS}). */
    private static final int MAX_LINKS = 40;

    /**
     * The temporary files this JVM is writing, each spelled in its directory's real path: the next
     * write leaves them alone without probing their locks. (A probe from this JVM would open the
     * file, and closing it drops the lock the writing thread holds: POSIX locks belong to the
     * process, and closing any of its descriptors of a file releases them.)
     */
    private static final Set<Path> WRITING = ConcurrentHashMap.newKeySet();

    private AtomicFiles() {}

    /** What goes into the file. */
    @FunctionalInterface
    public interface Content {

        /** Writes the whole contents to {@code out}; need not flush or close it. */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code content} to {@code target} atomically, as the class comment says: to a
     * temporary file in its directory, forced to disk, then moved over it in one step. On failure
     * the temporary file is deleted and {@code target}, if it existed, is left as it was. When
     * {@code target} is a symbolic link, the file it points to (which need not exist) is written.
     *
     * @throws IOException when writing or moving fails
     */
    public static void write(Path target, Content content) throws IOException {
        write(target, content, UnaryOperator.identity());
    }

    /**
     * {@link #write(Path, Content)}, with {@code wrap} between the content and the file, so a test
     * can make the stream fail part way; it is the identity otherwise.
     *
     * <p>The temporary file is created as any new file is (on POSIX, by the process's umask), not
     * as {@code Files.createTempFile} makes one (readable by its owner only): a weights file saved
     * here is readable as the user's other files are. The directory is not forced, so a crash just
     * after the move may leave either file, but never a part of one.
     */
    static void write(Path target, Content content, UnaryOperator<OutputStream> wrap) throws IOException {
        Path file = inRealDirectory(linked(target.toAbsolutePath()));
        deleteLeftovers(file);
        SplittableRandom random = new SplittableRandom();
        while (true) {
            // the same directory, so the move is a rename within one file system
            Path temporary = file.resolveSibling("." + file.getFileName() + "." + Long.toUnsignedString(random.nextLong(), 36)
                    + ".tmp");
            WRITING.add(temporary);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                try {
                    // held until the move, so that no other write takes the file for a leftover
                    lock(channel);
                    if (!Files.exists(temporary, LinkOption.NOFOLLOW_LINKS)) {
                        // another write took it for a leftover between its creation and the lock: again, with another name
                        continue;
                    }
                    OutputStream out = wrap.apply(new BufferedOutputStream(Channels.newOutputStream(channel)));
                    content.writeTo(out);
                    out.flush();
                    channel.force(true);
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    return;
                } catch (Throwable e) {
                    try {
                        Files.deleteIfExists(temporary);
                    } catch (IOException notDeleted) {
                        e.addSuppressed(notDeleted);
                    }
                    throw e;
                }
            } finally {
                WRITING.remove(temporary);
            }
        }
    }

    /**
     * {@code path}, or when it is a symbolic link, the file at the end of its links (which need
     * not exist): the file a write through the link replaces.
     */
    private static Path linked(Path path) throws IOException {
        Path file = path;
        for (int links = 0; Files.isSymbolicLink(file); links++) {
            if (links == MAX_LINKS) {
                throw new FileSystemException(path.toString(), null, "more than " + MAX_LINKS + " symbolic links in a row");
            }
            // a relative link is relative to the directory holding it; an absolute one replaces the path
            file = file.resolveSibling(Files.readSymbolicLink(file));
        }
        return file;
    }

    /**
     * {@code file} in its directory's real path, without {@code .}, {@code ..} or linked
     * directories: the one spelling of it, so that two writes of one file in this JVM know each
     * other's temporary files however their callers spelled it ({@code ./w.safetensors},
     * {@code w.safetensors}).
     *
     * @throws NoSuchFileException when the directory does not exist
     */
    private static Path inRealDirectory(Path file) throws IOException {
        return file.getParent().toRealPath().resolve(file.getFileName());
    }

    /**
     * A lock on {@code channel}'s file, which tells other writes its file is no leftover. It covers
     * a byte past any contents: Windows enforces locks on reads, and the moved file is read at once.
     * A file system without locks goes without: its leftovers then stay.
     */
    private static void lock(FileChannel channel) throws IOException {
        try {
            channel.lock(Long.MAX_VALUE - 1, 1, false);
        } catch (ClosedChannelException closed) {
            // an interrupt closed the channel: the write cannot go on
            throw closed;
        } catch (UnsupportedOperationException | IOException noLocks) {
            // nothing to hold; and no other write can take the file, since it cannot lock it either
        }
    }

    /** Deletes the temporary files of writes of {@code file} that no live write holds: those of killed processes. */
    private static void deleteLeftovers(Path file) throws IOException {
        String prefix = "." + file.getFileName() + ".";
        try (DirectoryStream<Path> temporaries = Files.newDirectoryStream(file.getParent(),
                candidate -> isTemporary(candidate.getFileName().toString(), prefix))) {
            for (Path temporary : temporaries) {
                if (!WRITING.contains(temporary)) {
                    deleteUnlocked(temporary);
                }
            }
        }
    }

    /** {@code .<name>.<random>.tmp}, the random part in base 36. */
    private static boolean isTemporary(String name, String prefix) {
        if (name.length() <= prefix.length() + ".tmp".length() || !name.startsWith(prefix) || !name.endsWith(".tmp")) {
            return false;
        }
        return name.substring(prefix.length(), name.length() - 4).chars()
                .allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'z');
    }

    /**
     * Deletes {@code temporary} when no process holds its lock. A name is never used twice, so the
     * path names the locked file or none: a live write that has moved its file away leaves nothing
     * here to delete.
     */
    private static void deleteUnlocked(Path temporary) {
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            FileLock lock = channel.tryLock(Long.MAX_VALUE - 1, 1, false);
            if (lock != null) {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException | OverlappingFileLockException | UnsupportedOperationException inUseOrGone) {
            // held by another write, moved away, not ours to open, or no locks here: left as it is
        }
    }
}
