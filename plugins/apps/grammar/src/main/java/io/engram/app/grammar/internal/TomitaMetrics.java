package io.engram.app.grammar.internal;

import io.engram.api.Dataset;
import io.engram.api.Network;
import io.engram.api.Sequence;
import io.engram.layers.automaton.AutomatonExtraction;
import io.engram.layers.automaton.Dfa;
import io.engram.tensor.Ops;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metrics of the Tomita task ({@link Tomita}): {@code accuracy}, the fraction of strings whose
 * output at the end symbol is on the side of 0.5 of their target; and the automaton extracted from
 * the network ({@link AutomatonExtraction}: every string up to {@value #PROBE_LENGTH} symbols
 * probed, 2 to {@value #MAX_INTERVALS} intervals per state unit, at most {@value #MAX_STATES}
 * cells), judged against the grammar that labels the data (of the seven, the one that agrees with
 * the most of its labels): {@code automaton.states}, the states of the minimal extracted automaton;
 * {@code automaton.agreement}, the fraction of all strings of length 0 to
 * {@value #AGREEMENT_LENGTH} on which it agrees with the grammar; {@code automaton.equivalent}, 1
 * when it accepts exactly the grammar's language (its minimal automaton is the grammar's), else 0.
 * When no quantisation stays within the cell bound, the three are 0. Stateless.
 */
final class TomitaMetrics {
    static final int PROBE_LENGTH = 10;
    static final int MAX_INTERVALS = 5;
    static final int MAX_STATES = 300;
    static final int AGREEMENT_LENGTH = 12;

    private TomitaMetrics() {
    }

    static Map<String, Double> of(Network network, Ops ops, Dataset data, List<double[][]> outputs) {
        int right = 0;
        for (int i = 0; i < data.size(); i++) {
            Sequence s = data.get(i);
            int last = s.length() - 1;
            right += (outputs.get(i)[last][0] > 0.5) == (s.target(last, 0) > 0.5) ? 1 : 0;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", data.size() == 0 ? 0.0 : right / (double) data.size());
        Dfa grammar = labellingGrammar(data);
        Optional<AutomatonExtraction.Extraction> e = AutomatonExtraction.extract(network, ops,
                new double[][] {{1, 0, 0}, {0, 1, 0}}, new double[] {0, 0, 1}, out -> out[0] > 0.5,
                new AutomatonExtraction.Settings(PROBE_LENGTH, MAX_INTERVALS, MAX_STATES));
        m.put("automaton.states", e.map(x -> (double) x.automaton().states()).orElse(0.0));
        m.put("automaton.agreement", e.map(x -> x.automaton().agreement(grammar, AGREEMENT_LENGTH)).orElse(0.0));
        m.put("automaton.equivalent", e.map(x -> x.automaton().equals(grammar.minimal()) ? 1.0 : 0.0).orElse(0.0));
        return m;
    }

    /** Of the seven grammars, the first that agrees with the most labels of {@code data}. */
    static Dfa labellingGrammar(Dataset data) {
        Dfa best = null;
        int bestAgree = -1;
        for (int g = 1; g <= 7; g++) {
            Dfa dfa = Tomita.grammar(g);
            int agree = 0;
            for (Sequence s : data.sequences()) {
                agree += dfa.accepts(Tomita.symbols(s)) == (s.target(s.length() - 1, 0) > 0.5) ? 1 : 0;
            }
            if (agree > bestAgree) {
                best = dfa;
                bestAgree = agree;
            }
        }
        return best;
    }
}
