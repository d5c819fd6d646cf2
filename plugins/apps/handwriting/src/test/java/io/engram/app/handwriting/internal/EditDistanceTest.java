package io.engram.app.handwriting.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EditDistanceTest {
    @Test
    void levenshteinDistancesOfCharactersAndWords() {
        assertEquals(3, EditDistance.chars("kitten", "sitting"));
        assertEquals(0, EditDistance.chars("same", "same"));
        assertEquals(4, EditDistance.chars("", "four"));
        assertEquals(4, EditDistance.chars("four", ""));
        assertEquals(1, EditDistance.words("the cat sat", "the cat sat down"));
        assertEquals(2, EditDistance.words("a b c", "a x c y"));
        assertEquals(0, EditDistance.words("  two   words ", "two words"));
    }

    @Test
    void errorRatesSumDistancesOverReferenceLengths() {
        double[] r = EditDistance.rates(List.of("cat", "dgo", ""), List.of("cat", "dog", "the end"));
        // characters: 0 + 2 + 7 over 3 + 3 + 7; words: 0 + 1 + 2 over 1 + 1 + 2
        assertArrayEquals(new double[] {9 / 13.0, 3 / 4.0}, r, 1e-12);
        assertArrayEquals(new double[] {0, 0}, EditDistance.rates(List.of(), List.of()));
        assertArrayEquals(new double[] {7.0, 2.0}, EditDistance.rates(List.of("xyz uvw"), List.of("a")), 1e-12);
    }
}
