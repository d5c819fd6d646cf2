package io.engram.app.translation.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BLEU against sacrebleu's published test cases (test/test_bleu.py: corpus, raw, effective-order,
 * statistics, scoring and degenerate cases) and cases worked by hand.
 */
class BleuTest {
    private static final double EPSILON = 1e-8;

    private static final List<String> HYPOTHESES = List.of("The dog bit the man.", "It wasn't surprising.",
            "The man had just bitten him.");
    private static final List<List<String>> REFERENCES = List.of(
            List.of("The dog bit the man.", "It was not unexpected.", "The man bit him first."),
            List.of("The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."));

    @Test
    void sacrebleuCorpusCaseWith13aTokenisation() {
        double bleu = Bleu.score(Bleu.statistics(HYPOTHESES, REFERENCES, true), Bleu.Smoothing.NONE, 0, false);
        assertEquals(48.530827, bleu, 1e-6);
        assertEquals(48.530827, Bleu.score(Bleu.statistics(HYPOTHESES, REFERENCES, true), Bleu.Smoothing.EXP, 0,
                false), 1e-6);
    }

    @Test
    void sacrebleuCorpusCaseWithoutTokenisation() {
        assertEquals(49.1919566, Bleu.score(Bleu.statistics(HYPOTHESES, REFERENCES, false), Bleu.Smoothing.EXP, 0,
                false), 1e-6);
    }

    @Test
    void emptyHypothesesScoreZero() {
        assertEquals(0.0, Bleu.score(Bleu.statistics(List.of("", "", ""), REFERENCES, true), Bleu.Smoothing.EXP, 0,
                false));
    }

    @Test
    void sacrebleuStatisticsCase() {
        Bleu.Statistics s = Bleu.statistics(List.of("am I am a character sequence"),
                List.of(List.of("I am a symbol string sequence a a")), false);
        assertArrayEquals(new long[] {4, 2, 1, 0}, s.correct());
        assertArrayEquals(new long[] {6, 5, 4, 3}, s.total());
        assertEquals(0.1555722182, Bleu.score(s, Bleu.Smoothing.FLOOR, 0.1, false) / 100, EPSILON);
        assertEquals(0.0, Bleu.score(s, Bleu.Smoothing.FLOOR, 0.0, false) / 100, EPSILON);
    }

    @Test
    void sacrebleuScoringCase() {
        Bleu.Statistics s = new Bleu.Statistics(11, 11, new long[] {9, 7, 5, 3}, new long[] {10, 8, 6, 4});
        assertEquals(0.8375922397, Bleu.score(s, Bleu.Smoothing.NONE, 0, false) / 100, EPSILON);
    }

    @Test
    void sacrebleuRawCasesWithEffectiveOrder() {
        double[][] expected = {{0.003799178428257963}, {1.0}, {0.223606797749979}};
        List<List<String>> hyps = List.of(List.of("this is a test", "another test"), List.of("this is a test"),
                List.of("this is a fest"));
        List<List<String>> refs = List.of(List.of("ref1", "ref2"), List.of("this is a test"), List.of("this is a test"));
        for (int i = 0; i < hyps.size(); i++) {
            assertEquals(expected[i][0], raw(hyps.get(i), refs.get(i)), EPSILON, hyps.get(i).toString());
        }
        assertEquals(0.3678794411714425, raw(List.of("test"), List.of("a test")), EPSILON);
        assertEquals(1.0, raw(List.of("a test"), List.of("a test")), EPSILON);
        assertEquals(0.03218297948685433, raw(List.of("a little test"), List.of("a test")), EPSILON);
    }

    @Test
    void sacrebleuDegenerateStatisticsScoreZero() {
        long[][][] cases = {{{0, 0, 0, 0}, {4, 4, 2, 1}, {0, 1}}, {{0, 0, 0, 0}, {10, 11, 12, 0}, {14, 10}},
            {{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0}}, {{6, 5, 4, 0}, {6, 5, 4, 3}, {6, 6}}};
        for (long[][] c : cases) {
            assertEquals(0.0, Bleu.score(new Bleu.Statistics(c[2][0], c[2][1], c[0], c[1]), Bleu.Smoothing.FLOOR, 0,
                    false));
        }
    }

    /**
     * By hand: hypothesis "the cat sat on mat" (5 tokens) against "the cat sat on the mat" (6):
     * precisions 5/5, 3/4, 2/3, 1/2, brevity penalty exp(1 - 6/5), BLEU = 100 * exp(-0.2) * (1/4)^(1/4)
     * = 57.893...
     */
    @Test
    void handWorkedCase() {
        double expected = 100 * Math.exp(-0.2) * Math.pow(1.0 * 0.75 * (2.0 / 3) * 0.5, 0.25);
        assertEquals(expected, Bleu.corpus(List.of("the cat sat on mat"), List.of("the cat sat on the mat")), 1e-9);
        assertEquals(0.0, Bleu.corpus(List.of("cat the"), List.of("the cat")), "no bigram matches: no smoothing");
        assertEquals(100.0, Bleu.corpus(List.of("Hello, world!"), List.of("Hello , world !")), 1e-9,
                "13a splits the punctuation of both alike");
    }

    @Test
    void tokenizer13aSplitsAsMteval() {
        assertEquals(List.of("It", "wasn't", "3.5", "-", "4", ",", "a", "&", "b", "."),
                Tokenizer13a.tokenize("It wasn't 3.5-4, a &amp; b."));
    }

    private static double raw(List<String> hyps, List<String> refs) {
        return Bleu.score(Bleu.statistics(hyps, List.of(refs), false), Bleu.Smoothing.FLOOR, 0.01, true) / 100;
    }
}
