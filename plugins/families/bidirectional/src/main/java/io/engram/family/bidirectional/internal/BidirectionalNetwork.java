package io.engram.family.bidirectional.internal;

import io.engram.api.CompositeFamily;
import io.engram.api.Differentiable;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.api.WholeSequence;
import io.engram.layers.AbstractNetwork;
import io.engram.layers.Initializer;
import io.engram.layers.PrefixedParameters;
import io.engram.layers.Readout;
import io.engram.tensor.Backend;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bidirectional recurrent network (Schuster and Paliwal 1997, sec. III.A, fig. 3): a forward
 * network reads {@code x_1 .. x_T} and a backward network, of the same inner family but with its own
 * weights, reads {@code x_T .. x_1}; the output at step {@code t} combines both,
 * <pre>
 *   f_t = F(x_1 .. x_t),   g_t = G(x_T .. x_t),   y_t = [f_t ; g_t] V + c
 * </pre>
 * where {@code F} and {@code G} are the inner networks' outputs ({@code features} each) and
 * {@code V [2 features, out]}, {@code c [out]} the readout. On a padded batch each sequence is
 * reversed within its own length ({@code T_b} real steps: step {@code t < T_b} is read at
 * {@code T_b - 1 - t}, padding stays at the end), so no padded step reaches a real output in either
 * direction: the forward run is causal, and the backward run sees padding only after every real step.
 *
 * <p>Parameters: the forward network's under {@code forward.}, the backward's under
 * {@code backward.}, then {@value Readout#WEIGHTS} and {@value Readout#BIAS}. The network is not
 * causal: {@link #step} and {@link #steps} refuse; trainers and inference use {@link #run}.
 * Not thread-safe, as any {@link Network}.
 */
final class BidirectionalNetwork extends AbstractNetwork implements Differentiable, WholeSequence {
    static final String FORWARD = "forward.";
    static final String BACKWARD = "backward.";

    private final Network forward;
    private final Network backward;

    private BidirectionalNetwork(ModelSpec spec, Map<String, Tensor> parameters, Network forward, Network backward) {
        super(spec, parameters);
        this.forward = forward;
        this.backward = backward;
    }

    static BidirectionalNetwork create(ModelSpec spec, NetworkFamily inner, Backend backend, long seed) {
        int features = spec.hyper().getInt("features");
        ModelSpec innerSpec = CompositeFamily.innerSpec(spec, BidirectionalFamily.SLOT, spec.inputSize(), features);
        Network forward = inner.create(innerSpec, backend, seed);
        Network backward = inner.create(innerSpec, backend, seed ^ 0x5DEECE66DL);
        Map<String, Tensor> parameters = new LinkedHashMap<>();
        PrefixedParameters.putAll(parameters, FORWARD, forward.parameters());
        PrefixedParameters.putAll(parameters, BACKWARD, backward.parameters());
        Initializer init = new Initializer(backend.ops(), spec.dtype(), "xavier",
                spec.hyper().getDouble("init.scale"), seed + 1);
        Readout.initialise(parameters, init, 2 * features, spec.outputSize());
        return new BidirectionalNetwork(spec, parameters, forward, backward);
    }

    @Override
    public Tensor run(Ops ops, Map<String, Tensor> params, Tensor xs, double[] stepMask, List<StepContext> contexts) {
        int time = contexts.size();
        if (time == 0 || xs.rank() != 2 || xs.dim(0) % time != 0 || stepMask.length != xs.dim(0)) {
            throw new IllegalArgumentException("bidirectional: " + time + " steps need inputs [time * batch, "
                    + "inputSize] and as many mask values as rows, got " + xs.shape() + " and " + stepMask.length);
        }
        int batch = xs.dim(0) / time;
        int[] reverse = reversal(stepMask, time, batch);
        Tensor f = outputs(forward, ops, PrefixedParameters.section(params, FORWARD), xs, stepMask, contexts, batch);
        Tensor g = outputs(backward, ops, PrefixedParameters.section(params, BACKWARD), ops.gather(xs, 0, reverse),
                stepMask, contexts, batch);
        return Readout.apply(ops, params, ops.concat(1, List.of(f, ops.gather(g, 0, reverse))));
    }

    /**
     * The outputs of an inner network over the whole batch: in one {@link WholeSequence#run} when it
     * is itself not causal (the reversed batch keeps its padding at the end, so the same mask
     * holds), else stepped through, which padding at the end cannot reach.
     */
    private static Tensor outputs(Network inner, Ops ops, Map<String, Tensor> params, Tensor xs, double[] stepMask,
                                  List<StepContext> contexts, int batch) {
        java.util.Optional<WholeSequence> whole = inner.capability(WholeSequence.class);
        return whole.isPresent() ? whole.get().run(ops, params, xs, stepMask, contexts)
                : inner.steps(ops, params, xs, inner.initialState(ops, batch), contexts).outputs();
    }

    /**
     * The row permutation that reverses each sequence within its length: row {@code t * batch + b}
     * goes to {@code (T_b - 1 - t) * batch + b} for {@code t < T_b} and stays put in padding. It is
     * its own inverse.
     */
    static int[] reversal(double[] stepMask, int time, int batch) {
        int[] out = new int[time * batch];
        for (int b = 0; b < batch; b++) {
            int length = 0;
            while (length < time && stepMask[length * batch + b] != 0) {
                length++;
            }
            for (int t = 0; t < time; t++) {
                out[t * batch + b] = (t < length ? length - 1 - t : t) * batch + b;
            }
        }
        return out;
    }


    @Override
    public State initialState(Ops ops, int batch) {
        return State.of();
    }

    @Override
    public Step step(Ops ops, Map<String, Tensor> params, Tensor x, State state, StepContext context) {
        throw new UnsupportedOperationException("bidirectional networks read whole sequences: use WholeSequence.run");
    }

    @Override
    public io.engram.api.Steps steps(Ops ops, Map<String, Tensor> params, Tensor xs, State state,
                                     List<StepContext> contexts) {
        throw new UnsupportedOperationException("bidirectional networks read whole sequences: use WholeSequence.run");
    }
}
