package io.engram.app.translation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class BpeTest {

    /** The dictionary of Sennrich, Haddow and Birch (2016), algorithm 1, in its order. */
    private static LinkedHashMap<String, Integer> paperWords() {
        LinkedHashMap<String, Integer> words = new LinkedHashMap<>();
        words.put("low", 5);
        words.put("lower", 2);
        words.put("newest", 6);
        words.put("widest", 3);
        return words;
    }

    @Test
    void learnsThePapersMergesOnItsExample() {
        Bpe bpe = Bpe.learn(paperWords(), 10);
        assertEquals(List.of("e s", "es t", "est </w>", "l o", "lo w", "n e", "ne w", "new est</w>", "low </w>",
                "w i"), bpe.merges().stream().map(m -> m[0] + " " + m[1]).toList());
    }

    @Test
    void segmentsUnseenWordsWithTheLearnedMerges() {
        Bpe bpe = Bpe.learn(paperWords(), 10);
        assertEquals(List.of("low", "est</w>"), bpe.segment("lowest"), "the paper's example of an unseen word");
        assertEquals(List.of("new", "e", "r", "</w>"), bpe.segment("newer"));
        assertEquals(List.of("x", "</w>"), bpe.segment("x"));
    }

    @Test
    void joinsSubwordsBackIntoWords() {
        Bpe bpe = Bpe.learn(paperWords(), 10);
        List<String> subwords = new java.util.ArrayList<>(bpe.segment("lowest"));
        subwords.addAll(bpe.segment("widen"));
        assertEquals(List.of("lowest", "widen"), Bpe.join(subwords));
    }

    @Test
    void stopsWhenNothingIsLeftToMerge() {
        LinkedHashMap<String, Integer> words = new LinkedHashMap<>();
        words.put("ab", 1);
        assertEquals(2, Bpe.learn(words, 50).merges().size(), "a b, then ab </w>");
    }
}
