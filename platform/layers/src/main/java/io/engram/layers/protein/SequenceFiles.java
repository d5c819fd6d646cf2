package io.engram.layers.protein;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads sequence files and label tables from disk: UTF-8 text (refused at the first byte that is
 * not), FASTA when the first line that is neither blank nor a {@code ;} comment starts with {@code >}, Stockholm when it is
 * {@code # STOCKHOLM 1.0}. A labels table is tab-separated {@code id<TAB>family}, one a line, blank
 * lines and {@code #} comments skipped. Every problem is added to the {@link ProblemSink} given, naming
 * {@code file:line}. Stateless.
 */
public final class SequenceFiles {
    private SequenceFiles() {
    }

    /** The bytes of the file that parameter {@code key} names; null (and a problem naming the key) when it cannot be read. */
    public static byte[] bytes(String key, String file, ProblemSink problems) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException | RuntimeException e) {
            problems.add(key, "'" + file + "' cannot be read (" + e.getClass().getSimpleName() + ")");
            return null;
        }
    }

    /** The records of a FASTA or Stockholm file's bytes. */
    public static List<ProteinRecord> records(String file, byte[] bytes, ProblemSink problems) {
        return records(file, bytes, FastaReader.LABEL, problems);
    }

    /**
     * The records of a FASTA or Stockholm file's bytes, a FASTA record labelled by the word of its
     * header that starts with {@code labelKey} (such as {@code label=} or {@code loc=}).
     */
    public static List<ProteinRecord> records(String file, byte[] bytes, String labelKey, ProblemSink problems) {
        boolean[] undecodable = {false};
        List<String> lines = lines(file, bytes, (where, message) -> {
            undecodable[0] = true;
            problems.add(where, message);
        });
        for (String line : lines) {
            if (line.isBlank() || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith(">")) {
                return FastaReader.read(file, lines, labelKey, problems);
            }
            if (line.strip().equals(StockholmReader.HEADER)) {
                return StockholmReader.read(file, lines, problems);
            }
            problems.add(file + ":" + (lines.indexOf(line) + 1), "neither FASTA (a first line '>id ...') nor Stockholm ('"
                    + StockholmReader.HEADER + "')");
            return List.of();
        }
        if (!undecodable[0]) {
            problems.add(file, "holds no sequences");
        }
        return List.of();
    }

    /** The families of a labels table by id. */
    public static Map<String, String> labels(String file, byte[] bytes, ProblemSink problems) {
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        List<String> lines = lines(file, bytes, problems);
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.strip().split("\t");
            if (fields.length != 2 || fields[0].isBlank() || fields[1].isBlank()) {
                problems.add(file + ":" + n, "expected 'id<TAB>family', found " + fields.length + " field(s)");
            } else if (lineOf.containsKey(fields[0].strip())) {
                problems.add(file + ":" + n, "id '" + fields[0].strip() + "' is labelled again (first at line "
                        + lineOf.get(fields[0].strip()) + ")");
            } else {
                lineOf.put(fields[0].strip(), n);
                labels.put(fields[0].strip(), fields[1].strip());
            }
        }
        return labels;
    }

    /** The lines of UTF-8 text; empty, and a problem naming the file, when the bytes are not UTF-8. */
    public static List<String> lines(String file, byte[] bytes, ProblemSink problems) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add(file, "is not UTF-8 text (" + e.getMessage() + ")");
            return List.of();
        }
        return new ArrayList<>(text.lines().toList());
    }
}
