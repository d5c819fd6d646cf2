package io.engram.app.trees.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TreeEncodingTest {

    @Test
    void postOrderStepsCarryWordLeafAndReduceChannelsAndLabels() {
        List<Tree> trees = TreeReader.read("f", "(0 (1 a) (_ (1 zz) (0 b)))").get();
        TreeEncoding e = new TreeEncoding(List.of("<unk>", "a", "b"), List.of("0", "1"));
        Sequence s = e.encode(trees).get(0);
        assertEquals(5, s.length());
        assertArrayEquals(new double[] {0, 1, 0, 1, 0}, s.inputs()[0]);
        assertArrayEquals(new double[] {1, 0, 0, 1, 0}, s.inputs()[1], "an unknown word is word 0");
        assertArrayEquals(new double[] {0, 0, 1, 1, 0}, s.inputs()[2]);
        assertArrayEquals(new double[] {0, 0, 0, 0, 1}, s.inputs()[3]);
        assertArrayEquals(new double[] {0, 0, 0, 0, 1}, s.inputs()[4]);
        assertArrayEquals(new double[] {1, 0}, s.targets()[4], "the root is the last step");
        assertFalse(s.hasTarget(3), "an unlabelled node has no target");
        assertTrue(s.hasTarget(0));
    }

    @Test
    void arithmeticLabelsAreTheValuesOfTheirSubexpressions() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 200; i++) {
            Tree t = ArithmeticTrees.expression(r, 1 + r.nextInt(5), 10);
            assertEquals(Integer.parseInt(t.label()), evaluate(t), t.text());
        }
        Tree t = ArithmeticTrees.expression(new SplittableRandom(1), 4, 10);
        assertTrue(t.height() <= 8 && t.height() >= 5, "height " + t.height());
    }

    @Test
    void arithmeticTestSetsAreDeeperWhenAsked() {
        TreesSettings s = new TreesSettings("arithmetic", 10, 1, 2, 5, 6, 50, 0, 50, "", "", "");
        Dataset[] sets = s.load(3).get();
        int trainLongest = sets[0].sequences().stream().mapToInt(Sequence::length).max().orElseThrow();
        int testShortest = sets[2].sequences().stream().mapToInt(Sequence::length).min().orElseThrow();
        assertTrue(testShortest > 4 * 5 && trainLongest <= 4 * 2 + 5, trainLongest + " " + testShortest);
        assertEquals(14, sets[0].inputSize());
        assertEquals(10, sets[0].outputSize());
    }

    /** The value of an expression from its words alone. */
    private static int evaluate(Tree t) {
        if (t.isLeaf()) {
            return Integer.parseInt(t.word());
        }
        Tree right = t.children().get(1);
        if (right.children().get(0).isLeaf() && right.children().get(0).label().equals(Tree.UNLABELLED)) {
            int b = evaluate(right.children().get(1));
            int signed = right.children().get(0).word().equals("-") ? -b : b;
            return Math.floorMod(evaluate(t.children().get(0)) + signed, 10);
        }
        throw new AssertionError("not an expression: " + t.text());
    }
}
