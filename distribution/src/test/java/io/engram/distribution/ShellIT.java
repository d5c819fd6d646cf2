package io.engram.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engram shell}: {@code exit} cancels the running job, which is recorded as CANCELLED, and ends the process. */
class ShellIT {

    static final Duration LIMIT = Duration.ofSeconds(120);

    @TempDir
    static Path tmp;
    static Path home;

    @BeforeAll
    static void install() throws Exception {
        home = Installation.copy(tmp);
    }

    @Test
    void exitCancelsTheRunningJobAndStops() throws Exception {
        Path spec = Specs.write(tmp, "endless.properties", Specs.ENDLESS);
        String id;
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "shell")) {
            p.type("engram:run " + spec);
            // engram:run answers with the job's state when it returns: queued, or running when a job thread took it at once
            String out = p.awaitOutput(o -> Pattern.compile("job-\\d+ (queued|running)").matcher(o).find(), LIMIT);
            Matcher m = Pattern.compile("(job-\\d+) (queued|running)").matcher(out);
            assertTrue(m.find(), out);
            id = m.group(1);
            p.type("engram:jobs");
            p.awaitOutput(o -> Pattern.compile(id + "\\s+\\S+\\s+RUNNING", Pattern.CASE_INSENSITIVE).matcher(o).find(), LIMIT);
            p.type("exit");
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            assertTrue(p.out().contains(id + ": cancelled"), p.transcript());
            assertFalse(p.transcript().contains("Cannot coerce"), p.transcript());
        }
        // the run store keeps the job, recorded as cancelled
        try (EngramProcess jobs = EngramProcess.start(home, Map.of(), "jobs")) {
            assertEquals(0, jobs.waitFor(LIMIT), jobs.transcript());
            assertTrue(Pattern.compile("(?m)^" + id + "\\s+CANCELLED\\b").matcher(jobs.out()).find(), jobs.out());
        }
    }
}
