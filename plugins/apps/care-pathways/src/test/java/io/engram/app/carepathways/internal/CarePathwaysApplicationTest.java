package io.engram.app.carepathways.internal;

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

class CarePathwaysApplicationTest {
    private final CarePathwaysApplication app = new CarePathwaysApplication();

    @TempDir
    Path dir;

    private Try<TaskData> load(Map<String, String> raw) {
        return app.load(app.schema().validate(raw, "data.").get(), 1);
    }

    @Test
    void patientsAreSplitApartAndEachTargetHasItsLoss() {
        TaskData d = load(Map.of("patients", "500")).get();
        assertEquals(500, d.train().size() + d.validation().size() + d.test().size());
        assertEquals(100, d.test().size());
        assertEquals("sigmoid-bce", d.loss());
        assertEquals(d.outputSize() + 1, d.inputSize());
        assertTrue(d.outputSize() > 60 && d.outputSize() <= 77, "codes: " + d.outputSize());
        TaskData i = load(Map.of("patients", "500", "target", "interval")).get();
        assertEquals("mse", i.loss());
        assertEquals(1, i.outputSize());
    }

    @Test
    void aFileLoadsAndItsProblemsAreReportedTogether() throws IOException {
        Path good = dir.resolve("good.csv");
        CareSimulator.write(CareSimulator.simulate(40, 2), good);
        TaskData d = load(Map.of("file", good.toString())).get();
        assertEquals(40, d.train().size() + d.validation().size() + d.test().size());
        assertTrue(d.source().endsWith("good.csv"), d.source());

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "patient,date,codes\np1,2026-02-30,I10\np1,2026-01-01,\n");
        Try<TaskData> failed = load(Map.of("file", bad.toString()));
        assertTrue(failed.isFailure());
        String message = failed.getCause().getMessage();
        assertTrue(message.contains("bad.csv:2") && message.contains("bad.csv:3"), message);
    }
}
