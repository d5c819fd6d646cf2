package io.engram.tune.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BestSpecTest {

    @TempDir
    Path dir;

    @Test
    void theBestSpecLiesBesideTheTuningSpec() {
        assertEquals(dir.resolve("tune-waves.best.properties"), BestSpec.target(dir.resolve("tune-waves.properties")));
        assertEquals(dir.resolve("search.best.properties"), BestSpec.target(dir.resolve("search.yaml")));
    }

    @Test
    void theTrialsValuesReplaceTheSpecsInItsOrderAndReadBackUnchanged() throws Exception {
        Map<String, String> base = new LinkedHashMap<>();
        base.put("job.name", "w");
        base.put("model.hidden", "16");
        base.put("trainer.lr", "0.01");
        base.put("data.file", "C:\\data\\a b.csv");
        base.put("job.note", " leading space, # and = inside: ok!");
        Map<String, String> spec = BestSpec.merge(base, Map.of("model.hidden", "31", "model.dropout", "0.2"));
        assertEquals(List.of("job.name", "model.hidden", "trainer.lr", "data.file", "job.note", "model.dropout"),
                List.copyOf(spec.keySet()));
        Path target = dir.resolve("s.best.properties");
        Files.writeString(target, "old");
        BestSpec.write(target, List.of("best of 9"), spec);
        Properties read = new Properties();
        try (Reader r = Files.newBufferedReader(target, StandardCharsets.UTF_8)) {
            read.load(r);
        }
        Map<String, String> back = new LinkedHashMap<>();
        read.stringPropertyNames().forEach(k -> back.put(k, read.getProperty(k)));
        assertEquals(new java.util.TreeMap<>(spec), new java.util.TreeMap<>(back));
        assertEquals("# best of 9", Files.readAllLines(target).get(0));
        assertEquals(List.of("s.best.properties"), Files.list(dir).map(p -> p.getFileName().toString()).toList());
    }
}
