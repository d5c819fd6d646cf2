package io.engram.app.speech.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EditDistanceTest {

    @Test
    void levenshteinOnLabelsAndWords() {
        assertEquals(3, EditDistance.of(Alphabet.encode("kitten"), Alphabet.encode("sitting")));
        assertEquals(0, EditDistance.of(new int[0], new int[0]));
        assertEquals(4, EditDistance.of(new int[0], Alphabet.encode("four")));
        assertEquals(1, EditDistance.words("three one four", "three four"));
        assertEquals(2, EditDistance.words("one two", "two one"));
        assertEquals(3, EditDistance.words("", "one  two three "));
        assertEquals(0, EditDistance.words("  ", ""));
    }

    @Test
    void transcriptsBecomeLabelsOneToTwentyEight() {
        assertArrayEquals(new int[] {1, 27, 26, 27, 28}, Alphabet.encode("  A\tZ  '"));
        assertEquals("a z '", Alphabet.normalise("  A\tZ  '"));
        assertEquals("don't", Alphabet.decode(Alphabet.encode("Don't")));
        assertEquals(29, Alphabet.CLASSES);
        assertEquals("character U+0033 at position 4 of the transcript is not one of a-z, space and apostrophe",
                assertThrows(IllegalArgumentException.class, () -> Alphabet.encode("one3")).getMessage());
    }
}
