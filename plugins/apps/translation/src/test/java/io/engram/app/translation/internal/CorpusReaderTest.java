package io.engram.app.translation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorpusReaderTest {

    private static List<Pair> read(byte[] bytes, Problems problems) {
        return CorpusReader.pairs("c.tsv", bytes, 64, problems);
    }

    private static List<Pair> read(String text, Problems problems) {
        return read(text.getBytes(StandardCharsets.UTF_8), problems);
    }

    @Test
    void readsPairsSkippingBlankLinesAndCarriageReturns() {
        Problems problems = new Problems();
        List<Pair> pairs = read("\uFEFFthe cat\tel gato\r\n\n  \n# a sentence\tuna frase\nyes \t sí\n", problems);
        assertTrue(problems.isEmpty(), problems.all().mkString());
        assertEquals(List.of(new Pair("the cat", "el gato", "c.tsv:1"), new Pair("# a sentence", "una frase", "c.tsv:4"),
                new Pair("yes", "sí", "c.tsv:5")), pairs);
    }

    @Test
    void namesFileAndLineOfEveryProblem() {
        Problems problems = new Problems();
        read("ok\tbien\nno tab here\na\tb\tc\n\tsolo\nsolo\t  \n" + "x".repeat(70) + "\tlong\n", problems);
        String found = problems.all().mkString("\n");
        assertEquals(5, problems.all().size(), found);
        for (String expected : List.of("c.tsv:2: no tab", "c.tsv:3: more than one tab", "c.tsv:4: empty source",
                "c.tsv:5: empty target", "c.tsv:6: the line has 75 bytes")) {
            assertTrue(found.contains(expected), expected + " not in\n" + found);
        }
    }

    @Test
    void namesTheByteOfInvalidUtf8() {
        Problems problems = new Problems();
        byte[] bytes = "ab\tcd\nef\tg?h\n".getBytes(StandardCharsets.US_ASCII);
        bytes[10] = (byte) 0xC3;
        bytes[11] = (byte) 0x28;
        read(bytes, problems);
        String message = problems.all().mkString();
        assertTrue(message.contains("c.tsv:2") && message.contains("invalid UTF-8 at byte 10"), message);
    }

    @Test
    void anEmptyFileHoldsNoPairs() {
        Problems problems = new Problems();
        read("\n\n", problems);
        assertTrue(problems.all().mkString().contains("holds no sentence pairs"), problems.all().mkString());
    }
}
