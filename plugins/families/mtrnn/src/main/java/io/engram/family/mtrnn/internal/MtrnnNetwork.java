package io.engram.family.mtrnn.internal;

import io.engram.api.Differentiable;
import io.engram.api.ModelSpec;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.layers.AbstractNetwork;
import io.engram.layers.Initializer;
import io.engram.layers.Readout;
import io.engram.layers.continuous.BeerEquation;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An MTRNN: the CTRNN equation {@code tau_i du_i/dt = -u_i + sum_j w_ji sigma(u_j + theta_j) + I_i}
 * ({@link BeerEquation}) over {@code N = io + fast + slow} units with a time constant per group,
 * integrated over each input step by the chosen {@link io.engram.layers.continuous.Integrator}.
 *
 * <p>Inputs: the first {@code sequences} inputs are the selector, read at step 0 only: the slow
 * units start from {@code s_0 slow.init} (for a one-hot {@code s_0}, the row of the chosen
 * sequence), the others from 0. The remaining inputs drive the input-output units,
 * {@code I_io = x W_in}. Output: {@code sigma(u_io + theta_io) V + c}, from the input-output units.
 *
 * <p>Parameters, in this order: {@code input.w [in - sequences, io]} (only with inputs beyond the
 * selector), the connection blocks {@code w.<from>.<to>} for io-io, io-fast, fast-io, fast-fast,
 * fast-slow, slow-fast and slow-slow (no io-slow, no slow-io), {@code theta [N]},
 * {@code tau.log [N]} (fixed by the hyperparameters, not trainable), {@code slow.init [sequences, slow]},
 * {@code readout.w [io, out]}, {@code readout.b [out]}. State: {@code u [batch, N]}, groups in the
 * order input-output, fast, slow.
 *
 * <p>Lifecycle and thread-safety as in {@link io.engram.api.Network}.
 */
final class MtrnnNetwork extends AbstractNetwork implements Differentiable {
    /** The connection blocks, {@code from.to}, in parameter order. */
    static final List<String> BLOCKS = List.of("io.io", "io.fast", "fast.io", "fast.fast", "fast.slow", "slow.fast",
            "slow.slow");

    private final MtrnnSettings settings;
    private final Set<String> trainable;

    MtrnnNetwork(ModelSpec spec, MtrnnSettings settings, Map<String, Tensor> initial) {
        super(spec, initial);
        this.settings = settings;
        Set<String> names = new LinkedHashSet<>(initial.keySet());
        names.remove("tau.log");
        this.trainable = java.util.Collections.unmodifiableSet(names);
    }

    /** Seeded initial parameters: blocks and readout from {@code scheme}, theta 0, the slow initial states uniform on ±1. */
    static Map<String, Tensor> initialParameters(ModelSpec spec, MtrnnSettings s, Ops ops, String scheme, double scale,
                                                 long seed) {
        Initializer init = new Initializer(ops, spec.dtype(), scheme, scale, seed);
        Map<String, Tensor> p = new LinkedHashMap<>();
        int external = spec.inputSize() - s.sequences();
        if (external > 0) {
            p.put("input.w", init.weights(external, s.io(), 1));
        }
        for (String b : BLOCKS) {
            String[] ft = b.split("\\.");
            p.put("w." + b, init.weights(size(s, ft[0]), size(s, ft[1]), 1));
        }
        p.put("theta", init.constant(s.units(), 0));
        double[] logTau = s.taus();
        for (int i = 0; i < logTau.length; i++) {
            logTau[i] = Math.log(logTau[i]);
        }
        p.put("tau.log", init.vector(logTau));
        p.put("slow.init", new Initializer(ops, spec.dtype(), "uniform", Math.sqrt(s.sequences()), seed + 1)
                .weights(s.sequences(), s.slow(), 1));
        Readout.initialise(p, init, s.io(), spec.outputSize());
        return p;
    }

    private static int size(MtrnnSettings s, String group) {
        return switch (group) {
            case "io" -> s.io();
            case "fast" -> s.fast();
            default -> s.slow();
        };
    }

    @Override
    public Set<String> trainable() {
        return trainable;
    }

    @Override
    public State initialState(Ops ops, int batch) {
        return State.of(ops.zeros(spec().dtype(), Shape.of(batch, settings.units())));
    }

    @Override
    public Step step(Ops ops, Map<String, Tensor> p, Tensor x, State state, StepContext context) {
        int batch = x.dim(0);
        int k = settings.sequences();
        Tensor u = state.get(0);
        if (context.time() == 0) {
            Tensor slow = ops.matmul(ops.slice(x, 1, 0, k), p.get("slow.init"));
            u = ops.add(u, ops.concat(1, List.of(zeros(ops, batch, settings.io() + settings.fast()), slow)));
        }
        Tensor input = null;
        if (x.dim(1) > k) {
            Tensor io = ops.matmul(ops.slice(x, 1, k, x.dim(1)), p.get("input.w"));
            input = ops.concat(1, List.of(io, zeros(ops, batch, settings.fast() + settings.slow())));
        }
        BeerEquation f = new BeerEquation(ops, settings.activation(), weights(ops, p), p.get("theta"),
                ops.exp(ops.scale(p.get("tau.log"), -1)), input);
        Tensor next = settings.integrator().advance(ops, f, u, settings.dt(), settings.substeps());
        Tensor io = ops.slice(f.rates(next), 1, 0, settings.io());
        return new Step(Readout.apply(ops, p, io), State.of(next));
    }

    /** The full {@code [N, N]} matrix of the blocks, with zeros between input-output and slow units. */
    private Tensor weights(Ops ops, Map<String, Tensor> p) {
        Tensor ioRow = ops.concat(1, List.of(p.get("w.io.io"), p.get("w.io.fast"), zeros(ops, settings.io(), settings.slow())));
        Tensor fastRow = ops.concat(1, List.of(p.get("w.fast.io"), p.get("w.fast.fast"), p.get("w.fast.slow")));
        Tensor slowRow = ops.concat(1, List.of(zeros(ops, settings.slow(), settings.io()), p.get("w.slow.fast"),
                p.get("w.slow.slow")));
        return ops.concat(0, List.of(ioRow, fastRow, slowRow));
    }

    private Tensor zeros(Ops ops, int rows, int columns) {
        return ops.zeros(spec().dtype(), Shape.of(rows, columns));
    }
}
