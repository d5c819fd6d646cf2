package io.engram.kernel.internal;

import io.engram.api.Associative;
import io.engram.api.Network;
import io.engram.kernel.PluginRegistry;
import io.engram.kernel.Recaller;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.vavr.control.Try;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Recalls from trained associative memories: restores the checkpoint's network on the {@code cpu}
 * backend as {@link PredictorComponent} does (same family choice, same check of the tensors), checks
 * every cue against the memory's width and unit values (all problems of the first
 * {@value PredictorComponent#MAX_LISTED} named at once), then recalls all cues as one batch through
 * {@link Associative#recall} and gives each state's energy ({@link Associative#energy}). Stateless
 * and thread-safe: each call builds its own network.
 */
@Component(service = Recaller.class)
public final class RecallerComponent implements Recaller {

    private final PredictorComponent restorer;

    @Activate
    public RecallerComponent(@Reference(target = RegistryComponent.SELF) PluginRegistry plugins) {
        this(new PredictorComponent(plugins));
    }

    RecallerComponent(PredictorComponent restorer) {
        this.restorer = restorer;
    }

    @Override
    public Try<List<Recall>> recall(Path checkpoint, List<double[]> cues, int steps) {
        if (steps < 0) {
            return Try.failure(new IllegalArgumentException("steps: expected at least 0, got " + steps));
        }
        return restorer.describe(checkpoint)
                .flatMap(meta -> restorer.restored(checkpoint, meta))
                .flatMap(restored -> recall(restored.network(), restored.ops(), cues, steps));
    }

    /** Recall of {@code cues} in {@code network}, which must be associative and as wide as every cue. */
    static Try<List<Recall>> recall(Network network, Ops ops, List<double[]> cues, int steps) {
        Associative memory = network.capability(Associative.class).orElse(null);
        if (memory == null) {
            return Try.failure(new IllegalStateException("the model of family '" + network.spec().family()
                    + "' is not an associative memory: it has nothing to recall (engram predict runs it)"));
        }
        String problems = checkCues(cues, memory.size());
        if (!problems.isEmpty()) {
            return Try.failure(new IllegalArgumentException(problems));
        }
        return Try.of(() -> {
            int n = memory.size();
            double[] rows = new double[cues.size() * n];
            for (int c = 0; c < cues.size(); c++) {
                System.arraycopy(cues.get(c), 0, rows, c * n, n);
            }
            Tensor cue = ops.fromArray(network.spec().dtype(), Shape.of(cues.size(), n), rows);
            Tensor settled = memory.recall(ops, cue, steps);
            double[] states = settled.toDoubleArray();
            double[] energy = memory.energy(ops, settled).toDoubleArray();
            double[] cueEnergy = memory.energy(ops, cue).toDoubleArray();
            List<Recall> out = new ArrayList<>(cues.size());
            for (int c = 0; c < cues.size(); c++) {
                out.add(new Recall(java.util.Arrays.copyOfRange(states, c * n, (c + 1) * n), energy[c], cueEnergy[c]));
            }
            return out;
        });
    }

    /** Every cue of the wrong width or with a value other than -1, 0, +1 (the first few, then a count), or empty. */
    static String checkCues(List<double[]> cues, int size) {
        if (cues == null || cues.isEmpty()) {
            return "cues: expected at least one cue";
        }
        List<String> problems = new ArrayList<>();
        long count = 0;
        for (int c = 0; c < cues.size(); c++) {
            double[] cue = cues.get(c);
            String problem = cue == null || cue.length != size
                    ? "cue " + c + ": expected " + size + " unit values, got " + (cue == null ? 0 : cue.length)
                    : badValue(cue, c);
            if (!problem.isEmpty()) {
                if (count < PredictorComponent.MAX_LISTED) {
                    problems.add(problem);
                }
                count++;
            }
        }
        if (count > PredictorComponent.MAX_LISTED) {
            problems.add("... and " + (count - PredictorComponent.MAX_LISTED) + " more problems");
        }
        return String.join("; ", problems);
    }

    private static String badValue(double[] cue, int c) {
        for (int i = 0; i < cue.length; i++) {
            if (cue[i] != 1 && cue[i] != -1 && cue[i] != 0) {
                return "cue " + c + " unit " + i + ": " + cue[i] + " is not -1, +1 or 0 (unknown)";
            }
        }
        return "";
    }
}
