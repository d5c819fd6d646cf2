package io.engram.trainer.hybrid.internal;

import io.engram.api.Batch;
import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepwiseLoss;
import io.engram.autodiff.Gradients;
import io.engram.autodiff.Tape;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import io.engram.train.OnlineMethod;
import io.engram.train.StreamSteps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixed-size-storage hybrid of BPTT and RTRL (Schmidhuber, "A fixed size storage O(n^3) time
 * complexity learning algorithm for fully recurrent continually running networks", Neural
 * Computation 4(2), 1992), for any differentiable network.
 *
 * <p>The stream is cut into blocks of {@code h} steps. At a block's start the state {@code s_0} and
 * the sensitivities {@code P_0 = ds_0/dw} ({@link SensitivityMatrix}) are all that is kept of the
 * past. The block is run forward and recorded from {@code s_0}; then
 * <ul>
 *   <li>one BPTT pass of the block's losses {@code E_B} back to its start gives their direct
 *   gradient {@code dE_B/dw|_{s_0}} and the adjoint {@code a = dE_B/ds_0}, and the exact gradient is
 *   {@code dE_B/dw = dE_B/dw|_{s_0} + a^T P_0} (the paper's step combining the BPTT-like pass with
 *   the stored RTRL sensitivities);</li>
 *   <li>{@code n} further BPTT-like passes, one from each element {@code k} of the block's end state,
 *   give {@code J_k = ds_{h,k}/ds_0} and {@code D_k = ds_{h,k}/dw|_{s_0}}, and the sensitivities
 *   move to the block's end as {@code P_h = J P_0 + D} (the RTRL-like step).</li>
 * </ul>
 * With {@code n} state elements, {@code p = O(n^2)} weights and {@code h = n}, a block costs
 * {@code n + 1} passes of {@code O(h n^2)} and one product of {@code O(n^2 p)}, so {@code O(n^3)}
 * per step on average, against RTRL's {@code O(n^4)}; storage is {@code O(n p) = O(n^3)} whatever
 * the stream's length. With the weights held fixed the gradient is exactly BPTT's over the stream.
 *
 * <p>The weights change at the end of every block ({@code perStep = false}), or after every step
 * with a target ({@code perStep = true}): step {@code t}'s loss is then backpropagated to the block's
 * start and chained with {@code P_0} at once, and the rest of the block runs with the new weights;
 * every version of the weights in a block counts as the same {@code w} when the sensitivities move
 * on (the approximation RTRL makes when it learns on line). Immutable and thread-safe.
 */
final class FixedSizeStorage implements OnlineMethod {
    private final int block;
    private final boolean perStep;

    /**
     * @param block   steps per block; 0 means {@code n}, the number of state elements
     * @param perStep update after every step instead of after every block
     */
    FixedSizeStorage(int block, boolean perStep) {
        this.block = block;
        this.perStep = perStep;
    }

    @Override
    public double run(Ops ops, Network network, Map<String, Tensor> params, Batch stream, StepwiseLoss loss,
                      long seed, Updates updates) {
        StreamSteps steps = new StreamSteps(ops, stream, network.spec().dtype());
        State state = network.initialState(ops, 1);
        int n = 0;
        for (Tensor t : state.tensors()) {
            n += t.shape().size();
        }
        Map<String, Tensor> current = params;
        SensitivityMatrix p = new SensitivityMatrix(n, size(trainable(network, current)));
        int h = block > 0 ? block : Math.max(1, n);
        double total = 0.0;
        for (int from = 0; from < steps.length(); from += h) {
            Block b = new Block(ops, network, current, state, p);
            int to = Math.min(steps.length(), from + h);
            Tensor blockLoss = null;
            int targets = 0;
            for (int t = from; t < to; t++) {
                Step step = network.step(b.tape, b.recorded, steps.input(t), b.state, StreamSteps.context(t, seed));
                b.state = step.state();
                if (!steps.hasTarget(t)) {
                    continue;
                }
                Tensor l = loss.loss(b.tape, step.output(), steps.target(t), steps.lossMask(t));
                if (perStep) {
                    double value = Tape.value(l).item();
                    total += value;
                    current = updates.apply(b.gradient(l), value, 1);
                    b.reweight(current);
                } else {
                    blockLoss = blockLoss == null ? l : b.tape.add(blockLoss, l);
                    targets++;
                }
            }
            if (blockLoss != null) {
                double value = Tape.value(blockLoss).item();
                total += value;
                Map<String, Tensor> g = b.gradient(blockLoss);
                p = b.sensitivities();
                current = updates.apply(g, value, targets);
            } else {
                p = b.sensitivities();
            }
            state = b.endValues();
        }
        return total;
    }

    /** One block on its tape: the recorded start state, and every version of the weights it ran with. */
    private static final class Block {
        final Tape tape;
        final Network network;
        final List<Tensor> start = new ArrayList<>();
        final List<List<Tensor>> versions = new ArrayList<>();
        final SensitivityMatrix p;
        final int parameterSize;
        Map<String, Tensor> like;
        Map<String, Tensor> recorded;
        State state;

        Block(Ops ops, Network network, Map<String, Tensor> params, State values, SensitivityMatrix p) {
            this.tape = new Tape(ops);
            this.network = network;
            this.p = p;
            for (Tensor t : values.tensors()) {
                start.add(tape.leaf(t));
            }
            this.state = new State(start);
            reweight(params);
            this.parameterSize = size(like);
        }

        /** Records {@code params}' trainable tensors as a new version of the weights for what follows. */
        void reweight(Map<String, Tensor> params) {
            like = trainable(network, params);
            List<Tensor> leaves = new ArrayList<>();
            Map<String, Tensor> all = new LinkedHashMap<>(params);
            like.forEach((name, value) -> {
                Tensor leaf = tape.leaf(value);
                leaves.add(leaf);
                all.put(name, leaf);
            });
            versions.add(leaves);
            recorded = all;
        }

        /** The exact gradient of {@code objective}: its direct part plus its start adjoint through P. */
        Map<String, Tensor> gradient(Tensor objective) {
            Gradients g = tape.backward(objective);
            return SensitivityMatrix.unflatten(tape.base(), p.chain(direct(g), adjoint(g)), like);
        }

        /** The sensitivities at the block's end, one BPTT-like pass per end-state element. */
        SensitivityMatrix sensitivities() {
            Ops base = tape.base();
            double[][] jacobian = new double[p.stateSize()][];
            double[][] direct = new double[p.stateSize()][];
            int k = 0;
            for (Tensor end : state.tensors()) {
                int size = end.shape().size();
                for (int e = 0; e < size; e++, k++) {
                    if (Tape.value(end) == end) {
                        jacobian[k] = new double[p.stateSize()];
                        direct[k] = new double[parameterSize];
                        continue;
                    }
                    double[] unit = new double[size];
                    unit[e] = 1.0;
                    Gradients g = tape.backward(tape.sumAll(tape.mul(end, base.fromArray(end.dtype(), end.shape(),
                            unit))));
                    jacobian[k] = adjoint(g);
                    direct[k] = direct(g);
                }
            }
            return p.advance(jacobian, direct);
        }

        State endValues() {
            List<Tensor> values = new ArrayList<>();
            for (Tensor t : state.tensors()) {
                values.add(Tape.value(t));
            }
            return new State(values);
        }

        private double[] adjoint(Gradients g) {
            return SensitivityMatrix.flatten(g, start, p.stateSize());
        }

        private double[] direct(Gradients g) {
            double[] sum = new double[parameterSize];
            for (List<Tensor> leaves : versions) {
                double[] part = SensitivityMatrix.flatten(g, leaves, parameterSize);
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += part[i];
                }
            }
            return sum;
        }
    }

    private static Map<String, Tensor> trainable(Network network, Map<String, Tensor> params) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (network.trainable().contains(name)) {
                t.put(name, value);
            }
        });
        return t;
    }

    private static int size(Map<String, Tensor> params) {
        int n = 0;
        for (Tensor t : params.values()) {
            n += t.shape().size();
        }
        return n;
    }
}
