package io.engram.cli.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Problem;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequencesTest {

    @TempDir
    Path dir;

    private static List<String> problems(String text, int inputSize) {
        var result = Sequences.parse(text, "in.txt", inputSize);
        assertTrue(result.isLeft(), "expected problems");
        return result.getLeft().lines();
    }

    @Test
    void parsesStepsAndFeaturesSkippingCommentsAndBlankLines() {
        var result = Sequences.parse("# header\n0,1; 1,0 ;0.5,-2\n\n3,4\n", "in.txt", 0);
        assertTrue(result.isRight(), () -> String.join("\n", result.getLeft().lines()));
        List<double[][]> seqs = result.get();
        assertEquals(2, seqs.size());
        assertArrayEquals(new double[] {0.5, -2}, seqs.get(0)[2]);
        assertArrayEquals(new double[] {3, 4}, seqs.get(1)[0]);
    }

    @Test
    void reportsEveryProblemWithFileAndLine() {
        assertEquals(List.of(
                "in.txt:1: step 2, feature 1: 'x' is not a number",
                "in.txt:2: step 1 has 3 features, expected 2",
                "in.txt:3: step 2 is empty",
                "in.txt:4: step 1, feature 2: 'Infinity' is not finite"), problems("1,2;x,3\n1,2,3\n1,2;;3,4\n1,Infinity\n", 0));
    }

    @Test
    void emptyInputIsAProblem() {
        assertEquals(List.of("in.txt: no sequences: expected one sequence per line, steps separated by ';', "
                + "features by ','"), problems("# nothing\n", 0));
    }

    @Test
    void problemsAreCappedAtTwentyThenCounted() {
        String line = "x,".repeat(9_999) + "x\n";
        var result = Sequences.parse(line + line, "in.txt", 10_000);
        assertEquals(20_000, result.getLeft().total());
        List<String> lines = result.getLeft().lines();
        assertEquals(21, lines.size());
        assertEquals("in.txt:1: step 1, feature 20: 'x' is not a number", lines.get(19));
        assertEquals("... and 19980 more problems", lines.get(20));
    }

    @Test
    void aCellIsQuotedShortAndPrintable() {
        assertEquals(List.of("in.txt:1: step 1, feature 1: '" + "y".repeat(40) + "...' is not a number",
                "in.txt:1: step 1, feature 2: 'a\\u0007b' is not a number"), problems("y".repeat(10_000) + ",a\u0007b", 2));
    }

    @Test
    void theModelsInputSizeIsRequiredOfEveryStep() {
        assertEquals(List.of("in.txt:2: step 2 has 3 features, expected 2"), problems("1,2\n1,2;1,2,3\n", 2));
        assertEquals(List.of("in.txt:1: step 1 has 2 features, expected 3"), problems("1,2\n", 3));
    }

    @Test
    void absurdShapesAreRefusedByCountingSeparators() {
        assertEquals(List.of("in.txt:1: 100001 steps, more than the 100000 a sequence may have"),
                problems("1;".repeat(100_000) + "1", 0));
        assertEquals(List.of("in.txt:1: step 1 has 65537 features, more than the 65536 a step may have"),
                problems("1,".repeat(65_536) + "1", 0));
        var tooMany = new SequenceParser("in.txt", 0, 10).parse("1,2,3;4,5,6\n1,2,3;4,5,6\n");
        assertEquals(List.of("in.txt:2: the input holds more than 10 values; split it"), tooMany.getLeft().lines());
    }

    @Test
    void nonUtf8InputNamesTheLineAndByteOffset() throws IOException {
        Path file = dir.resolve("in.txt");
        Files.write(file, new byte[] {'1', ',', '2', '\n', '3', ',', (byte) 0xFF, '4', '\n'});
        assertEquals(List.of(file + ":2: byte offset 6: not UTF-8 (byte 0xFF)"),
                Sequences.read(file, 2).getLeft().lines());
        Files.write(file, new byte[] {'1', ',', (byte) 0xC3});
        assertEquals(List.of(file + ":1: byte offset 2: not UTF-8 (byte 0xC3)"),
                Sequences.read(file, 2).getLeft().lines());
    }

    @Test
    void aFileLargerThanTheLimitIsNotRead() throws IOException {
        Path file = dir.resolve("huge.txt");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(Sequences.MAX_BYTES + 1);
        }
        assertEquals(List.of(file + ": the file has 67108865 bytes, more than the 67108864 that predict reads"),
                Sequences.read(file, 2).getLeft().lines());
    }

    @Test
    void formatsInTheSameSyntax() {
        assertEquals("0.25,1; -3,0.333333", Sequences.format(new double[][] {{0.25, 1}, {-3, 1.0 / 3}}));
    }

    @Test
    void listedProblemsKeepTheirOrigin() {
        var result = Sequences.parse("1,x\n", "in.txt", 2);
        assertEquals(List.of(Problem.of("in.txt:1", "step 1, feature 2: 'x' is not a number")), result.getLeft().listed());
    }
}
