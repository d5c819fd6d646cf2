package io.engram.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vavr.control.Either;
import java.util.List;

/**
 * The predict input reader's contract under arbitrary bytes: sequences of one width, or at most
 * {@value InputProblems#MAX_LISTED} short problems and a count, never an exception. {@code mvn verify}
 * replays the inputs under {@code SequencesFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class SequencesFuzzTest {
    /** The longest line of a report. */
    static final int LINE_LIMIT = 300;

    @FuzzTest(maxDuration = "5m")
    void read(FuzzedDataProvider data) {
        int inputSize = data.consumeInt(0, 4);
        InputProblems problems = new InputProblems();
        String text = Sequences.decode(data.consumeRemainingAsBytes(), "f", problems);
        Either<InputProblems, List<double[][]>> result = text == null ? Either.left(problems)
                : Sequences.parse(text, "f", inputSize);
        if (result.isLeft()) {
            InputProblems p = result.getLeft();
            assertTrue(p.total() > 0);
            assertTrue(p.lines().size() <= InputProblems.MAX_LISTED + 1, () -> p.lines().size() + " lines");
            p.lines().forEach(line -> assertTrue(line.length() <= LINE_LIMIT, line));
        } else {
            List<double[][]> sequences = result.get();
            assertTrue(!sequences.isEmpty());
            int width = sequences.get(0)[0].length;
            assertTrue(inputSize == 0 || width == inputSize);
            for (double[][] s : sequences) {
                for (double[] step : s) {
                    assertEquals(width, step.length);
                    for (double v : step) {
                        assertTrue(Double.isFinite(v));
                    }
                }
            }
        }
    }
}
