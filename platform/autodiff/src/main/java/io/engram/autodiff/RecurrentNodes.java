package io.engram.autodiff;

import io.engram.tensor.Ops;
import io.engram.tensor.RecurrentKernels;
import io.engram.tensor.Tensor;
import java.util.List;

/**
 * The recurrent kernels of a {@link Tape}: the LSTM, GRU and Elman steps and the recurrences over a
 * whole sequence, each recorded as one node (two for the LSTM's two outputs) whose value and
 * adjoints come from the base's fused kernels ({@code ...WithGates} forward, {@code ...Backward}
 * back), keeping only the gate activations besides the outputs. The weight terms {@code A^T G} of
 * all steps wait on the tape and are added as one matrix product over all of them. With no recorded
 * input a kernel runs plainly on the base's kernels; shapes other than the plain {@code [B, .]}
 * layout are recorded decomposed (this interface's defaults, over the tape's ops). The training
 * forms ({@code ...WithGates}, {@code ...Backward}) are those defaults too: recorded op by op.
 *
 * <p>Lives as long as its tape; not thread-safe, as the tape is not.
 */
final class RecurrentNodes implements RecurrentKernels {
    private final Tape tape;
    private final Ops base;
    private final RecurrentKernels fused;

    RecurrentNodes(Tape tape) {
        this.tape = tape;
        this.base = tape.base();
        this.fused = base.kernels();
    }

    @Override
    public Ops ops() {
        return tape;
    }

    private static Tensor value(Tensor t) {
        return Tape.value(t);
    }

    private boolean tracked(Tensor t) {
        return tape.tracked(t) != null;
    }

    private static boolean isMatrix(Tensor t, int rows, int cols) {
        return t.rank() == 2 && t.dim(0) == rows && t.dim(1) == cols;
    }

    /** Whether {@code xs [T*B, width]} holds whole steps of a batch of {@code h [B, H]}. */
    private static boolean stepsOf(Tensor xs, Tensor h, int width) {
        return h.rank() == 2 && h.dim(0) > 0 && xs.rank() == 2 && xs.dim(1) == width && xs.dim(0) > 0
                && xs.dim(0) % h.dim(0) == 0;
    }

    /** The {@code [B, H]} states before each step: {@code [h; hs_0; ..; hs_{T-2}]}, for a weight's product. */
    private Tensor previous(Tensor h, Tensor hs) {
        int rows = hs.dim(0) - h.dim(0);
        return rows == 0 ? h : base.concat(0, List.of(h, base.slice(hs, 0, 0, rows)));
    }

    /** The adjoint {@code g} if there is one, else zeros like {@code like}. */
    private Tensor orZeros(Tensor g, Tensor like) {
        return g != null ? g : base.zeros(like.dtype(), like.shape());
    }

    // ---- one step -------------------------------------------------------------------------------

    /**
     * The LSTM step as two recorded nodes, {@code c'} then {@code h'}, whose values come from the
     * base's {@link RecurrentKernels#lstmStepWithGates}; the step keeps only its gate activations
     * {@code [B, 4H]} besides its outputs. Backward runs once per step, at whichever node is reached
     * first with an adjoint ({@code h'}, being newer, unless only {@code c'} is used): with
     * {@code G_h}, {@code G_c} the adjoints of {@code h'} and {@code c'} (complete by then, as every
     * use of either is newer than both), {@link RecurrentKernels#lstmStepBackward} gives {@code dz}
     * and {@code dc}, and
     * <pre>
     *   dxProj = dz,  dh = dz wh^T,  dwh = h^T dz,  dc = (G_c + G_h o (1 - tanh^2 c')) f
     * </pre>
     * where {@code dwh} waits for the other steps' terms. The gradient reported for {@code c'}
     * itself is {@code G_c}, without the path through {@code h'}. Shapes other than
     * {@code xProj [B,4H], h [B,H], c [B,H], wh [H,4H]} are recorded decomposed.
     */
    @Override
    public LstmState lstmStep(Tensor xProj, Tensor h, Tensor c, Tensor wh) {
        Tensor xv = value(xProj);
        Tensor hv = value(h);
        Tensor cv = value(c);
        Tensor wv = value(wh);
        if (!tape.anyTracked(xProj, h, c, wh)) {
            return fused.lstmStep(xv, hv, cv, wv);
        }
        int batch = hv.rank() == 2 ? hv.dim(0) : -1;
        int hidden = hv.rank() == 2 ? hv.dim(1) : -1;
        if (batch < 0 || !isMatrix(xv, batch, 4 * hidden) || !isMatrix(cv, batch, hidden)
                || !isMatrix(wv, hidden, 4 * hidden)) {
            return RecurrentKernels.super.lstmStep(xProj, h, c, wh);
        }
        LstmGates forward = fused.lstmStepWithGates(xv, hv, cv, wv);
        Tensor cNext = forward.c();
        Tensor gates = forward.gates();
        return recordPair(forward.h(), cNext, (dh, dc, adj) -> {
            LstmStepAdjoint back = fused.lstmStepBackward(gates, cv, cNext, orZeros(dh, cNext), orZeros(dc, cNext));
            Tensor dz = back.dz();
            tape.accumulate(adj, xProj, dz);
            if (tracked(h)) {
                tape.accumulate(adj, h, base.matmul(dz, wv, false, true));
            }
            tape.accumulateProduct(wh, hv, dz);
            if (tracked(c)) {
                tape.accumulate(adj, c, back.dc());
            }
        });
    }

    /** Pulls back the adjoints of both outputs of a two-output op at once. */
    @FunctionalInterface
    private interface PairPullback {
        /** {@code g} and {@code gCell}: the adjoints of the two outputs, either null when it has none. */
        void apply(Tensor g, Tensor gCell, Tensor[] adjoints);
    }

    /**
     * The outputs {@code h} and {@code c} of one op (an LSTM's states) as two nodes, {@code c} then
     * {@code h}, with one pullback that runs once per backward pass, at whichever node is reached
     * first with an adjoint ({@code h}, being newer, unless only {@code c} is used), with the complete
     * adjoints of both: every use of either is newer than both, and what waits for {@code c} is
     * settled first. The gradient reported for {@code c} itself is then only its own adjoint.
     */
    private LstmState recordPair(Tensor h, Tensor c, PairPullback pullback) {
        int[] doneInPass = {-1};
        Tape.Var[] cell = new Tape.Var[1];
        Tape.Pullback both = (g, adj) -> {
            doneInPass[0] = tape.pass();
            tape.settle(cell[0], adj);
            pullback.apply(g, adj[cell[0].id], adj);
        };
        cell[0] = tape.record(c, (g, adj) -> {
            if (doneInPass[0] != tape.pass()) {
                both.apply(null, adj);
            }
        });
        return new LstmState(tape.record(h, both), cell[0]);
    }

    /**
     * The Elman step as one recorded node, its value from the base's kernel, keeping nothing but its
     * output {@code h'}. Backward, with {@code G} the adjoint of {@code h'}, through
     * {@link RecurrentKernels#elmanStepBackward}:
     * <pre>
     *   dz = G (1 - h'^2);   dxProj = dz,  dh = dz wh^T,  dwh = h^T dz
     * </pre>
     * where {@code dwh} waits for the other steps' terms. Shapes other than
     * {@code xProj [B,H], h [B,H], wh [H,H]} are recorded decomposed.
     */
    @Override
    public Tensor elmanStep(Tensor xProj, Tensor h, Tensor wh) {
        Tensor xv = value(xProj);
        Tensor hv = value(h);
        Tensor wv = value(wh);
        if (!tape.anyTracked(xProj, h, wh)) {
            return fused.elmanStep(xv, hv, wv);
        }
        int batch = hv.rank() == 2 ? hv.dim(0) : -1;
        int hidden = hv.rank() == 2 ? hv.dim(1) : -1;
        if (batch < 0 || !isMatrix(xv, batch, hidden) || !isMatrix(wv, hidden, hidden)) {
            return RecurrentKernels.super.elmanStep(xProj, h, wh);
        }
        Tensor hNext = fused.elmanStep(xv, hv, wv);
        return tape.record(hNext, (g, adj) -> {
            Tensor dz = fused.elmanStepBackward(hNext, g);
            tape.accumulate(adj, xProj, dz);
            if (tracked(h)) {
                tape.accumulate(adj, h, base.matmul(dz, wv, false, true));
            }
            tape.accumulateProduct(wh, hv, dz);
        });
    }

    /**
     * The GRU step as one recorded node, its value from the base's
     * {@link RecurrentKernels#gruStepWithGates}, keeping only the gates {@code [r | u | n | r h]}.
     * Backward, with {@code G} the adjoint of {@code h'}, through
     * {@link RecurrentKernels#gruStepBackward}:
     * <pre>
     *   dz_n = G (1-u) (1-n^2);   d(rh) = dz_n whN^T;   dwhN = (r h)^T dz_n
     *   dz_r = d(rh) h r(1-r);    dz_u = G (h - n) u(1-u);   dz_ru = [dz_r | dz_u]
     *   dxProj = [dz_ru | dz_n],  dwhRu = h^T dz_ru,  dh = G u + d(rh) r + dz_ru whRu^T
     * </pre>
     * where the weight terms wait for the other steps'. Shapes other than
     * {@code xProj [B,3H], h [B,H], whRu [H,2H], whN [H,H]} are recorded decomposed.
     */
    @Override
    public Tensor gruStep(Tensor xProj, Tensor h, Tensor whRu, Tensor whN) {
        Tensor xv = value(xProj);
        Tensor hv = value(h);
        Tensor ruv = value(whRu);
        Tensor nv = value(whN);
        if (!tape.anyTracked(xProj, h, whRu, whN)) {
            return fused.gruStep(xv, hv, ruv, nv);
        }
        int batch = hv.rank() == 2 ? hv.dim(0) : -1;
        int hidden = hv.rank() == 2 ? hv.dim(1) : -1;
        if (batch < 0 || !isMatrix(xv, batch, 3 * hidden) || !isMatrix(ruv, hidden, 2 * hidden)
                || !isMatrix(nv, hidden, hidden)) {
            return RecurrentKernels.super.gruStep(xProj, h, whRu, whN);
        }
        GruGates forward = fused.gruStepWithGates(xv, hv, ruv, nv);
        Tensor gates = forward.gates();
        return tape.record(forward.h(), (dh, adj) -> {
            GruStepAdjoint back = fused.gruStepBackward(gates, hv, nv, dh);
            Tensor dz = back.dz();
            tape.accumulate(adj, xProj, dz);
            boolean weights = tracked(whRu) || tracked(whN);
            Tensor dzru = weights || tracked(h) ? base.slice(dz, -1, 0, 2 * hidden) : null;
            if (tracked(whN)) {
                tape.accumulateProduct(whN, base.slice(gates, -1, 3 * hidden, 4 * hidden),
                        base.slice(dz, -1, 2 * hidden, 3 * hidden));
            }
            tape.accumulateProduct(whRu, hv, dzru);
            if (tracked(h)) {
                tape.accumulate(adj, h, base.add(back.dhPart(), base.matmul(dzru, ruv, false, true)));
            }
        });
    }

    // ---- the recurrences over a whole sequence: one node each ---------------------------------

    /**
     * {@link RecurrentKernels#lstmSteps} as two recorded nodes, {@code hs} then {@code cs}, their
     * values from the base's {@link RecurrentKernels#lstmStepsWithGates}; the sequence keeps its gates
     * {@code [T*B, 4H]} besides its states. Backward runs once, at whichever node is reached first,
     * with the complete adjoints {@code G_hs}, {@code G_cs} of both (every use of either is newer),
     * through {@link RecurrentKernels#lstmStepsBackward}:
     * <pre>
     *   dxProjs = dz,  dh = dz_0 wh^T,  dc = dcPrev_0,  dwh = [h; hs_0..hs_{T-2}]^T dz
     * </pre>
     * where {@code dwh} waits on the tape. Other shapes are recorded step by step.
     */
    @Override
    public LstmState lstmSteps(Tensor xProjs, Tensor h, Tensor c, Tensor wh) {
        Tensor xv = value(xProjs);
        Tensor hv = value(h);
        Tensor cv = value(c);
        Tensor wv = value(wh);
        if (!tape.anyTracked(xProjs, h, c, wh)) {
            return fused.lstmSteps(xv, hv, cv, wv);
        }
        int hidden = hv.rank() == 2 ? hv.dim(1) : -1;
        if (!stepsOf(xv, hv, 4 * hidden) || !isMatrix(cv, hv.dim(0), hidden) || !isMatrix(wv, hidden, 4 * hidden)) {
            return RecurrentKernels.super.lstmSteps(xProjs, h, c, wh);
        }
        LstmGates forward = fused.lstmStepsWithGates(xv, hv, cv, wv);
        Tensor hs = forward.h();
        Tensor cs = forward.c();
        Tensor gates = forward.gates();
        return recordPair(hs, cs, (dhs, dcs, adj) -> {
            LstmAdjoint back = fused.lstmStepsBackward(gates, cv, cs, wv, orZeros(dhs, hs), orZeros(dcs, cs));
            Tensor dz = back.dxProjs();
            tape.accumulate(adj, xProjs, dz);
            tape.accumulate(adj, h, back.dh());
            tape.accumulate(adj, c, back.dc());
            if (tracked(wh)) {
                tape.accumulateProduct(wh, previous(hv, hs), dz);
            }
        });
    }

    /**
     * {@link RecurrentKernels#gruSteps} as one recorded node, its value from the base's
     * {@link RecurrentKernels#gruStepsWithGates}, keeping the gates {@code [T*B, 4H]}; backward
     * through {@link RecurrentKernels#gruStepsBackward}:
     * <pre>
     *   dxProjs = dz,  dh = carry_0,  dwhRu = [h; hs_0..hs_{T-2}]^T dz[:, :2H],  dwhN = (r h)^T dz[:, 2H:]
     * </pre>
     * the weight terms waiting on the tape. Other shapes are recorded step by step.
     */
    @Override
    public Tensor gruSteps(Tensor xProjs, Tensor h, Tensor whRu, Tensor whN) {
        Tensor xv = value(xProjs);
        Tensor hv = value(h);
        Tensor ruv = value(whRu);
        Tensor nv = value(whN);
        if (!tape.anyTracked(xProjs, h, whRu, whN)) {
            return fused.gruSteps(xv, hv, ruv, nv);
        }
        int hidden = hv.rank() == 2 ? hv.dim(1) : -1;
        if (!stepsOf(xv, hv, 3 * hidden) || !isMatrix(ruv, hidden, 2 * hidden) || !isMatrix(nv, hidden, hidden)) {
            return RecurrentKernels.super.gruSteps(xProjs, h, whRu, whN);
        }
        GruGates forward = fused.gruStepsWithGates(xv, hv, ruv, nv);
        Tensor hs = forward.h();
        Tensor gates = forward.gates();
        return tape.record(hs, (dhs, adj) -> {
            StepsAdjoint back = fused.gruStepsBackward(gates, hv, hs, ruv, nv, dhs);
            Tensor dz = back.dxProjs();
            tape.accumulate(adj, xProjs, dz);
            tape.accumulate(adj, h, back.dh());
            if (tracked(whRu)) {
                tape.accumulateProduct(whRu, previous(hv, hs), base.slice(dz, -1, 0, 2 * hidden));
            }
            if (tracked(whN)) {
                tape.accumulateProduct(whN, base.slice(gates, -1, 3 * hidden, 4 * hidden),
                        base.slice(dz, -1, 2 * hidden, 3 * hidden));
            }
        });
    }

    /**
     * {@link RecurrentKernels#elmanSteps} as one recorded node, its value from the base's kernel,
     * keeping only the states; backward through {@link RecurrentKernels#elmanStepsBackward}:
     * <pre>
     *   dxProjs = dz,  dh = dz_0 wh^T,  dwh = [h; hs_0..hs_{T-2}]^T dz
     * </pre>
     * {@code dwh} waiting on the tape. Other shapes are recorded step by step.
     */
    @Override
    public Tensor elmanSteps(Tensor xProjs, Tensor h, Tensor wh) {
        Tensor xv = value(xProjs);
        Tensor hv = value(h);
        Tensor wv = value(wh);
        if (!tape.anyTracked(xProjs, h, wh)) {
            return fused.elmanSteps(xv, hv, wv);
        }
        int hidden = hv.rank() == 2 ? hv.dim(1) : -1;
        if (!stepsOf(xv, hv, hidden) || !isMatrix(wv, hidden, hidden)) {
            return RecurrentKernels.super.elmanSteps(xProjs, h, wh);
        }
        Tensor hs = fused.elmanSteps(xv, hv, wv);
        return tape.record(hs, (dhs, adj) -> {
            StepsAdjoint back = fused.elmanStepsBackward(hv, hs, wv, dhs);
            Tensor dz = back.dxProjs();
            tape.accumulate(adj, xProjs, dz);
            tape.accumulate(adj, h, back.dh());
            if (tracked(wh)) {
                tape.accumulateProduct(wh, previous(hv, hs), dz);
            }
        });
    }
}
