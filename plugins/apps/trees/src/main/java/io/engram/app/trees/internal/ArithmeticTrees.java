package io.engram.app.trees.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Arithmetic expression trees over the digits {@code 0 .. m-1} with {@code +} and {@code -} modulo
 * {@code m}, as binary trees with a label at every node: the expression {@code a - b} is
 * <pre>
 *   (s (a a) (n (_ -) (b b)))      n = -b mod m,  s = a + n mod m
 * </pre>
 * a sum node over the left operand and a signed node that joins the operator's leaf (unlabelled) to
 * the right operand; a digit's leaf is labelled with itself. An expression of depth {@code k >= 1}
 * has one operand of depth {@code k - 1} (on a side drawn at random) and the other of a depth drawn
 * uniformly from {@code 0 .. k - 1}; a digit has depth 0. So a network must carry the composition
 * learnt on shallow trees to deeper ones (the tree's height is at most {@code 2k}). Stateless.
 */
final class ArithmeticTrees {

    private ArithmeticTrees() {
    }

    /** The words: the digits, then {@code +} and {@code -}. */
    static List<String> words(int modulus) {
        List<String> w = new ArrayList<>(classes(modulus));
        w.add("+");
        w.add("-");
        return w;
    }

    /** The labels: the digits. */
    static List<String> classes(int modulus) {
        List<String> c = new ArrayList<>();
        for (int i = 0; i < modulus; i++) {
            c.add(String.valueOf(i));
        }
        return c;
    }

    /** An expression of exactly {@code depth} nested operations. */
    static Tree expression(SplittableRandom r, int depth, int modulus) {
        if (depth == 0) {
            String d = String.valueOf(r.nextInt(modulus));
            return Tree.leaf(d, d);
        }
        boolean deepLeft = r.nextBoolean();
        int other = r.nextInt(depth);
        Tree left = expression(r, deepLeft ? depth - 1 : other, modulus);
        Tree right = expression(r, deepLeft ? other : depth - 1, modulus);
        boolean minus = r.nextBoolean();
        int b = value(right);
        int signed = minus ? Math.floorMod(-b, modulus) : b;
        Tree op = Tree.leaf(Tree.UNLABELLED, minus ? "-" : "+");
        Tree term = Tree.node(String.valueOf(signed), op, right);
        return Tree.node(String.valueOf(Math.floorMod(value(left) + signed, modulus)), left, term);
    }

    private static int value(Tree t) {
        return Integer.parseInt(t.label());
    }
}
