package io.engram.app.speech.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A manifest: UTF-8 text, one utterance per line as {@code path<TAB>transcript}, the path relative to
 * the manifest's folder and inside it (an absolute path, or one that leaves the folder with
 * {@code ..}, is refused), the transcript in the {@link Alphabet} (normalised; it may be empty). Blank
 * lines and lines starting with {@code #} are skipped. With {@code transcripts} false (a list of files to
 * transcribe) a line may be a path alone, and absolute paths are allowed. Every problem is reported
 * as {@code file:line: ...}, all at once. Stateless and thread-safe.
 */
final class Manifest {
    private Manifest() {
    }

    /**
     * One utterance of a manifest.
     *
     * @param line       its line number, from 1
     * @param path       the WAV file, resolved against the manifest's folder
     * @param written    the path as the line gives it
     * @param transcript the normalised transcript ({@code ""} when the line gives none)
     */
    record Entry(int line, Path path, String written, String transcript) {
    }

    /**
     * The entries of manifest {@code file} whose contents are {@code bytes}; each problem is added to
     * {@code problems} as {@code file:line: message}.
     */
    static List<Entry> read(Path file, byte[] bytes, boolean transcripts, List<String> problems) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add(file + ": not UTF-8 text");
            return List.of();
        }
        Path folder = file.toAbsolutePath().getParent();
        List<Entry> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String where = file + ":" + (i + 1) + ": ";
            int tab = line.indexOf('\t');
            if (transcripts && tab < 0) {
                problems.add(where + "expected path<TAB>transcript, found no tab");
                continue;
            }
            String written = (tab < 0 ? line : line.substring(0, tab)).trim();
            String transcript = tab < 0 ? "" : line.substring(tab + 1);
            if (transcript.indexOf('\t') >= 0) {
                problems.add(where + "more than one tab; expected path<TAB>transcript");
                continue;
            }
            if (written.isEmpty()) {
                problems.add(where + "no path before the tab");
                continue;
            }
            Path given = Path.of(written);
            Path path = folder.resolve(given).normalize();
            if (transcripts && (given.isAbsolute() || !path.startsWith(folder))) {
                problems.add(where + "the path must lie inside the manifest's folder " + folder);
                continue;
            }
            var bad = Alphabet.problem(transcript);
            if (bad.isPresent()) {
                problems.add(where + bad.get());
                continue;
            }
            out.add(new Entry(i + 1, path, written, Alphabet.normalise(transcript)));
        }
        if (out.isEmpty() && problems.isEmpty()) {
            problems.add(file + ": no utterances");
        }
        return out;
    }
}
