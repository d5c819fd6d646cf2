package io.engram.kernel.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on the directories the kernel writes into. Stateless and thread-safe. */
final class Directories {

    private Directories() {
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
