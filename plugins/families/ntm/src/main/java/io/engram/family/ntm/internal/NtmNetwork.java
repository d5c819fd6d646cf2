package io.engram.family.ntm.internal;

import io.engram.api.Differentiable;
import io.engram.api.ModelSpec;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.layers.AbstractNetwork;
import io.engram.layers.Initializer;
import io.engram.layers.MemoryAccess;
import io.engram.layers.MemoryController;
import io.engram.layers.Readout;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A neural Turing machine (Graves, Wayne and Danihelka 2014): a {@link MemoryController} reads
 * {@code [x_t, r_{t-1}]}; its output gives every head's parameters ({@link NtmHeads}); all heads are
 * addressed against {@code M_{t-1}} ({@link NtmAddressing}); the write heads erase and add
 * ({@link MemoryAccess}), then the read heads read {@code M_t}; the output is
 * {@code y_t = [h_t, r_t] V + c}.
 *
 * <p>Parameters, in order: the controller's, {@code heads.w [H, P]}, {@code heads.b [P]}
 * ({@code P = (R+W)(M+6) + 2WM}), {@code readout.w [H + R*M, out]}, {@code readout.b [out]}. State,
 * every tensor {@code [batch, ...]}: the memory {@code [B, N*M]} (row-major rows), the read vectors
 * {@code [B, R*M]}, the heads' weightings {@code [B, (R+W)*N]}, then the controller's {@code h, c}.
 * The memory starts at {@code 1e-6} everywhere, every head's weighting on row 0, the reads at 0.
 * {@link Differentiable}, with a flat parameter vector. Not thread-safe (see {@link io.engram.api.Network}).
 */
final class NtmNetwork extends AbstractNetwork implements Differentiable {
    static final double MEMORY_START = 1e-6;
    private final NtmSettings s;

    NtmNetwork(ModelSpec spec, NtmSettings settings, Map<String, Tensor> initial) {
        super(spec, initial);
        this.s = settings;
    }

    /** Parameters initialised from {@code seed}, in a fixed order. */
    static Map<String, Tensor> initialParameters(ModelSpec spec, NtmSettings s, Ops ops, long seed) {
        Initializer init = s.initializer(ops, spec.dtype(), seed);
        Map<String, Tensor> p = new LinkedHashMap<>();
        MemoryController.parameters(p, init, s.lstm(), s.hidden(), spec.inputSize() + s.readHeads() * s.width());
        p.put("heads.w", init.weights(s.hidden(), s.headOutputs(), 1));
        p.put("heads.b", init.constant(s.headOutputs(), 0));
        Readout.initialise(p, init, s.hidden() + s.readHeads() * s.width(), spec.outputSize());
        return p;
    }

    @Override
    public State initialState(Ops ops, int batch) {
        int n = s.rows();
        double[] onRowZero = new double[batch * s.heads() * n];
        for (int i = 0; i < batch * s.heads(); i++) {
            onRowZero[i * n] = 1.0;
        }
        List<Tensor> state = new ArrayList<>(List.of(
                ops.full(spec().dtype(), Shape.of(batch, n * s.width()), MEMORY_START),
                ops.zeros(spec().dtype(), Shape.of(batch, s.readHeads() * s.width())),
                ops.fromArray(spec().dtype(), Shape.of(batch, s.heads() * n), onRowZero)));
        if (s.lstm()) {
            state.add(ops.zeros(spec().dtype(), Shape.of(batch, s.hidden())));
            state.add(ops.zeros(spec().dtype(), Shape.of(batch, s.hidden())));
        }
        return new State(state);
    }

    @Override
    public Step step(Ops ops, Map<String, Tensor> params, Tensor x, State state, StepContext context) {
        int b = x.dim(0);
        int n = s.rows();
        int r = s.readHeads();
        Tensor memory = ops.reshape(state.get(0), Shape.of(b, n, s.width()));
        Tensor previous = ops.reshape(state.get(2), Shape.of(b, s.heads(), n));
        List<Tensor> control = MemoryController.step(ops, params, s.lstm(), ops.concat(1, List.of(x, state.get(1))),
                state.tensors().subList(3, state.size()));
        Tensor h = control.get(0);
        NtmHeads heads = NtmHeads.of(ops, ops.inputProjection(h, params.get("heads.w"), params.get("heads.b")), s);
        Tensor w = NtmAddressing.weights(ops, memory, heads.key(), heads.beta(), heads.gate(), heads.shift(),
                heads.gamma(), previous);
        Tensor written = MemoryAccess.write(ops, memory, ops.slice(w, 1, r, s.heads()), heads.erase(), heads.add());
        Tensor reads = ops.reshape(MemoryAccess.read(ops, written, ops.slice(w, 1, 0, r)), Shape.of(b, r * s.width()));
        Tensor y = Readout.apply(ops, params, ops.concat(1, List.of(h, reads)));
        List<Tensor> next = new ArrayList<>(List.of(ops.reshape(written, Shape.of(b, n * s.width())), reads,
                ops.reshape(w, Shape.of(b, s.heads() * n))));
        next.addAll(control.subList(1, control.size()));
        if (s.lstm()) {
            next.add(3, h);
        }
        return new Step(y, new State(next));
    }
}
