package io.engram.app.csv.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads one input file whole, refusing what is not a regular file or is larger than
 * {@link CsvLimits#fileBytes()} before reading it, and reading at most that many bytes even if the
 * file grows meanwhile. Stateless.
 */
final class Input {

    private Input() {
    }

    /** The file's bytes, or {@code null} after adding a problem naming the file. */
    static byte[] read(String name, CsvLimits limits, Problems problems) {
        Path path = Path.of(name);
        try {
            if (!Files.isRegularFile(path)) {
                problems.add(name, Files.exists(path) ? "not a regular file" : "no such file");
                return null;
            }
            long size = Files.size(path);
            if (size > limits.fileBytes()) {
                problems.add(name, tooLarge(size, limits));
                return null;
            }
            try (InputStream in = Files.newInputStream(path)) {
                byte[] bytes = in.readNBytes((int) limits.fileBytes() + 1);
                if (bytes.length > limits.fileBytes()) {
                    problems.add(name, tooLarge(bytes.length, limits));
                    return null;
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            problems.add(name, "no such file");
        } catch (IOException | SecurityException e) {
            problems.add(name, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return null;
    }

    private static String tooLarge(long size, CsvLimits limits) {
        return "file of " + size + " bytes, more than the " + limits.fileBytes() + " allowed (max.file.bytes)";
    }
}
