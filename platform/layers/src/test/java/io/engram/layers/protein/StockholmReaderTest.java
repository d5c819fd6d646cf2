package io.engram.layers.protein;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StockholmReaderTest {

    private static List<ProteinRecord> read(Problems problems, String... lines) {
        return StockholmReader.read("f.sto", List.of(lines), problems);
    }

    @Test
    void readsSeveralAlignmentsInBlocksIgnoringAnnotationGapsAndCase() {
        Problems problems = new Problems();
        List<ProteinRecord> r = read(problems,
                "# STOCKHOLM 1.0",
                "#=GF ID   fn3",
                "#=GF DE   Fibronectin type III domain",
                "#=GS A/1-8 AC P00001",
                "A/1-8   KP..vtL",
                "B/3-9   -PN.LSL",
                "#=GR A/1-8 SS  CCCHHHH",
                "#=GC SS_cons   CCCHHHH",
                "",
                "A/1-8   WE",
                "B/3-9   s-",
                "//",
                "",
                "# STOCKHOLM 1.0",
                "#=GF ID Globin",
                "HBB     MVHLTPEEK",
                "//");
        assertTrue(problems.isEmpty(), problems.all().mkString());
        assertEquals(List.of(
                new ProteinRecord("A/1-8", "KPVTLWE", "fn3", "f.sto:5"),
                new ProteinRecord("B/3-9", "PNLSLS", "fn3", "f.sto:6"),
                new ProteinRecord("HBB", "MVHLTPEEK", "Globin", "f.sto:16")), r);
    }

    @Test
    void namesFileLineOfEveryProblem() {
        Problems problems = new Problems();
        read(problems,
                "# STOCKHOLM 1.0",
                "A   KP#L",
                "B   KP L",
                "C   ...",
                "//",
                "# STOCKHOLM 1.0",
                "#=GF ID x",
                "D   MK");
        assertEquals(List.of(
                "f.sto:2: invalid residue character '#' (U+0023) at column 7; expected a one-letter amino-acid code or a gap (. or -)",
                "f.sto:3: expected 'name aligned-sequence', found 3 fields",
                "f.sto:1: alignment has no '#=GF ID' line naming its family",
                "f.sto:4: row 'C' has no residues (only gaps)",
                "f.sto:6: alignment not terminated: no '//' before the end of the file"),
                problems.all().map(Object::toString).toJavaList());
    }

    @Test
    void refusesTextBeforeTheHeader() {
        Problems problems = new Problems();
        read(problems, "", "A KPL", "//");
        assertEquals("f.sto:2: expected '# STOCKHOLM 1.0' to open an alignment", problems.all().head().toString());
    }
}
