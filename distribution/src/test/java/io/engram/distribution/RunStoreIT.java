package io.engram.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run store shared by the processes of an installation: {@code engram run} beside a running
 * {@code engram serve} gets an id of its own, the server lists the CLI's job, and {@code engram jobs}
 * shows, plots and exports it.
 */
class RunStoreIT {

    static final Duration LIMIT = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    @Test
    void runBesideServeSharesOneStore() throws Exception {
        Path home = Installation.copy(tmp);
        int port = Installation.freePort();
        Path spec = Specs.write(tmp, "tiny.properties", Specs.TINY);
        String served;
        String ran;
        try (EngramProcess serve = ServeIT.serve(home, port)) {
            Rest rest = new Rest(port, ServeIT.token(home));
            served = rest.post("/jobs", Specs.json(Specs.TINY), true).json().path("id").asText();
            rest.awaitState(served, LIMIT, "succeeded");
            try (EngramProcess run = EngramProcess.start(home, Map.of(), "run", spec.toString())) {
                assertEquals(0, run.waitFor(LIMIT), run.transcript());
                Matcher m = Pattern.compile("(?m)^(job-\\d+) SUCCEEDED in ").matcher(run.out());
                assertTrue(m.find(), run.transcript());
                ran = m.group(1);
            }
            assertNotEquals(served, ran, "the CLI's job has an id of its own");
            List<String> listed = new ArrayList<>();
            JsonNode jobs = rest.get("/jobs").json();
            (jobs.isArray() ? jobs : jobs.path("items")).forEach(j -> listed.add(j.path("id").asText()));
            assertEquals(List.of(ran, served), listed, "serve lists the job that engram run started, newest first");
            JsonNode record = rest.get("/jobs/" + ran).json();
            assertEquals("succeeded", record.path("state").asText().toLowerCase(java.util.Locale.ROOT), record.toString());
            assertEquals(200, rest.get("/jobs/" + served).status());
        }

        Path png = tmp.resolve("curves.png");
        Path csv = tmp.resolve("metrics.csv");
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "jobs", "show", ran, "--plot", png.toString(),
                "--csv", csv.toString())) {
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            assertTrue(p.out().startsWith(ran + "  "), p.transcript());
            assertTrue(Pattern.compile("(?m)^final metrics \\(epoch \\d+\\):\\n  train +loss [0-9.e+-]+\\n  validation ")
                    .matcher(p.out()).find(), p.transcript());
            assertTrue(p.out().contains("\n  test        "), "the test metrics as their own split: " + p.transcript());
        }
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth());
        assertEquals(560, image.getHeight());
        List<String> rows = Files.readAllLines(csv);
        assertEquals("step,epoch,split,name,value", rows.get(0));
        assertTrue(rows.stream().anyMatch(r -> r.matches("\\d+,\\d+,train,loss,[0-9.E-]+")), rows.toString());

        try (EngramProcess p = EngramProcess.start(home, Map.of(), "jobs")) {
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            List<String> lines = p.out().lines().toList();
            assertTrue(lines.get(0).startsWith("ID "), p.transcript());
            assertTrue(lines.get(1).startsWith(ran + "  SUCCEEDED"), p.transcript());
            assertTrue(lines.get(2).startsWith(served + "  SUCCEEDED"), p.transcript());
        }
        assertTrue(Files.isRegularFile(home.resolve("data/runs.mv.db")), "the store is one file under data/");
    }
}
