package io.engram.app.algorithmic.internal;

import io.engram.api.Sequence;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The graph traversal task of Graves et al. (2016), "Hybrid computing using a neural network with
 * dynamic external memory", Nature 538, at a reduced size: a random graph of {@code nodes} nodes,
 * each named by its own random nonzero {@code bits}-bit code, in which every node has one outgoing
 * edge of each of {@code labels} labels to a uniformly drawn other node. The sequence shows the graph
 * as triples, one per step in random order, then a query: a start node, then {@code hops} labels;
 * after each label the node reached by following it is due. Stateless.
 *
 * <p>Inputs {@code 2 bits + labels + 2}: source code, label (one-hot), destination code, the edge
 * channel (set on the triple steps) and the query channel (set on the start step, which carries the
 * start node in the source field). Outputs {@code bits}. Steps: {@code nodes * labels} triples, the
 * start, then for each hop a step with the label and a blank step at which the node reached is due:
 * {@code nodes * labels + 1 + 2 hops}.
 */
final class GraphTask {

    private GraphTask() {
    }

    static int inputs(int bits, int labels) {
        return 2 * bits + labels + 2;
    }

    static int length(int nodes, int labels, int hops) {
        return nodes * labels + 1 + 2 * hops;
    }

    static Sequence traversal(SplittableRandom random, int bits, int nodes, int labels, int hops) {
        double[][] code = codes(random, bits, nodes);
        int[][] next = new int[nodes][labels];
        for (int n = 0; n < nodes; n++) {
            for (int l = 0; l < labels; l++) {
                int d = random.nextInt(nodes - 1);
                next[n][l] = d >= n ? d + 1 : d;
            }
        }
        int edges = nodes * labels;
        int[] order = shuffled(random, edges);
        int steps = length(nodes, labels, hops);
        double[][] x = new double[steps][inputs(bits, labels)];
        double[][] y = new double[steps][bits];
        boolean[] due = new boolean[steps];
        for (int t = 0; t < edges; t++) {
            int n = order[t] / labels;
            int l = order[t] % labels;
            System.arraycopy(code[n], 0, x[t], 0, bits);
            x[t][bits + l] = 1.0;
            System.arraycopy(code[next[n][l]], 0, x[t], bits + labels, bits);
            x[t][2 * bits + labels] = 1.0;
        }
        int at = random.nextInt(nodes);
        System.arraycopy(code[at], 0, x[edges], 0, bits);
        x[edges][2 * bits + labels + 1] = 1.0;
        for (int h = 0; h < hops; h++) {
            int l = random.nextInt(labels);
            at = next[at][l];
            int t = edges + 1 + 2 * h;
            x[t][bits + l] = 1.0;
            y[t + 1] = code[at].clone();
            due[t + 1] = true;
        }
        return new Sequence(x, y, due);
    }

    /** {@code nodes} distinct nonzero codes of {@code bits} bits ({@code nodes < 2^bits}). */
    private static double[][] codes(SplittableRandom random, int bits, int nodes) {
        double[][] code = new double[nodes][bits];
        Set<Long> used = new HashSet<>();
        for (int n = 0; n < nodes; n++) {
            long c;
            do {
                c = bits >= 63 ? random.nextLong() : random.nextLong(1L, 1L << bits);
            } while (c == 0 || !used.add(c));
            for (int b = 0; b < bits; b++) {
                code[n][b] = (c >>> (b % 64)) & 1L;
            }
        }
        return code;
    }

    private static int[] shuffled(SplittableRandom random, int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
