package io.engram.app.handwriting.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StrokesCsvTest {
    private static List<Ink> read(String csv, List<String> problems) {
        return StrokesCsv.read("ink.csv", csv.getBytes(StandardCharsets.UTF_8), problems);
    }

    @Test
    void readsSamplesStrokesAndLabelsInAnyColumnOrder() {
        String csv = """
                label,sample,stroke,y,x,t
                "a,b",s1,0,2,1,0
                ,s1,0,4,3,0.01
                ,s1,1,6,5,0.05

                hi,s2,7,1,1,
                hi,s2,7,2,2,
                """;
        List<String> problems = new ArrayList<>();
        List<Ink> inks = read(csv, problems);
        assertEquals(List.of(), problems);
        assertEquals(2, inks.size());
        assertEquals("a,b", inks.get(0).label());
        assertEquals(2, inks.get(0).strokes().size());
        assertArrayEquals(new double[] {3, 4, 0.01}, inks.get(0).strokes().get(0)[1]);
        assertArrayEquals(new double[] {5, 6, 0.05}, inks.get(0).strokes().get(1)[0]);
        assertEquals("hi", inks.get(1).label());
        assertEquals("ink.csv:6", inks.get(1).where());
        assertTrue(Double.isNaN(inks.get(1).strokes().get(0)[0][2]));
    }

    @Test
    void badRowsAreNamedByLineAndColumnAllAtOnce() {
        String csv = """
                sample,stroke,x,y,label
                s1,0,1,oops,go
                s1,zero,1,2,
                s1,0,1,2,no
                s2,0,1,2,
                s1,0,1,2,go
                s3,0,1
                """;
        List<String> problems = new ArrayList<>();
        assertEquals(List.of(), read(csv, problems));
        assertEquals(List.of(
                "ink.csv:2:4: y 'oops' is not a finite number",
                "ink.csv:3:2: stroke 'zero' is not an integer",
                "ink.csv:4:5: label 'no' differs from sample s1's label 'go' on line 2",
                "ink.csv:5: sample s2 has no label",
                "ink.csv:6:1: sample s1 appears again after other samples (a sample's rows must be consecutive)",
                "ink.csv:7: 3 fields, the header has 5"), problems);
        problems.clear();
        read("sample,x,y,label\n", problems);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("ink.csv:1: the header lacks the column 'stroke'"), problems.get(0));
        problems.clear();
        read("", problems);
        assertTrue(problems.get(0).startsWith("ink.csv:1: empty"), problems.toString());
    }

    @Test
    void theGeneratorsInkWrittenAsCsvReadsBackUnchanged() throws IOException {
        Handwriter.Style style = Handwriter.style("w01", new SplittableRandom(3), 0.3, 0.5, 1.5);
        List<Ink> inks = List.of(Handwriter.word(style, "quiz", "w01-001", new SplittableRandom(4)),
                Handwriter.word(style, "box", "w01-002", new SplittableRandom(5)));
        StringWriter out = new StringWriter();
        StrokesCsv.write(inks, out);
        List<String> problems = new ArrayList<>();
        List<Ink> back = read(out.toString(), problems);
        assertEquals(List.of(), problems);
        assertEquals(2, back.size());
        for (int i = 0; i < 2; i++) {
            assertEquals(inks.get(i).id(), back.get(i).id());
            assertEquals(inks.get(i).label(), back.get(i).label());
            assertEquals("w01", back.get(i).writer());
            assertEquals(inks.get(i).strokes().size(), back.get(i).strokes().size());
            for (int s = 0; s < inks.get(i).strokes().size(); s++) {
                assertArrayEquals(inks.get(i).strokes().get(s)[0], back.get(i).strokes().get(s)[0]);
            }
        }
    }
}
