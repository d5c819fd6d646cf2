package io.engram.app.csv.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the sequences of one file in either layout (see {@link CsvApplication}). Every problem is
 * added to {@link Problems} as {@code file:line} with what was wrong, never with the file's text;
 * reading goes on after a problem so that all of them are reported at once. Bytes that are not
 * UTF-8, a line longer than {@link CsvLimits#lineChars()}, a header of more than
 * {@link CsvLimits#columns()} columns and a sequence of more than {@link CsvLimits#sequenceSteps()}
 * steps are refused before the data they would make is allocated. Stateless.
 */
final class CsvReader {

    private CsvReader() {
    }

    static List<RawSequence> read(String name, byte[] bytes, CsvSettings s, CsvLimits limits, Problems problems) {
        String text = decode(name, bytes, problems);
        if (text == null) {
            return List.of();
        }
        String[] lines = text.split("\r?\n", -1);
        boolean tooLong = false;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].length() > limits.lineChars()) {
                problems.add(name + ":" + (i + 1), "line of " + lines[i].length() + " characters, more than the "
                        + limits.lineChars() + " allowed (max.line.chars)");
                tooLong = true;
            }
        }
        if (tooLong) {
            return List.of();
        }
        char delimiter = s.delimiterFor(name);
        int headerIndex = 0;
        while (headerIndex < lines.length && skippable(lines[headerIndex])) {
            headerIndex++;
        }
        if (headerIndex == lines.length) {
            problems.add(name, "no header line and no data");
            return List.of();
        }
        int headerLine = headerIndex + 1;
        long columns = Fields.count(lines[headerIndex], delimiter);
        if (columns > limits.columns()) {
            problems.add(name + ":" + headerLine, "header of " + columns + " columns, more than the "
                    + limits.columns() + " allowed (max.columns)");
            return List.of();
        }
        List<String> header = Fields.split(lines[headerIndex], delimiter);
        if (header == null) {
            problems.add(name + ":" + headerLine, "unclosed quote in the header");
            return List.of();
        }
        Columns cols = Columns.of(name + ":" + headerLine, header, s, problems);
        if (cols == null) {
            return List.of();
        }
        List<RawSequence> out = new ArrayList<>();
        if (s.layout().equals("lines")) {
            for (int i = headerIndex + 1; i < lines.length; i++) {
                if (skippable(lines[i])) {
                    continue;
                }
                String where = name + ":" + (i + 1);
                String[] cells = lines[i].split(";", -1);
                int count = cells.length > 1 && cells[cells.length - 1].isBlank() ? cells.length - 1 : cells.length;
                if (count > limits.sequenceSteps()) {
                    tooMany(where, limits, problems);
                    continue;
                }
                List<RawSequence.Step> parsed = new ArrayList<>();
                boolean broken = false;
                for (int k = 0; k < count; k++) {
                    List<String> f = Fields.split(cells[k], delimiter);
                    String at = where + " step " + (k + 1);
                    RawSequence.Step step = f == null ? unclosed(at, problems) : cols.step(at, i + 1, f, problems);
                    if (step == null) {
                        broken = true;
                    } else {
                        parsed.add(step);
                    }
                }
                out.add(new RawSequence(name, i + 1, parsed, !broken));
            }
        } else {
            List<RawSequence.Step> current = new ArrayList<>();
            int start = -1;
            boolean broken = false;
            int rows = 0;
            String currentId = null;
            Set<String> finishedIds = new HashSet<>();
            for (int i = headerIndex + 1; i <= lines.length; i++) {
                boolean end = i == lines.length || lines[i].isBlank();
                List<String> f = null;
                String id = null;
                if (!end && lines[i].stripLeading().startsWith("#")) {
                    continue;
                }
                if (!end) {
                    f = Fields.split(lines[i], delimiter);
                    if (f != null && cols.sequenceIndex() >= 0 && cols.sequenceIndex() < f.size()) {
                        id = f.get(cols.sequenceIndex());
                        if (currentId != null && !id.equals(currentId)) {
                            end = true;
                        }
                    }
                }
                if (end && start >= 0) {
                    out.add(new RawSequence(name, start, current, !broken));
                    if (currentId != null) {
                        finishedIds.add(currentId);
                    }
                    current = new ArrayList<>();
                    start = -1;
                    broken = false;
                    rows = 0;
                    currentId = null;
                }
                if (i == lines.length || lines[i].isBlank()) {
                    continue;
                }
                String where = name + ":" + (i + 1);
                if (start < 0) {
                    start = i + 1;
                    currentId = id;
                    if (id != null && finishedIds.contains(id)) {
                        problems.add(where, "sequence '" + id + "' continues after rows of another sequence"
                                + " (the rows of a sequence must be contiguous)");
                    }
                }
                if (++rows > limits.sequenceSteps()) {
                    if (rows == limits.sequenceSteps() + 1) {
                        tooMany(name + ":" + start, limits, problems);
                        current.clear();
                    }
                    broken = true;
                    continue;
                }
                RawSequence.Step step = f == null ? unclosed(where, problems) : cols.step(where, i + 1, f, problems);
                if (step == null) {
                    broken = true;
                } else {
                    current.add(step);
                }
            }
        }
        return out;
    }

    private static RawSequence.Step unclosed(String where, Problems problems) {
        problems.add(where, "unclosed quote");
        return null;
    }

    private static boolean skippable(String line) {
        return line.isBlank() || line.stripLeading().startsWith("#");
    }

    private static void tooMany(String where, CsvLimits limits, Problems problems) {
        problems.add(where, "sequence of more than " + limits.sequenceSteps() + " steps (max.sequence.steps)");
    }

    /**
     * The text of {@code bytes} without a leading byte order mark, or {@code null} after adding a
     * problem naming the byte offset and line of the first byte that is not UTF-8.
     */
    static String decode(String name, byte[] bytes, Problems problems) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            problems.add(name + ":" + line, "not UTF-8 text at byte " + at);
            return null;
        }
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
