package io.engram.sweep.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SweepOptionsTest {

    @Test
    void defaultsSweepTwoToEightBitsAtFourNoiseLevels() {
        SweepOptions o = SweepOptions.parse(Map.of()).get();
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8), o.bits());
        assertEquals(List.of(0.0, 0.5, 1.0, 2.0), o.noise());
        assertEquals(Optional.empty(), o.checkpoint());
        assertEquals(Path.of(".").toAbsolutePath().normalize(), o.out());
        assertEquals(1L, o.seed());
        assertEquals(1, o.threads());
    }

    @Test
    void listsRangesAndPathsAreRead() {
        SweepOptions o = SweepOptions.parse(Map.of("bits", "3, 6,8", "noise", "1", "out", "/tmp/s", "checkpoint",
                "/tmp/m.ckpt", "seed", "-7", "threads", "4")).get();
        assertEquals(List.of(3, 6, 8), o.bits());
        assertEquals(List.of(1.0), o.noise());
        assertEquals(Path.of("/tmp/s"), o.out());
        assertEquals(Optional.of(Path.of("/tmp/m.ckpt")), o.checkpoint());
        assertEquals(-7L, o.seed());
        assertEquals(4, o.threads());
        assertEquals(List.of(4, 5), SweepOptions.parse(Map.of("bits", "4-5")).get().bits());
    }

    @Test
    void everyProblemIsReportedAtOnceNamingItsKey() {
        assertEquals(List.of("colour: unknown option (known: bits, checkpoint, noise, out, seed, threads)",
                "bits: expected bit depths in [2, 16], got '1-8'",
                "noise: expected factors >= 0 separated by commas, got '0,-1'",
                "seed: expected a 64-bit integer, got 'x'",
                "threads: expected a whole number in [1, 256], got '0'"),
                SweepOptions.parse(Map.of("colour", "blue", "bits", "1-8", "noise", "0,-1", "seed", "x", "threads", "0"))
                        .getError().toJavaList());
        assertEquals(List.of("bits: expected a range such as 2-8 or a list such as 2,4,8, got 'many'"),
                SweepOptions.parse(Map.of("bits", "many")).getError().toJavaList());
    }
}
