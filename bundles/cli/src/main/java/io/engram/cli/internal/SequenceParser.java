package io.engram.cli.internal;

import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the text of {@link Sequences}: checks each line's step count and each step's feature count
 * against the limits and the expected width by counting separators, and allocates a sequence only
 * while no problem has been found. Not thread-safe; one per file.
 */
final class SequenceParser {
    private final String origin;
    private final InputProblems problems = new InputProblems();
    private final List<double[][]> sequences = new ArrayList<>();
    private final long maxValues;
    private int width;
    private long values;

    /**
     * @param width     the features each step must have, or 0 to take the first step's
     * @param maxValues the most values the text may hold ({@link Sequences#MAX_VALUES})
     */
    SequenceParser(String origin, int width, long maxValues) {
        this.origin = origin;
        this.width = width;
        this.maxValues = maxValues;
    }

    Either<InputProblems, List<double[][]>> parse(String text) {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length && values <= maxValues; i++) {
            String line = lines[i].strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                line(line, origin + ":" + (i + 1));
            }
        }
        if (problems.isEmpty() && sequences.isEmpty()) {
            problems.add(origin, "no sequences: expected one sequence per line, steps separated by ';', "
                    + "features by ','");
        }
        return problems.isEmpty() ? Either.right(List.copyOf(sequences)) : Either.left(problems);
    }

    private void line(String line, String where) {
        long steps = count(line, ';') + 1;
        if (steps > Sequences.MAX_STEPS) {
            problems.add(where, steps + " steps, more than the " + Sequences.MAX_STEPS + " a sequence may have");
            return;
        }
        String[] parts = line.split(";", -1);
        double[][] sequence = problems.isEmpty() ? new double[parts.length][] : null;
        for (int t = 0; t < parts.length; t++) {
            double[] step = step(parts[t].strip(), where, t + 1);
            if (sequence != null) {
                sequence[t] = step;
            }
            if (values > maxValues) {
                problems.add(where, "the input holds more than " + maxValues + " values; split it");
                return;
            }
        }
        if (problems.isEmpty()) {
            sequences.add(sequence);
        }
    }

    /** The step's values, or null when it has a problem or one was found before. */
    private double[] step(String step, String where, int t) {
        if (step.isEmpty()) {
            problems.add(where, "step " + t + " is empty");
            return null;
        }
        long features = count(step, ',') + 1;
        values += features;
        if (features > Sequences.MAX_FEATURES) {
            problems.add(where, "step " + t + " has " + features + " features, more than the "
                    + Sequences.MAX_FEATURES + " a step may have");
            return null;
        }
        if (width == 0) {
            width = (int) features;
        } else if (features != width) {
            problems.add(where, "step " + t + " has " + features + " features, expected " + width);
            return null;
        }
        String[] cells = step.split(",", -1);
        double[] v = problems.isEmpty() ? new double[cells.length] : null;
        for (int f = 0; f < cells.length; f++) {
            String cell = cells[f].strip();
            String bad = numeric(cell) ? null : "is not a number";
            try {
                double x = bad == null ? Double.parseDouble(cell) : 0;
                if (!Double.isFinite(x)) {
                    bad = "is not finite";
                } else if (v != null) {
                    v[f] = x;
                }
            } catch (NumberFormatException e) {
                bad = "is not a number";
            }
            if (bad != null) {
                problems.add(where, "step " + t + ", feature " + (f + 1) + ": " + quote(cell) + " " + bad);
            }
        }
        return v;
    }

    /** Whether a cell can start a number, checked to spare an exception per cell of a bad file. */
    private static boolean numeric(String cell) {
        return !cell.isEmpty() && "+-.0123456789IN".indexOf(cell.charAt(0)) >= 0;
    }

    /** A cell for a message: quoted, control characters escaped, cut to 40 characters. */
    static String quote(String cell) {
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < Math.min(cell.length(), 40); i++) {
            char c = cell.charAt(i);
            sb.append(Character.isISOControl(c) ? String.format("\\u%04X", (int) c) : String.valueOf(c));
        }
        return sb.append(cell.length() > 40 ? "...'" : "'").toString();
    }

    private static long count(String s, char c) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            n += s.charAt(i) == c ? 1 : 0;
        }
        return n;
    }
}
