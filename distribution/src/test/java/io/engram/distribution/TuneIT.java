package io.engram.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engram tune} as a process: trials of a small LSTM job run by successive halving, the best
 * first in the table, and the spec written for it trains to the same metric under {@code engram run}.
 */
class TuneIT {

    static final Duration LIMIT = Duration.ofSeconds(240);

    static final String SEARCH = Specs.TINY.replace("trainer.epochs=2", "trainer.epochs=4") + """
            tune.strategy=asha
            tune.trials=5
            tune.seed=3
            tune.min.epochs=1
            tune.eta=2
            tune.model.hidden=2..8
            tune.trainer.lr=1e-3..1e-1 log
            """;

    @TempDir
    Path tmp;

    @Test
    void theBestTrialComesFirstAndItsSpecReproducesIt() throws Exception {
        Path home = Installation.copy(tmp);
        Path spec = Specs.write(tmp, "search.properties", SEARCH);
        List<String[]> rows = new ArrayList<>();
        String[] header;
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "tune", spec.toString())) {
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            List<String> lines = p.out().lines().toList();
            int h = 0;
            while (!lines.get(h).startsWith("trial ")) {
                h++;
            }
            header = lines.get(h).trim().split("\\s+");
            assertEquals(List.of("trial", "job", "model.hidden", "trainer.lr", "epochs", "validation.loss", "status"),
                    List.of(header));
            for (String line : lines.subList(h + 1, lines.size())) {
                if (line.startsWith("best:")) {
                    break;
                }
                rows.add(line.trim().split("\\s+"));
            }
            assertEquals(5, rows.size(), p.transcript());
            assertEquals("done", rows.get(0)[6], p.transcript());
            double best = Double.parseDouble(rows.get(0)[5]);
            for (String[] row : rows) {
                if (row[6].equals("done")) {
                    assertTrue(best <= Double.parseDouble(row[5]), "the first row is the best: " + p.out());
                }
            }
            assertTrue(rows.stream().anyMatch(r -> r[6].startsWith("stopped@")), "asha stops some: " + p.out());
            assertTrue(p.out().contains("best: trial " + rows.get(0)[0] + " (" + rows.get(0)[1] + ") validation.loss "
                    + rows.get(0)[5]), p.out());
            // every trial is a job of the run store
            try (EngramProcess jobs = EngramProcess.start(home, Map.of(), "jobs", "--limit", "100")) {
                assertEquals(0, jobs.waitFor(LIMIT), jobs.transcript());
                for (String[] row : rows) {
                    assertTrue(jobs.out().lines().anyMatch(l -> l.startsWith(row[1] + " ")), row[1] + ": " + jobs.out());
                }
            }
        }
        Path written = tmp.resolve("search.best.properties");
        Properties best = new Properties();
        try (var r = Files.newBufferedReader(written)) {
            best.load(r);
        }
        assertEquals(rows.get(0)[2], best.getProperty("model.hidden"));
        assertEquals(rows.get(0)[3], best.getProperty("trainer.lr"));
        assertEquals("4", best.getProperty("trainer.epochs"));
        assertTrue(best.stringPropertyNames().stream().noneMatch(k -> k.startsWith("tune.")), best.toString());

        try (EngramProcess p = EngramProcess.start(home, Map.of(), "run", written.toString())) {
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            java.util.regex.Matcher line = java.util.regex.Pattern.compile("(?m)^  validation +(?:.*, )?loss = ([^,\\s]+)")
                    .matcher(p.out());
            assertTrue(line.find(), p.transcript());
            double again = Double.parseDouble(line.group(1));
            double tuned = Double.parseDouble(rows.get(0)[5]);
            assertEquals(tuned, again, Math.abs(tuned) * 1e-5, p.out());
        }
    }

    @Test
    void badRangesAreAllNamedWithExitTwoAndNothingRuns() throws Exception {
        Path home = Installation.copy(tmp);
        Path spec = Specs.write(tmp, "bad.properties", Specs.TINY + """
                tune.strategy=fast
                tune.model.hidden=0..5000
                tune.model.units=8..64
                tune.trainer.lr=0.1..0.01
                tune.trainer.optimizer=sgd,adagrad
                """);
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "tune", spec.toString())) {
            assertEquals(2, p.waitFor(LIMIT), p.transcript());
            assertTrue(p.err().contains("was rejected (1 problem)"), p.transcript());
            assertTrue(p.err().contains("tune.strategy: expected random or asha, got 'fast'"), p.transcript());
        }
        Files.writeString(spec, Files.readString(spec).replace("tune.strategy=fast\n", ""));
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "tune", spec.toString())) {
            assertEquals(2, p.waitFor(LIMIT), p.transcript());
            String err = p.err();
            assertTrue(err.contains("was rejected (4 problems)"), p.transcript());
            for (String key : List.of("tune.model.hidden: 0..5000 leaves the bounds of hidden of family 'lstm'",
                    "tune.model.units: family 'lstm' has no parameter 'units'",
                    "tune.trainer.lr: the lower bound 0.1 is above the upper bound 0.01",
                    "tune.trainer.optimizer: 'adagrad': expected one of")) {
                assertTrue(err.contains(key), key + "\n" + p.transcript());
            }
            Path jobs = home.resolve("data/jobs");
            assertTrue(!Files.isDirectory(jobs) || Arrays.stream(jobs.toFile().list()).noneMatch(n -> n.startsWith("job-")),
                    "no trial was run");
        }
    }

    @Test
    void terminatingTheSearchCancelsItsTrials() throws Exception {
        Path home = Installation.copy(tmp);
        Path spec = Specs.write(tmp, "endless.properties", Specs.ENDLESS + "tune.trials=2\ntune.model.hidden=8..16\n");
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "tune", spec.toString())) {
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (!p.err().contains("trial 2 job-") && System.nanoTime() < deadline && p.alive()) {
                Thread.sleep(100);
            }
            assertTrue(p.err().contains("trial 2 job-"), p.transcript());
            p.terminate();
            assertEquals(1, p.waitFor(LIMIT), p.transcript());
            assertTrue(p.err().contains("interrupted: cancelling 2 trials"), p.transcript());
            assertTrue(p.out().contains("cancelled"), p.transcript());
            assertTrue(!Files.exists(tmp.resolve("endless.best.properties")), "no best spec after an interruption");
        }
    }
}
