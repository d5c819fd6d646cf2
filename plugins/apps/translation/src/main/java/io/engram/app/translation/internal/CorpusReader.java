package io.engram.app.translation.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a parallel corpus in TSV: one pair a line, {@code source<TAB>target}, UTF-8. Blank lines
 * (nothing but spaces) are skipped; there is no comment syntax, since a sentence may begin with
 * {@code #}. Each problem names {@code file:line}: a line without a tab or with more than one, an
 * empty (blank) source or target, invalid UTF-8 (with its byte offset), a line longer than the
 * limit. The caller keeps nothing when problems were found. Stateless.
 */
final class CorpusReader {

    private CorpusReader() {
    }

    /** The file's bytes, or null with a problem naming {@code key} when it cannot be read. */
    static byte[] bytes(String key, String file, Problems problems) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException | RuntimeException e) {
            problems.add(key, "cannot read " + file + ": " + e.getMessage());
            return null;
        }
    }

    /** The pairs of {@code bytes}, read from {@code file}. */
    static List<Pair> pairs(String file, byte[] bytes, int maxLineBytes, Problems problems) {
        List<Pair> pairs = new ArrayList<>();
        for (TextLines.Line line : TextLines.split(file, bytes, maxLineBytes, problems)) {
            String where = file + ":" + line.number();
            String text = line.text();
            if (text.isBlank()) {
                continue;
            }
            int tab = text.indexOf('\t');
            if (tab < 0) {
                problems.add(where, "no tab: a line holds a source sentence, a tab and its translation");
                continue;
            }
            if (text.indexOf('\t', tab + 1) >= 0) {
                problems.add(where, "more than one tab: a line holds a source sentence, a tab and its translation");
                continue;
            }
            String source = text.substring(0, tab).strip();
            String target = text.substring(tab + 1).strip();
            if (source.isEmpty() || target.isEmpty()) {
                problems.add(where, "empty " + (source.isEmpty() ? "source" : "target") + " sentence");
                continue;
            }
            pairs.add(new Pair(source, target, where));
        }
        if (pairs.isEmpty() && problems.isEmpty()) {
            problems.add(file, "holds no sentence pairs");
        }
        return pairs;
    }

    /** The sentences of a file to translate, one a line; a blank line is a problem. */
    static List<Pair> sentences(String file, byte[] bytes, int maxLineBytes, Problems problems) {
        List<Pair> sentences = new ArrayList<>();
        for (TextLines.Line line : TextLines.split(file, bytes, maxLineBytes, problems)) {
            String where = file + ":" + line.number();
            if (line.text().isBlank()) {
                problems.add(where, "empty line: give one sentence a line");
            } else {
                sentences.add(new Pair(line.text().strip(), "", where));
            }
        }
        return sentences;
    }
}
