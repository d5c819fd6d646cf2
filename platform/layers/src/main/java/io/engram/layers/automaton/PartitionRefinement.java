package io.engram.layers.automaton;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Moore's partition refinement: the coarsest partition of a DFA's states that separates accepting
 * from rejecting states and is closed under the transitions. Starts from the two classes {accept,
 * reject} and splits each class by the classes its members' successors fall in, until no class
 * splits; two states end in one class exactly when they accept the same strings. {@code O(n^2 k)}
 * for {@code n} states and {@code k} symbols at worst. Stateless.
 */
final class PartitionRefinement {

    private PartitionRefinement() {
    }

    /** The class of each state, numbered from 0. */
    static int[] classes(Dfa dfa) {
        int n = dfa.states();
        int[] classOf = new int[n];
        for (int s = 0; s < n; s++) {
            classOf[s] = dfa.accepting(s) ? 1 : 0;
        }
        int count = -1;
        while (true) {
            Map<List<Integer>, Integer> signatures = new HashMap<>();
            int[] refined = new int[n];
            for (int s = 0; s < n; s++) {
                Integer[] sig = new Integer[dfa.symbols() + 1];
                sig[0] = classOf[s];
                for (int a = 0; a < dfa.symbols(); a++) {
                    sig[a + 1] = classOf[dfa.next(s, a)];
                }
                refined[s] = signatures.computeIfAbsent(Arrays.asList(sig), k -> signatures.size());
            }
            if (signatures.size() == count) {
                return refined;
            }
            count = signatures.size();
            classOf = refined;
        }
    }
}
