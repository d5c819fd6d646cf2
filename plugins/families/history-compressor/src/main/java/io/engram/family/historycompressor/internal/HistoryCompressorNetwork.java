package io.engram.family.historycompressor.internal;

import io.engram.api.Differentiable;
import io.engram.api.ModelSpec;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.layers.AbstractNetwork;
import io.engram.layers.Initializer;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A history compressor of {@code L} levels ({@link CompressorCell}) whose output is the stack's
 * prediction. Each level adds its term to the prediction of the levels below:
 * <pre>
 *   z_t^0 = h_t^0 V_0 + c,    z_t^k = z_t^(k-1) + h_t^k V_k,    y_t = z_t^(L-1)
 * </pre>
 * so that a chunker contributes exactly what its predecessors cannot predict, and the output reads
 * the top level's state, the compressed history. {@code z_t^k} is the stack's prediction of the next
 * input, and whether it is right decides ({@link Surprise}) whether that input reaches level
 * {@code k + 1}. Trained by BPTT on next-input prediction (targets {@code x_{t+1}}), the outputs are
 * what all levels learn from; the gating is a mask without gradient.
 *
 * <p>With {@code output=automatizer} the network's output is {@code z_t^0} instead, the automatizer
 * alone: the collapsed net, once the {@code history-compression} trainer has distilled the chunkers
 * into it (that trainer takes the stack's loss and the automatizer's, whatever the output is).
 *
 * <p>Parameters, in this order, for each level {@code k}: {@code levelk.input.w [in, hidden]},
 * {@code levelk.recurrent.w [hidden, hidden]}, {@code levelk.b [hidden]}, {@code levelk.readout.w
 * [hidden, out]}; then {@code readout.b [out]}; with {@code distill}, then the automatizer's head
 * predicting the top level's state, {@code distill.w [hidden, hidden]} and {@code distill.b
 * [hidden]} (used only by {@link #distillationError}). State: {@code h^0 .. h^(L-1)} (each {@code [batch,
 * hidden]}, zeros at the start), then the symbol each stack {@code 0..k} predicted at the last step
 * ({@code [batch, L]}, {@value Surprise#NONE} at the start), then the number of inputs each level has
 * received ({@code [batch, L]}, zeros at the start). The last two carry no gradient.
 *
 * <p>Lifecycle and thread-safety as in {@link io.engram.api.Network}.
 */
final class HistoryCompressorNetwork extends AbstractNetwork implements Differentiable {
    private final CompressorSettings settings;

    HistoryCompressorNetwork(ModelSpec spec, CompressorSettings settings, Map<String, Tensor> initial) {
        super(spec, initial);
        this.settings = settings;
    }

    /** Seeded initial parameters. */
    static Map<String, Tensor> initialParameters(ModelSpec spec, CompressorSettings s, Ops ops, String scheme,
                                                 double scale, long seed) {
        Initializer init = new Initializer(ops, spec.dtype(), scheme, scale, seed);
        Map<String, Tensor> p = new LinkedHashMap<>();
        int n = s.hidden();
        for (int k = 0; k < s.levels(); k++) {
            p.put(CompressorSettings.name(k, "input.w"), init.weights(spec.inputSize(), n, 1));
            p.put(CompressorSettings.name(k, "recurrent.w"), init.weights(n, n, 1));
            p.put(CompressorSettings.name(k, "b"), init.constant(n, 0));
            p.put(CompressorSettings.name(k, "readout.w"), init.weights(n, spec.outputSize(), 1));
        }
        p.put("readout.b", init.constant(spec.outputSize(), 0));
        if (s.distill()) {
            p.put("distill.w", init.weights(n, n, 1));
            p.put("distill.b", init.constant(n, 0));
        }
        return p;
    }

    @Override
    public State initialState(Ops ops, int batch) {
        DType dtype = spec().dtype();
        int levels = settings.levels();
        List<Tensor> tensors = new ArrayList<>();
        for (int k = 0; k < levels; k++) {
            tensors.add(ops.zeros(dtype, Shape.of(batch, settings.hidden())));
        }
        double[] none = new double[batch * levels];
        java.util.Arrays.fill(none, Surprise.NONE);
        tensors.add(ops.fromArray(dtype, Shape.of(batch, levels), none));
        tensors.add(ops.zeros(dtype, Shape.of(batch, levels)));
        return new State(tensors);
    }

    @Override
    public Step step(Ops ops, Map<String, Tensor> p, Tensor x, State state, StepContext context) {
        Levels run = levels(ops, p, x, state);
        return new Step(settings.automatizerOutput() ? run.automatizer() : run.output(), run.state());
    }

    /**
     * One step with the automatizer's own prediction {@code z_t^0} beside the stack's output.
     *
     * @param output      the stack's prediction {@code y_t = z_t^(L-1)}
     * @param automatizer the automatizer's prediction {@code z_t^0}
     * @param state       the state after the step
     */
    record Levels(Tensor output, Tensor automatizer, State state) {
    }

    /** {@link #step}, keeping the automatizer's own prediction. */
    Levels levels(Ops ops, Map<String, Tensor> p, Tensor x, State state) {
        int levels = settings.levels();
        int batch = x.dim(0);
        int in = spec().inputSize();
        int out = spec().outputSize();
        int compared = Math.min(in, out);
        int[] actual = Surprise.argmax(x.toDoubleArray(), batch, in, compared);
        boolean[][] reach = Surprise.reach(state.get(levels).toDoubleArray(), actual, batch, levels);
        double[] predicted = new double[batch * levels];
        double[] received = state.get(levels + 1).toDoubleArray();
        List<Tensor> next = new ArrayList<>();
        Tensor z = null;
        Tensor automatizer = null;
        for (int k = 0; k < levels; k++) {
            Tensor xProj = ops.inputProjection(x, p.get(CompressorSettings.name(k, "input.w")),
                    p.get(CompressorSettings.name(k, "b")));
            Tensor h = CompressorCell.step(ops, settings.activation(), xProj, state.get(k),
                    p.get(CompressorSettings.name(k, "recurrent.w")), k == 0 ? null : mask(ops, reach[k]));
            next.add(h);
            Tensor term = ops.matmul(h, p.get(CompressorSettings.name(k, "readout.w")));
            z = k == 0 ? ops.add(term, p.get("readout.b")) : ops.add(z, term);
            automatizer = k == 0 ? z : automatizer;
            int[] guess = Surprise.argmax(z.toDoubleArray(), batch, out, compared);
            for (int b = 0; b < batch; b++) {
                predicted[b * levels + k] = guess[b];
                received[b * levels + k] += reach[k][b] ? 1 : 0;
            }
        }
        next.add(ops.fromArray(spec().dtype(), Shape.of(batch, levels), predicted));
        next.add(ops.fromArray(spec().dtype(), Shape.of(batch, levels), received));
        return new Levels(z, automatizer, new State(next));
    }

    /** Whether the automatizer has the head that predicts the top level's state. */
    boolean distills() {
        return settings.distill();
    }

    /**
     * The distillation error after a step (Schmidhuber 1992, the collapsing of the hierarchy: the
     * automatizer is trained to predict the chunker's state), per sequence {@code [batch, 1]}:
     * {@code sum_u (h^0 D + d - h^top)_u^2}, with the top level's state {@code h^top} taken as a
     * constant (a target, so that the chunker is not pulled towards the automatizer).
     *
     * @param state the state a {@link #step} returned
     */
    Tensor distillationError(Ops ops, Map<String, Tensor> p, State state) {
        Tensor top = state.get(settings.levels() - 1);
        Tensor target = ops.fromArray(spec().dtype(), top.shape(), top.toDoubleArray());
        Tensor guess = ops.inputProjection(state.get(0), p.get("distill.w"), p.get("distill.b"));
        Tensor diff = ops.sub(guess, target);
        double[] ones = new double[settings.hidden()];
        java.util.Arrays.fill(ones, 1.0);
        return ops.matmul(ops.mul(diff, diff), ops.fromArray(spec().dtype(), Shape.of(settings.hidden(), 1), ones));
    }

    /** The mask {@code m_t^k [batch, hidden]}: ones on the rows of the sequences whose input reaches the level. */
    private Tensor mask(Ops ops, boolean[] reach) {
        int n = settings.hidden();
        double[] m = new double[reach.length * n];
        for (int b = 0; b < reach.length; b++) {
            if (reach[b]) {
                java.util.Arrays.fill(m, b * n, (b + 1) * n, 1.0);
            }
        }
        return ops.fromArray(spec().dtype(), Shape.of(reach.length, n), m);
    }
}
