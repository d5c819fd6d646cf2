package io.engram.app.csv.internal;

import io.engram.api.DataShape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Bounds the data the csv application would load, from the files' sizes and header lines only. With
 * N bytes in all files, C columns in the training file's header (the first line that is neither
 * blank nor a comment, looked for in its first {@link CsvLimits#lineChars()} bytes; the named
 * columns when none is found there), I inputs and O outputs: a row has at least C + I bytes (a digit
 * per input, C - 1 delimiters, a newline), so there are at most S = N / (C + I) steps and as many
 * sequences. Loading holds the bytes, their text and its lines (3N) besides the sequences
 * ({@link DataShape#sequenceBytes}). The longest sequence is not known without reading the files:
 * it is given as 0, which leaves activations out of the kernel's estimate. Stateless.
 */
final class CsvShape {

    private CsvShape() {
    }

    /** The bound, or empty when a file cannot be measured (loading will then say why). */
    static Optional<DataShape> of(CsvSettings s, CsvLimits limits) {
        long bytes = 0;
        for (String f : new String[] {s.file(), s.validationFile(), s.testFile()}) {
            if (f.isEmpty()) {
                continue;
            }
            try {
                bytes += Math.min(Files.size(Path.of(f)), limits.fileBytes());
            } catch (IOException | SecurityException e) {
                return Optional.empty();
            }
        }
        int inputs = s.inputColumns().size();
        int outputs = s.labels() ? Math.max(2, s.classes().size()) : s.targetColumns().size();
        long columns = Math.max(columns(s, limits), inputs + s.targetColumns().size());
        long steps = bytes / Math.max(1, columns + inputs);
        long held = DataShape.sequenceBytes(steps, steps, inputs, outputs);
        long total = held > Long.MAX_VALUE - 3 * bytes ? Long.MAX_VALUE : held + 3 * bytes;
        return Optional.of(new DataShape("data.file", steps, steps, 0, inputs, outputs, total));
    }

    /** Columns of the training file's header, or 0 when no header is found in its first bytes. */
    private static long columns(CsvSettings s, CsvLimits limits) {
        byte[] head;
        try (InputStream in = Files.newInputStream(Path.of(s.file()))) {
            head = in.readNBytes(Math.min(limits.lineChars(), 1 << 20));
        } catch (IOException | SecurityException e) {
            return 0;
        }
        for (String line : new String(head, StandardCharsets.UTF_8).split("\r?\n", -1)) {
            if (!line.isBlank() && !line.stripLeading().startsWith("#")) {
                return Fields.count(line, s.delimiterFor(s.file()));
            }
        }
        return 0;
    }
}
