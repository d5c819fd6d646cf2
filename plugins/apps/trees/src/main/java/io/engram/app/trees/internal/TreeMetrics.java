package io.engram.app.trees.internal;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trees' metrics from raw network outputs: a node is right when the largest output is its
 * label's. {@code node.accuracy} is the fraction of labelled nodes right (the "all" figures of
 * Socher et al. 2013, table 1), {@code root.accuracy} that of the labelled roots (the last step of
 * each sequence; the "root" figures, and for expressions the value of the whole expression).
 */
final class TreeMetrics {

    private TreeMetrics() {
    }

    static Map<String, Double> of(Dataset data, List<double[][]> outputs) {
        int nodes = 0;
        int nodesRight = 0;
        int roots = 0;
        int rootsRight = 0;
        for (int i = 0; i < data.size(); i++) {
            Sequence s = data.get(i);
            int last = s.length() - 1;
            for (int t = 0; t <= last; t++) {
                if (s.hasTarget(t)) {
                    boolean right = s.target(t, argmax(outputs.get(i)[t])) > 0;
                    nodes++;
                    nodesRight += right ? 1 : 0;
                    if (t == last) {
                        roots++;
                        rootsRight += right ? 1 : 0;
                    }
                }
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("node.accuracy", nodes == 0 ? 0.0 : nodesRight / (double) nodes);
        m.put("root.accuracy", roots == 0 ? 0.0 : rootsRight / (double) roots);
        return m;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) {
            if (v[k] > v[best]) {
                best = k;
            }
        }
        return best;
    }
}
