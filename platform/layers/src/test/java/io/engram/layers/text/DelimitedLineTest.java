package io.engram.layers.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DelimitedLineTest {
    @Test
    void quotedFieldsHoldTheSeparatorAndDoubledQuotes() {
        assertEquals(List.of("a,b", "say \"hi\"", ""), DelimitedLine.split("\"a,b\",\"say \"\"hi\"\"\",", ','));
        assertEquals(List.of(" x ", "y"), DelimitedLine.split(" x ;y", ';'));
    }

    @Test
    void aColumnIsFoundByItsStrippedNameOrNotAtAll() {
        assertEquals(1, DelimitedLine.column(List.of("case", " activity ", "activity"), "activity"));
        assertEquals(-1, DelimitedLine.column(List.of("case"), "time"));
    }
}
