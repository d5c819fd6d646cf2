package io.engram.cli.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequencesTest {

    @Test
    void parsesStepsAndFeaturesSkippingCommentsAndBlankLines() {
        var result = Sequences.parse("# header\n0,1; 1,0 ;0.5,-2\n\n3,4\n", "in.txt");
        assertTrue(result.isValid(), () -> result.getError().mkString("\n"));
        List<double[][]> seqs = result.get();
        assertEquals(2, seqs.size());
        assertArrayEquals(new double[] {0.5, -2}, seqs.get(0)[2]);
        assertArrayEquals(new double[] {3, 4}, seqs.get(1)[0]);
    }

    @Test
    void reportsEveryProblemWithFileAndLine() {
        var result = Sequences.parse("1,2;x,3\n1,2,3\n1,2;;3,4\n", "in.txt");
        assertTrue(result.isInvalid());
        List<String> problems = result.getError().map(Problem::toString).toJavaList();
        assertEquals(List.of(
                "in.txt:1: step 2, feature 1: 'x' is not a number",
                "in.txt:2: step 1 has 3 features, expected 2",
                "in.txt:3: step 2 is empty"), problems);
    }

    @Test
    void emptyInputIsAProblem() {
        var result = Sequences.parse("# nothing\n", "in.txt");
        assertEquals("in.txt", result.getError().head().where());
    }

    @Test
    void formatsInTheSameSyntax() {
        assertEquals("0.25,1; -3,0.333333", Sequences.format(new double[][] {{0.25, 1}, {-3, 1.0 / 3}}));
    }
}
