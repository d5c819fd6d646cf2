package io.engram.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchConfigTest {

    @Test
    void builtInConfigsHaveTheIssuesSizes() {
        assertEquals(List.of("lstm_small", "lstm_std", "lstm_big", "gru_std", "elman_std", "lstm2_std", "esn_fit", "ntm_step"),
                List.copyOf(BenchConfig.BUILT_IN.keySet()));
        assertEquals(List.of("lstm_small", "lstm_std", "lstm_big", "gru_std", "elman_std"), BenchConfig.DEFAULTS);
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
    void theTwoLayerLstmCountsLayerTwoOverHInputs() {
        BenchConfig c = BenchConfig.named("lstm2_std").orElseThrow();
        assertEquals(new BenchConfig("lstm2_std", "lstm", 128, 256, 100, 32, 2, 256, java.util.Map.of()), c);
        assertEquals(2L * 4 * 256 * (128 + 256) * 32 + 2L * 4 * 256 * (256 + 256) * 32, c.forwardFlopsPerStep());
        assertEquals(58_720_256L * 100 * 3, c.flops(Mode.TRAIN));
        assertEquals(58_720_256L * 100, c.flops(Mode.INFER));
        assertEquals("lstm2_std:16/32/10/4", c.resized(16, 32, 10, 4).name());
        assertEquals(2, c.resized(16, 32, 10, 4).layers());
        assertEquals(32, c.resized(16, 32, 10, 4).outputSize());
    }

    @Test
    void theNtmStepCountsControllerHeadsAndMemoryProducts() {
        BenchConfig c = BenchConfig.named("ntm_step").orElseThrow();
        assertEquals(10, c.inputSize());
        assertEquals(100, c.hidden());
        assertEquals(42, c.seq());
        assertEquals(16, c.batch());
        assertEquals(8, c.outputSize());
        assertEquals("128", c.model().get("memory.size"));
        assertEquals("20", c.model().get("memory.width"));
        // controller 8H(I + RM + H), heads 2H(K(M + 6) + 2WM), memory 2NM(K + R + 2W), times B
        long perStep = (8L * 100 * (10 + 20 + 100) + 2L * 100 * (2 * 26 + 40) + 2L * 128 * 20 * (2 + 1 + 2)) * 16;
        assertEquals(2_368_000L, perStep);
        assertEquals(perStep, c.forwardFlopsPerStep());
        assertEquals(3 * perStep * 42, c.flops(Mode.TRAIN));
        assertEquals(perStep * 42, c.flops(Mode.INFER));
        assertEquals(10, c.defaultReps());
        assertEquals(8, c.resized(5, 50, 10, 2).outputSize(), "a readout narrower than the controller keeps its width");
    }

    @Test
    void theEsnFitCountsTheReservoirTheGramAndTheSolve() {
        BenchConfig c = BenchConfig.named("esn_fit").orElseThrow();
        assertTrue(c.ridgeFit());
        assertEquals(10_000L, c.reservoirNonzeros());
        assertEquals(2L * (1000 + 10_000), c.forwardFlopsPerStep());
        long d = 1002;
        long rows = 10_000 - 100;
        long train = 22_000L * 10_000 + rows * d * d + 2 * rows * d + d * d * d / 3 + 2 * d * d;
        assertEquals(10_516_824_544L, train);
        assertEquals(train, c.flops(Mode.TRAIN));
        assertEquals(22_000L * 10_000 + 2 * d * 10_000, c.flops(Mode.INFER));
        assertEquals(1, c.defaultWarmup());
        assertEquals(3, c.defaultReps());
        assertEquals(10_000L, c.tokens());
        assertTrue(!BenchConfig.named("ntm_step").orElseThrow().ridgeFit());
    }

    @Test
    void unknownFamiliesAndNonPositiveSizesAreBugs() {
        assertEquals("no FLOP formula for family 'hopfield'",
                assertThrows(IllegalArgumentException.class, () -> new BenchConfig("x", "hopfield", 1, 1, 1, 1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BenchConfig("x", "lstm", 1, 0, 1, 1));
        assertEquals("the esn config has one layer, not 2", assertThrows(IllegalArgumentException.class,
                () -> new BenchConfig("x", "esn", 1, 10, 1, 1, 2, 1, java.util.Map.of())).getMessage());
    }
}
