package io.engram.family.seq2seq.internal;

import io.engram.api.Attention;
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
import io.engram.layers.Initializer;
import io.engram.layers.PrefixedParameters;
import io.engram.tensor.Backend;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An encoder-decoder network. The encoder {@code E} (any family) reads the source
 * {@code x_1 .. x_T} (stepped, or run whole when it is not causal, such as a bidirectional encoder)
 * and writes {@code h_1 .. h_T}; its output at the last real step, squashed, is the summary
 * {@code c = tanh(h_T)} (the fixed-length representation of Sutskever, Vinyals and Le 2014, sec. 2).
 * The decoder {@code D} (any stepped family) writes the target one token at a time, fed the previous
 * token {@code y_{t-1}} ({@code y_0} the start token). Without attention it is conditioned on
 * {@code c} at every step, as in Cho et al. 2014, sec. 2.2 (eq. 4 with {@code c} among the inputs of
 * each step), and its output is the scores:
 * <pre>
 *   z_t, s_t = D([y_{t-1} ; c], s_{t-1}),   s_0 = D's initial state
 * </pre>
 * and {@code softmax(z_t)} is the distribution of {@code y_t}. With {@code model.attention} it attends
 * over {@code h_1 .. h_T} at every step, {@link AdditiveAttention} (Bahdanau, Cho and Bengio 2015) or
 * {@link MultiplicativeAttention} (Luong, Pham and Manning 2015), the padding of a batch's shorter
 * sources getting weight 0 ({@link SourceMemory}); {@code D}'s output is then a vector of
 * {@code model.context} from which the attention's readout gives the scores, and the weights of each
 * step can be read with {@link Attention#weights}. With {@code model.embedding = e > 0}, source and
 * target tokens (the one-hot rows) enter as learned embeddings ({@link Embedding}), the source's
 * through the table {@code embedding.source [inputs, e]}, the target's through
 * {@code embedding.target [outputs, e]}.
 *
 * <p>With {@code model.output=frames} the decoder writes real-valued frames (the acoustic frames of
 * speech synthesis, as the mel spectrogram of Tacotron: Wang et al. 2017, sec. 3.3, here without
 * the previous frame among the inputs): {@code y_{t-1}} is left out of every step's input (the
 * token given to {@link #decode} is ignored), so the decoder is driven by the attention's context
 * alone ({@code D(c_t, s_{t-1})}) and the readout's {@code z_t} is the frame, scored by a
 * regression loss such as {@code mse}. Its source and target share one padded sequence in a batch:
 * the source's real steps are those of the step mask whose input row is not all zero (a one-hot
 * symbol row never is), so a source of phonemes can be followed by zero rows up to the length of its
 * target frames; the encoder reads the real steps only.
 *
 * <p>Parameters: the encoder's under {@code encoder.}, the decoder's under {@code decoder.}, then the
 * embeddings and the attention's own. The decoder's state, each tensor with the batch first: without
 * attention {@code [c, s_t...]}; with it {@code [c, H, K, mask, q, a, s_t...]}, where {@code H} is
 * {@code [B, T, d]}, {@code K} the keys computed once per source, {@code mask [B, T]}, {@code q} the
 * vector fed back ({@code q_t} for additive, {@code h~_t} for multiplicative attention) and {@code a}
 * the step's weights {@code [B, T]}. The network is not causal: {@link #step} and {@link #steps}
 * refuse; it is run through {@link Decoder}. Not thread-safe, as any {@link Network}.
 */
final class Seq2seqNetwork extends AbstractNetwork implements Differentiable, Decoder, Attention {
    static final String ENCODER = "encoder.";
    static final String DECODER = "decoder.";
    static final String SOURCE_EMBEDDING = "embedding.source";
    static final String TARGET_EMBEDDING = "embedding.target";
    /** Index of {@code a} in an attending state; the inner decoder's state follows it. */
    private static final int WEIGHTS = 5;

    private final Network encoder;
    private final Network decoder;
    private final Seq2seqShape shape;
    private final int start;
    private final int end;

    private Seq2seqNetwork(ModelSpec spec, Map<String, Tensor> parameters, Network encoder, Network decoder) {
        super(spec, parameters);
        this.encoder = encoder;
        this.decoder = decoder;
        this.shape = Seq2seqShape.of(spec);
        this.start = spec.hyper().getInt("start");
        this.end = spec.hyper().getInt("end");
    }

    static Seq2seqNetwork create(ModelSpec spec, NetworkFamily encoderFamily, NetworkFamily decoderFamily,
                                 Backend backend, long seed) {
        Seq2seqShape shape = Seq2seqShape.of(spec);
        Network encoder = encoderFamily.create(CompositeFamily.innerSpec(spec, Seq2seqFamily.ENCODER,
                shape.encoderInput(), shape.context()), backend, seed);
        Network decoder = decoderFamily.create(CompositeFamily.innerSpec(spec, Seq2seqFamily.DECODER,
                shape.decoderInput(), shape.decoderOutput()), backend, seed ^ 0x5DEECE66DL);
        Map<String, Tensor> parameters = new LinkedHashMap<>();
        PrefixedParameters.putAll(parameters, ENCODER, encoder.parameters());
        PrefixedParameters.putAll(parameters, DECODER, decoder.parameters());
        if (shape.embedding() > 0) {
            Initializer normal = new Initializer(backend.ops(), spec.dtype(), "normal", 1.0, seed ^ 0xE3BEDL);
            parameters.put(SOURCE_EMBEDDING, backend.ops().reshape(normal.weights(1, shape.embedding(), shape.inputs()),
                    Shape.of(shape.inputs(), shape.embedding())));
            if (!shape.frames()) {
                parameters.put(TARGET_EMBEDDING, backend.ops().reshape(normal.weights(1, shape.embedding(),
                        shape.outputs()), Shape.of(shape.outputs(), shape.embedding())));
            }
        }
        Initializer init = new Initializer(backend.ops(), spec.dtype(), "xavier", 1.0, seed ^ 0xA77E4DL);
        if (shape.attention() == AttentionKind.ADDITIVE) {
            AdditiveAttention.initialise(parameters, init, shape);
        } else if (shape.attention() == AttentionKind.MULTIPLICATIVE) {
            MultiplicativeAttention.initialise(parameters, init, shape);
        }
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

    /** Itself as {@link Attention} only when it attends. */
    @Override
    public <C> Optional<C> capability(Class<C> type) {
        return type == Attention.class && !shape.attends() ? Optional.empty() : super.capability(type);
    }

    @Override
    public Tensor weights(State state) {
        if (!shape.attends()) {
            throw new IllegalStateException("seq2seq: this network does not attend (model.attention=none)");
        }
        return state.get(WEIGHTS);
    }

    @Override
    public State encode(Ops ops, Map<String, Tensor> params, Tensor xs, double[] stepMask, List<StepContext> contexts) {
        int time = contexts.size();
        if (time == 0 || xs.rank() != 2 || xs.dim(0) % time != 0 || stepMask.length != xs.dim(0)) {
            throw new IllegalArgumentException("seq2seq: " + time + " source steps need inputs [time * batch, "
                    + "inputSize] and as many mask values as rows, got " + xs.shape() + " and " + stepMask.length);
        }
        int batch = xs.dim(0) / time;
        if (shape.frames()) {
            stepMask = nonzeroRows(xs, stepMask);
        }
        Tensor in = shape.embedding() > 0 ? Embedding.lookup(ops, params.get(SOURCE_EMBEDDING), xs) : xs;
        Optional<WholeSequence> whole = encoder.capability(WholeSequence.class);
        Map<String, Tensor> own = PrefixedParameters.section(params, ENCODER);
        Tensor outputs = whole.isPresent() ? whole.get().run(ops, own, in, stepMask, contexts)
                : encoder.steps(ops, own, in, encoder.initialState(ops, batch), contexts).outputs();
        Tensor c = ops.tanh(ops.gather(outputs, 0, lastRows(stepMask, time, batch)));
        List<Tensor> state = new ArrayList<>();
        state.add(c);
        if (shape.attends()) {
            Tensor memory = SourceMemory.batchFirst(ops, outputs, stepMask, time, batch);
            state.add(memory);
            state.add(shape.attention() == AttentionKind.ADDITIVE ? AdditiveAttention.keys(ops, params, memory)
                    : MultiplicativeAttention.keys(ops, params, memory));
            state.add(SourceMemory.mask(ops, xs.dtype(), stepMask, time, batch));
            state.add(shape.attention() == AttentionKind.ADDITIVE ? c
                    : ops.zeros(xs.dtype(), Shape.of(batch, shape.context())));
            state.add(ops.zeros(xs.dtype(), Shape.of(batch, time)));
        }
        state.addAll(decoder.initialState(ops, batch).tensors());
        return new State(state);
    }

    /** {@code stepMask} with 0 wherever the row of {@code xs} is all zero (padding after a shorter source). */
    private static double[] nonzeroRows(Tensor xs, double[] stepMask) {
        double[] x = xs.toDoubleArray();
        int width = xs.dim(1);
        double[] mask = stepMask.clone();
        for (int r = 0; r < mask.length; r++) {
            boolean zero = true;
            for (int f = r * width; f < (r + 1) * width && zero; f++) {
                zero = x[f] == 0;
            }
            mask[r] = zero ? 0 : mask[r];
        }
        return mask;
    }

    /** The time-major row of each sequence's last real step (its first step when it has none). */
    private static int[] lastRows(double[] stepMask, int time, int batch) {
        int[] last = new int[batch];
        for (int b = 0; b < batch; b++) {
            int length = 0;
            while (length < time && stepMask[length * batch + b] != 0) {
                length++;
            }
            last[b] = Math.max(length - 1, 0) * batch + b;
        }
        return last;
    }

    @Override
    public Step decode(Ops ops, Map<String, Tensor> params, Tensor previous, State state, StepContext context) {
        List<Tensor> y = shape.frames() ? List.of()
                : List.of(shape.embedding() > 0 ? Embedding.lookup(ops, params.get(TARGET_EMBEDDING), previous) : previous);
        Map<String, Tensor> inner = PrefixedParameters.section(params, DECODER);
        Tensor c = state.get(0);
        if (!shape.attends()) {
            Step step = decoder.step(ops, inner, joined(ops, y, c), inner(state, 1), context);
            return new Step(step.output(), prefixed(List.of(c), step.state()));
        }
        Tensor memory = state.get(1);
        Tensor keys = state.get(2);
        Tensor mask = state.get(3);
        Tensor fed = state.get(4);
        if (shape.attention() == AttentionKind.ADDITIVE) {
            Tensor weights = AdditiveAttention.weights(ops, params, keys, mask, fed);
            Tensor ct = SourceMemory.context(ops, weights, memory);
            Step step = decoder.step(ops, inner, joined(ops, y, ct), inner(state, WEIGHTS + 1), context);
            Tensor q = step.output();
            return new Step(AdditiveAttention.scores(ops, params, q, ct),
                    prefixed(List.of(c, memory, keys, mask, q, weights), step.state()));
        }
        Tensor input = shape.feeding() ? joined(ops, y, c, fed) : joined(ops, y, c);
        Step step = decoder.step(ops, inner, input, inner(state, WEIGHTS + 1), context);
        Tensor q = step.output();
        Tensor weights = MultiplicativeAttention.weights(ops, keys, mask, q);
        Tensor attentional = MultiplicativeAttention.attentional(ops, params, SourceMemory.context(ops, weights, memory),
                q);
        return new Step(MultiplicativeAttention.scores(ops, params, attentional),
                prefixed(List.of(c, memory, keys, mask, attentional, weights), step.state()));
    }

    /** The previous token's row (none when writing frames) followed by {@code rest}, side by side. */
    private static Tensor joined(Ops ops, List<Tensor> token, Tensor... rest) {
        List<Tensor> parts = new ArrayList<>(token);
        parts.addAll(List.of(rest));
        return parts.size() == 1 ? parts.get(0) : ops.concat(1, parts);
    }

    private static State inner(State state, int from) {
        return new State(state.tensors().subList(from, state.size()));
    }

    private static State prefixed(List<Tensor> own, State inner) {
        List<Tensor> next = new ArrayList<>(own.size() + inner.size());
        next.addAll(own);
        next.addAll(inner.tensors());
        return new State(next);
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
