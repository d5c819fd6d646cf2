package io.engram.app.trees.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A labelled tree as a bracketed file gives it: a leaf {@code (label word)} or an internal node
 * {@code (label child child ...)}. The label {@value #UNLABELLED} marks a node without a target.
 * {@code where} is the position of the node's opening bracket ({@code file:line:column}), for
 * messages. Immutable.
 *
 * @param label    the node's label
 * @param word     the word of a leaf; null for an internal node
 * @param children the children of an internal node; empty for a leaf
 * @param where    {@code file:line:column} of the node's opening bracket
 */
record Tree(String label, String word, List<Tree> children, String where) {
    /** The label of a node that has no target (an operator's leaf, say). */
    static final String UNLABELLED = "_";

    Tree {
        Objects.requireNonNull(label, "label");
        children = List.copyOf(children);
    }

    static Tree leaf(String label, String word) {
        return new Tree(label, word, List.of(), "");
    }

    static Tree node(String label, Tree left, Tree right) {
        return new Tree(label, null, List.of(left, right), "");
    }

    boolean isLeaf() {
        return word != null;
    }

    /** Edges on the longest path from this node down to a leaf (0 for a leaf). */
    int height() {
        int h = 0;
        for (Tree c : children) {
            h = Math.max(h, 1 + c.height());
        }
        return h;
    }

    /** The nodes in post-order: children left to right, then the node. */
    List<Tree> postOrder() {
        List<Tree> out = new ArrayList<>();
        collect(this, out);
        return out;
    }

    private static void collect(Tree t, List<Tree> out) {
        for (Tree c : t.children) {
            collect(c, out);
        }
        out.add(t);
    }

    /** The bracketed text of this tree, on one line. */
    String text() {
        StringBuilder b = new StringBuilder("(").append(label);
        if (isLeaf()) {
            b.append(' ').append(word);
        }
        for (Tree c : children) {
            b.append(' ').append(c.text());
        }
        return b.append(')').toString();
    }
}
