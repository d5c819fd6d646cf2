package io.engram.layers.protein;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Stockholm 1.0 multiple alignments, one family each: an alignment opens with
 * {@code # STOCKHOLM 1.0}, is named by {@code #=GF ID name} (the family of all its rows), and ends
 * with {@code //}; several alignments may follow one another in a file. Other {@code #=GF} lines and
 * {@code #=GS}, {@code #=GC}, {@code #=GR} and comment lines are ignored. A row is {@code name
 * aligned-sequence}; a name that comes again (the interleaved blocks of a long alignment) continues
 * its row. Gaps {@code .} and {@code -} are dropped and lower-case insert states upper-cased
 * ({@link Residues}). Problems name {@code file:line}: a missing header, a row that is not two
 * fields, an invalid character, a row without residues, an alignment without {@code #=GF ID}, one not
 * ended by {@code //}. Stateless.
 */
public final class StockholmReader {
    public static final String HEADER = "# STOCKHOLM 1.0";

    private StockholmReader() {
    }

    public static List<ProteinRecord> read(String file, List<String> lines, ProblemSink problems) {
        List<ProteinRecord> records = new ArrayList<>();
        Alignment open = null;
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).strip();
            String where = file + ":" + n;
            if (open == null) {
                if (line.equals(HEADER)) {
                    open = new Alignment(n);
                } else if (!line.isEmpty()) {
                    problems.add(where, "expected '" + HEADER + "' to open an alignment");
                    return records;
                }
            } else if (line.equals("//")) {
                open.finish(file, records, problems);
                open = null;
            } else if (line.startsWith("#=GF ")) {
                String[] words = line.split("\\s+");
                if (words.length > 1 && words[1].equals("ID")) {
                    open.family = words.length > 2 ? words[2] : null;
                }
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                open.row(line, where, problems);
            }
        }
        if (open != null) {
            problems.add(file + ":" + open.line, "alignment not terminated: no '//' before the end of the file");
        }
        return records;
    }

    /** The rows of one alignment being read. */
    private static final class Alignment {
        final int line;
        final Map<String, StringBuilder> rows = new LinkedHashMap<>();
        final Map<String, String> firstSeen = new LinkedHashMap<>();
        String family;

        Alignment(int line) {
            this.line = line;
        }

        void row(String line, String where, ProblemSink problems) {
            String[] fields = line.split("\\s+");
            if (fields.length != 2) {
                problems.add(where, "expected 'name aligned-sequence', found " + fields.length + " fields");
                return;
            }
            StringBuilder residues = rows.computeIfAbsent(fields[0], k -> new StringBuilder());
            firstSeen.putIfAbsent(fields[0], where);
            int bad = Residues.append(fields[1], residues);
            if (bad >= 0) {
                int column = line.length() - fields[1].length() + bad + 1;
                problems.add(where, Residues.invalid(fields[1].charAt(bad), column));
            }
        }

        void finish(String file, List<ProteinRecord> records, ProblemSink problems) {
            if (family == null) {
                problems.add(file + ":" + line, "alignment has no '#=GF ID' line naming its family");
            }
            rows.forEach((name, residues) -> {
                if (residues.length() == 0) {
                    problems.add(firstSeen.get(name), "row '" + name + "' has no residues (only gaps)");
                } else {
                    records.add(new ProteinRecord(name, residues.toString(), family, firstSeen.get(name)));
                }
            });
        }
    }
}
