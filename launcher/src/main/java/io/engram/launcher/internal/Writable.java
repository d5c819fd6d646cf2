package io.engram.launcher.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks that a directory the runtime writes to can be used: it is created when missing, then a
 * probe file is written into it and deleted. Stateless; thread-safe.
 */
final class Writable {

    private Writable() {
    }

    /**
     * Why the directory of {@code key} cannot be written, as one line naming the key, the directory
     * and the operating system's reason; empty when it can.
     */
    static Optional<String> problem(String key, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return Optional.of(key + ": cannot create the directory " + dir + ": " + reason(e));
        }
        Path probe = null;
        try {
            probe = Files.createTempFile(dir, ".engram-probe-", ".tmp");
            Files.write(probe, new byte[] {1});
            Files.delete(probe);
            return Optional.empty();
        } catch (IOException e) {
            deleteQuietly(probe);
            return Optional.of(key + ": cannot write in the directory " + dir + ": " + reason(e));
        }
    }

    /** The operating system's reason, or what the exception says. */
    static String reason(IOException e) {
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " exists and is not a directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the first failure is the one reported
        }
    }
}
