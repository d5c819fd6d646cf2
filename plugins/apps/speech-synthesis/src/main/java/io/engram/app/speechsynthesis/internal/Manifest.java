package io.engram.app.speechsynthesis.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A synthesis manifest: UTF-8 text, one utterance per line as {@code path<TAB>text<TAB>phonemes},
 * the path of its WAV file relative to the manifest's folder and inside it, the text it speaks, and
 * its phonemes as symbols separated by spaces (as {@code espeak-ng -x --sep=" "} writes them; the
 * column may be left out when the job reads characters). Blank lines and lines starting with
 * {@code #} are skipped. Every problem is reported as {@code file:line: ...}, all at once. Stateless
 * and thread-safe.
 */
final class Manifest {
    private Manifest() {
    }

    /**
     * One utterance.
     *
     * @param line     its line number, from 1
     * @param path     the WAV file, resolved against the manifest's folder
     * @param text     the text
     * @param phonemes the phoneme symbols (empty when the line gives none)
     */
    record Entry(int line, Path path, String text, List<String> phonemes) {
    }

    /**
     * The entries of manifest {@code file} whose contents are {@code bytes}; each problem is added to
     * {@code problems} as {@code file:line: message}.
     *
     * @param phonemes whether every line must give phonemes
     */
    static List<Entry> read(Path file, byte[] bytes, boolean phonemes, List<String> problems) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add(file + ": not UTF-8 text");
            return List.of();
        }
        int before = problems.size();
        Path folder = file.toAbsolutePath().getParent();
        List<Entry> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String where = file + ":" + (i + 1) + ": ";
            String[] fields = line.split("\t", -1);
            if (fields.length < 2 || fields.length > 3) {
                problems.add(where + "expected path<TAB>text<TAB>phonemes, found " + fields.length + " field"
                        + (fields.length == 1 ? "" : "s"));
                continue;
            }
            String written = fields[0].trim();
            Path given = Path.of(written);
            Path path = folder.resolve(given).normalize();
            List<String> symbols = fields.length == 3 ? List.of(fields[2].trim().split(" +")) : List.of();
            symbols = symbols.size() == 1 && symbols.get(0).isEmpty() ? List.of() : symbols;
            if (written.isEmpty()) {
                problems.add(where + "no path before the first tab");
            } else if (given.isAbsolute() || !path.startsWith(folder)) {
                problems.add(where + "the path must lie inside the manifest's folder " + folder);
            } else if (fields[1].isBlank()) {
                problems.add(where + "no text in the second field");
            } else if (phonemes && symbols.isEmpty()) {
                problems.add(where + "no phonemes in the third field (data.input=phonemes)");
            } else {
                out.add(new Entry(i + 1, path, fields[1].trim(), symbols));
            }
        }
        if (out.isEmpty() && problems.size() == before) {
            problems.add(file + ": no utterances");
        }
        return out;
    }
}
