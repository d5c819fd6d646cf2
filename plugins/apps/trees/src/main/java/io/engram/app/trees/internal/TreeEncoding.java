package io.engram.app.trees.internal;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The post-order linearisation of binary trees that the {@code recursive} and {@code rntn}
 * families read: one step per node, children before their parent, so the root is the last step.
 * A step's input is {@code [x_w (V); leaf; reduce]}: a leaf step has its word one-hot (a word the
 * vocabulary lacks is word 0, which a treebank's vocabulary keeps for {@value #UNKNOWN}) and
 * {@code leaf = 1}; an internal node's step has {@code reduce = 1}. A step's target is its node's
 * label one-hot over the classes, and a node labelled {@value Tree#UNLABELLED} has no target. Only binary trees are encoded (every internal
 * node has two children, as the families compose two children); {@link #problems} names every
 * other node and every label outside the classes. Immutable.
 *
 * @param words   the vocabulary ({@value #UNKNOWN} first in a treebank's)
 * @param classes the labels in output order
 */
record TreeEncoding(List<String> words, List<String> classes) {
    static final String UNKNOWN = "<unk>";

    TreeEncoding {
        words = List.copyOf(words);
        classes = List.copyOf(classes);
    }

    int inputSize() {
        return words.size() + 2;
    }

    int outputSize() {
        return classes.size();
    }

    /** Every non-binary node and every label outside the classes, each naming its {@code file:line:column}. */
    List<String> problems(List<Tree> trees) {
        List<String> out = new ArrayList<>();
        for (Tree tree : trees) {
            for (Tree n : tree.postOrder()) {
                if (!n.isLeaf() && n.children().size() != 2) {
                    out.add(n.where() + ": node '" + n.label() + "' has " + n.children().size()
                            + " children; trees must be binary (each node composes two children)");
                }
                if (!n.label().equals(Tree.UNLABELLED) && !classes.contains(n.label())) {
                    out.add(n.where() + ": label '" + n.label() + "' is not one of the training labels " + classes);
                }
            }
        }
        return out;
    }

    /** The trees as a dataset; they must have no {@link #problems}. */
    Dataset encode(List<Tree> trees) {
        Map<String, Integer> w = index(words);
        Map<String, Integer> c = index(classes);
        List<Sequence> out = new ArrayList<>(trees.size());
        for (Tree tree : trees) {
            List<Tree> nodes = tree.postOrder();
            double[][] x = new double[nodes.size()][inputSize()];
            double[][] y = new double[nodes.size()][outputSize()];
            boolean[] mask = new boolean[nodes.size()];
            for (int t = 0; t < nodes.size(); t++) {
                Tree n = nodes.get(t);
                if (n.isLeaf()) {
                    x[t][w.getOrDefault(n.word(), 0)] = 1;
                    x[t][words.size()] = 1;
                } else {
                    x[t][words.size() + 1] = 1;
                }
                if (!n.label().equals(Tree.UNLABELLED)) {
                    y[t][c.get(n.label())] = 1;
                    mask[t] = true;
                }
            }
            out.add(new Sequence(x, y, mask));
        }
        return new Dataset(out, inputSize(), outputSize());
    }

    private static Map<String, Integer> index(List<String> names) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.put(names.get(i), i);
        }
        return m;
    }
}
