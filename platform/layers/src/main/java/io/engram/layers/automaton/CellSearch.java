package io.engram.layers.automaton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The breadth-first search of Giles et al. (1992), section 4: from the initial state's cell, each
 * symbol is applied to the first state that reached a cell; a cell not seen before becomes a new
 * automaton state and is searched in turn. One batched network step per symbol and search level.
 * Stateless.
 */
final class CellSearch {

    private CellSearch() {
    }

    /** The automaton on the cells of {@code quantiser}, or empty beyond {@code maxStates} cells. */
    static Optional<Dfa> run(AutomatonExtraction.Runner runner, Quantiser quantiser, int maxStates) {
        int k = runner.symbols();
        Map<String, Integer> index = new HashMap<>();
        List<double[]> representatives = new ArrayList<>();
        List<int[]> table = new ArrayList<>();
        index.put(quantiser.cell(runner.initial), 0);
        representatives.add(runner.initial);
        int from = 0;
        while (from < representatives.size()) {
            List<double[]> frontier = List.copyOf(representatives.subList(from, representatives.size()));
            for (int f = 0; f < frontier.size(); f++) {
                table.add(new int[k]);
            }
            for (int a = 0; a < k; a++) {
                List<double[]> next = runner.next(frontier, a);
                for (int f = 0; f < frontier.size(); f++) {
                    double[] row = next.get(f);
                    Integer target = index.get(quantiser.cell(row));
                    if (target == null) {
                        if (representatives.size() == maxStates) {
                            return Optional.empty();
                        }
                        target = representatives.size();
                        index.put(quantiser.cell(row), target);
                        representatives.add(row);
                    }
                    table.get(from + f)[a] = target;
                }
            }
            from += frontier.size();
        }
        boolean[] accepting = new boolean[representatives.size()];
        for (int s = 0; s < accepting.length; s += 1024) {
            boolean[] v = runner.verdicts(representatives.subList(s, Math.min(accepting.length, s + 1024)));
            System.arraycopy(v, 0, accepting, s, v.length);
        }
        return Optional.of(new Dfa(0, table.toArray(new int[0][]), accepting));
    }
}
