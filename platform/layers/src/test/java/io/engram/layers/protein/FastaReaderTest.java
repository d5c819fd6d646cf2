package io.engram.layers.protein;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FastaReaderTest {

    private static List<ProteinRecord> read(Problems problems, String... lines) {
        return FastaReader.read("p.fa", List.of(lines), problems);
    }

    @Test
    void readsMultiLineRecordsWithIdsDescriptionsAndLabels() {
        Problems problems = new Problems();
        List<ProteinRecord> r = read(problems, "; a comment", ">sp|P1| first protein label=kinase", "MKV-LA",
                "gw.y", "", ">P2", "ACDE", "  FG  ");
        assertTrue(problems.isEmpty(), problems.all().mkString());
        assertEquals(2, r.size());
        assertEquals(new ProteinRecord("sp|P1|", "MKVLAGWY", "kinase", "p.fa:2"), r.get(0));
        assertEquals("ACDEFG", r.get(1).residues());
        assertNull(r.get(1).label());
        assertEquals("p.fa:6", r.get(1).where());
    }

    @Test
    void namesFileLineAndCharacterOfEveryProblem() {
        Problems problems = new Problems();
        List<ProteinRecord> r = read(problems, "MKV", ">a", "AC1D", ">b", ">", "AA", ">c", "A*");
        assertEquals(List.of(
                "p.fa:1: sequence data before the first header line ('>id ...')",
                "p.fa:3: invalid residue character '1' (U+0031) at column 3; expected a one-letter amino-acid code or a gap (. or -)",
                "p.fa:4: record 'b' has no sequence",
                "p.fa:5: a header without an id (expected '>id description')",
                "p.fa:8: invalid residue character '*' (U+002A) at column 2; expected a one-letter amino-acid code or a gap (. or -)"),
                problems.all().map(Object::toString).toJavaList());
        assertEquals(List.of("a", "c"), r.stream().map(ProteinRecord::id).toList());
    }
}
