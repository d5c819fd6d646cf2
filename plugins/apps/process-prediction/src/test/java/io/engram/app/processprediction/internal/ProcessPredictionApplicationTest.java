package io.engram.app.processprediction.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.TaskData;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessPredictionApplicationTest {
    private final ProcessPredictionApplication app = new ProcessPredictionApplication();

    @TempDir
    Path dir;

    private Try<TaskData> load(Map<String, String> raw) {
        return app.load(app.schema().validate(raw, "data.").get(), 1);
    }

    @Test
    void casesAreSplitInTimeAndEveryTargetHasItsLoss() {
        TaskData d = load(Map.of("cases", "300")).get();
        assertEquals(300, d.train().size() + d.validation().size() + d.test().size());
        assertEquals(99, d.test().size());
        assertEquals("softmax-ce", d.loss());
        assertEquals(15, d.outputSize()); // 14 activities and the end
        assertEquals(18, d.inputSize()); // 14 activities and 4 times
        TaskData r = load(Map.of("cases", "300", "target", "remaining-time")).get();
        assertEquals("mse", r.loss());
        assertEquals(1, r.outputSize());
        // every simulated case has two events or more, so each has a time target
        assertEquals(300, r.train().size() + r.validation().size() + r.test().size());
    }

    @Test
    void aCsvLogLoadsAndItsProblemsAreReportedTogether() throws IOException {
        Path good = dir.resolve("good.csv");
        StringBuilder sb = new StringBuilder("case;activity;timestamp\n");
        for (int c = 0; c < 12; c++) {
            sb.append("c").append(c).append(";Open;2026-01-0").append(1 + c % 9).append("T08:00:00\n");
            sb.append("c").append(c).append(";Close;2026-01-0").append(1 + c % 9).append("T10:00:00\n");
        }
        Files.writeString(good, sb);
        TaskData d = load(Map.of("file", good.toString(), "separator", ";")).get();
        assertEquals(12, d.train().size() + d.validation().size() + d.test().size());
        assertEquals(3, d.outputSize());

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "case,activity,timestamp\nc1,Open,soon\nc1,,2026-01-01\n");
        Try<TaskData> failed = load(Map.of("file", bad.toString()));
        assertTrue(failed.isFailure());
        String message = failed.getCause().getMessage();
        assertTrue(message.contains("bad.csv:2") && message.contains("bad.csv:3"), message);
    }
}
