package io.engram.analyze.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The options of {@code engram analyze}, parsed from its arguments. Immutable.
 *
 * @param checkpoint   the CHECKPOINT argument: a file or a registered model reference
 * @param input        the constant input {@code u*} of the fixed-point search and the autonomous runs;
 *                     null for zeros
 * @param inputs       a file of input sequences (the format of {@code engram predict}) that drive
 *                     trajectories and the input-driven Lyapunov exponent; null for none
 * @param starts       starts of the fixed-point search
 * @param seed         seed of the random starts, the noise added to sampled starts and the first tangent
 * @param iterations   most gradient steps per start
 * @param rate         the gradient descent's learning rate
 * @param tolerance    the speed {@code q} below which a minimum is a fixed point
 * @param merge        the distance below which two fixed points are one
 * @param noise        the noise added to states sampled as starts, relative to the states' spread
 * @param trajectories trajectories from random states, besides the one from the network's initial state
 * @param length       steps of each trajectory
 * @param warmup       steps run before the Lyapunov exponent is averaged
 * @param steps        steps the Lyapunov exponent is averaged over
 * @param json         whether the report is printed as JSON
 * @param png          where the phase portrait is written; null for nowhere
 */
record AnalyzeOptions(String checkpoint, double[] input, Path inputs, int starts, long seed, int iterations, double rate,
                      double tolerance, double merge, double noise, int trajectories, int length, int warmup,
                      int steps, boolean json, Path png) {

    static final String USAGE = "usage: engram analyze [--input V,V,...] [--inputs FILE] [--starts N] [--seed N] "
            + "[--iterations N] [--lr A] [--tolerance Q] [--merge D] [--noise S] [--trajectories N] [--length N] "
            + "[--transient N] [--steps N] [--json] [--png FILE] CHECKPOINT";

    /**
     * Parses {@code args}: options as {@code --name value} or {@code --name=value}, then CHECKPOINT.
     *
     * @throws IllegalArgumentException naming every option whose value is missing or out of range
     */
    static AnalyzeOptions parse(List<String> args) {
        List<String> problems = new ArrayList<>();
        String checkpoint = null;
        double[] input = null;
        Path inputs = null;
        long[] ints = {64, 1, 2000, 8, 500, 200, 1000};
        double[] reals = {0.01, 1e-8, 1e-3, 0.1};
        boolean json = false;
        Path png = null;
        String[] intNames = {"--starts", "--seed", "--iterations", "--trajectories", "--length", "--transient", "--steps"};
        long[] intLow = {1, Long.MIN_VALUE, 0, 0, 1, 0, 1};
        long[] intHigh = {100_000, Long.MAX_VALUE, 1_000_000, 10_000, 1_000_000, 1_000_000, 10_000_000};
        String[] realNames = {"--lr", "--tolerance", "--merge", "--noise"};
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                if (checkpoint != null) {
                    problems.add("unexpected argument '" + a + "' (give one CHECKPOINT)");
                }
                checkpoint = checkpoint == null ? a : checkpoint;
                continue;
            }
            if (a.equals("--json")) {
                json = true;
                continue;
            }
            String name = a;
            String value;
            int eq = a.indexOf('=');
            if (eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                problems.add(a + ": expected a value");
                continue;
            }
            int found = indexOf(intNames, name);
            if (found >= 0) {
                try {
                    long v = Long.parseLong(value.trim());
                    if (v < intLow[found] || v > intHigh[found]) {
                        throw new NumberFormatException();
                    }
                    ints[found] = v;
                } catch (NumberFormatException e) {
                    problems.add(name + ": expected an integer" + (intLow[found] == Long.MIN_VALUE ? ""
                            : " in [" + intLow[found] + ", " + intHigh[found] + "]") + ", got '" + value + "'");
                }
                continue;
            }
            found = indexOf(realNames, name);
            if (found >= 0) {
                try {
                    double v = Double.parseDouble(value.trim());
                    if (!(v > 0) || Double.isInfinite(v) || (found == 3 && v > 10)) {
                        throw new NumberFormatException();
                    }
                    reals[found] = v;
                } catch (NumberFormatException e) {
                    problems.add(name + ": expected a number above 0" + (found == 3 ? " and at most 10" : "")
                            + ", got '" + value + "'");
                }
                continue;
            }
            switch (name) {
                case "--input" -> {
                    try {
                        input = vector(value);
                    } catch (NumberFormatException e) {
                        problems.add("--input: expected the input's values separated by commas (such as 0,1,0), got '"
                                + value + "'");
                    }
                }
                case "--inputs" -> inputs = Path.of(value);
                case "--png" -> png = Path.of(value);
                default -> problems.add("unknown option " + name);
            }
        }
        if (checkpoint == null) {
            problems.add("expected a CHECKPOINT (a file or a registered model NAME, NAME@VERSION, NAME@ALIAS)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new AnalyzeOptions(checkpoint, input, inputs, (int) ints[0], ints[1], (int) ints[2], reals[0], reals[1],
                reals[2], reals[3], (int) ints[3], (int) ints[4], (int) ints[5], (int) ints[6], json, png);
    }

    private static double[] vector(String text) {
        String[] parts = text.split(",", -1);
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Double.parseDouble(parts[i].trim());
            if (!Double.isFinite(v[i])) {
                throw new NumberFormatException();
            }
        }
        return v;
    }

    private static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The number as the report prints it. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3e", v)
                : String.format(Locale.ROOT, "%.4f", v);
    }
}
