package io.engram.family.seq2seq.internal;

import io.engram.api.CompositeFamily;
import io.engram.api.Differentiable;
import io.engram.api.Decoder;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.api.Steps;
import io.engram.api.WholeSequence;
import io.engram.layers.AbstractNetwork;
import io.engram.layers.PrefixedParameters;
import io.engram.tensor.Backend;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An encoder-decoder network. The encoder {@code E} (any family) reads the source
 * {@code x_1 .. x_T} (stepped, or run whole when it is not causal, such as a bidirectional encoder);
 * its output at the last real step, squashed, is the summary
 * {@code c = tanh(E(x_1 .. x_T)_T)} (the fixed-length representation of Sutskever, Vinyals and Le
 * 2014, sec. 2). The decoder {@code D} (any family) is conditioned on {@code c} at every step, as in
 * Cho et al. 2014, sec. 2.2 (eq. 4 with {@code c} among the inputs of each step): fed the previous
 * token {@code y_{t-1}} as a one-hot row, it gives the scores of the next,
 * <pre>
 *   z_t, s_t = D([y_{t-1} ; c], s_{t-1}),   s_0 = D's initial state,   y_0 = the start token
 * </pre>
 * and {@code softmax(z_t)} is the distribution of {@code y_t}.
 *
 * <p>Parameters: the encoder's under {@code encoder.}, the decoder's under {@code decoder.}. The
 * decoder's state is {@code [c, s_t...]}. The network is not causal: {@link #step} and
 * {@link #steps} refuse; it is run through {@link Decoder}. Not thread-safe, as any {@link Network}.
 */
final class Seq2seqNetwork extends AbstractNetwork implements Differentiable, Decoder {
    static final String ENCODER = "encoder.";
    static final String DECODER = "decoder.";

    private final Network encoder;
    private final Network decoder;
    private final int start;
    private final int end;

    private Seq2seqNetwork(ModelSpec spec, Map<String, Tensor> parameters, Network encoder, Network decoder) {
        super(spec, parameters);
        this.encoder = encoder;
        this.decoder = decoder;
        this.start = spec.hyper().getInt("start");
        this.end = spec.hyper().getInt("end");
    }

    static Seq2seqNetwork create(ModelSpec spec, NetworkFamily encoderFamily, NetworkFamily decoderFamily,
                                 Backend backend, long seed) {
        int context = spec.hyper().getInt("context");
        Network encoder = encoderFamily.create(CompositeFamily.innerSpec(spec, Seq2seqFamily.ENCODER,
                spec.inputSize(), context), backend, seed);
        Network decoder = decoderFamily.create(CompositeFamily.innerSpec(spec, Seq2seqFamily.DECODER,
                spec.outputSize() + context, spec.outputSize()), backend, seed ^ 0x5DEECE66DL);
        Map<String, Tensor> parameters = new LinkedHashMap<>();
        PrefixedParameters.putAll(parameters, ENCODER, encoder.parameters());
        PrefixedParameters.putAll(parameters, DECODER, decoder.parameters());
        return new Seq2seqNetwork(spec, parameters, encoder, decoder);
    }

    @Override
    public int startToken() {
        return start;
    }

    @Override
    public int endToken() {
        return end;
    }

    @Override
    public State encode(Ops ops, Map<String, Tensor> params, Tensor xs, double[] stepMask, List<StepContext> contexts) {
        int time = contexts.size();
        if (time == 0 || xs.rank() != 2 || xs.dim(0) % time != 0 || stepMask.length != xs.dim(0)) {
            throw new IllegalArgumentException("seq2seq: " + time + " source steps need inputs [time * batch, "
                    + "inputSize] and as many mask values as rows, got " + xs.shape() + " and " + stepMask.length);
        }
        int batch = xs.dim(0) / time;
        java.util.Optional<WholeSequence> whole = encoder.capability(WholeSequence.class);
        Map<String, Tensor> own = PrefixedParameters.section(params, ENCODER);
        Tensor outputs = whole.isPresent() ? whole.get().run(ops, own, xs, stepMask, contexts)
                : encoder.steps(ops, own, xs, encoder.initialState(ops, batch), contexts).outputs();
        int[] last = new int[batch];
        for (int b = 0; b < batch; b++) {
            int length = 0;
            while (length < time && stepMask[length * batch + b] != 0) {
                length++;
            }
            last[b] = Math.max(length - 1, 0) * batch + b;
        }
        List<Tensor> state = new ArrayList<>();
        state.add(ops.tanh(ops.gather(outputs, 0, last)));
        state.addAll(decoder.initialState(ops, batch).tensors());
        return new State(state);
    }

    @Override
    public Step decode(Ops ops, Map<String, Tensor> params, Tensor previous, State state, StepContext context) {
        Tensor c = state.get(0);
        Step step = decoder.step(ops, PrefixedParameters.section(params, DECODER), ops.concat(1, List.of(previous, c)),
                new State(state.tensors().subList(1, state.size())), context);
        List<Tensor> next = new ArrayList<>();
        next.add(c);
        next.addAll(step.state().tensors());
        return new Step(step.output(), new State(next));
    }


    @Override
    public State initialState(Ops ops, int batch) {
        return State.of();
    }

    @Override
    public Step step(Ops ops, Map<String, Tensor> params, Tensor x, State state, StepContext context) {
        throw new UnsupportedOperationException("seq2seq networks encode a whole source and decode: use Decoder");
    }

    @Override
    public Steps steps(Ops ops, Map<String, Tensor> params, Tensor xs, State state, List<StepContext> contexts) {
        throw new UnsupportedOperationException("seq2seq networks encode a whole source and decode: use Decoder");
    }
}
