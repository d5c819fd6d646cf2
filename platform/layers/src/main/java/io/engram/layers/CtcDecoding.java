package io.engram.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoding of connectionist temporal classification outputs (Graves et al. 2006): per step a
 * distribution over {@code K + 1} classes, class {@value #BLANK} the blank, given as
 * log-probabilities {@code [time][K + 1]} ({@link #logSoftmax} of raw outputs, or {@link #log} of
 * probabilities). A path {@code pi} (one class per step) maps to a labelling by {@link #collapse}:
 * merge repeats, then drop blanks; the probability of a labelling is the sum over its paths.
 *
 * <ul>
 *   <li>{@link #greedy}, best-path decoding (Graves et al. 2006, sec. 4.2, eq. 12): the most probable
 *   class at each step (the lowest index among equals), collapsed. It gives the labelling of the most
 *   probable path, which need not be the most probable labelling: with two steps of
 *   {@code (blank 0.4, a 0.3, b 0.3)} the best path is blank-blank (0.16) and gives the empty
 *   labelling, but {@code a} has {@code 0.3*0.3 + 2*0.4*0.3 = 0.33}.</li>
 *   <li>{@link #beam}, prefix beam search (Graves 2012, sec. 7.5; Hannun et al. 2014, "First-pass
 *   large vocabulary continuous speech recognition using bi-directional recurrent DNNs", algorithm 1,
 *   here without a language model): each prefix {@code l} carries the probability of the paths of
 *   the steps so far that collapse to it and end in a blank, {@code p_b(l)}, and of those that end in
 *   its last label, {@code p_nb(l)}. A step extends every kept prefix by the blank
 *   ({@code p_b(l) += (p_b + p_nb) y_blank}), by its last label again ({@code p_nb(l) += p_nb y_c}, a
 *   repeat that merges) and by every label {@code c} ({@code p_nb(l+c) += (p_b + p_nb) y_c}, or
 *   {@code p_b y_c} when {@code c} is {@code l}'s last label, which needs a blank between); the
 *   {@code width} prefixes of highest {@code p_b + p_nb} are kept (ties: the shorter, then the
 *   lexicographically smaller labels). With a width at least the number of distinct prefixes nothing is
 *   pruned and each prefix's probability is exactly the sum over all its paths.</li>
 * </ul>
 *
 * <p>Width 1 is not best-path decoding: it keeps the one prefix of highest summed probability at each
 * step, which need not be the best path's prefix (on the example above it still keeps the empty
 * prefix, as width 2 does not; elsewhere it can split a run of a label that greedy merges). Both agree whenever every step's most probable class has probability above
 * {@code 1/sqrt 2}: then the greedy path's prefix holds the most probability at every step (the
 * tightest case is a label repeated after one blank step with probability {@code p}, where
 * {@code p_b / p_nb >= p / (1 - p)} and a split needs {@code p_b (2p - 1) > p_nb}, true when
 * {@code 2p^2 > 1}); below that bound they can differ.
 *
 * <p>Stateless and thread-safe; the arrays passed in are not kept or changed.
 */
public final class CtcDecoding {
    /** The blank's class. */
    public static final int BLANK = 0;

    private CtcDecoding() {
    }

    /**
     * A decoded labelling.
     *
     * @param labels         the labels, classes 1 to K, in order
     * @param logProbability for {@link #greedy}, the log-probability of the best path; for
     *                       {@link #beam}, of the labelling summed over the paths the search kept
     */
    public record Hypothesis(int[] labels, double logProbability) {
        public Hypothesis {
            labels = labels.clone();
        }

        @Override
        public int[] labels() {
            return labels.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Hypothesis h && Arrays.equals(labels, h.labels)
                    && Double.compare(logProbability, h.logProbability) == 0;
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(labels) + Double.hashCode(logProbability);
        }

        @Override
        public String toString() {
            return Arrays.toString(labels) + " (log p " + logProbability + ")";
        }
    }

    /** Best-path decoding of {@code logProbabilities} ({@code [time][classes]}). */
    public static Hypothesis greedy(double[][] logProbabilities) {
        check(logProbabilities);
        int[] path = new int[logProbabilities.length];
        double logP = 0;
        for (int t = 0; t < path.length; t++) {
            double[] row = logProbabilities[t];
            int best = 0;
            for (int k = 1; k < row.length; k++) {
                best = row[k] > row[best] ? k : best;
            }
            path[t] = best;
            logP += row[best];
        }
        return new Hypothesis(collapse(path), logP);
    }

    /**
     * Prefix beam search over {@code logProbabilities} ({@code [time][classes]}): at most {@code width}
     * labellings, most probable first.
     *
     * @throws IllegalArgumentException when {@code width < 1}
     */
    public static List<Hypothesis> beam(double[][] logProbabilities, int width) {
        check(logProbabilities);
        if (width < 1) {
            throw new IllegalArgumentException("beam width must be at least 1, got " + width);
        }
        Map<Prefix, double[]> beams = new HashMap<>();
        beams.put(new Prefix(new int[0]), new double[] {0.0, Double.NEGATIVE_INFINITY});
        for (double[] y : logProbabilities) {
            Map<Prefix, double[]> next = new HashMap<>();
            for (Map.Entry<Prefix, double[]> e : beams.entrySet()) {
                extend(e.getKey(), e.getValue()[0], e.getValue()[1], y, next);
            }
            beams = best(next, width);
        }
        List<Map.Entry<Prefix, double[]>> ranked = ranked(beams);
        List<Hypothesis> out = new ArrayList<>();
        for (Map.Entry<Prefix, double[]> e : ranked) {
            out.add(new Hypothesis(e.getKey().labels, total(e.getValue())));
        }
        return out;
    }

    /** Adds the continuations of prefix {@code l} (log {@code p_b}, {@code p_nb}) by one step {@code y} to {@code next}. */
    private static void extend(Prefix l, double pb, double pnb, double[] y, Map<Prefix, double[]> next) {
        double all = logAdd(pb, pnb);
        add(next, l, all + y[BLANK], Double.NEGATIVE_INFINITY);
        int last = l.labels.length == 0 ? -1 : l.labels[l.labels.length - 1];
        for (int c = 0; c < y.length; c++) {
            if (c == BLANK) {
                continue;
            }
            Prefix longer = l.plus(c);
            if (c == last) {
                add(next, longer, Double.NEGATIVE_INFINITY, pb + y[c]);
                add(next, l, Double.NEGATIVE_INFINITY, pnb + y[c]);
            } else {
                add(next, longer, Double.NEGATIVE_INFINITY, all + y[c]);
            }
        }
    }

    private static void add(Map<Prefix, double[]> next, Prefix l, double pb, double pnb) {
        if (pb == Double.NEGATIVE_INFINITY && pnb == Double.NEGATIVE_INFINITY) {
            return; // no path reaches it (a repeat with no blank before it): not a prefix of this step
        }
        double[] p = next.computeIfAbsent(l, k -> new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY});
        p[0] = logAdd(p[0], pb);
        p[1] = logAdd(p[1], pnb);
    }

    private static Map<Prefix, double[]> best(Map<Prefix, double[]> all, int width) {
        List<Map.Entry<Prefix, double[]>> ranked = ranked(all);
        Map<Prefix, double[]> kept = new HashMap<>();
        for (Map.Entry<Prefix, double[]> e : ranked.subList(0, Math.min(width, ranked.size()))) {
            kept.put(e.getKey(), e.getValue());
        }
        return kept;
    }

    private static List<Map.Entry<Prefix, double[]>> ranked(Map<Prefix, double[]> beams) {
        List<Map.Entry<Prefix, double[]>> list = new ArrayList<>(beams.entrySet());
        list.sort(Comparator.comparingDouble((Map.Entry<Prefix, double[]> e) -> -total(e.getValue()))
                .thenComparing(Map.Entry::getKey));
        return list;
    }

    private static double total(double[] p) {
        return logAdd(p[0], p[1]);
    }

    /** {@code ln(e^a + e^b)}, exact when either is {@code -infinity}. */
    static double logAdd(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double m = Math.max(a, b);
        return m + Math.log1p(Math.exp(Math.min(a, b) - m));
    }

    /** The labelling of a path: repeats merged, then blanks dropped (the map B of Graves et al. 2006, sec. 3). */
    public static int[] collapse(int[] path) {
        int[] out = new int[path.length];
        int n = 0;
        for (int t = 0; t < path.length; t++) {
            if (path[t] != BLANK && (t == 0 || path[t] != path[t - 1])) {
                out[n++] = path[t];
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Row-wise log-softmax of raw outputs {@code [time][classes]}. */
    public static double[][] logSoftmax(double[][] logits) {
        double[][] out = new double[logits.length][];
        for (int t = 0; t < logits.length; t++) {
            out[t] = TokenScores.logSoftmax(logits[t], 0, logits[t].length);
        }
        return out;
    }

    /** Row-wise natural logarithm of probabilities {@code [time][classes]} (0 gives {@code -infinity}). */
    public static double[][] log(double[][] probabilities) {
        double[][] out = new double[probabilities.length][];
        for (int t = 0; t < probabilities.length; t++) {
            out[t] = Arrays.stream(probabilities[t]).map(Math::log).toArray();
        }
        return out;
    }

    private static void check(double[][] logProbabilities) {
        for (int t = 0; t < logProbabilities.length; t++) {
            if (logProbabilities[t].length < 2 || logProbabilities[t].length != logProbabilities[0].length) {
                throw new IllegalArgumentException("ctc decoding: step " + t + " has " + logProbabilities[t].length
                        + " classes; every step needs the blank and at least one label, the same number");
            }
        }
    }

    /** A labelling as a map key, ordered shorter first, then lexicographically. */
    private record Prefix(int[] labels) implements Comparable<Prefix> {
        Prefix plus(int c) {
            int[] l = Arrays.copyOf(labels, labels.length + 1);
            l[labels.length] = c;
            return new Prefix(l);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Prefix p && Arrays.equals(labels, p.labels);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(labels);
        }

        @Override
        public int compareTo(Prefix o) {
            return labels.length != o.labels.length ? Integer.compare(labels.length, o.labels.length)
                    : Arrays.compare(labels, o.labels);
        }
    }
}
