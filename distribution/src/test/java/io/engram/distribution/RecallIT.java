package io.engram.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An associative memory stored by {@code engram run}, then cued by {@code engram recall}, as processes. */
class RecallIT {

    static final Duration LIMIT = Duration.ofSeconds(120);
    static final int UNITS = 64;

    @TempDir
    static Path tmp;
    static Path home;

    @BeforeAll
    static void install() throws Exception {
        home = Installation.copy(tmp);
    }

    @Test
    void storedPatternsAreRecalledAndACueSettlesInAFixedPointOfLowerEnergy() throws Exception {
        Path checkpoint = home.resolve("data/models/hopfield/1/model.ckpt");
        Path spec = Specs.write(tmp, "hopfield.properties", """
                job.name=hopfield
                seed=1
                backend=cpu
                dtype=f64
                model.family=hopfield
                model.units=64
                trainer=hebbian
                data.app=patterns
                data.size=64
                data.load=0.05
                data.test.size=30
                checkpoint=hopfield.ckpt
                """);
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "run", spec.toString())) {
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            assertTrue(java.util.regex.Pattern.compile("(?m)^  validation .*\\bpatterns = 3\\b").matcher(p.out()).find(), p.out());
            assertTrue(java.util.regex.Pattern.compile("(?m)^  test +bit\\.error = 0\\b").matcher(p.out()).find(), p.out());
        }
        SplittableRandom r = new SplittableRandom(5);
        String cue = IntStream.range(0, UNITS).mapToObj(i -> r.nextBoolean() ? "1" : "-1").collect(Collectors.joining(","));
        String[] first = recall(checkpoint, Specs.write(tmp, "cue.txt", cue + "\n"));
        double energy = Double.parseDouble(first[2]);
        assertTrue(energy < Double.parseDouble(first[4]), "energy " + energy + " below the cue's " + first[4]);
        String[] again = recall(checkpoint, Specs.write(tmp, "settled.txt", first[0] + "\n"));
        assertEquals(first[0], again[0], "the settled state is a fixed point");
        assertEquals(first[2], again[4], "whose energy is the new cue's");

        Path bad = Specs.write(tmp, "bad.txt", "1,-1\n");
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "recall", checkpoint.toString(), bad.toString())) {
            assertEquals(2, p.waitFor(LIMIT), p.transcript());
            assertTrue(p.err().contains(bad + ": cue 0: expected 64 unit values, got 2"), p.transcript());
        }
    }

    /** The one output line of {@code engram recall}, split at spaces: state, "energy", E, "cue.energy", C. */
    private static String[] recall(Path checkpoint, Path cues) throws Exception {
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "recall", checkpoint.toString(), cues.toString())) {
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            List<String> lines = p.out().lines().toList();
            assertEquals(1, lines.size(), p.transcript());
            String[] parts = lines.get(0).split(" ");
            assertEquals(5, parts.length, lines.get(0));
            assertEquals(UNITS, parts[0].split(",").length, "every unit");
            assertTrue(parts[0].matches("(-?1,)*-?1"), "bipolar: " + parts[0]);
            return parts;
        }
    }
}
