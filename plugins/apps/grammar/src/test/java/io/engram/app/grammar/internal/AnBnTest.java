package io.engram.app.grammar.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.Sequence;
import io.engram.api.TaskData;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The a^n b^n task: labels, both kinds of rejected string, and test strings longer than training ones. */
class AnBnTest {

    @Test
    void acceptsExactlyABlockOfAsThenAsManyBs() {
        assertTrue(AnBn.accepts(new int[] {0, 0, 1, 1}));
        assertFalse(AnBn.accepts(new int[] {0, 1, 0, 1}));
        assertFalse(AnBn.accepts(new int[] {0, 0, 1}));
        assertFalse(AnBn.accepts(new int[0]));
    }

    @Test
    void labelsAgreeWithTheLanguageAndEqualCountsAreAmongTheRejected() {
        Dataset d = AnBn.strings(new SplittableRandom(4), 400, 1, 5);
        int accepted = 0;
        int equalCounts = 0;
        for (Sequence s : d.sequences()) {
            int[] string = new int[s.length() - 2];
            int as = 0;
            for (int t = 0; t < string.length; t++) {
                string[t] = s.input(t + 1, 0) > 0 ? 0 : 1;
                as += 1 - string[t];
            }
            boolean accept = s.target(s.length() - 1, 0) > 0.5;
            assertEquals(AnBn.accepts(string), accept);
            accepted += accept ? 1 : 0;
            equalCounts += !accept && 2 * as == string.length ? 1 : 0;
        }
        assertTrue(accepted > 160 && accepted < 240, "accepted " + accepted);
        assertTrue(equalCounts > 60, "rejected arrangements with equal counts " + equalCounts);
    }

    @Test
    void testStringsHaveALargerNThanTrainingStrings() {
        TaskData d = new GrammarApplication().load(Hyperparameters.of(Map.of("task", "anbn", "train.size", 200,
                "validation.size", 20, "test.size", 100, "train.max.length", 8, "test.max.length", 20)), 5).get();
        assertTrue(d.train().sequences().stream().allMatch(s -> s.length() - 2 <= 4 + 4 + 2));
        assertTrue(d.test().sequences().stream().allMatch(s -> s.length() - 2 >= 5 + 3 && s.length() - 2 <= 24));
        assertEquals("mse", d.loss());
    }
}
