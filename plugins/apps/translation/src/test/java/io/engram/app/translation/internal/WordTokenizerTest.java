package io.engram.app.translation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WordTokenizerTest {
    private static final String J = WordTokenizer.JOINER;

    @Test
    void splitsPunctuationWithJoiners() {
        assertEquals(List.of("Hello", J + ",", "world", J + "!"), new WordTokenizer(false).tokenize("Hello, world!"));
        assertEquals(List.of("html", J + "-" + J, "renderer", "-", "files", "(" + J, "c", J + ")"),
                new WordTokenizer(true).tokenize("HTML-renderer - files (C)"));
    }

    @Test
    void detokenisationRestoresTheText() {
        WordTokenizer words = new WordTokenizer(false);
        for (String s : List.of("Hello, world!", "C HTML-renderer - development files (documentation)",
                "¿Dónde está el baño?", "It's 3.5 km, isn't it?", "a", "\"quoted\" text; more: yes...")) {
            assertEquals(s, WordTokenizer.detokenize(words.tokenize(s)), s);
        }
    }

    @Test
    void bpeRoundTripsThroughSubwords() {
        WordTokenizer words = new WordTokenizer(false);
        java.util.LinkedHashMap<String, Integer> counts = new java.util.LinkedHashMap<>();
        words.tokenize("the lowest, newest widget (widest)").forEach(t -> counts.merge(t, 1, Integer::sum));
        Bpe bpe = Bpe.learn(counts, 20);
        String s = "the newest, lowest gadget (wide)";
        List<String> subwords = TextCodec.subwords(words.tokenize(s), Optional.of(bpe));
        assertEquals(s, WordTokenizer.detokenize(Bpe.join(subwords)));
    }

    @Test
    void lowercasesAndCollapsesSpace() {
        assertEquals("el gato", new WordTokenizer(true).normalize("  El   GATO "));
    }
}
