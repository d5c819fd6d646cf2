package io.engram.app.handwriting.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads a file of labelled pen trajectories in the format its name or {@code data.format} says:
 * {@code inkml} ({@link InkmlReader}) or {@code csv} ({@link StrokesCsv}); with {@code auto}, a name
 * ending {@code .csv} is CSV and any other InkML. Stateless and thread-safe.
 */
final class InkFiles {
    private InkFiles() {
    }

    /** The format {@code file} is read in for the setting {@code format}. */
    static String format(Path file, String format) {
        if (!format.equals("auto")) {
            return format;
        }
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? "csv" : "inkml";
    }

    /** The bytes of {@code file}, or null with a problem naming it. */
    static byte[] bytes(Path file, List<String> problems) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            problems.add(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
            return null;
        }
    }

    /** The samples of {@code bytes}, read from {@code file} in {@code format}; problems to {@code problems}. */
    static List<Ink> read(Path file, byte[] bytes, String format, List<String> problems) {
        return format(file, format).equals("csv") ? StrokesCsv.read(file.toString(), bytes, problems)
                : InkmlReader.read(file.toString(), bytes, problems);
    }
}
