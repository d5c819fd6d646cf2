package io.engram.family.seq2seq.internal;

import java.util.List;
import java.util.Locale;

/** The attention of an encoder-decoder, {@code model.attention}. */
enum AttentionKind {
    /** A fixed summary of the source only (Sutskever, Vinyals and Le 2014; Cho et al. 2014). */
    NONE,
    /** Bahdanau, Cho and Bengio 2015: {@link AdditiveAttention}. */
    ADDITIVE,
    /** Luong, Pham and Manning 2015, "general": {@link MultiplicativeAttention}. */
    MULTIPLICATIVE;

    /** The names a spec may give, in the order of the constants. */
    static final List<String> NAMES = List.of("none", "additive", "multiplicative");

    static AttentionKind of(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
