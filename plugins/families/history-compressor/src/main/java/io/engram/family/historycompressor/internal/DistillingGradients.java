package io.engram.family.historycompressor.internal;

import io.engram.api.Batch;
import io.engram.api.Loss;
import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.StepwiseLoss;
import io.engram.autodiff.Gradients;
import io.engram.autodiff.Tape;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.train.GradientMethod;
import io.engram.train.LossAndGradients;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Full BPTT of a history compressor on the error function of the automatizer in Schmidhuber (1992),
 * the collapsing of the hierarchy, with the stack's own loss beside it:
 * <pre>
 *   E = sum_t [ loss(y_t, d_t) + loss(z_t^0, d_t) + lambda * e_t ]
 * </pre>
 * {@code loss} the application's step loss against the targets {@code d_t}, {@code y_t} the stack's
 * output (which trains the chunkers through their readouts), {@code z_t^0} the automatizer's own
 * prediction and {@code e_t} its {@linkplain HistoryCompressorNetwork#distillationError error in
 * predicting the top level's state}: the term that forces the automatizer to build the chunker's
 * representations itself, early in a sequence, so that it comes to predict what only the chunker
 * could and the chunker's knowledge collapses into it. Summed over real steps and sequences and
 * divided by the number of target steps. Padded steps leave the state
 * as it was and add nothing. Immutable and thread-safe.
 */
final class DistillingGradients implements GradientMethod {
    private final double lambda;

    DistillingGradients(double lambda) {
        this.lambda = lambda;
    }

    @Override
    public LossAndGradients compute(Ops ops, Network network, Map<String, Tensor> params, Batch batch, Loss loss,
                                    long seed) {
        HistoryCompressorNetwork net = (HistoryCompressorNetwork) network;
        StepwiseLoss stepwise = (StepwiseLoss) loss;
        DType dtype = network.spec().dtype();
        Tape tape = new Tape(ops);
        Map<String, Tensor> leaves = new LinkedHashMap<>();
        params.forEach((name, p) -> leaves.put(name, network.trainable().contains(name) ? tape.leaf(p) : p));
        int n = batch.batch();
        State state = net.initialState(tape, n);
        Tensor total = tape.zeros(dtype, Shape.of());
        for (int t = 0; t < batch.time(); t++) {
            Tensor x = tape.fromArray(dtype, Shape.of(n, batch.inputSize()), rows(batch.inputs(), t, n, batch.inputSize()));
            HistoryCompressorNetwork.Levels step = net.levels(tape, leaves, x, state);
            Tensor real = tape.fromArray(dtype, Shape.of(n, 1), mask(batch, t, false));
            state = advance(tape, state, step.state(), real);
            Tensor target = tape.fromArray(dtype, Shape.of(n, batch.outputSize()), rows(batch.targets(), t, n, batch.outputSize()));
            Tensor due = tape.fromArray(dtype, Shape.of(n, 1), mask(batch, t, true));
            total = tape.add(total, stepwise.loss(tape, step.output(), target, due));
            total = tape.add(total, stepwise.loss(tape, step.automatizer(), target, due));
            Tensor distill = tape.sumAll(tape.mul(net.distillationError(tape, leaves, step.state()), real));
            total = tape.add(total, tape.scale(distill, lambda));
        }
        int targets = Math.max(1, loss.terms(batch));
        Gradients g = tape.backward(total);
        Map<String, Tensor> grads = new LinkedHashMap<>();
        leaves.forEach((name, leaf) -> {
            if (network.trainable().contains(name)) {
                grads.put(name, ops.scale(g.of(leaf), 1.0 / targets));
            }
        });
        return new LossAndGradients(Tape.value(total).item() / targets, grads, loss.terms(batch));
    }

    /** The state after step {@code t}: the new one where the step is real, the previous one in padding. */
    private static State advance(Ops ops, State previous, State next, Tensor real) {
        List<Tensor> kept = new ArrayList<>(next.size());
        for (int i = 0; i < next.size(); i++) {
            kept.add(ops.where(real, next.get(i), previous.get(i)));
        }
        return new State(kept);
    }

    private static double[] rows(double[] all, int t, int n, int width) {
        double[] out = new double[n * width];
        System.arraycopy(all, t * n * width, out, 0, n * width);
        return out;
    }

    /** Step {@code t}'s step mask, or the step mask times the target mask when {@code withTarget}. */
    private static double[] mask(Batch batch, int t, boolean withTarget) {
        int n = batch.batch();
        double[] m = new double[n];
        for (int b = 0; b < n; b++) {
            int row = t * n + b;
            m[b] = batch.stepMask()[row] != 0 && (!withTarget || batch.targetMask()[row] != 0) ? 1 : 0;
        }
        return m;
    }
}
