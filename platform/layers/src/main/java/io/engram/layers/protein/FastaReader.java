package io.engram.layers.protein;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads FASTA: a record is a header line {@code >id description} followed by any number of sequence
 * lines (blank lines and {@code ;} comment lines are skipped). The id is the header's first word; a
 * word {@code label=FAMILY} in the description gives the record's label (another key, such as
 * {@code loc=}, where the caller names one). Residues as
 * {@link Residues} reads them (gaps of aligned FASTA are dropped). Problems name {@code file:line}:
 * text before the first header, an empty id, an invalid character (and its column), a record without
 * residues. Stateless.
 */
public final class FastaReader {
    public static final String LABEL = "label=";

    private FastaReader() {
    }

    /** The records of {@code lines}, labelled by the {@value #LABEL} word of their headers. */
    public static List<ProteinRecord> read(String file, List<String> lines, ProblemSink problems) {
        return read(file, lines, LABEL, problems);
    }

    /** The records of {@code lines}, labelled by the word of their headers that starts with {@code labelKey}. */
    public static List<ProteinRecord> read(String file, List<String> lines, String labelKey, ProblemSink problems) {
        List<ProteinRecord> records = new ArrayList<>();
        String id = null;
        String label = null;
        int headerLine = 0;
        StringBuilder residues = new StringBuilder();
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1);
            if (line.isBlank() || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith(">")) {
                finish(file, id, label, headerLine, residues, records, problems);
                String[] words = line.substring(1).trim().split("\\s+");
                id = words[0];
                label = label(words, labelKey);
                headerLine = n;
                residues.setLength(0);
                if (id.isEmpty()) {
                    problems.add(file + ":" + n, "a header without an id (expected '>id description')");
                }
                continue;
            }
            if (id == null) {
                problems.add(file + ":" + n, "sequence data before the first header line ('>id ...')");
                id = "";
                headerLine = n;
                continue;
            }
            int bad = Residues.append(line, residues);
            if (bad >= 0) {
                problems.add(file + ":" + n, Residues.invalid(line.charAt(bad), bad + 1));
            }
        }
        finish(file, id, label, headerLine, residues, records, problems);
        return records;
    }

    private static String label(String[] words, String key) {
        for (int i = 1; i < words.length; i++) {
            if (words[i].startsWith(key) && words[i].length() > key.length()) {
                return words[i].substring(key.length());
            }
        }
        return null;
    }

    private static void finish(String file, String id, String label, int line, StringBuilder residues,
                               List<ProteinRecord> records, ProblemSink problems) {
        if (id == null || id.isEmpty()) {
            return;
        }
        if (residues.length() == 0) {
            problems.add(file + ":" + line, "record '" + id + "' has no sequence");
            return;
        }
        records.add(new ProteinRecord(id, residues.toString(), label, file + ":" + line));
    }
}
