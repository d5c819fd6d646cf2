package io.engram.app.actionrecognition.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the sequences a {@code data.train.file} or {@code data.test.file} names. A file whose name
 * ends in {@code .csv} is CSV in long form ({@link MotionCsv}). Any other file is a list of BVH
 * files, one a line, {@code path<TAB>label} or {@code path<TAB>label<TAB>performer} (blank lines and
 * {@code #} comments skipped): each path relative to the list's folder, inside it (no {@code ..},
 * not absolute), each file one sequence ({@link BvhReader}) whose id is its path. Text must be
 * UTF-8. Every problem names {@code file:line}. Stateless.
 */
final class MotionFiles {
    private MotionFiles() {
    }

    static List<Motion> read(String key, String file, Problems problems) {
        List<String> lines = lines(key, Path.of(file), problems);
        if (lines == null) {
            return List.of();
        }
        return file.endsWith(".csv") ? MotionCsv.read(file, lines, problems) : list(file, lines, problems);
    }

    private static List<Motion> list(String file, List<String> lines, Problems problems) {
        Path dir = Path.of(file).toAbsolutePath().getParent();
        List<Motion> out = new ArrayList<>();
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1);
            String where = file + ":" + n;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.strip().split("\t");
            if (f.length < 2 || f.length > 3 || f[0].isBlank() || f[1].isBlank()) {
                problems.add(where, "expected 'file.bvh<TAB>label[<TAB>performer]', found " + f.length + " field(s)"
                        + (file.endsWith(".bvh") ? " (a .bvh file goes in a list of BVH files, not as data.*.file itself)" : ""));
                continue;
            }
            Path rel = Path.of(f[0].strip());
            Path bvh = dir.resolve(rel).normalize();
            if (rel.isAbsolute() || !bvh.startsWith(dir)) {
                problems.add(where, "field 1: '" + f[0].strip() + "' must be a path inside the list's folder");
                continue;
            }
            List<String> text = lines(where, bvh, problems);
            if (text == null) {
                continue;
            }
            BvhReader.Bvh parsed = BvhReader.read(bvh.toString(), text, problems);
            if (parsed != null) {
                String id = f[0].strip();
                out.add(new Motion(id, f[1].strip(), f.length == 3 && !f[2].isBlank() ? f[2].strip() : id,
                        parsed.skeleton().names(), parsed.positions(), where));
            }
        }
        if (out.isEmpty() && problems.isEmpty()) {
            problems.add(file, "lists no BVH files");
        }
        return out;
    }

    private static List<String> lines(String where, Path file, Problems problems) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString().lines().toList();
        } catch (CharacterCodingException e) {
            problems.add(file.toString(), "is not UTF-8 text (" + e.getMessage() + ")");
        } catch (IOException | RuntimeException e) {
            problems.add(where, "'" + file + "' cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return null;
    }
}
