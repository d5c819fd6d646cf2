package io.engram.analyze.internal;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the input sequences that drive a network, in the text format of {@code engram predict}: one
 * sequence per line, steps separated by {@code ;}, the values of a step by {@code ,}; blank lines and
 * lines starting with {@code #} are skipped. Every problem is reported at once (the first
 * {@value #MAX_LISTED}, then a count), each naming the file, line and step. Stateless and thread-safe.
 */
final class InputSequences {
    static final int MAX_LISTED = 20;
    static final long MAX_BYTES = 64L << 20;

    private InputSequences() {
    }

    /**
     * The sequences of {@code file}, each {@code [step][width]}.
     *
     * @throws IllegalArgumentException listing every malformed line and step
     * @throws IOException              when the file cannot be read
     */
    static List<double[][]> read(Path file, int width) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IllegalArgumentException(file + ": larger than " + MAX_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not UTF-8 text");
        }
        List<double[][]> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int count = 0;
        String[] lines = text.split("\n", -1);
        for (int l = 0; l < lines.length; l++) {
            String line = lines[l].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] steps = line.split(";", -1);
            double[][] seq = new double[steps.length][];
            for (int t = 0; t < steps.length; t++) {
                String[] cells = steps[t].split(",", -1);
                String where = file + ":" + (l + 1) + ": step " + (t + 1);
                if (cells.length != width) {
                    count = note(problems, count, where + ": expected " + width + " values, got " + cells.length);
                    continue;
                }
                seq[t] = new double[width];
                for (int c = 0; c < width; c++) {
                    try {
                        seq[t][c] = Double.parseDouble(cells[c].strip());
                        if (!Double.isFinite(seq[t][c])) {
                            throw new NumberFormatException();
                        }
                    } catch (NumberFormatException e) {
                        count = note(problems, count, where + " value " + (c + 1) + ": '" + cells[c].strip()
                                + "' is not a finite number");
                    }
                }
            }
            out.add(seq);
        }
        if (count == 0 && out.isEmpty()) {
            count = note(problems, count, file + ": no sequence in the file");
        }
        if (count > 0) {
            if (count > MAX_LISTED) {
                problems.add("... and " + (count - MAX_LISTED) + " more problems");
            }
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return out;
    }

    private static int note(List<String> problems, int count, String problem) {
        if (count < MAX_LISTED) {
            problems.add(problem);
        }
        return count + 1;
    }
}
