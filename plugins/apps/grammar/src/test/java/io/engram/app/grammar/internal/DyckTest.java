package io.engram.app.grammar.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.Sequence;
import io.engram.api.TaskData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The balanced-parentheses task: labels, layout, lengths and the sets' split by length. */
class DyckTest {

    @Test
    void balancedIsJudgedByEveryPrefix() {
        assertTrue(Dyck.isBalanced(new int[] {0, 0, 1, 0, 1, 1}));
        assertTrue(Dyck.isBalanced(new int[0]));
        assertFalse(Dyck.isBalanced(new int[] {0, 1, 1, 0}));
        assertFalse(Dyck.isBalanced(new int[] {0, 0, 1}));
    }

    @Test
    void labelsAgreeWithTheGrammarAndBothVerdictsAndBothKindsOfNegativeOccur() {
        Dataset d = Dyck.strings(new SplittableRandom(3), 400, 1, 6);
        int accepted = 0;
        int equalCounts = 0;
        for (Sequence s : d.sequences()) {
            int[] string = symbols(s);
            boolean accept = s.target(s.length() - 1, 0) > 0.5;
            assertEquals(Dyck.isBalanced(string), accept);
            assertEquals(0, string.length % 2);
            assertTrue(string.length >= 2 && string.length <= 12, "length " + string.length);
            accepted += accept ? 1 : 0;
            long opens = java.util.Arrays.stream(string).filter(c -> c == Dyck.OPEN).count();
            equalCounts += !accept && 2 * opens == string.length ? 1 : 0;
        }
        assertTrue(accepted > 160 && accepted < 240, "accepted " + accepted);
        assertTrue(equalCounts > 60, "unbalanced arrangements with equal counts " + equalCounts);
    }

    @Test
    void aSequenceIsStartSymbolsEndWithTheOnlyTarget() {
        Sequence s = Dyck.sequence(new int[] {0, 1}, true);
        assertEquals(4, s.length());
        assertEquals(1.0, s.input(0, Dyck.START));
        assertEquals(1.0, s.input(1, Dyck.OPEN));
        assertEquals(1.0, s.input(2, Dyck.CLOSE));
        assertEquals(1.0, s.input(3, Dyck.END));
        assertEquals(1.0, s.target(3, 0));
        assertTrue(s.targetMask()[3]);
        assertFalse(s.targetMask()[0] || s.targetMask()[1] || s.targetMask()[2]);
    }

    @Test
    void testStringsAreLongerThanTrainingStrings() {
        TaskData d = new GrammarApplication().load(Hyperparameters.of(Map.of("task", "dyck", "train.size", 200,
                "validation.size", 20, "test.size", 100, "train.max.length", 8, "test.max.length", 20)), 5).get();
        assertTrue(d.train().sequences().stream().allMatch(s -> s.length() - 2 <= 8));
        assertTrue(d.test().sequences().stream().allMatch(s -> s.length() - 2 > 8 && s.length() - 2 <= 20));
        assertEquals("mse", d.loss());
        assertEquals(4, d.train().inputSize());
    }

    @Test
    void aTestLengthNotBeyondTheTrainingLengthIsRefusedByName() {
        Throwable e = new GrammarApplication().load(Hyperparameters.of(Map.of("task", "dyck",
                "train.max.length", 10, "test.max.length", 11)), 5).getCause();
        assertTrue(e.getMessage().contains("data.test.max.length"), e.getMessage());
    }

    private static int[] symbols(Sequence s) {
        List<Integer> out = new ArrayList<>();
        for (int t = 1; t < s.length() - 1; t++) {
            out.add(s.input(t, Dyck.OPEN) > 0 ? Dyck.OPEN : Dyck.CLOSE);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
