package io.engram.layers.automaton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DfaTest {
    private static final int A = 0, B = 1, C = 2, D = 3, E = 4, F = 5, G = 6, H = 7;

    /**
     * Hopcroft, Motwani and Ullman, "Introduction to Automata Theory, Languages, and Computation",
     * figure 4.8: eight states, C accepting; D is unreachable, and the equivalent pairs are {A, E},
     * {B, H} and {D, F}. The minimal automaton has five states: {A,E}, {B,H}, {C}, {F}, {G}.
     */
    private static Dfa textbook() {
        int[][] next = new int[8][];
        next[A] = new int[] {B, F};
        next[B] = new int[] {G, C};
        next[C] = new int[] {A, C};
        next[D] = new int[] {C, G};
        next[E] = new int[] {H, F};
        next[F] = new int[] {C, G};
        next[G] = new int[] {G, E};
        next[H] = new int[] {G, C};
        boolean[] accepting = new boolean[8];
        accepting[C] = true;
        return new Dfa(A, next, accepting);
    }

    @Test
    void theTextbookAutomatonMinimisesToFiveStatesNumberedBreadthFirst() {
        Dfa m = textbook().minimal();
        assertEquals(5, m.states());
        // BFS from {A,E}: 0 = {A,E}; on 0 -> {B,H} = 1, on 1 -> {F} = 2; from 1: {G} = 3, {C} = 4.
        assertEquals(new Dfa(0, new int[][] {{1, 2}, {3, 4}, {4, 3}, {3, 0}, {0, 4}},
                new boolean[] {false, false, false, false, true}), m);
        assertEquals(1.0, m.agreement(textbook(), 12), 0.0);
    }

    @Test
    void aMinimalAutomatonKeepsItsStatesAndEqualLanguagesGiveEqualMinimalAutomata() {
        // (10)*: 0 start/accepting, 1 after a 1, 2 dead.
        Dfa tomita2 = new Dfa(0, new int[][] {{2, 1}, {0, 2}, {2, 2}}, new boolean[] {true, false, false});
        assertEquals(3, tomita2.minimal().states());
        // The same language with the states renamed (3 start, 4 after a 1) and three dead states.
        Dfa renamed = new Dfa(3, new int[][] {{1, 1}, {0, 0}, {2, 0}, {0, 4}, {3, 2}},
                new boolean[] {false, false, false, true, false});
        assertEquals(tomita2.minimal(), renamed.minimal());
        assertEquals(1.0, tomita2.agreement(renamed, 12), 0.0);
    }

    @Test
    void anAutomatonAcceptingEverythingHasOneState() {
        Dfa all = new Dfa(1, new int[][] {{1, 2}, {2, 0}, {0, 1}}, new boolean[] {true, true, true});
        Dfa m = all.minimal();
        assertEquals(1, m.states());
        assertTrue(m.accepts(new int[] {0, 1, 1, 0}));
    }

    @Test
    void distinguishableStatesStaySeparate() {
        // Strings over {0, 1} whose number of 1s is divisible by 3: three states, none mergeable.
        Dfa mod3 = new Dfa(0, new int[][] {{0, 1}, {1, 2}, {2, 0}}, new boolean[] {true, false, false});
        assertEquals(3, mod3.minimal().states());
        assertTrue(mod3.accepts(new int[] {1, 0, 1, 1}));
        assertFalse(mod3.accepts(new int[] {1, 0, 1}));
        assertNotEquals(mod3.minimal(), new Dfa(0, new int[][] {{0, 1}, {1, 0}}, new boolean[] {true, false}).minimal());
    }

    @Test
    void agreementCountsEveryStringUpToTheLength() {
        Dfa onlyZeros = new Dfa(0, new int[][] {{0, 1}, {1, 1}}, new boolean[] {true, false});
        Dfa everything = new Dfa(0, new int[][] {{0, 0}}, new boolean[] {true});
        // Lengths 0..2: 7 strings, of which the empty string, 0 and 00 are in both languages.
        assertEquals(3.0 / 7, onlyZeros.agreement(everything, 2), 1e-15);
    }

    @Test
    void aMalformedTableIsRefusedNamingWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dfa(0, new int[][] {{0, 2}, {1, 0}}, new boolean[] {true, false}));
        assertEquals("transition from state 0 on symbol 1 goes to 2, not in [0, 2)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dfa(2, new int[][] {{0}}, new boolean[] {true}));
        assertThrows(IllegalArgumentException.class, () -> new Dfa(0, new int[][] {{0}, {0, 1}}, new boolean[2]));
    }
}
