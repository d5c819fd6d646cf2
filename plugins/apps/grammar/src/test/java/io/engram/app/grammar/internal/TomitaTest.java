package io.engram.app.grammar.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import io.engram.api.TaskData;
import io.engram.layers.automaton.Dfa;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TomitaTest {

    /** The grammars as Tomita (1982) states them, on strings of 0s and 1s. */
    private static final Map<Integer, Predicate<String>> DEFINITIONS = Map.of(
            1, w -> w.matches("1*"),
            2, w -> w.matches("(10)*"),
            3, w -> !Pattern.compile("(^|0)(11)*1(00)*0(?!0)").matcher(w).find(),
            4, w -> !w.contains("000"),
            5, w -> count(w, '0') % 2 == 0 && count(w, '1') % 2 == 0,
            6, w -> (count(w, '0') - count(w, '1')) % 3 == 0,
            7, w -> w.matches("0*1*0*1*"));

    private static long count(String w, char c) {
        return w.chars().filter(x -> x == c).count();
    }

    @Test
    void eachAutomatonAcceptsExactlyItsGrammarOnEveryStringUpToLength12() {
        for (int g = 1; g <= 7; g++) {
            Dfa dfa = Tomita.grammar(g);
            for (int n = 0; n <= 12; n++) {
                for (int bits = 0; bits < (1 << n); bits++) {
                    int[] string = new int[n];
                    StringBuilder w = new StringBuilder();
                    for (int i = 0; i < n; i++) {
                        string[i] = (bits >> (n - 1 - i)) & 1;
                        w.append(string[i]);
                    }
                    assertEquals(DEFINITIONS.get(g).test(w.toString()), dfa.accepts(string), "grammar " + g + " on '" + w + "'");
                }
            }
        }
    }

    @Test
    void theAutomataAreMinimalWithTheKnownStateCounts() {
        int[] states = {2, 3, 5, 4, 4, 3, 5};
        for (int g = 1; g <= 7; g++) {
            assertEquals(states[g - 1], Tomita.grammar(g).states(), "grammar " + g);
            assertEquals(states[g - 1], Tomita.grammar(g).minimal().states(), "grammar " + g);
        }
    }

    @Test
    void stringsAreBalancedLabelledByTheGrammarAndEndInTheEndSymbol() {
        Dfa t2 = Tomita.grammar(2);
        Dataset d = Tomita.strings(t2, new SplittableRandom(3), 400, 10);
        int accepted = 0;
        for (Sequence s : d.sequences()) {
            assertTrue(s.length() <= 11);
            int last = s.length() - 1;
            assertEquals(1.0, s.input(last, Tomita.END));
            for (int t = 0; t < last; t++) {
                assertEquals(0.0, s.input(t, Tomita.END));
                assertEquals(false, s.hasTarget(t));
            }
            boolean accept = s.target(last, 0) == 1.0;
            assertEquals(t2.accepts(Tomita.symbols(s)), accept);
            accepted += accept ? 1 : 0;
        }
        // Balanced: 200 expected; a binomial(400, 1/2) lies within 170..230 except with probability < 3e-3.
        assertTrue(accepted > 170 && accepted < 230, "accepted " + accepted);
        assertEquals(t2, TomitaMetrics.labellingGrammar(d));
    }

    @Test
    void theApplicationLoadsTheTaskWithTheLengthsAsked() {
        GrammarApplication app = new GrammarApplication();
        TaskData data = app.load(GrammarApplication.SCHEMA.validate(Map.of("task", "tomita", "grammar", "1",
                "train.size", "50", "validation.size", "5", "test.size", "40", "test.max.length", "30"), "data.").get(), 7).get();
        assertEquals("mse", data.loss());
        int longest = 0;
        for (Sequence s : data.test().sequences()) {
            longest = Math.max(longest, s.length() - 1);
        }
        assertTrue(longest > 10 && longest <= 30, "longest test string " + longest);
        for (Sequence s : data.train().sequences()) {
            assertTrue(s.length() - 1 <= 10);
        }
        assertArrayEquals(new int[] {1, 0, 1}, Tomita.symbols(Tomita.sequence(new int[] {1, 0, 1}, false)));
    }
}
