package io.engram.app.csv.internal;

import io.engram.api.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Turns raw target cells into typed targets and masks. With {@code target.steps=all} a step whose
 * target cells are all empty has no target; with {@code last} only the last step's cells are read.
 * For {@code softmax-ce} with one target column the cells are class labels, turned one-hot in the
 * order of {@code classes}. Stateless.
 */
final class Targets {

    private Targets() {
    }

    /** The class labels: as given, or the distinct labels of the training sequences, sorted. */
    static List<String> classes(CsvSettings s, List<RawSequence> train) {
        if (!s.classes().isEmpty()) {
            return s.classes();
        }
        TreeSet<String> seen = new TreeSet<>();
        for (RawSequence r : train) {
            for (int t = 0; t < r.steps().size(); t++) {
                String cell = r.steps().get(t).targets().get(0);
                if (counts(s, r, t) && !cell.isEmpty()) {
                    seen.add(cell);
                }
            }
        }
        List<String> labels = new ArrayList<>(seen);
        if (labels.stream().allMatch(Targets::numeric)) {
            labels.sort((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)));
        }
        return List.copyOf(labels);
    }

    /** Sequences with typed targets; problems for every bad cell. */
    static List<Sequence> type(List<RawSequence> raw, CsvSettings s, List<String> classes, Problems problems) {
        int width = s.labels() ? classes.size() : s.targetColumns().size();
        List<Sequence> out = new ArrayList<>(raw.size());
        for (RawSequence r : raw) {
            int n = r.steps().size();
            double[][] x = new double[n][];
            double[][] y = new double[n][width];
            boolean[] mask = new boolean[n];
            boolean ok = true;
            for (int t = 0; t < n; t++) {
                RawSequence.Step step = r.steps().get(t);
                x[t] = step.inputs();
                if (!counts(s, r, t)) {
                    continue;
                }
                String where = r.file() + ":" + step.line();
                List<String> cells = step.targets();
                long empty = cells.stream().filter(String::isEmpty).count();
                if (empty == cells.size() && s.targetSteps().equals("all")) {
                    continue;
                }
                if (empty > 0) {
                    problems.add(where, "target column '" + s.targetColumns().get(cells.indexOf("")) + "' is empty");
                    ok = false;
                    continue;
                }
                mask[t] = true;
                if (s.labels()) {
                    int k = classes.indexOf(cells.get(0));
                    if (k < 0) {
                        problems.add(where, "target column '" + s.targetColumns().get(0) + "' holds a class that is not one of the "
                                + classes.size() + " classes");
                        ok = false;
                    } else {
                        y[t][k] = 1;
                    }
                    continue;
                }
                for (int k = 0; k < cells.size(); k++) {
                    try {
                        y[t][k] = Double.parseDouble(cells.get(k));
                        if (!Double.isFinite(y[t][k])) {
                            throw new NumberFormatException();
                        }
                    } catch (NumberFormatException e) {
                        problems.add(where, "target column '" + s.targetColumns().get(k) + "' is not a finite number");
                        ok = false;
                    }
                }
            }
            if (ok && r.complete() && n > 0 && !anyTrue(mask)) {
                problems.add(r.file() + ":" + r.line(), "the sequence starting here has no target");
                ok = false;
            }
            if (ok && r.complete()) {
                out.add(new Sequence(x, y, mask));
            }
        }
        return out;
    }

    private static boolean counts(CsvSettings s, RawSequence r, int t) {
        return s.targetSteps().equals("all") || t == r.steps().size() - 1;
    }

    private static boolean anyTrue(boolean[] a) {
        for (boolean b : a) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    private static boolean numeric(String label) {
        try {
            Double.parseDouble(label);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
