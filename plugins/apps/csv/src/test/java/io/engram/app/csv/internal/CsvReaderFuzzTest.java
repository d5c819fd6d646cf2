package io.engram.app.csv.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.engram.api.Problem;
import java.util.List;

/**
 * Any bytes read as a CSV file give sequences or problems, never another exception, and every
 * problem is short: it names a place and what is wrong, never the file's text.
 *
 * <p>In {@code mvn verify} this runs the inputs under {@code CsvReaderFuzzTestInputs/} (the seeds
 * and every crash the fuzzer found) once each; {@code JAZZER_FUZZ=1 mvn test -Dtest=CsvReaderFuzzTest}
 * fuzzes for {@code maxDuration}.
 */
class CsvReaderFuzzTest {

    /** The longest problem text: the file name, a line number, and a sentence. */
    static final int LONGEST = 160;
    private static final CsvLimits LIMITS = new CsvLimits(1 << 16, 32, 512, 64);

    @FuzzTest(maxDuration = "2m")
    void anyBytesGiveSequencesOrProblems(FuzzedDataProvider data) {
        boolean lines = data.consumeBoolean();
        boolean labels = data.consumeBoolean();
        byte[] bytes = data.consumeRemainingAsBytes();
        CsvSettings s = new CsvSettings("f.csv", "", "", "auto", lines ? "lines" : "rows", lines ? "" : "id",
                List.of("x"), List.of("y"), "all", labels ? "softmax-ce" : "mse", List.of(), 0.2, 1);
        Problems problems = new Problems();
        List<RawSequence> raw = CsvReader.read("f.csv", bytes, s, LIMITS, problems);
        List<String> classes = s.labels() ? Targets.classes(s, raw) : List.of();
        Targets.type(raw, s, classes, problems);
        assertTrue(problems.all().size() <= Problems.CAP + 1, "capped");
        for (Problem p : problems.all()) {
            assertTrue(p.toString().length() <= LONGEST, p.toString());
        }
    }
}
