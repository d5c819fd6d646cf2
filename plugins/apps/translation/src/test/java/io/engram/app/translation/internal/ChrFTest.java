package io.engram.app.translation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** chrF against sacrebleu's published test cases (test/test_chrf.py) and a case worked by hand. */
class ChrFTest {
    private static final double EPSILON = 1e-4;

    @Test
    void sacrebleuEffectiveOrderCases() {
        assertEquals(100.0, beta3(List.of("a"), List.of("a")), EPSILON);
        assertEquals(0.0, beta3(List.of(""), List.of("reference")), EPSILON);
        assertEquals(100.0, beta3(List.of("a b c"), List.of("a b c")), EPSILON);
        assertEquals(100.0, beta3(List.of("a b c"), List.of("abc")), EPSILON);
        assertEquals(0.0, beta3(List.of(""), List.of("c")), EPSILON);
        assertEquals(50.0, beta3(List.of("a", "b"), List.of("a", "c")), EPSILON);
        assertEquals(25.0, beta3(List.of("aa"), List.of("ab")), EPSILON);
    }

    @Test
    void sacrebleuCasesKeepingWhitespace() {
        assertEquals(67.3481606, ChrF.corpus(
                List.of("Die Beziehung zwischen Obama und Netanjahu ist nicht gerade freundlich."),
                List.of("Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich."),
                6, 3, true, false), EPSILON);
        assertEquals(65.2414427, ChrF.corpus(
                List.of("risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists ."),
                List.of("risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists ."),
                6, 3, true, false), EPSILON);
    }

    @Test
    void sacrebleuEpsilonSmoothingCases() {
        assertEquals(8.3333, ChrF.corpus(List.of("aa"), List.of("ab"), 6, 3, false, true), EPSILON);
        assertEquals(16.6667, ChrF.corpus(List.of("a"), List.of("a"), 6, 3, false, true), EPSILON);
        assertEquals(50.0, ChrF.corpus(List.of("a b c"), List.of("abc"), 6, 3, false, true), EPSILON);
        assertEquals(64.1302698, ChrF.corpus(
                List.of(" Die    Beziehung zwischen  Obama und Netanjahu ist nicht gerade  freundlich. "),
                List.of("Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich."),
                6, 3, false, true), EPSILON);
        assertEquals(39.14078509, ChrF.corpus(
                List.of("Co nás nejvíc trápí, protože lékaři si vybírají, kdo bude žít a kdo zemře."),
                List.of("Nejvíce smutní jsme z toho, že musíme rozhodovat o tom, kdo bude žít a kdo zemře."),
                6, 2, false, true), EPSILON);
    }

    /**
     * By hand, beta 2: "ab" against "abc": 1-grams 2/2 matched of 2 (precision 1, recall 2/3), 2-grams
     * 1 of 1 (precision 1, recall 1/2); orders 3 to 6 have no hypothesis n-grams. Averages P = 1,
     * R = 7/12; F = 5PR / (4P + R) = (35/12) / (55/12) = 7/11.
     */
    @Test
    void handWorkedCase() {
        assertEquals(100.0 * 7 / 11, ChrF.corpus(List.of("ab"), List.of("abc")), 1e-9);
    }

    private static double beta3(List<String> hyps, List<String> refs) {
        return ChrF.corpus(hyps, refs, 6, 3, false, false);
    }
}
