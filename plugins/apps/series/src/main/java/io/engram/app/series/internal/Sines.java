package io.engram.app.series.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Superimposed sines, {@code s(t) = sum_k sin(f_k t)} for {@code t = 0, 1, ...}: the series of
 * Wierstra, Gomez and Schmidhuber (2005, "Modeling systems with internal state using Evolino",
 * section 4.2), {@code sin(0.2 t) + sin(0.311 t)} and with three and four terms
 * {@code + sin(0.42 t)} and {@code + sin(0.51 t)}. Stateless.
 */
final class Sines {
    private Sines() {
    }

    /** The first {@code n} samples. */
    static double[] series(int n, double[] frequencies) {
        double[] s = new double[n];
        for (int t = 0; t < n; t++) {
            double v = 0;
            for (double f : frequencies) {
                v += Math.sin(f * t);
            }
            s[t] = v;
        }
        return s;
    }

    /**
     * The frequencies of a comma-separated list.
     *
     * @throws IllegalArgumentException naming {@code data.frequencies} and every entry that is not a
     *                                  finite positive number, or when the list is empty
     */
    static double[] frequencies(String list) {
        List<String> bad = new ArrayList<>();
        List<Double> out = new ArrayList<>();
        String[] parts = list.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            try {
                double f = Double.parseDouble(p);
                if (!Double.isFinite(f) || f <= 0) {
                    bad.add("entry " + (i + 1) + " '" + p + "' is not a positive number");
                } else {
                    out.add(f);
                }
            } catch (NumberFormatException e) {
                bad.add("entry " + (i + 1) + " '" + p + "' is not a number");
            }
        }
        if (!bad.isEmpty() || out.isEmpty()) {
            throw new IllegalArgumentException("data.frequencies: " + (bad.isEmpty() ? "no frequency given"
                    : String.join("; ", bad)));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
