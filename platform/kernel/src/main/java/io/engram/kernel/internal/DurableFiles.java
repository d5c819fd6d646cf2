package io.engram.kernel.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes that survive a crash: a whole file goes to a temporary file in the same directory, is
 * forced to the device, renamed over the target and the directory is then synced, so a reader (or
 * a restart) sees the old content or the new, never a mix; an append is forced before it returns.
 * Stateless and thread-safe; callers serialise writes of the same file.
 */
final class DurableFiles {

    private DurableFiles() {
    }

    /** Replaces {@code target} with {@code bytes}, creating its directory when needed. */
    static void write(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                writeFully(ch, bytes);
                ch.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(dir);
    }

    /** Appends {@code bytes} to {@code file} (created when absent) and forces them to the device. */
    static void append(Path file, byte[] bytes) throws IOException {
        boolean existed = Files.exists(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            writeFully(ch, bytes);
            ch.force(false);
        }
        if (!existed) {
            syncDirectory(file.toAbsolutePath().getParent());
        }
    }

    private static void writeFully(FileChannel ch, byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /**
     * Forces the directory's entries to the device; a platform that cannot open a directory as a
     * channel (Windows) keeps the rename as the file system orders it.
     */
    static void syncDirectory(Path dir) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            return;
        }
        try (ch) {
            ch.force(true);
        } catch (IOException e) {
            if (Files.isDirectory(dir) && !isWindows()) {
                throw e;
            }
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }

    /**
     * Makes sure {@code dir} exists and takes new files, by creating and deleting one; fails with a
     * message naming the directory and the reason.
     */
    static void probe(Path dir, String what) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".probe-", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IllegalStateException(what + " " + dir + " cannot be written: " + reason(e), e);
        }
    }

    /** The OS's reason for {@code e}, with the exception's kind when it says nothing else. */
    static String reason(Exception e) {
        String m = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return m == null || m.isBlank() ? kind : kind + ": " + m;
    }
}
