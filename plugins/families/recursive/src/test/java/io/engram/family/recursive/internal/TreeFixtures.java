package io.engram.family.recursive.internal;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random binary trees for the tests, as the post-order linearisation the family reads
 * ({@code [one-hot word; leaf; reduce]} per node, a random label at every node), and the same trees'
 * node vectors computed directly by recursion, independently of the stack.
 */
final class TreeFixtures {

    private TreeFixtures() {
    }

    /** A binary tree: a leaf ({@code word >= 0}) or a node with two children. */
    record Node(int word, Node left, Node right) {
    }

    static Node random(SplittableRandom r, int leaves, int words) {
        if (leaves == 1) {
            return new Node(r.nextInt(words), null, null);
        }
        int left = 1 + r.nextInt(leaves - 1);
        return new Node(-1, random(r, left, words), random(r, leaves - left, words));
    }

    static List<Node> postOrder(Node n) {
        List<Node> out = new ArrayList<>();
        if (n.word < 0) {
            out.addAll(postOrder(n.left));
            out.addAll(postOrder(n.right));
        }
        out.add(n);
        return out;
    }

    /** One sequence per tree, random labels over {@code classes}. */
    static Dataset dataset(long seed, List<Node> trees, int words, int classes) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Sequence> out = new ArrayList<>();
        for (Node tree : trees) {
            List<Node> nodes = postOrder(tree);
            double[][] x = new double[nodes.size()][words + 2];
            double[][] y = new double[nodes.size()][classes];
            for (int t = 0; t < nodes.size(); t++) {
                Node n = nodes.get(t);
                if (n.word >= 0) {
                    x[t][n.word] = 1;
                    x[t][words] = 1;
                } else {
                    x[t][words + 1] = 1;
                }
                y[t][r.nextInt(classes)] = 1;
            }
            out.add(Sequence.perStep(x, y));
        }
        return new Dataset(out, words + 2, classes);
    }

    /** Trees of the given leaf counts. */
    static List<Node> trees(long seed, int words, int... leaves) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Node> out = new ArrayList<>();
        for (int n : leaves) {
            out.add(random(r, n, words));
        }
        return out;
    }
}
