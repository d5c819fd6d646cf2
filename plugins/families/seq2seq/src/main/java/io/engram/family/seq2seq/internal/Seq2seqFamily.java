package io.engram.family.seq2seq.internal;

import io.engram.api.Capability;
import io.engram.api.CompositeFamily;
import io.engram.api.HyperParameter;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.PluginProperties;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.tensor.Backend;
import io.vavr.collection.Seq;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The encoder-decoder family (Sutskever, Vinyals and Le 2014; Cho et al. 2014): a network of the
 * family in slot {@code encoder} reads the source, and a network of the family in slot
 * {@code decoder} writes the target one token at a time, conditioned on the encoder's summary; see
 * {@link Seq2seqNetwork}. Own keys: {@code model.context} (size of the encoder's outputs and summary),
 * {@code model.start} and {@code model.end} (the start and end tokens among the outputs),
 * {@code model.attention} ({@code none}, {@code additive}, {@code multiplicative}) with
 * {@code model.attention.size} and {@code model.attention.feeding}, and {@code model.embedding}
 * (learned token embeddings, 0 for one-hot rows), and {@code model.output} ({@code tokens}, or
 * {@code frames} for real-valued outputs such as mel spectrograms); the inner families' keys go under
 * {@code model.encoder.} and {@code model.decoder.}.
 *
 * <p>Lifecycle ({@link CompositeFamily}): the kernel binds the inner families it resolved and builds
 * networks through the bound family. A stateless DS component, thread-safe.
 */
@Component(service = NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=seq2seq",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE + "," + Capability.FLAT_PARAMETERS + ","
                + Capability.DECODER})
public final class Seq2seqFamily implements CompositeFamily {
    static final String ENCODER = "encoder";
    static final String DECODER = "decoder";
    static final Schema SCHEMA = Schema.of(
            HyperParameter.integer("context", 32, 1, 65_536, "Size of the encoder's summary c, fed to every decoder step."),
            HyperParameter.integer("start", 0, 0, 1 << 20, "The output token fed to the first decoder step."),
            HyperParameter.integer("end", 0, 0, 1 << 20, "The output token that ends a target sequence."),
            HyperParameter.choice("attention", "none", AttentionKind.NAMES, "Attention over the source steps: none, "
                    + "additive (Bahdanau et al. 2015) or multiplicative (Luong et al. 2015, general)."),
            HyperParameter.integer("attention.size", 0, 0, 65_536, "Hidden size of additive attention's scoring "
                    + "layer; 0 for the context size."),
            HyperParameter.bool("attention.feeding", false, "Multiplicative attention: feed each step's attentional "
                    + "vector to the next step (Luong et al. 2015, input feeding)."),
            HyperParameter.integer("embedding", 0, 0, 65_536, "Size of the learned source and target token "
                    + "embeddings; 0 feeds the one-hot rows."),
            HyperParameter.choice("output", "tokens", Seq2seqShape.OUTPUTS, "tokens: scores of the next token, fed "
                    + "the previous one; frames: real-valued frames (mel spectrograms), fed no previous token, the "
                    + "source's real steps being its rows that are not all zero (so a source may be shorter than "
                    + "its target frames in one padded sequence)."));

    @Activate
    public Seq2seqFamily() {
    }

    @Override
    public String id() {
        return "seq2seq";
    }

    @Override
    public String description() {
        return "Encoder-decoder from two families, decoded greedily or by beam search (Sutskever et al. 2014; Cho et al. 2014).";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(Capability.DIFFERENTIABLE, Capability.FLAT_PARAMETERS, Capability.DECODER);
    }

    @Override
    public List<Slot> slots() {
        return List.of(new Slot(ENCODER, "The family that reads the source.", Set.of(Capability.DIFFERENTIABLE)),
                new Slot(DECODER, "The family that writes the target.", Set.of(Capability.DIFFERENTIABLE)));
    }

    @Override
    public NetworkFamily bind(Map<String, NetworkFamily> inner) {
        for (Slot s : slots()) {
            if (!inner.containsKey(s.name())) {
                throw new IllegalArgumentException("seq2seq: slot '" + s.name() + "' is not filled");
            }
        }
        return new Bound(this, inner.get(ENCODER), inner.get(DECODER));
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        throw new IllegalStateException("seq2seq: bind the encoder and decoder families first");
    }

    /** The tokens must be outputs; checked once the output size is known. */
    static Seq<Problem> tokens(ModelSpec spec) {
        io.vavr.collection.List<Problem> problems = io.vavr.collection.List.empty();
        for (String key : List.of("start", "end")) {
            int token = spec.hyper().getInt(key);
            if (spec.outputSize() > 0 && token >= spec.outputSize()) {
                problems = problems.append(Problem.of("model." + key, "token " + token + " is not among the "
                        + spec.outputSize() + " outputs (0 to " + (spec.outputSize() - 1) + ")"));
            }
        }
        return problems;
    }

    /** {@link Seq2seqFamily} with its encoder and decoder families. Stateless, thread-safe. */
    record Bound(Seq2seqFamily unbound, NetworkFamily encoder, NetworkFamily decoder) implements NetworkFamily {

        @Override
        public String id() {
            return unbound.id();
        }

        @Override
        public String description() {
            return unbound.description();
        }

        @Override
        public Schema schema() {
            return SCHEMA;
        }

        @Override
        public Set<String> capabilities() {
            return unbound.capabilities();
        }

        @Override
        public Seq<Problem> validate(ModelSpec spec) {
            Seq2seqShape shape = Seq2seqShape.of(spec);
            Set<String> stepless = new java.util.TreeSet<>(decoder.capabilities());
            stepless.retainAll(Set.of(Capability.WHOLE_SEQUENCE, Capability.DECODER));
            Seq<Problem> causal = stepless.isEmpty() ? io.vavr.collection.List.empty()
                    : io.vavr.collection.List.of(Problem.of("model." + DECODER + ".family", "the decoder steps one token "
                    + "at a time, but family '" + decoder.id() + "' is " + String.join(", ", stepless)));
            Seq<Problem> feeding = shape.feeding() && shape.attention() != AttentionKind.MULTIPLICATIVE
                    ? io.vavr.collection.List.of(Problem.of("model.attention.feeding", "input feeding feeds the "
                    + "attentional vector of multiplicative attention; with attention="
                    + AttentionKind.NAMES.get(shape.attention().ordinal()) + " it would have no effect"))
                    : io.vavr.collection.List.empty();
            return causal.appendAll(feeding).appendAll(tokens(spec))
                    .appendAll(CompositeFamily.validateInner(encoder, spec, ENCODER, shape.encoderInput(),
                            shape.context()))
                    .appendAll(CompositeFamily.validateInner(decoder, spec, DECODER, shape.decoderInput(),
                            shape.decoderOutput()));
        }

        @Override
        public Network create(ModelSpec spec, Backend backend, long seed) {
            return Seq2seqNetwork.create(spec, encoder, decoder, backend, seed);
        }
    }
}
