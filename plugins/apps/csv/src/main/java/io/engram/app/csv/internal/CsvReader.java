package io.engram.app.csv.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
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
 * added to {@link Problems} as {@code file:line} with what was wrong; reading goes on after a
 * problem so that all of them are reported at once. Stateless.
 */
final class CsvReader {

    private CsvReader() {
    }

    static List<RawSequence> read(String name, byte[] bytes, CsvSettings s, Problems problems) {
        String text;
        try {
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add(name, "not UTF-8 text (byte " + firstBadByte(bytes) + ")");
            return List.of();
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\r?\n", -1);
        char delimiter = s.delimiterFor(name);
        int headerIndex = 0;
        while (headerIndex < lines.length && skippable(lines[headerIndex])) {
            headerIndex++;
        }
        if (headerIndex == lines.length) {
            problems.add(name, "no header line and no data");
            return List.of();
        }
        List<String> header = Fields.split(lines[headerIndex], delimiter);
        int headerLine = headerIndex + 1;
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

    private static long firstBadByte(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = decoder.decode(in, out, true);
        return r.isError() ? in.position() : bytes.length;
    }
}
