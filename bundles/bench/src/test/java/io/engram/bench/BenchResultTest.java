package io.engram.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class BenchResultTest {

    private final BenchConfig small = BenchConfig.named("lstm_small").orElseThrow();

    @Test
    void statisticsOfTheTimedIterations() {
        BenchResult r = BenchResult.of(small, Mode.TRAIN, "cpu", "f32", 2, 3, new double[] {0.4, 0.1, 0.3, 0.2}, 1000);
        assertEquals(0.25, r.medianS(), 1e-12);
        assertEquals(0.1, r.minS(), 1e-12);
        assertEquals(0.4, r.maxS(), 1e-12);
        assertEquals(1600 / 0.25, r.tokensPerS(), 1e-9);
        assertEquals(small.flops(Mode.TRAIN) / 0.25 / 1e9, r.gflopsPerS(), 1e-9);
        assertEquals(4, r.reps());
        assertEquals(0.2, BenchResult.of(small, Mode.INFER, "cpu", "f32", 1, 0, new double[] {0.3, 0.2, 0.1}, 1).medianS(), 1e-12);
    }

    @Test
    void theJsonLineNamesTheBlas() throws Exception {
        String line = BenchResult.of(small, Mode.TRAIN, "cpu", "f32", 2, 3, new double[] {0.02, 0.01, 0.03}, 1,
                "OpenBLAS 0.3.31 (bundled, org.bytedeco:openblas 0.3.31-1.5.13)").toJson();
        JsonNode n = new ObjectMapper().readTree(line);
        assertEquals("OpenBLAS 0.3.31 (bundled, org.bytedeco:openblas 0.3.31-1.5.13)", n.get("blas").asText());
        assertEquals("", new ObjectMapper().readTree(BenchResult.of(small, Mode.TRAIN, "cpu", "f32", 2, 3,
                new double[] {0.02}, 1).toJson()).get("blas").asText());
    }

    @Test
    void oneJsonObjectPerLineWithEveryKeyAndPositiveNumbers() throws Exception {
        String line = BenchResult.of(small, Mode.INFER, "cpu", "f32", 2, 3, new double[] {0.02, 0.01, 0.03}, 123_456).toJson();
        assertTrue(!line.contains("\n"), line);
        JsonNode n = new ObjectMapper().readTree(line);
        for (String key : BenchResult.KEYS) {
            assertTrue(n.has(key), key + " missing in " + line);
        }
        assertEquals("lstm_small", n.get("config").asText());
        assertEquals("infer", n.get("mode").asText());
        assertEquals("cpu", n.get("backend").asText());
        assertEquals("f32", n.get("dtype").asText());
        assertEquals(2, n.get("threads").asInt());
        for (String key : new String[] {"median_s", "min_s", "max_s", "tokens_per_s", "gflops_per_s", "peak_heap_bytes"}) {
            assertTrue(n.get(key).isNumber() && n.get(key).asDouble() > 0, key + " in " + line);
        }
        assertEquals(0.02, n.get("median_s").asDouble(), 1e-15);
        assertEquals(small.flops(Mode.INFER), n.get("flops").asLong());
        assertEquals(128, n.get("output").asInt());
    }
}
