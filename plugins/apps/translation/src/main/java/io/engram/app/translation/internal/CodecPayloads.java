package io.engram.app.translation.internal;

import io.engram.api.Payloads;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The vocabularies and BPE merges of a task as checkpoint payloads (strings), and back:
 * {@code translation.source.vocabulary} and {@code translation.target.vocabulary} hold the tokens in
 * id order; {@code translation.source.merges} and {@code translation.target.merges}, present with
 * {@code data.tokens=bpe}, hold the merges in the order learned, each as {@code "left right"}.
 * Stateless.
 */
final class CodecPayloads {
    static final String PREFIX = "translation.";

    private CodecPayloads() {
    }

    static Payloads of(TextCodec source, TextCodec target) {
        Map<String, List<String>> strings = new LinkedHashMap<>();
        put(strings, "source", source);
        put(strings, "target", target);
        return new Payloads(Map.of(), Map.of(), strings);
    }

    private static void put(Map<String, List<String>> strings, String side, TextCodec codec) {
        strings.put(PREFIX + side + ".vocabulary", codec.vocabulary().tokens());
        codec.bpe().ifPresent(b -> strings.put(PREFIX + side + ".merges",
                b.merges().stream().map(m -> m[0] + " " + m[1]).toList()));
    }

    /**
     * The codec of one side ({@code source} or {@code target}) from the payloads.
     *
     * @throws IllegalArgumentException naming the payload that is missing or malformed
     */
    static TextCodec codec(Payloads payloads, String side, TranslationSettings s) {
        String name = PREFIX + side + ".vocabulary";
        List<String> tokens = payloads.strings(name).orElseThrow(() -> new IllegalArgumentException(
                "the checkpoint holds no payload '" + name + "': it was not trained on the translation application"));
        Vocabulary vocabulary;
        try {
            vocabulary = new Vocabulary(tokens);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("payload '" + name + "': " + e.getMessage(), e);
        }
        Optional<Bpe> bpe = Optional.empty();
        if (s.bpe()) {
            String mergesName = PREFIX + side + ".merges";
            List<String> merges = payloads.strings(mergesName).orElseThrow(() -> new IllegalArgumentException(
                    "the checkpoint holds no payload '" + mergesName + "', which data.tokens=bpe needs"));
            List<String[]> pairs = new ArrayList<>();
            for (int i = 0; i < merges.size(); i++) {
                String[] pair = merges.get(i).split(" ", -1);
                if (pair.length != 2 || pair[0].isEmpty() || pair[1].isEmpty()) {
                    throw new IllegalArgumentException("payload '" + mergesName + "', entry " + i
                            + ": a merge is two symbols separated by one space");
                }
                pairs.add(pair);
            }
            bpe = Optional.of(new Bpe(pairs));
        }
        return new TextCodec(s.tokenizer(), bpe, vocabulary);
    }
}
