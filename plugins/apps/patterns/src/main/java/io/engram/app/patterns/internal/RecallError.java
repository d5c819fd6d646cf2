package io.engram.app.patterns.internal;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.util.List;
import java.util.Map;

/**
 * The recall error of a memory on cue sequences: at each step that has a target (the last step of a
 * cue sequence), each output unit is read as its sign and compared with the bipolar target (an output
 * of 0, a unit left undecided, counts as wrong).
 * <ul>
 *   <li>{@code bit.error}: the fraction of target units read wrong, over all cues (the measure of
 *   Hopfield 1982 and of Amit, Gutfreund and Sompolinsky 1985);</li>
 *   <li>{@code recalled}: the fraction of cues whose every unit is read right.</li>
 * </ul>
 * Stateless and thread-safe.
 */
final class RecallError {

    private RecallError() {
    }

    /** The two metrics of {@code outputs} (per sequence of {@code data}, {@code [time][outputSize]}). */
    static Map<String, Double> of(Dataset data, List<double[][]> outputs) {
        long units = 0;
        long wrong = 0;
        long judged = 0;
        long exact = 0;
        for (int q = 0; q < data.size(); q++) {
            Sequence s = data.get(q);
            for (int t = 0; t < s.length(); t++) {
                if (!s.hasTarget(t)) {
                    continue;
                }
                long before = wrong;
                for (int o = 0; o < data.outputSize(); o++) {
                    double target = s.target(t, o);
                    wrong += Math.signum(outputs.get(q)[t][o]) == Math.signum(target) && target != 0 ? 0 : 1;
                    units++;
                }
                judged++;
                exact += wrong == before ? 1 : 0;
            }
        }
        return Map.of("bit.error", units == 0 ? 0.0 : wrong / (double) units,
                "recalled", judged == 0 ? 0.0 : exact / (double) judged);
    }
}
