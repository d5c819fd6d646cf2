package io.engram.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engram bench} as a process: JSON lines on standard output, exit statuses. */
class BenchIT {

    static final Duration LIMIT = Duration.ofSeconds(180);

    static final List<String> KEYS = List.of("config", "mode", "backend", "dtype", "threads", "median_s", "min_s", "max_s",
            "tokens_per_s", "gflops_per_s", "peak_heap_bytes", "step_heap_bytes", "heap_before_bytes");

    @TempDir
    Path tmp;

    @Test
    void lstmSmallPrintsOneJsonLinePerMode() throws Exception {
        Path home = Installation.copy(tmp);
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "bench", "--config", "lstm_small", "--reps", "2",
                "--warmup", "1", "--threads", "1")) {
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            List<JsonNode> lines = jsonLines(p);
            assertEquals(2, lines.size(), p.transcript());
            assertEquals(List.of("train", "infer"), lines.stream().map(n -> n.get("mode").asText()).toList());
            for (JsonNode n : lines) {
                for (String key : KEYS) {
                    assertTrue(n.has(key), key + " missing: " + n);
                }
                assertEquals("lstm_small", n.get("config").asText());
                assertEquals("cpu", n.get("backend").asText());
                assertEquals("f32", n.get("dtype").asText());
                assertEquals(1, n.get("threads").asInt(), n.toString());
                assertEquals(2, n.get("reps").asInt());
                assertTrue(n.get("min_s").asDouble() > 0 && n.get("min_s").asDouble() <= n.get("median_s").asDouble()
                        && n.get("median_s").asDouble() <= n.get("max_s").asDouble(), n.toString());
                assertEquals(1600 / n.get("median_s").asDouble(), n.get("tokens_per_s").asDouble(), 1e-6 * n.get("tokens_per_s").asDouble());
                assertTrue(n.get("gflops_per_s").asDouble() > 0 && n.get("peak_heap_bytes").asLong() > 0, n.toString());
            }
            assertTrue(p.err().contains("engram bench: backend io.engram.backend.cpu"), p.transcript());
        }
    }

    @Test
    void theTwoLayerLstmTheNtmAndTheEsnFitRunWithTheirStepMemory() throws Exception {
        Path home = Installation.copy(tmp);
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "bench", "--config", "lstm2_std,ntm_step,esn_fit",
                "--hidden", "16", "--seq", "150", "--batch", "2", "--reps", "1", "--warmup", "1", "--threads", "1")) {
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            List<JsonNode> lines = jsonLines(p);
            assertEquals(List.of("lstm2_std", "lstm2_std", "ntm_step", "ntm_step", "esn_fit", "esn_fit"),
                    lines.stream().map(n -> n.get("config").asText().replaceAll(":.*", "")).toList(), p.transcript());
            for (JsonNode n : lines) {
                assertTrue(n.get("step_heap_bytes").asLong() > 0 && n.get("heap_before_bytes").asLong() > 0, n.toString());
            }
            assertEquals(2, lines.get(0).get("layers").asInt());
            assertEquals(8, lines.get(2).get("output").asInt());
            assertEquals("esn", lines.get(4).get("family").asText());
            assertTrue(p.err().contains("trainer io.engram.trainer.ridge"), p.transcript());
        }
    }

    @Test
    void badOptionsAreListedWithExitTwo() throws Exception {
        Path home = Installation.copy(tmp);
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "bench", "--config", "lstm_tiny", "--threads", "x")) {
            assertEquals(2, p.waitFor(LIMIT), p.transcript());
            assertTrue(p.err().contains("the options were rejected (2 problems)"), p.transcript());
            assertTrue(p.err().contains("threads: 'x' is not a whole number"), p.transcript());
            assertTrue(p.err().contains("config: unknown 'lstm_tiny'"), p.transcript());
            assertEquals("", p.out().strip(), p.transcript());
        }
    }

    /** The JSON objects the bench printed, one per non-blank line of its standard output. */
    private static List<JsonNode> jsonLines(EngramProcess p) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : p.out().split("\n")) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        return lines;
    }
}
