package io.engram.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchConfigTest {

    @Test
    void builtInConfigsHaveTheIssuesSizes() {
        assertEquals(List.of("lstm_small", "lstm_std", "lstm_big", "gru_std", "elman_std"), List.copyOf(BenchConfig.BUILT_IN.keySet()));
        assertEquals(new BenchConfig("lstm_big", "lstm", 512, 1024, 50, 64), BenchConfig.named("lstm_big").orElseThrow());
        assertEquals(new BenchConfig("gru_std", "gru", 128, 256, 100, 32), BenchConfig.named("gru_std").orElseThrow());
    }

    @Test
    void lstmForwardIsEightHTimesIPlusHTimesB() {
        BenchConfig c = BenchConfig.named("lstm_small").orElseThrow();
        assertEquals(2L * 4 * 128 * (64 + 128) * 32, c.forwardFlopsPerStep());
        assertEquals(6_291_456L, c.forwardFlopsPerStep());
        assertEquals(6_291_456L * 50, c.flops(Mode.INFER));
        assertEquals(3 * 6_291_456L * 50, c.flops(Mode.TRAIN));
        assertEquals(50L * 32, c.tokens());
    }

    @Test
    void gruHasThreeGatesAndElmanOne() {
        BenchConfig gru = BenchConfig.named("gru_std").orElseThrow();
        BenchConfig elman = BenchConfig.named("elman_std").orElseThrow();
        BenchConfig lstm = BenchConfig.named("lstm_std").orElseThrow();
        assertEquals(2L * 3 * 256 * 384 * 32 * 100, gru.flops(Mode.INFER));
        assertEquals(2L * 256 * 384 * 32 * 100, elman.flops(Mode.INFER));
        assertEquals(4 * elman.flops(Mode.TRAIN), lstm.flops(Mode.TRAIN));
    }

    @Test
    void bigConfigsGetFewerRepetitions() {
        BenchConfig big = BenchConfig.named("lstm_big").orElseThrow();
        assertEquals(120_795_955_200L, big.flops(Mode.TRAIN));
        assertEquals(3, big.defaultReps());
        assertEquals(1, big.defaultWarmup());
        assertEquals(10, BenchConfig.named("lstm_std").orElseThrow().defaultReps());
    }

    @Test
    void resizingRenames() {
        BenchConfig c = BenchConfig.named("lstm_std").orElseThrow();
        assertEquals(c, c.resized(128, 256, 100, 32));
        assertEquals("lstm_std:16/32/10/4", c.resized(16, 32, 10, 4).name());
    }

    @Test
    void unknownFamiliesAndNonPositiveSizesAreBugs() {
        assertEquals("no FLOP formula for family 'hopfield'",
                assertThrows(IllegalArgumentException.class, () -> new BenchConfig("x", "hopfield", 1, 1, 1, 1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BenchConfig("x", "lstm", 1, 0, 1, 1));
    }
}
