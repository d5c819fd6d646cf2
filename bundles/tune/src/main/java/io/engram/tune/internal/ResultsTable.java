package io.engram.tune.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The results of a search as a table, best first: trials that ran their whole budget by the metric,
 * then those stopped at a rung (latest rung first, then by the metric), then those that failed or
 * were cancelled. Stateless.
 */
final class ResultsTable {

    private ResultsTable() {
    }

    /** The trials in the table's order. */
    static List<Trial> sorted(List<Trial> trials, TuneOptions.Direction direction) {
        List<Trial> rows = new ArrayList<>(trials);
        rows.sort(Comparator.comparingInt(ResultsTable::group)
                .thenComparing((a, b) -> Integer.compare(b.stoppedAt, a.stoppedAt))
                .thenComparing((a, b) -> direction.compare(a.metric, b.metric))
                .thenComparingInt(t -> t.number));
        return rows;
    }

    private static int group(Trial t) {
        return switch (t.status) {
            case DONE -> 0;
            case PRUNED -> 1;
            default -> 2;
        };
    }

    /** Prints the rows under a header: trial, job, each searched key, epochs, the metric, status. */
    static void print(PrintStream out, List<Trial> rows, List<String> keys, String metric) {
        List<String[]> lines = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("trial", "job"));
        header.addAll(keys);
        header.addAll(List.of("epochs", metric, "status"));
        lines.add(header.toArray(String[]::new));
        for (Trial t : rows) {
            List<String> cells = new ArrayList<>(List.of(Integer.toString(t.number), t.job.isEmpty() ? "-" : t.job));
            keys.forEach(k -> cells.add(t.values.getOrDefault(k, "")));
            cells.add(t.job.isEmpty() ? "-" : Integer.toString(t.epochs));
            cells.add(Tuner.number(t.metric));
            cells.add(t.status == Trial.Status.PRUNED ? "stopped@" + t.stoppedAt : t.status.label());
            lines.add(cells.toArray(String[]::new));
        }
        int[] width = new int[header.size()];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                width[i] = Math.max(width[i], line[i].length());
            }
        }
        for (String[] line : lines) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                if (i > 0) {
                    b.append("  ");
                }
                b.append(i == line.length - 1 ? line[i] : String.format("%-" + width[i] + "s", line[i]));
            }
            out.println(b.toString().stripTrailing());
        }
    }
}
