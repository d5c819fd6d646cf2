package io.engram.app.handwriting.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InkmlReaderTest {
    private static List<Ink> read(String xml, List<String> problems) {
        return InkmlReader.read("words.inkml", xml.getBytes(StandardCharsets.UTF_8), problems);
    }

    @Test
    void readsLabelledTraceGroupsWithTracesAndTraceViews() {
        String xml = """
                <ink xmlns="http://www.w3.org/2003/InkML">
                  <trace xml:id="t1">10 0 0.0, 11 1 0.01, 12 2 0.02</trace>
                  <trace xml:id="t2">20 5 0.1, 21 6 0.11</trace>
                  <trace xml:id="t3">30 0</trace>
                  <traceGroup xml:id="g1">
                    <annotation type="truth">hi</annotation>
                    <annotation type="writer">ann</annotation>
                    <traceView traceDataRef="#t1"/>
                    <traceView traceDataRef="#t2"/>
                  </traceGroup>
                  <traceGroup>
                    <annotation type="truth">a</annotation>
                    <trace>1 2, 3 4</trace>
                  </traceGroup>
                </ink>
                """;
        List<String> problems = new ArrayList<>();
        List<Ink> inks = read(xml, problems);
        assertEquals(List.of(), problems);
        assertEquals(2, inks.size());
        Ink hi = inks.get(0);
        assertEquals("g1", hi.id());
        assertEquals("hi", hi.label());
        assertEquals("ann", hi.writer());
        assertEquals(2, hi.strokes().size());
        assertArrayEquals(new double[] {11, 1, 0.01}, hi.strokes().get(0)[1]);
        assertArrayEquals(new double[] {21, 6, 0.11}, hi.strokes().get(1)[1]);
        Ink a = inks.get(1);
        assertEquals("a", a.label());
        assertEquals("words#11", a.id());
        assertTrue(Double.isNaN(a.strokes().get(0)[0][2]), "no T channel: NaN time");
        assertEquals(3.0, a.strokes().get(0)[1][0]);
    }

    @Test
    void aTruthUnderInkMakesTheFileOneSampleInTheTraceFormatsChannelOrder() {
        String xml = """
                <ink>
                  <definitions><traceFormat><channel name="T"/><channel name="Y"/><channel name="X"/></traceFormat></definitions>
                  <annotation type="truth">ab</annotation>
                  <trace>0.5 7 3, 0.6 8 4</trace>
                  <trace>!0.7 9 5</trace>
                </ink>
                """;
        List<String> problems = new ArrayList<>();
        List<Ink> inks = read(xml, problems);
        assertEquals(List.of(), problems);
        assertEquals(1, inks.size());
        assertEquals("words", inks.get(0).id());
        assertEquals(2, inks.get(0).strokes().size());
        assertArrayEquals(new double[] {4, 8, 0.6}, inks.get(0).strokes().get(0)[1]);
        assertArrayEquals(new double[] {5, 9, 0.7}, inks.get(0).strokes().get(1)[0]);
    }

    @Test
    void badInputIsNamedByLineAndAllProblemsAreReported() {
        String xml = """
                <ink>
                  <trace xml:id="t1">1 2, 3</trace>
                  <trace xml:id="t2">1 2, 3 x</trace>
                  <trace xml:id="t3">1 2, '1 '1</trace>
                  <traceGroup>
                    <annotation type="truth">a</annotation>
                    <traceView traceDataRef="#t9"/>
                  </traceGroup>
                </ink>
                """;
        List<String> problems = new ArrayList<>();
        assertEquals(List.of(), read(xml, problems));
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("words.inkml:2:") && problems.get(0).contains("trace t1: point 2 has 1 value"),
                problems.get(0));
        assertTrue(problems.get(1).startsWith("words.inkml:3:") && problems.get(1).contains("Y value 'x' is not a number"),
                problems.get(1));
        assertTrue(problems.get(2).startsWith("words.inkml:4:") && problems.get(2).contains("difference-encoded"),
                problems.get(2));
        problems.clear();
        read(xml.replace("1 2, 3</trace>", "1 2</trace>").replace("3 x", "3 4").replace("'1 '1", "1 1"), problems);
        assertEquals(List.of("words.inkml:7: traceView refers to #t9, which no <trace> defines",
                "words.inkml:5: sample words#5 (\"a\") has no trace with points"), problems);
    }

    @Test
    void malformedXmlAndMissingLabelsAreRefused() {
        List<String> problems = new ArrayList<>();
        read("<ink>\n<trace>1 2</trace>\n<trace>3 4</ink>", problems);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("words.inkml:3:") && problems.get(0).contains("not well-formed InkML"),
                problems.get(0));
        problems.clear();
        read("<ink><trace>1 2</trace></ink>", problems);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("no <annotation type=\"truth\">"), problems.get(0));
        problems.clear();
        read("<svg/>", problems);
        assertEquals(List.of("words.inkml:1:1: not InkML: no <ink> element"), problems);
        problems.clear();
        read("<?xml version=\"1.0\"?><!DOCTYPE ink [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><ink>&x;</ink>", problems);
        assertEquals(1, problems.size(), "a DTD is refused: " + problems);
    }
}
