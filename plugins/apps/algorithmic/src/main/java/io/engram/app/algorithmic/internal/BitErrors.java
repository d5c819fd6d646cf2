package io.engram.app.algorithmic.internal;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics of the algorithmic tasks, from raw outputs (logits: a bit is read as 1 where the
 * output is above 0, that is where its sigmoid is above one half) at the steps where an answer is due:
 * {@code bit.errors}, the wrong bits per sequence (the "cost per sequence" of Graves, Wayne and
 * Danihelka 2014, figures 3, 6 and 10, counted in bits); {@code bit.error.rate}, the wrong bits over
 * all bits due; {@code sequence.accuracy}, the fraction of sequences answered without a wrong bit.
 * Stateless.
 */
final class BitErrors {

    private BitErrors() {
    }

    static Map<String, Double> of(Dataset data, List<double[][]> outputs) {
        long wrong = 0;
        long due = 0;
        int perfect = 0;
        for (int i = 0; i < data.size(); i++) {
            Sequence s = data.get(i);
            long here = 0;
            for (int t = 0; t < s.length(); t++) {
                if (!s.targetMask()[t]) {
                    continue;
                }
                for (int o = 0; o < data.outputSize(); o++) {
                    boolean predicted = outputs.get(i)[t][o] > 0;
                    boolean target = s.target(t, o) > 0.5;
                    here += predicted == target ? 0 : 1;
                    due++;
                }
            }
            wrong += here;
            perfect += here == 0 ? 1 : 0;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        int n = data.size();
        m.put("bit.errors", n == 0 ? 0.0 : wrong / (double) n);
        m.put("bit.error.rate", due == 0 ? 0.0 : wrong / (double) due);
        m.put("sequence.accuracy", n == 0 ? 0.0 : perfect / (double) n);
        return m;
    }
}
