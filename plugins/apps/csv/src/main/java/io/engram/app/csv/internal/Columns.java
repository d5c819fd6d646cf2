package io.engram.app.csv.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the named columns sit in a file's header, and the parsing of one step's fields against them.
 *
 * @param count          fields per step
 * @param inputs         indices of the input columns, in the order named
 * @param targets        indices of the target columns, in the order named
 * @param sequenceIndex  index of the sequence id column, or -1
 * @param names          header names by index
 */
record Columns(int count, int[] inputs, int[] targets, int sequenceIndex, List<String> names) {

    /** The columns, or {@code null} after adding a problem for every name the header lacks. */
    static Columns of(String where, List<String> header, CsvSettings s, Problems problems) {
        Map<String, Integer> index = new HashMap<>();
        boolean ok = true;
        for (int i = 0; i < header.size(); i++) {
            Integer before = index.putIfAbsent(header.get(i), i);
            if (before != null) {
                problems.add(where, "columns " + (before + 1) + " and " + (i + 1) + " of the header have the same name");
                ok = false;
            }
        }
        String known = "the header has " + header.size() + (header.size() == 1 ? " column" : " columns");
        int[] in = resolve(where, "input.columns", s.inputColumns(), index, known, problems);
        int[] out = resolve(where, "target.columns", s.targetColumns(), index, known, problems);
        int seq = -1;
        if (!s.sequenceColumn().isEmpty()) {
            Integer i = index.get(s.sequenceColumn());
            if (i == null) {
                problems.add(where, "no column '" + s.sequenceColumn() + "' (sequence.column) in the header (" + known + ")");
                ok = false;
            } else {
                seq = i;
            }
        }
        return ok && in != null && out != null ? new Columns(header.size(), in, out, seq, List.copyOf(header)) : null;
    }

    private static int[] resolve(String where, String key, List<String> wanted, Map<String, Integer> index,
                                 String known, Problems problems) {
        int[] out = new int[wanted.size()];
        boolean ok = true;
        for (int k = 0; k < wanted.size(); k++) {
            Integer i = index.get(wanted.get(k));
            if (i == null) {
                problems.add(where, "no column '" + wanted.get(k) + "' (" + key + ") in the header (" + known + ")");
                ok = false;
            } else {
                out[k] = i;
            }
        }
        return ok ? out : null;
    }

    /** One step, or {@code null} after adding its problems. */
    RawSequence.Step step(String where, int line, List<String> fields, Problems problems) {
        if (fields.size() != count) {
            problems.add(where, "expected " + count + " columns as in the header, found " + fields.size());
            return null;
        }
        boolean ok = true;
        double[] x = new double[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            String cell = fields.get(inputs[k]);
            try {
                x[k] = Double.parseDouble(cell);
                if (!Double.isFinite(x[k])) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                problems.add(where, "column '" + names.get(inputs[k]) + "' is "
                        + (cell.isEmpty() ? "empty" : "not a finite number"));
                ok = false;
            }
        }
        List<String> y = new ArrayList<>(targets.length);
        for (int t : targets) {
            y.add(fields.get(t));
        }
        return ok ? new RawSequence.Step(line, x, y) : null;
    }
}
