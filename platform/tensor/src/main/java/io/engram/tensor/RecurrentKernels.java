package io.engram.tensor;

import java.util.ArrayList;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The fused recurrent kernels: the LSTM, GRU and Elman steps, the same recurrences over all steps of
 * a sequence at once, and the training forms that keep the gate activations a backward pass needs
 * ({@code ...WithGates}) and compute the adjoints ({@code ...Backward}). A family obtains them from
 * the ops it is given, {@link Ops#kernels()}, so that the same cell runs plainly on a backend,
 * recorded on a tape (each recurrence one node) or with tangents.
 *
 * <p>Every kernel has a default decomposed into the plain ops of {@link #ops()} (the sequence
 * kernels into the single-step ones); a backend overrides them with faster kernels that must agree
 * with the decomposition within the dtype's tolerance. Sequence kernels take and give tensors
 * stacked over time: step {@code t} of a batch of {@code B} is rows {@code t * B} to
 * {@code (t + 1) * B - 1}. Results are named records instead of positional lists.
 *
 * <p>Lifecycle and thread-safety: kernels are obtained from an {@code Ops} and live as long as it;
 * they are as thread-safe as their ops (the defaults hold no state).
 */
@ConsumerType
public interface RecurrentKernels {

    /** The LSTM state after a step: {@code h'} and {@code c'} ({@code [B, H]}), or every step's stacked ({@code [T*B, H]}). */
    record LstmState(Tensor h, Tensor c) {
    }

    /** {@link LstmState} and the gate activations {@code [i | f | g | o]} ({@code [B, 4H]}, or stacked {@code [T*B, 4H]}). */
    record LstmGates(Tensor h, Tensor c, Tensor gates) {
        /** The state without the gates. */
        public LstmState state() {
            return new LstmState(h, c);
        }
    }

    /** The adjoints of one LSTM step: of its pre-activations {@code z} ({@code [B, 4H]}) and of the previous cell. */
    record LstmStepAdjoint(Tensor dz, Tensor dc) {
    }

    /**
     * The adjoints of an LSTM recurrence: of the input projections {@code xProjs} ({@code [T*B, 4H]})
     * and of the state {@code h}, {@code c} before the first step.
     */
    record LstmAdjoint(Tensor dxProjs, Tensor dh, Tensor dc) {
    }

    /** The GRU state after a step, or every step's stacked, and the gates {@code [r | u | n | r h]} ({@code [., 4H]}). */
    record GruGates(Tensor h, Tensor gates) {
    }

    /**
     * The adjoints of one GRU step: {@code dz = [dz_r | dz_u | dz_n]} ({@code [B, 3H]}, that of
     * {@code xProj}) and {@code dhPart}, the part of the adjoint of {@code h} that does not pass
     * through {@code whRu}.
     */
    record GruStepAdjoint(Tensor dz, Tensor dhPart) {
    }

    /**
     * The adjoints of a GRU or Elman recurrence: of the input projections {@code xProjs} and of the
     * state {@code h} before the first step.
     */
    record StepsAdjoint(Tensor dxProjs, Tensor dh) {
    }

    /** Kernels decomposed into the plain ops of {@code ops}: every default of this interface. */
    static RecurrentKernels decomposed(Ops ops) {
        java.util.Objects.requireNonNull(ops, "ops");
        return () -> ops;
    }

    /** The ops that the decomposed defaults compute with. */
    Ops ops();

    // ---- one step -----------------------------------------------------------------------------

    /**
     * One LSTM step with forget gate (Gers, Schmidhuber and Cummins 2000), gate blocks ordered
     * input, forget, cell candidate, output:
     * <pre>
     *   z  = xProj + h @ wh            (xProj = x W + b, shape [B, 4H]; wh [H, 4H])
     *   i  = sigmoid(z_i), f = sigmoid(z_f), g = tanh(z_g), o = sigmoid(z_o)
     *   c' = f * c + i * g
     *   h' = o * tanh(c')
     * </pre>
     */
    default LstmState lstmStep(Tensor xProj, Tensor h, Tensor c, Tensor wh) {
        Ops ops = ops();
        int hidden = h.dim(-1);
        Tensor z = ops.add(xProj, ops.matmul(h, wh));
        Tensor i = ops.sigmoid(ops.slice(z, -1, 0, hidden));
        Tensor f = ops.sigmoid(ops.slice(z, -1, hidden, 2 * hidden));
        Tensor g = ops.tanh(ops.slice(z, -1, 2 * hidden, 3 * hidden));
        Tensor o = ops.sigmoid(ops.slice(z, -1, 3 * hidden, 4 * hidden));
        Tensor cNext = ops.add(ops.mul(f, c), ops.mul(i, g));
        return new LstmState(ops.mul(o, ops.tanh(cNext)), cNext);
    }

    /**
     * {@link #lstmStep} for training, with the gates {@code [i | f | g | o]} ({@code [B, 4H]}) that
     * {@link #lstmStepBackward} needs, so a recording layer keeps one tensor per step instead of every
     * intermediate. {@code h'} and {@code c'} equal those of {@link #lstmStep}.
     */
    default LstmGates lstmStepWithGates(Tensor xProj, Tensor h, Tensor c, Tensor wh) {
        Ops ops = ops();
        int hidden = h.dim(-1);
        Tensor z = ops.add(xProj, ops.matmul(h, wh));
        Tensor i = ops.sigmoid(ops.slice(z, -1, 0, hidden));
        Tensor f = ops.sigmoid(ops.slice(z, -1, hidden, 2 * hidden));
        Tensor g = ops.tanh(ops.slice(z, -1, 2 * hidden, 3 * hidden));
        Tensor o = ops.sigmoid(ops.slice(z, -1, 3 * hidden, 4 * hidden));
        Tensor cNext = ops.add(ops.mul(f, c), ops.mul(i, g));
        Tensor hNext = ops.mul(o, ops.tanh(cNext));
        return new LstmGates(hNext, cNext, ops.concat(-1, List.of(i, f, g, o)));
    }

    /**
     * The adjoint of one LSTM step, given the step's {@code gates} and cells {@code c}, {@code c'}
     * and the adjoints {@code dh}, {@code dc'} of its outputs (all {@code [B, .]}):
     * <pre>
     *   t   = tanh(c');   dc  = dc' + dh o (1 - t^2)
     *   dz  = [dc g i(1-i) | dc c f(1-f) | dc i (1-g^2) | dh t o(1-o)]
     * </pre>
     * gives {@code dz} (then {@code dxProj = dz}, {@code dh_prev = dz wh^T}, {@code dwh = h^T dz})
     * and {@code dc f}, the adjoint of the previous cell {@code c}.
     */
    default LstmStepAdjoint lstmStepBackward(Tensor gates, Tensor c, Tensor cNext, Tensor dh, Tensor dcNext) {
        Ops ops = ops();
        int hidden = c.dim(-1);
        Tensor i = ops.slice(gates, -1, 0, hidden);
        Tensor f = ops.slice(gates, -1, hidden, 2 * hidden);
        Tensor g = ops.slice(gates, -1, 2 * hidden, 3 * hidden);
        Tensor o = ops.slice(gates, -1, 3 * hidden, 4 * hidden);
        Tensor t = ops.tanh(cNext);
        Tensor dc = ops.add(dcNext, ops.mul(ops.mul(dh, o), oneMinus(ops, ops.mul(t, t))));
        Tensor dzi = ops.mul(ops.mul(dc, g), ops.mul(i, oneMinus(ops, i)));
        Tensor dzf = ops.mul(ops.mul(dc, c), ops.mul(f, oneMinus(ops, f)));
        Tensor dzg = ops.mul(ops.mul(dc, i), oneMinus(ops, ops.mul(g, g)));
        Tensor dzo = ops.mul(ops.mul(dh, t), ops.mul(o, oneMinus(ops, o)));
        return new LstmStepAdjoint(ops.concat(-1, List.of(dzi, dzf, dzg, dzo)), ops.mul(dc, f));
    }

    /**
     * One GRU step (Cho et al. 2014, eqs. 5-8), gate blocks ordered reset, update, candidate:
     * <pre>
     *   r  = sigmoid(xProj_r + h @ whr)            (xProj = x W + b, shape [B, 3H])
     *   u  = sigmoid(xProj_u + h @ whu)            (whRu = [whr | whu], shape [H, 2H])
     *   n  = tanh(xProj_n + (r * h) @ whn)         (whN shape [H, H])
     *   h' = u * h + (1 - u) * n
     * </pre>
     */
    default Tensor gruStep(Tensor xProj, Tensor h, Tensor whRu, Tensor whN) {
        Ops ops = ops();
        int hidden = h.dim(-1);
        Tensor ru = ops.add(ops.slice(xProj, -1, 0, 2 * hidden), ops.matmul(h, whRu));
        Tensor r = ops.sigmoid(ops.slice(ru, -1, 0, hidden));
        Tensor u = ops.sigmoid(ops.slice(ru, -1, hidden, 2 * hidden));
        Tensor n = ops.tanh(ops.add(ops.slice(xProj, -1, 2 * hidden, 3 * hidden), ops.matmul(ops.mul(r, h), whN)));
        return ops.add(ops.mul(u, h), ops.mul(oneMinus(ops, u), n));
    }

    /**
     * {@link #gruStep} for training, with the gates {@code [r | u | n | r h]} ({@code [B, 4H]}) that
     * {@link #gruStepBackward} needs. {@code h'} equals that of {@link #gruStep}.
     */
    default GruGates gruStepWithGates(Tensor xProj, Tensor h, Tensor whRu, Tensor whN) {
        Ops ops = ops();
        int hidden = h.dim(-1);
        Tensor ru = ops.add(ops.slice(xProj, -1, 0, 2 * hidden), ops.matmul(h, whRu));
        Tensor r = ops.sigmoid(ops.slice(ru, -1, 0, hidden));
        Tensor u = ops.sigmoid(ops.slice(ru, -1, hidden, 2 * hidden));
        Tensor rh = ops.mul(r, h);
        Tensor n = ops.tanh(ops.add(ops.slice(xProj, -1, 2 * hidden, 3 * hidden), ops.matmul(rh, whN)));
        Tensor hNext = ops.add(ops.mul(u, h), ops.mul(oneMinus(ops, u), n));
        return new GruGates(hNext, ops.concat(-1, List.of(r, u, n, rh)));
    }

    /**
     * The adjoint of one GRU step, given its {@code gates}, its input state {@code h}, {@code whN}
     * and the adjoint {@code dh} of {@code h'}:
     * <pre>
     *   dz_n = dh (1-u) (1-n^2);   d(rh) = dz_n whN^T
     *   dz_r = d(rh) h r(1-r);     dz_u = dh (h - n) u(1-u)
     * </pre>
     * gives {@code dz = [dz_r | dz_u | dz_n]} (then {@code dwhRu = h^T [dz_r | dz_u]},
     * {@code dwhN = (r h)^T dz_n}) and {@code dhPart = dh u + d(rh) r}, to which
     * {@code [dz_r | dz_u] whRu^T} adds to give the adjoint of {@code h}.
     */
    default GruStepAdjoint gruStepBackward(Tensor gates, Tensor h, Tensor whN, Tensor dh) {
        Ops ops = ops();
        int hidden = h.dim(-1);
        Tensor r = ops.slice(gates, -1, 0, hidden);
        Tensor u = ops.slice(gates, -1, hidden, 2 * hidden);
        Tensor n = ops.slice(gates, -1, 2 * hidden, 3 * hidden);
        Tensor dzn = ops.mul(ops.mul(dh, oneMinus(ops, u)), oneMinus(ops, ops.mul(n, n)));
        Tensor drh = ops.matmul(dzn, whN, false, true);
        Tensor dzr = ops.mul(ops.mul(drh, h), ops.mul(r, oneMinus(ops, r)));
        Tensor dzu = ops.mul(ops.mul(dh, ops.sub(h, n)), ops.mul(u, oneMinus(ops, u)));
        Tensor dhPart = ops.add(ops.mul(dh, u), ops.mul(drh, r));
        return new GruStepAdjoint(ops.concat(-1, List.of(dzr, dzu, dzn)), dhPart);
    }

    /**
     * One step of an Elman layer with tanh units (Elman 1990):
     * <pre>
     *   h' = tanh(xProj + h @ wh)       (xProj = x W + b, shape [B, H]; wh [H, H])
     * </pre>
     */
    default Tensor elmanStep(Tensor xProj, Tensor h, Tensor wh) {
        Ops ops = ops();
        return ops.tanh(ops.add(xProj, ops.matmul(h, wh)));
    }

    /**
     * The adjoint of the pre-activation {@code z = xProj + h wh} of one {@link #elmanStep}, from the
     * step's output {@code h'} and its adjoint {@code dh} (both {@code [B, H]}):
     * {@code dz = dh (1 - h'^2)}; then {@code dxProj = dz}, {@code dh_prev = dz wh^T},
     * {@code dwh = h^T dz}.
     */
    default Tensor elmanStepBackward(Tensor hNext, Tensor dh) {
        Ops ops = ops();
        return ops.mul(dh, oneMinus(ops, ops.mul(hNext, hNext)));
    }

    // ---- the recurrences over a whole sequence ------------------------------------------------

    /**
     * {@link #lstmStep} over {@code T} steps: {@code xProjs [T*B, 4H]}, the state {@code h},
     * {@code c} ({@code [B, H]}) before the first step and {@code wh}; gives the states after each
     * step stacked ({@code [T*B, H]} each).
     */
    default LstmState lstmSteps(Tensor xProjs, Tensor h, Tensor c, Tensor wh) {
        return lstmStepsWithGates(xProjs, h, c, wh).state();
    }

    /** {@link #lstmSteps} for training, with the gates of each step stacked ({@code [T*B, 4H]}). */
    default LstmGates lstmStepsWithGates(Tensor xProjs, Tensor h, Tensor c, Tensor wh) {
        int batch = h.dim(0);
        int time = xProjs.dim(0) / batch;
        List<Tensor> hs = new ArrayList<>(time);
        List<Tensor> cs = new ArrayList<>(time);
        List<Tensor> gates = new ArrayList<>(time);
        for (int t = 0; t < time; t++) {
            LstmGates step = lstmStepWithGates(stepOf(ops(), xProjs, t, batch, time), h, c, wh);
            h = step.h();
            c = step.c();
            hs.add(h);
            cs.add(c);
            gates.add(step.gates());
        }
        return new LstmGates(stacked(ops(), hs), stacked(ops(), cs), stacked(ops(), gates));
    }

    /**
     * The adjoint of {@link #lstmSteps}, from the gates of each step, the cell {@code c} before the
     * first step, the cells {@code cs} after each, {@code wh}, and the adjoints {@code dhs},
     * {@code dcs} ({@code [T*B, H]}) that each step's {@code h} and {@code c} receive from outside
     * the recurrence:
     * <pre>
     *   for t = T-1 .. 0:  dh_t = dhs_t + dz_{t+1} wh^T,   dc_t = dcs_t + dcPrev_{t+1}   (nothing added at T-1)
     *                      (dz_t, dcPrev_t) = lstmStepBackward(gates_t, c_{t-1}, c_t, dh_t, dc_t)
     * </pre>
     * gives {@code dz} (that of {@code xProjs}), {@code dz_0 wh^T} (that of {@code h}) and
     * {@code dcPrev_0} (that of {@code c}); that of {@code wh} is {@code [h; hs_0; ..; hs_{T-2}]^T dz}.
     */
    default LstmAdjoint lstmStepsBackward(Tensor gates, Tensor c, Tensor cs, Tensor wh, Tensor dhs, Tensor dcs) {
        Ops ops = ops();
        int batch = c.dim(0);
        int time = cs.dim(0) / batch;
        Tensor[] dz = new Tensor[time];
        Tensor dzNext = null;
        Tensor dcNext = null;
        for (int t = time - 1; t >= 0; t--) {
            Tensor dh = stepOf(ops, dhs, t, batch, time);
            Tensor dc = stepOf(ops, dcs, t, batch, time);
            if (dzNext != null) {
                dh = ops.add(dh, ops.matmul(dzNext, wh, false, true));
                dc = ops.add(dc, dcNext);
            }
            LstmStepAdjoint back = lstmStepBackward(stepOf(ops, gates, t, batch, time),
                    t == 0 ? c : stepOf(ops, cs, t - 1, batch, time), stepOf(ops, cs, t, batch, time), dh, dc);
            dz[t] = back.dz();
            dzNext = dz[t];
            dcNext = back.dc();
        }
        return new LstmAdjoint(stacked(ops, List.of(dz)), ops.matmul(dz[0], wh, false, true), dcNext);
    }

    /**
     * {@link #gruStep} over {@code T} steps: {@code xProjs [T*B, 3H]}, the state {@code h} before
     * the first step, {@code whRu}, {@code whN}; gives the states after each step stacked
     * ({@code [T*B, H]}).
     */
    default Tensor gruSteps(Tensor xProjs, Tensor h, Tensor whRu, Tensor whN) {
        return gruStepsWithGates(xProjs, h, whRu, whN).h();
    }

    /** {@link #gruSteps} for training, with the gates of each step stacked ({@code [T*B, 4H]}). */
    default GruGates gruStepsWithGates(Tensor xProjs, Tensor h, Tensor whRu, Tensor whN) {
        int batch = h.dim(0);
        int time = xProjs.dim(0) / batch;
        List<Tensor> hs = new ArrayList<>(time);
        List<Tensor> gates = new ArrayList<>(time);
        for (int t = 0; t < time; t++) {
            GruGates step = gruStepWithGates(stepOf(ops(), xProjs, t, batch, time), h, whRu, whN);
            h = step.h();
            hs.add(h);
            gates.add(step.gates());
        }
        return new GruGates(stacked(ops(), hs), stacked(ops(), gates));
    }

    /**
     * The adjoint of {@link #gruSteps}, from the gates of each step, the state {@code h} before the
     * first step, the states {@code hs} after each, the weights, and the adjoints {@code dhs}
     * ({@code [T*B, H]}) that each step's {@code h} receives from outside the recurrence:
     * <pre>
     *   for t = T-1 .. 0:  dh_t = dhs_t + carry_{t+1}   (nothing added at T-1)
     *                      (dz_t, part_t) = gruStepBackward(gates_t, h_{t-1}, whN, dh_t)
     *                      carry_t = part_t + dz_t[:, :2H] whRu^T
     * </pre>
     * gives {@code dz} (that of {@code xProjs}, {@code [T*B, 3H]}) and {@code carry_0} (that of
     * {@code h}); those of the weights are {@code [h; hs_0..hs_{T-2}]^T dz[:, :2H]} and
     * {@code (r h)^T dz[:, 2H:]}, {@code r h} being the last block of the gates.
     */
    default StepsAdjoint gruStepsBackward(Tensor gates, Tensor h, Tensor hs, Tensor whRu, Tensor whN, Tensor dhs) {
        Ops ops = ops();
        int batch = h.dim(0);
        int hidden = h.dim(1);
        int time = hs.dim(0) / batch;
        Tensor[] dz = new Tensor[time];
        Tensor carry = null;
        for (int t = time - 1; t >= 0; t--) {
            Tensor dh = stepOf(ops, dhs, t, batch, time);
            if (carry != null) {
                dh = ops.add(dh, carry);
            }
            GruStepAdjoint back = gruStepBackward(stepOf(ops, gates, t, batch, time),
                    t == 0 ? h : stepOf(ops, hs, t - 1, batch, time), whN, dh);
            dz[t] = back.dz();
            carry = ops.add(back.dhPart(), ops.matmul(ops.slice(dz[t], -1, 0, 2 * hidden), whRu, false, true));
        }
        return new StepsAdjoint(stacked(ops, List.of(dz)), carry);
    }

    /**
     * {@link #elmanStep} over {@code T} steps: {@code xProjs [T*B, H]}, the state {@code h} before
     * the first step and {@code wh}; gives the states after each step stacked ({@code [T*B, H]}).
     */
    default Tensor elmanSteps(Tensor xProjs, Tensor h, Tensor wh) {
        int batch = h.dim(0);
        int time = xProjs.dim(0) / batch;
        List<Tensor> hs = new ArrayList<>(time);
        for (int t = 0; t < time; t++) {
            h = elmanStep(stepOf(ops(), xProjs, t, batch, time), h, wh);
            hs.add(h);
        }
        return stacked(ops(), hs);
    }

    /**
     * The adjoint of {@link #elmanSteps}, from the state {@code h} before the first step, the states
     * {@code hs} after each, {@code wh} and the adjoints {@code dhs} ({@code [T*B, H]}) that each
     * step's {@code h} receives from outside the recurrence:
     * <pre>
     *   for t = T-1 .. 0:  dh_t = dhs_t + dz_{t+1} wh^T   (nothing added at T-1);   dz_t = elmanStepBackward(h_t, dh_t)
     * </pre>
     * gives {@code dz} (that of {@code xProjs}) and {@code dz_0 wh^T} (that of {@code h}); that of
     * {@code wh} is {@code [h; hs_0..hs_{T-2}]^T dz}.
     */
    default StepsAdjoint elmanStepsBackward(Tensor h, Tensor hs, Tensor wh, Tensor dhs) {
        Ops ops = ops();
        int batch = h.dim(0);
        int time = hs.dim(0) / batch;
        Tensor[] dz = new Tensor[time];
        for (int t = time - 1; t >= 0; t--) {
            Tensor dh = stepOf(ops, dhs, t, batch, time);
            if (t < time - 1) {
                dh = ops.add(dh, ops.matmul(dz[t + 1], wh, false, true));
            }
            dz[t] = elmanStepBackward(stepOf(ops, hs, t, batch, time), dh);
        }
        return new StepsAdjoint(stacked(ops, List.of(dz)), ops.matmul(dz[0], wh, false, true));
    }

    // ---- helpers of the defaults --------------------------------------------------------------

    /** {@code 1 - a}, as {@code addScalar(scale(a, -1), 1)}. */
    private static Tensor oneMinus(Ops ops, Tensor a) {
        return ops.addScalar(ops.scale(a, -1.0), 1.0);
    }

    /** Rows {@code t * batch} to {@code (t + 1) * batch - 1} of a tensor stacked over time. */
    private static Tensor stepOf(Ops ops, Tensor stacked, int t, int batch, int time) {
        return time == 1 ? stacked : ops.slice(stacked, 0, t * batch, (t + 1) * batch);
    }

    /** The tensors of all steps stacked over time. */
    private static Tensor stacked(Ops ops, List<Tensor> steps) {
        return steps.size() == 1 ? steps.get(0) : ops.concat(0, steps);
    }
}
