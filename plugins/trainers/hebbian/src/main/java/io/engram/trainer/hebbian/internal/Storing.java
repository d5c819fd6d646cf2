package io.engram.trainer.hebbian.internal;

import io.engram.api.Associative;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.vavr.control.Either;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One job's storage run: reads the patterns ({@link Patterns}), then for each epoch {@code k} of
 * {@code E} stores the first {@code p_k = ceil(k P / E)} with the chosen rule and recalls each from
 * itself, reporting as the epoch's train loss the fraction of units wrong after recall (the measure
 * of capacity of Hopfield 1982 and Amit et al. 1985), and as metrics {@code patterns} ({@code p_k}),
 * {@code load} ({@code p_k / size}), {@code stored.recalled} (the fraction of patterns recalled
 * exactly) and {@code stored.energy} (the mean energy per unit of the recalled states). A bad rule or
 * bad patterns end the run as failed before anything is stored, naming the setting or the sequence.
 *
 * <p>Used once, on the job's thread.
 */
final class Storing {
    private final TrainingContext c;

    Storing(TrainingContext context) {
        this.c = context;
    }

    TrainingResult run() {
        Associative memory = c.network().capability(Associative.class).orElse(null);
        if (memory == null) {
            return failed("the network of family '" + c.network().spec().family() + "' is not associative");
        }
        String rule = c.hyper().getString("rule").isEmpty() ? memory.rules().get(0) : c.hyper().getString("rule");
        if (!memory.rules().contains(rule)) {
            return failed("trainer.rule: '" + rule + "' is not a rule of this memory (known: " + memory.rules() + ")");
        }
        int size = memory.size();
        Either<String, double[]> patterns = Patterns.of(c.train(), size);
        if (patterns.isLeft()) {
            return failed("training set: " + patterns.getLeft());
        }
        double[] rows = patterns.get();
        int total = rows.length / size;
        int epochs = c.hyper().getInt("epochs");
        Map<String, Double> last = Map.of();
        int done = 0;
        Ops ops = c.backend().ops();
        for (int k = 1; k <= epochs && !c.cancelled(); k++) {
            int p = (int) Math.ceil((double) k * total / epochs);
            Tensor stored = ops.fromArray(c.network().spec().dtype(), Shape.of(p, size), Arrays.copyOf(rows, p * size));
            memory.store(ops, rule, stored);
            last = recall(ops, memory, stored, p, size);
            c.emit(new TrainingEvent.EpochEnd(k, last.get("stored.bit.error"), Double.NaN, without(last, "stored.bit.error")));
            done = k;
        }
        return new TrainingResult(last, done, c.cancelled() && done < epochs ? "cancelled" : "", false);
    }

    /** Recall of the {@code p} stored patterns from themselves: bit error, exact fraction, energy per unit, load. */
    private Map<String, Double> recall(Ops ops, Associative memory, Tensor stored, int p, int size) {
        Tensor recalled = memory.recall(ops, stored, c.hyper().getInt("recall.steps"));
        double[] want = stored.toDoubleArray();
        double[] got = recalled.toDoubleArray();
        double[] energy = memory.energy(ops, recalled).toDoubleArray();
        int wrong = 0;
        int exact = 0;
        for (int r = 0; r < p; r++) {
            int before = wrong;
            for (int i = r * size; i < (r + 1) * size; i++) {
                wrong += want[i] != Math.signum(got[i]) ? 1 : 0;
            }
            exact += wrong == before ? 1 : 0;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("stored.bit.error", wrong / (double) (p * size));
        m.put("stored.recalled", exact / (double) p);
        m.put("stored.energy", Arrays.stream(energy).sum() / p / size);
        m.put("patterns", (double) p);
        m.put("load", p / (double) size);
        return m;
    }

    private static Map<String, Double> without(Map<String, Double> m, String key) {
        Map<String, Double> copy = new LinkedHashMap<>(m);
        copy.remove(key);
        return copy;
    }

    private TrainingResult failed(String reason) {
        c.emit(new TrainingEvent.Stopped(reason, true));
        return new TrainingResult(Map.of(), 0, reason, true);
    }
}
