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

    /**
     * The incremental counts give the merges of algorithm 1 recounting every pair after every merge
     * (ties to the first occurrence), on 300 random words over 6 letters.
     */
    @Test
    void incrementalCountsMatchRecountingEveryMerge() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        LinkedHashMap<String, Integer> words = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            StringBuilder w = new StringBuilder();
            for (int n = 1 + r.nextInt(8); n > 0; n--) {
                w.append((char) ('a' + r.nextInt(6)));
            }
            words.merge(w.toString(), 1 + r.nextInt(5), Integer::sum);
        }
        List<String> expected = recounting(words, 150);
        assertEquals(150, expected.size());
        assertEquals(expected, Bpe.learn(words, 150).merges().stream().map(m -> m[0] + " " + m[1]).toList());
    }

    private static List<String> recounting(LinkedHashMap<String, Integer> words, int count) {
        List<List<String>> symbols = new java.util.ArrayList<>();
        List<Integer> freq = new java.util.ArrayList<>();
        words.forEach((w, f) -> {
            List<String> s = new java.util.ArrayList<>(w.chars().mapToObj(Character::toString).toList());
            s.add(Bpe.END);
            symbols.add(s);
            freq.add(f);
        });
        List<String> merges = new java.util.ArrayList<>();
        for (int m = 0; m < count; m++) {
            LinkedHashMap<String, Long> pairs = new LinkedHashMap<>();
            for (int i = 0; i < symbols.size(); i++) {
                for (int j = 0; j + 1 < symbols.get(i).size(); j++) {
                    pairs.merge(symbols.get(i).get(j) + " " + symbols.get(i).get(j + 1), (long) freq.get(i), Long::sum);
                }
            }
            String best = null;
            for (var e : pairs.entrySet()) {
                best = best == null || e.getValue() > pairs.get(best) ? e.getKey() : best;
            }
            if (best == null) {
                break;
            }
            merges.add(best);
            String[] p = best.split(" ");
            for (List<String> s : symbols) {
                for (int j = 0; j + 1 < s.size(); j++) {
                    if (s.get(j).equals(p[0]) && s.get(j + 1).equals(p[1])) {
                        s.set(j, p[0] + p[1]);
                        s.remove(j + 1);
                    }
                }
            }
        }
        return merges;
    }
}
