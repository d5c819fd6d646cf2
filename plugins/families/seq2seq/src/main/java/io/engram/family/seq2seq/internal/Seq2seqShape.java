package io.engram.family.seq2seq.internal;

import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;

/**
 * The sizes of an encoder-decoder, read from its spec once: the encoder reads {@code encoderInput}
 * features per source step and writes {@code context}; the inner decoder reads {@code decoderInput}
 * per target step and writes {@code decoderOutput} ({@code outputs} without attention, where its
 * output is the scores; {@code context} with attention, where the attention's readout gives the
 * scores). Immutable.
 *
 * @param inputs    source tokens (or features), {@code spec.inputSize()}
 * @param outputs   target tokens, {@code spec.outputSize()}
 * @param embedding {@code e}, the size of the learned embeddings; 0 for one-hot rows
 * @param context   size of the encoder's outputs {@code h_s} and of the summary {@code c}
 * @param attention the attention
 * @param size      {@code A}, the hidden size of additive attention's scoring layer
 * @param feeding   whether the attentional vector of a step is fed to the next (Luong's input feeding)
 * @param frames    whether the decoder writes real-valued frames ({@code model.output=frames}): it is fed
 *                  no previous token, and a source step is real only where its row is not all zero
 */
record Seq2seqShape(int inputs, int outputs, int embedding, int context, AttentionKind attention, int size,
                    boolean feeding, boolean frames) {
    /** {@code model.output}: what the decoder writes. */
    static final java.util.List<String> OUTPUTS = java.util.List.of("tokens", "frames");

    /** The shape of {@code spec}; keys it lacks (a spec written before they existed) take their defaults. */
    static Seq2seqShape of(ModelSpec spec) {
        Hyperparameters h = spec.hyper();
        int context = h.getInt("context");
        int size = h.has("attention.size") ? h.getInt("attention.size") : 0;
        return new Seq2seqShape(spec.inputSize(), spec.outputSize(), h.has("embedding") ? h.getInt("embedding") : 0,
                context, AttentionKind.of(h.has("attention") ? h.getString("attention") : "none"),
                size == 0 ? context : size, h.has("attention.feeding") && h.getBoolean("attention.feeding"),
                h.has("output") && h.getString("output").equals("frames"));
    }

    /** Whether the decoder attends over the source steps. */
    boolean attends() {
        return attention != AttentionKind.NONE;
    }

    /** Features of a source step as the encoder reads them. */
    int encoderInput() {
        return embedding > 0 ? embedding : inputs;
    }

    /** Features of the previous token as the decoder reads it; none when it writes frames. */
    int tokenInput() {
        return frames ? 0 : embedding > 0 ? embedding : outputs;
    }

    /**
     * The inner decoder's input: the previous token and the source's summary {@code c}, or with
     * additive attention the step's context {@code c_t} in its place; with input feeding also the
     * previous attentional vector.
     */
    int decoderInput() {
        return tokenInput() + context + (attention == AttentionKind.MULTIPLICATIVE && feeding ? context : 0);
    }

    /** The inner decoder's output: the scores without attention, else a vector of {@code context}. */
    int decoderOutput() {
        return attends() ? context : outputs;
    }
}
