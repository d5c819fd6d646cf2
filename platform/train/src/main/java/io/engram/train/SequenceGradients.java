package io.engram.train;

import io.engram.api.Batch;
import io.engram.api.Loss;
import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.StepwiseLoss;
import io.engram.autodiff.Gradients;
import io.engram.autodiff.TangentOps;
import io.engram.autodiff.Tape;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import io.engram.train.internal.Unroll;
import io.engram.train.internal.WholeBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loss and parameter gradients of a recurrent network over a padded batch of sequences.
 *
 * <p>With step function {@code s_{t+1}, y_t = f(x_t, s_t; w)} and the summed step losses
 * {@code E = (1/N) sum_t E_t(y_t)} over the {@code N} targets of the batch:
 * <ul>
 *   <li>{@link #bptt()}: backpropagation through time (Werbos 1990, eqs. 10-12): the whole
 *   unrolled sequence is recorded on one {@link Tape} and {@code dE/dw} is read off one backward
 *   pass. Memory grows with the sequence length.</li>
 *   <li>{@link #truncated(int, int)}: truncated BPTT, the BPTT(h; h') of Williams and Peng 1990
 *   with {@code k1 = h'} and {@code k2 = h}: after every {@code k1} steps (and at the end) the
 *   losses of those {@code k1} steps are backpropagated {@code k2} steps back, through a window
 *   recorded afresh from the state at its start, which is treated as a constant. The
 *   contributions of all windows are summed with the parameters held fixed over the batch. When
 *   {@code k2} reaches back to step 0 from every window this is exactly full BPTT.</li>
 *   <li>{@link #rtrl()}: real-time recurrent learning (Williams and Zipser 1989, eqs. 10-14) as
 *   forward-mode differentiation: one tangent direction per parameter element ({@code P} in all)
 *   is seeded at the parameters and carried forward through the state, so the sensitivities
 *   {@code p_t = ds_t/dw} evolve as {@code p_{t+1} = (df/ds) p_t + df/dw} alongside the state,
 *   and {@code dE_t/dw} is available as each step ends. It is exact (no truncation) and needs no
 *   memory of the past, but for a fully recurrent net of {@code n} units ({@code P ~ n^2}) the
 *   sensitivity matrix has {@code n^3} entries and each step costs {@code O(n^4)}.</li>
 * </ul>
 *
 * <p>Activation memory of {@link #bptt()}: the tape keeps, for each of the {@code T} steps and each
 * of the {@code B} sequences of a batch, {@code a} values of {@code s} bytes ({@code s = 4} in f32,
 * 8 in f64), so
 * <pre>
 *   M_bptt = T * B * a * s        (plus the parameters, their gradients and the batch itself)
 * </pre>
 * where {@code a} is what the family's step records: for an LSTM layer of {@code H} units with the
 * fused step, {@code a = 14 H} (its slice of the input projection {@code 4H}, the gate activations
 * {@code 4H}, {@code h'} and {@code c'}, and during backward the {@code 4H} pre-activation adjoint
 * that waits for the recurrent weight's single product), plus what the readout and loss record per
 * step. Example: lstm_std (T = 100, B = 32, H = 256, f32) keeps about 100 * 32 * 14 * 256 * 4 bytes
 * = 46 MB. With {@link #checkpointed(int) S segments} only the carried state at each segment start
 * ({@code z} values per sequence, {@code z = 2H} for an LSTM layer) and one segment's tape are alive:
 * <pre>
 *   M_checkpointed = S * B * z * s + ceil(T / S) * B * a * s,   smallest near S = sqrt(T a / z)
 * </pre>
 * for one extra forward pass per step. Truncated BPTT keeps the states of all {@code T} steps
 * ({@code T * B * z * s}) and the tape of one window ({@code k2 * B * a * s}).
 *
 * <p>Every method differentiates in the {@linkplain Network#trainable() trainable} parameters only:
 * the others enter the step as constants (not recorded on the tape, no tangent direction), cost
 * nothing, and have no entry in the gradients.
 *
 * <p>In every method a padded step (step mask 0) leaves the state unchanged through
 * {@code ops.where} and adds no loss, and the step at time {@code t} draws its dropout randomness
 * from {@code (seed, t)} alone. A network that runs whole sequences ({@link WholeSequenceGradients})
 * is trained by full BPTT through its whole run; the other methods refuse it. The methods are
 * immutable and thread-safe.
 */
public final class SequenceGradients {

    private SequenceGradients() {
    }

    /**
     * The number of terms {@code loss} averages over on {@code batch} run through {@code network}:
     * {@link Loss#terms(Batch)}, except for a decoder given labels of their own length, whose loss is
     * taken over the label steps ({@link WholeSequenceGradients#terms}).
     */
    public static int terms(Network network, Batch batch, Loss loss) {
        return WholeSequenceGradients.applies(network) ? WholeSequenceGradients.terms(network, batch, loss)
                : loss.terms(batch);
    }

    /** Full backpropagation through time over the whole sequence. */
    public static GradientMethod bptt() {
        return SequenceGradients::fullBptt;
    }

    /**
     * Truncated BPTT(k2; k1) of Williams and Peng 1990. {@code k1 = 0} backpropagates once at the
     * end of the sequence; {@code k2 = 0} reaches back to the start.
     *
     * @throws IllegalArgumentException unless {@code 0 < k1 <= k2} or {@code k2 = 0} (with
     *                                  {@code k2 < k1} the losses early in a window would reach back
     *                                  less far than its start)
     */
    public static GradientMethod truncated(int k1, int k2) {
        if (k1 < 0 || k2 < 0 || (k2 > 0 && (k1 == 0 || k2 < k1))) {
            throw new IllegalArgumentException("truncated BPTT needs 0 < k1 <= k2, or k2 = 0; got k1 = " + k1
                    + ", k2 = " + k2);
        }
        return (ops, network, params, batch, loss, seed) -> {
            int time = batch.time();
            int every = k1 == 0 ? time : k1;
            int back = k2 == 0 ? time : k2;
            if (every >= time && back >= time) {
                return fullBptt(ops, network, params, batch, loss, seed);
            }
            return truncatedBptt(ops, network, params, batch, Losses.stepwise(loss, "truncated BPTT"), seed,
                    every, back);
        };
    }

    /**
     * Full BPTT with recomputation (gradient checkpointing; Chen et al., "Training deep nets with
     * sublinear memory cost", 2016, sec. 4): the sequence is cut into {@code segments} runs of
     * nearly equal length; a plain forward pass keeps only the state at each segment boundary, and
     * the backward pass records one segment at a time, last to first, from its stored start state,
     * seeding its end state with the adjoint that the later segment pulled back into its start.
     * Each step's forward is computed twice, and only one segment's tape is alive at a time.
     * Gradients are those of {@link #bptt()}: every adjoint receives the same contributions in the
     * same order (the running parameter gradient enters each segment's tape as the first
     * contribution, through {@code sum(G * w)}), so they agree bitwise but for the weights of matrix
     * products (recurrent weights of fused LSTM and GRU steps, right operands of plain products),
     * whose step terms the tape sums as one product per tape: those agree to rounding.
     * {@code segments <= 1}, or at least the sequence length, is plain BPTT.
     */
    public static GradientMethod checkpointed(int segments) {
        return (ops, network, params, batch, loss, seed) -> segments <= 1 || segments >= batch.time()
                ? fullBptt(ops, network, params, batch, loss, seed)
                : checkpointedBptt(ops, network, params, batch, Losses.stepwise(loss, "BPTT with recomputation"),
                        seed, segments);
    }

    /**
     * Exact gradients by forward-mode real-time recurrent learning.
     *
     * <p>Truncated BPTT, recomputation and RTRL take the loss run by run as the outputs come, so they
     * need a {@link StepwiseLoss} and throw {@link IllegalArgumentException} for a loss of the whole
     * sequence; full BPTT takes either (a whole-sequence loss sees all outputs at once).
     */
    public static GradientMethod rtrl() {
        return (ops, network, params, batch, loss, seed) -> rtrl(ops, network, params, batch,
                Losses.stepwise(loss, "RTRL"), seed);
    }

    /**
     * The summed loss (not normalised; divide by {@link Loss#terms}) of a plain forward pass with the
     * given parameters; a {@link StepwiseLoss} is taken run by run, any other loss over all outputs
     * at once.
     *
     * @param training whether dropout is active
     */
    public static double lossSum(Ops ops, Network network, Map<String, Tensor> params, Batch batch, Loss loss,
                                 boolean training, long seed) {
        if (WholeSequenceGradients.applies(network)) {
            return WholeSequenceGradients.lossSum(ops, network, params, batch, loss, training, seed);
        }
        Unroll unroll = new Unroll(ops, batch, dtype(network));
        State start = network.initialState(ops, batch.batch());
        Tensor total = loss instanceof StepwiseLoss s
                ? unroll.run(ops, network, params, start, 0, batch.time(), 0, s, training, seed, null, null)
                : WholeBatch.loss(unroll, ops, network, params, start, loss, training, seed);
        return total == null ? 0.0 : total.item();
    }

    /**
     * The raw output {@code [batch, outputSize]} of every step of a plain forward pass; outputs of
     * padded steps are whatever the step computed from the held state.
     */
    public static List<Tensor> outputs(Ops ops, Network network, Map<String, Tensor> params, Batch batch,
                                       boolean training, long seed) {
        if (WholeSequenceGradients.applies(network)) {
            return WholeSequenceGradients.outputs(ops, network, params, batch, training, seed);
        }
        Unroll unroll = new Unroll(ops, batch, dtype(network));
        List<Tensor> out = new ArrayList<>();
        unroll.run(ops, network, params, network.initialState(ops, batch.batch()), 0, batch.time(), batch.time(),
                null, training, seed, null, out);
        return out;
    }

    private static LossAndGradients fullBptt(Ops ops, Network network, Map<String, Tensor> params, Batch batch,
                                             Loss loss, long seed) {
        if (WholeSequenceGradients.applies(network)) {
            return WholeSequenceGradients.bptt(ops, network, params, batch, loss, seed);
        }
        int targets = loss.terms(batch);
        Unroll unroll = new Unroll(ops, batch, dtype(network));
        Tape tape = new Tape(ops);
        Map<String, Tensor> leaves = leaves(tape, params, network);
        Map<String, Tensor> recorded = withLeaves(params, leaves);
        State start = network.initialState(ops, batch.batch());
        Tensor total = loss instanceof StepwiseLoss s
                ? unroll.run(tape, network, recorded, start, 0, batch.time(), 0, s, true, seed, null, null)
                : WholeBatch.loss(unroll, tape, network, recorded, start, loss, true, seed);
        if (total == null || targets == 0) {
            return new LossAndGradients(0.0, zeros(ops, trainable(network, params)), targets);
        }
        Gradients g = tape.backward(total);
        double scale = 1.0 / targets;
        Map<String, Tensor> grads = new LinkedHashMap<>();
        leaves.forEach((name, leaf) -> grads.put(name, ops.scale(g.of(leaf), scale)));
        return new LossAndGradients(Tape.value(total).item() * scale, grads, targets);
    }

    private static LossAndGradients truncatedBptt(Ops ops, Network network, Map<String, Tensor> params, Batch batch,
                                                  StepwiseLoss loss, long seed, int k1, int k2) {
        WholeSequenceGradients.requireCausal(network, "truncated BPTT (k1 = " + k1 + ", k2 = " + k2 + ")");
        int time = batch.time();
        int targets = loss.terms(batch);
        Unroll unroll = new Unroll(ops, batch, dtype(network));
        State[] states = new State[time + 1];
        states[0] = network.initialState(ops, batch.batch());
        Tensor plainTotal = unroll.run(ops, network, params, states[0], 0, time, 0, loss, true, seed, states, null);
        if (plainTotal == null || targets == 0) {
            return new LossAndGradients(0.0, zeros(ops, trainable(network, params)), targets);
        }
        Map<String, Tensor> sum = zeros(ops, trainable(network, params));
        for (int end = Math.min(k1, time), previousEnd = 0; previousEnd < time;
                previousEnd = end, end = Math.min(end + k1, time)) {
            int start = Math.max(0, end - k2);
            Tape tape = new Tape(ops);
            Map<String, Tensor> leaves = leaves(tape, params, network);
            Tensor windowLoss = unroll.run(tape, network, withLeaves(params, leaves), states[start], start, end,
                    previousEnd, loss, true, seed, null, null);
            if (windowLoss == null) {
                continue;
            }
            Gradients g = tape.backward(windowLoss);
            leaves.forEach((name, leaf) -> sum.put(name, ops.add(sum.get(name), g.of(leaf))));
        }
        double scale = 1.0 / targets;
        Map<String, Tensor> grads = new LinkedHashMap<>();
        sum.forEach((name, g) -> grads.put(name, ops.scale(g, scale)));
        return new LossAndGradients(plainTotal.item() * scale, grads, targets);
    }

    private static LossAndGradients checkpointedBptt(Ops ops, Network network, Map<String, Tensor> params,
                                                     Batch batch, StepwiseLoss loss, long seed, int segments) {
        WholeSequenceGradients.requireCausal(network, "BPTT with recomputation (" + segments + " segments)");
        int time = batch.time();
        int targets = loss.terms(batch);
        Unroll unroll = new Unroll(ops, batch, dtype(network));
        int[] bounds = new int[segments + 1];
        for (int k = 0; k <= segments; k++) {
            bounds[k] = (int) ((long) k * time / segments);
        }
        State[] starts = new State[segments];
        starts[0] = network.initialState(ops, batch.batch());
        State[] scratch = new State[time + 1];
        Tensor plainTotal = null;
        for (int k = 0; k < segments; k++) {
            Tensor part = unroll.run(ops, network, params, starts[k], bounds[k], bounds[k + 1], bounds[k], loss, true,
                    seed, scratch, null);
            plainTotal = part == null ? plainTotal : plainTotal == null ? part : ops.add(plainTotal, part);
            if (k + 1 < segments) {
                starts[k + 1] = scratch[bounds[k + 1]];
            }
            java.util.Arrays.fill(scratch, null);
        }
        if (plainTotal == null || targets == 0) {
            return new LossAndGradients(0.0, zeros(ops, trainable(network, params)), targets);
        }
        Map<String, Tensor> sum = null;
        List<Tensor> endAdjoint = null;
        for (int k = segments - 1; k >= 0; k--) {
            Tape tape = new Tape(ops);
            Map<String, Tensor> leaves = leaves(tape, params, network);
            List<Tensor> startLeaves = new ArrayList<>();
            for (Tensor t : starts[k].tensors()) {
                startLeaves.add(k == 0 ? t : tape.leaf(t));
            }
            Tensor objective = unroll.run(tape, network, withLeaves(params, leaves), new State(startLeaves), bounds[k],
                    bounds[k + 1], bounds[k], loss, true, seed, scratch, null);
            State end = scratch[bounds[k + 1]];
            java.util.Arrays.fill(scratch, null);
            if (endAdjoint != null) {
                for (int i = 0; i < endAdjoint.size(); i++) {
                    Tensor seedTerm = tape.sumAll(tape.mul(end.get(i), endAdjoint.get(i)));
                    objective = objective == null ? seedTerm : tape.add(objective, seedTerm);
                }
            }
            if (objective == null) {
                continue;
            }
            if (sum != null) {
                for (Map.Entry<String, Tensor> e : leaves.entrySet()) {
                    objective = tape.add(objective, tape.sumAll(tape.mul(e.getValue(), sum.get(e.getKey()))));
                }
            }
            Gradients g = tape.backward(objective);
            Map<String, Tensor> next = new LinkedHashMap<>();
            leaves.forEach((name, leaf) -> next.put(name, g.of(leaf)));
            sum = next;
            endAdjoint = new ArrayList<>();
            for (Tensor leaf : startLeaves) {
                endAdjoint.add(g.of(leaf));
            }
        }
        double scale = 1.0 / targets;
        Map<String, Tensor> grads = new LinkedHashMap<>();
        Map<String, Tensor> total = sum == null ? zeros(ops, trainable(network, params)) : sum;
        total.forEach((name, g) -> grads.put(name, ops.scale(g, scale)));
        return new LossAndGradients(plainTotal.item() * scale, grads, targets);
    }

    private static LossAndGradients rtrl(Ops ops, Network network, Map<String, Tensor> params, Batch batch,
                                         StepwiseLoss loss, long seed) {
        WholeSequenceGradients.requireCausal(network, "RTRL");
        int targets = loss.terms(batch);
        Map<String, Tensor> trainable = trainable(network, params);
        int directions = 0;
        for (Tensor p : trainable.values()) {
            directions += p.shape().size();
        }
        TangentOps tangentOps = new TangentOps(ops, directions);
        Map<String, Tensor> duals = new LinkedHashMap<>(params);
        int offset = 0;
        for (Map.Entry<String, Tensor> e : trainable.entrySet()) {
            duals.put(e.getKey(), tangentOps.seed(e.getValue(), offset));
            offset += e.getValue().shape().size();
        }
        Unroll unroll = new Unroll(ops, batch, dtype(network), true);
        Tensor total = unroll.run(tangentOps, network, duals, network.initialState(ops, batch.batch()), 0,
                batch.time(), 0, loss, true, seed, null, null);
        if (total == null || targets == 0) {
            return new LossAndGradients(0.0, zeros(ops, trainable(network, params)), targets);
        }
        double scale = 1.0 / targets;
        double[] gradient = tangentOps.tangent(total).toDoubleArray();
        Map<String, Tensor> grads = new LinkedHashMap<>();
        offset = 0;
        for (Map.Entry<String, Tensor> e : trainable.entrySet()) {
            Tensor p = e.getValue();
            double[] g = new double[p.shape().size()];
            for (int i = 0; i < g.length; i++) {
                g[i] = gradient[offset + i] * scale;
            }
            offset += g.length;
            grads.put(e.getKey(), ops.fromArray(p.dtype(), p.shape(), g));
        }
        return new LossAndGradients(tangentOps.value(total).item() * scale, grads, targets);
    }

    /** Recorded leaves of the trainable parameters only: fixed ones are constants to the tape. */
    private static Map<String, Tensor> leaves(Tape tape, Map<String, Tensor> params, Network network) {
        Map<String, Tensor> leaves = new LinkedHashMap<>();
        trainable(network, params).forEach((name, p) -> leaves.put(name, tape.leaf(p)));
        return leaves;
    }

    /** {@code params} with the trainable ones replaced by their leaves, in {@code params}' order. */
    private static Map<String, Tensor> withLeaves(Map<String, Tensor> params, Map<String, Tensor> leaves) {
        if (leaves.size() == params.size()) {
            return leaves;
        }
        Map<String, Tensor> all = new LinkedHashMap<>(params);
        all.putAll(leaves);
        return all;
    }

    /** The trainable parameters among {@code params} ({@link Network#trainable()}), in their order. */
    static Map<String, Tensor> trainable(Network network, Map<String, Tensor> params) {
        Set<String> names = network.trainable();
        if (names.containsAll(params.keySet())) {
            return params;
        }
        Map<String, Tensor> t = new LinkedHashMap<>();
        params.forEach((name, p) -> {
            if (names.contains(name)) {
                t.put(name, p);
            }
        });
        return t;
    }

    private static Map<String, Tensor> zeros(Ops ops, Map<String, Tensor> params) {
        Map<String, Tensor> z = new LinkedHashMap<>();
        params.forEach((name, p) -> z.put(name, ops.zeros(p.dtype(), p.shape())));
        return z;
    }

    private static DType dtype(Network network) {
        return network.spec().dtype();
    }
}
