package io.engram.cli.internal;

import io.engram.api.Problem;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

/**
 * The text format of input sequences for {@code engram predict}, and of its output.
 *
 * <pre>
 * # one sequence per line; blank lines and lines starting with # are skipped
 * # time steps are separated by ';', the features of a step by ','
 * 0,1,0; 1,0,0; 0,0,1
 * 1,0,0; 1,0,0
 * </pre>
 *
 * Every step of every sequence has the same number of features. Stateless.
 */
final class Sequences {

    private Sequences() {
    }

    /** Reads the file; every problem is reported at once, each naming {@code file:line}. */
    static Validation<Seq<Problem>, java.util.List<double[][]>> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Validation.invalid(List.of(Problem.of(file.toString(), "cannot read: " + e.getMessage())));
        }
        return parse(text, file.toString());
    }

    /** Parses the text; {@code origin} names the source in problems. */
    static Validation<Seq<Problem>, java.util.List<double[][]>> parse(String text, String origin) {
        java.util.List<Problem> problems = new ArrayList<>();
        java.util.List<double[][]> sequences = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        int width = -1;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = origin + ":" + (i + 1);
            String[] steps = line.split(";", -1);
            double[][] sequence = new double[steps.length][];
            boolean ok = true;
            for (int t = 0; t < steps.length; t++) {
                String step = steps[t].strip();
                if (step.isEmpty()) {
                    problems.add(Problem.of(where, "step " + (t + 1) + " is empty"));
                    ok = false;
                    continue;
                }
                String[] features = step.split(",", -1);
                sequence[t] = new double[features.length];
                for (int f = 0; f < features.length; f++) {
                    String cell = features[f].strip();
                    try {
                        sequence[t][f] = Double.parseDouble(cell);
                        if (!Double.isFinite(sequence[t][f])) {
                            problems.add(Problem.of(where, "step " + (t + 1) + ", feature " + (f + 1) + ": '" + cell + "' is not finite"));
                            ok = false;
                        }
                    } catch (NumberFormatException e) {
                        problems.add(Problem.of(where, "step " + (t + 1) + ", feature " + (f + 1) + ": '" + cell + "' is not a number"));
                        ok = false;
                    }
                }
                if (width < 0) {
                    width = features.length;
                } else if (features.length != width) {
                    problems.add(Problem.of(where, "step " + (t + 1) + " has " + features.length + " features, expected " + width));
                    ok = false;
                }
            }
            if (ok) {
                sequences.add(sequence);
            }
        }
        if (problems.isEmpty() && sequences.isEmpty()) {
            problems.add(Problem.of(origin, "no sequences: expected one sequence per line, steps separated by ';', features by ','"));
        }
        return problems.isEmpty() ? Validation.valid(java.util.List.copyOf(sequences)) : Validation.invalid(List.ofAll(problems));
    }

    /** The features per step of parsed sequences. */
    static int width(java.util.List<double[][]> sequences) {
        return sequences.get(0)[0].length;
    }

    /** One sequence in the same format: steps joined by "; ", features by ",". */
    static String format(double[][] sequence) {
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < sequence.length; t++) {
            if (t > 0) {
                sb.append("; ");
            }
            for (int f = 0; f < sequence[t].length; f++) {
                if (f > 0) {
                    sb.append(',');
                }
                sb.append(Text.number(sequence[t][f]));
            }
        }
        return sb.toString();
    }
}
