package io.engram.family.dnc.internal;

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
 * A differentiable neural computer (Graves et al. 2016, Methods). One step:
 * <pre>
 *   h_t   = controller([x_t; r_{t-1}], h_{t-1})                 {@link MemoryController}
 *   ξ_t   = h_t W_ξ + b_ξ, split into the interface              {@link DncInterface}
 *   ψ_t, u_t, a_t; c^w_t = C(M_{t-1}, k^w, β^w); w^w_t             {@link DncAllocation}, {@link MemoryAccess}
 *   M_t   = M_{t-1} ∘ (E - w^w_t e_t^T) + w^w_t v_t^T              {@link MemoryAccess}
 *   L_t, p_t, f^i_t, b^i_t; c^{r,i}_t = C(M_t, k^{r,i}, β^{r,i}); w^{r,i}_t   {@link DncLinks}
 *   r^i_t = M_t^T w^{r,i}_t
 *   y_t   = W_y [h_t; r^1_t; ...; r^R_t] + b_y
 * </pre>
 * (the paper's {@code y_t = W_y h_t + W_r [r_t]} is the same map written as one readout).
 *
 * <p>Parameters, in order: the controller's, {@code interface.w [H, I]}, {@code interface.b [I]}
 * ({@code I = WR + 3W + 5R + 3}), {@code readout.w [H + R*W, out]}, {@code readout.b [out]}. State,
 * every tensor {@code [batch, ...]}: the memory {@code [B, N*W]} (row-major rows), the read vectors
 * {@code [B, R*W]}, the read weightings {@code [B, R*N]}, the write weighting {@code [B, N]}, the
 * usage {@code [B, N]}, the precedence {@code [B, N]}, the link matrix {@code [B, N*N]}, then the
 * controller's {@code h, c}. Everything starts at zero. {@link Differentiable}, with a flat parameter
 * vector. Not thread-safe (see {@link io.engram.api.Network}).
 */
final class DncNetwork extends AbstractNetwork implements Differentiable {
    private final DncSettings s;

    DncNetwork(ModelSpec spec, DncSettings settings, Map<String, Tensor> initial) {
        super(spec, initial);
        this.s = settings;
    }

    /** Parameters initialised from {@code seed}, in a fixed order. */
    static Map<String, Tensor> initialParameters(ModelSpec spec, DncSettings s, Ops ops, long seed) {
        Initializer init = s.initializer(ops, spec.dtype(), seed);
        Map<String, Tensor> p = new LinkedHashMap<>();
        MemoryController.parameters(p, init, s.lstm(), s.hidden(), spec.inputSize() + s.readHeads() * s.width());
        p.put("interface.w", init.weights(s.hidden(), s.interfaceSize(), 1));
        p.put("interface.b", init.constant(s.interfaceSize(), 0));
        Readout.initialise(p, init, s.hidden() + s.readHeads() * s.width(), spec.outputSize());
        return p;
    }

    @Override
    public State initialState(Ops ops, int batch) {
        int n = s.rows();
        List<Tensor> state = new ArrayList<>();
        for (int size : new int[] {n * s.width(), s.readHeads() * s.width(), s.readHeads() * n, n, n, n, n * n}) {
            state.add(ops.zeros(spec().dtype(), Shape.of(batch, size)));
        }
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
        Tensor memory = ops.reshape(state.get(0), Shape.of(b, n, s.width()));
        Tensor previousReads = ops.reshape(state.get(2), Shape.of(b, s.readHeads(), n));
        Tensor previousWrite = ops.reshape(state.get(3), Shape.of(b, 1, n));
        Tensor previousPrecedence = ops.reshape(state.get(5), Shape.of(b, 1, n));
        List<Tensor> control = MemoryController.step(ops, params, s.lstm(), ops.concat(1, List.of(x, state.get(1))),
                state.tensors().subList(7, state.size()));
        Tensor h = control.get(0);
        DncInterface xi = DncInterface.of(ops, ops.inputProjection(h, params.get("interface.w"), params.get("interface.b")), s);
        Tensor usage = DncAllocation.usage(ops, ops.reshape(state.get(4), Shape.of(b, 1, n)), previousWrite,
                DncAllocation.retention(ops, xi.free(), previousReads));
        Tensor write = DncAllocation.writeWeighting(ops, xi.allocation(), xi.writeGate(),
                DncAllocation.allocation(ops, usage), MemoryAccess.content(ops, memory, xi.writeKey(), xi.writeStrength()));
        Tensor written = MemoryAccess.write(ops, memory, write, xi.erase(), xi.write());
        Tensor link = DncLinks.link(ops, ops.reshape(state.get(6), Shape.of(b, n, n)), write, previousPrecedence);
        Tensor reads = DncLinks.reads(ops, xi.modes(), DncLinks.backward(ops, link, previousReads),
                MemoryAccess.content(ops, written, xi.readKeys(), xi.readStrengths()), DncLinks.forward(ops, link, previousReads));
        Tensor vectors = ops.reshape(MemoryAccess.read(ops, written, reads), Shape.of(b, s.readHeads() * s.width()));
        Tensor y = Readout.apply(ops, params, ops.concat(1, List.of(h, vectors)));
        List<Tensor> next = new ArrayList<>(List.of(ops.reshape(written, Shape.of(b, n * s.width())), vectors,
                ops.reshape(reads, Shape.of(b, s.readHeads() * n)), ops.reshape(write, Shape.of(b, n)),
                ops.reshape(usage, Shape.of(b, n)),
                ops.reshape(DncLinks.precedence(ops, previousPrecedence, write), Shape.of(b, n)),
                ops.reshape(link, Shape.of(b, n * n))));
        if (s.lstm()) {
            next.add(h);
        }
        next.addAll(control.subList(1, control.size()));
        return new Step(y, new State(next));
    }
}
