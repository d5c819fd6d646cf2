package io.engram.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void padsColumnsToTheWidestCell() {
        String table = Text.columns(List.of(List.of("ID", "KIND"), List.of("lstm", "family"), List.of("x", "trainer")));
        assertEquals("ID    KIND\nlstm  family\nx     trainer\n", table);
    }

    @Test
    void numbersHaveSixSignificantDigits() {
        assertEquals("0.123457", Text.number(0.1234567));
        assertEquals("42", Text.number(42.0));
        assertEquals("1.00000e-07", Text.number(1e-7));
        assertEquals("NaN", Text.number(Double.NaN));
    }
}
