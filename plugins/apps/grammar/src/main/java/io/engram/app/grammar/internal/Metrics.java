package io.engram.app.grammar.internal;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import io.engram.layers.SequenceOutputs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tasks' metrics, computed from raw network outputs.
 *
 * <p>Next-symbol tasks (Hochreiter and Schmidhuber 1997, section 5.1; Gers and Schmidhuber 2001,
 * section III.B): a step is predicted right when the set of symbols whose softmax probability
 * exceeds {@value #THRESHOLD} equals the set of legal successors (the symbols with a positive
 * target); a string is accepted when every step is right. {@code accuracy} is the fraction of strings
 * accepted. For a<sup>n</sup>b<sup>n</sup>c<sup>n</sup>, {@code max.n} is the largest {@code n} such
 * that every string with {@code n' <= n} in the data is accepted (0 when the smallest fails).
 *
 * <p>Adding problem (Hochreiter and Schmidhuber 1997, section 5.4): {@code mae} is the mean absolute
 * error at the last step (lower is better), {@code accuracy} the fraction of sequences with an
 * absolute error below {@value Adding#TOLERANCE}.
 */
final class Metrics {
    /** Probability above which a symbol counts as predicted; legal sets have one or two members. */
    static final double THRESHOLD = 0.25;

    private Metrics() {
    }

    static Map<String, Double> symbols(Dataset data, List<double[][]> outputs, boolean countN) {
        int accepted = 0;
        TreeMap<Integer, Boolean> allAcceptedByN = new TreeMap<>();
        for (int i = 0; i < data.size(); i++) {
            Sequence s = data.get(i);
            boolean ok = true;
            for (int t = 0; t < s.length() && ok; t++) {
                if (s.hasTarget(t)) {
                    ok = stepRight(s, t, SequenceOutputs.softmax(outputs.get(i)[t]));
                }
            }
            accepted += ok ? 1 : 0;
            if (countN) {
                allAcceptedByN.merge(AnBnCn.n(s.inputs()), ok, Boolean::logicalAnd);
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", data.size() == 0 ? 0.0 : accepted / (double) data.size());
        if (countN) {
            int maxN = 0;
            for (Map.Entry<Integer, Boolean> e : allAcceptedByN.entrySet()) {
                if (!e.getValue()) {
                    break;
                }
                maxN = e.getKey();
            }
            m.put("max.n", (double) maxN);
        }
        return m;
    }

    static boolean stepRight(Sequence s, int t, double[] p) {
        for (int k = 0; k < p.length; k++) {
            boolean legal = s.target(t, k) > 0;
            boolean predicted = p[k] > THRESHOLD;
            if (legal != predicted) {
                return false;
            }
        }
        return true;
    }

    static Map<String, Double> adding(Dataset data, List<double[][]> outputs) {
        double sum = 0;
        int correct = 0;
        int count = 0;
        for (int i = 0; i < data.size(); i++) {
            Sequence s = data.get(i);
            for (int t = 0; t < s.length(); t++) {
                if (s.hasTarget(t)) {
                    double err = Math.abs(outputs.get(i)[t][0] - s.target(t, 0));
                    sum += err;
                    correct += err < Adding.TOLERANCE ? 1 : 0;
                    count++;
                }
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mae", count == 0 ? 0.0 : sum / count);
        m.put("accuracy", count == 0 ? 0.0 : correct / (double) count);
        return m;
    }
}
