package io.engram.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.NetworkFamily;
import io.engram.backend.cpu.CpuBackend;
import io.engram.bench.BenchConfig;
import io.engram.bench.Mode;
import io.engram.family.esn.internal.EsnFamily;
import io.engram.family.lstm.internal.LstmFamily;
import io.engram.family.ntm.internal.NtmFamily;
import io.engram.tensor.DType;
import io.engram.trainer.ridge.internal.RidgeTrainer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Small versions of the configs that are not plain one-layer networks, run for real on the CPU backend. */
class WorkloadTest {
    private static CpuBackend cpu;

    @BeforeAll
    static void start() {
        cpu = new CpuBackend(1);
    }

    @AfterAll
    static void stop() {
        cpu.close();
    }

    private static Workload create(BenchConfig c, NetworkFamily family) {
        return Workload.create(c, family, new RidgeTrainer(), cpu, DType.F32, 7).getOrElseThrow((String why) -> new IllegalStateException(why));
    }

    private static void runsAndHoldsMemory(Workload w, Mode mode) throws InterruptedException {
        Measurement.Timings t = Measurement.time(() -> w.run(mode), 1, 1, 2);
        assertEquals(2, t.seconds().length);
        assertTrue(t.peakHeapBytes() > 0, "peak heap " + t.peakHeapBytes());
        assertTrue(t.step().ownBytes() > 0, "step heap " + t.step().ownBytes());
        assertTrue(t.step().beforeBytes() > 0, "heap before " + t.step().beforeBytes());
    }

    @Test
    void aTwoLayerLstmTrainsAndInfers() throws InterruptedException {
        BenchConfig c = BenchConfig.named("lstm2_std").orElseThrow().resized(3, 5, 6, 2);
        assertEquals("lstm2_std:3/5/6/2", c.name());
        assertEquals(2, c.layers());
        assertEquals(5, c.outputSize());
        Workload w = create(c, new LstmFamily());
        w.trainStep();
        double first = w.lastLoss();
        assertTrue(first > 0 && Double.isFinite(first), "loss " + first);
        runsAndHoldsMemory(w, Mode.TRAIN);
        runsAndHoldsMemory(w, Mode.INFER);
        assertTrue(Double.isFinite(w.lastOutput()));
    }

    @Test
    void aTrainingStepsMemoryGrowsWithTheSequence() throws InterruptedException {
        BenchConfig c = BenchConfig.named("lstm2_std").orElseThrow();
        Workload shorter = create(c.resized(8, 32, 50, 8), new LstmFamily());
        Workload longer = create(c.resized(8, 32, 200, 8), new LstmFamily());
        shorter.trainStep();
        longer.trainStep();
        long a = Measurement.stepMemory(shorter::trainStep).ownBytes();
        long b = Measurement.stepMemory(longer::trainStep).ownBytes();
        // The tape grows with T: four times the steps hold well over twice the bytes.
        assertTrue(b > 2 * a, a + " then " + b);
    }

    @Test
    void theSecondLayerHasItsOwnWeightsOverHInputs() {
        BenchConfig one = BenchConfig.named("lstm_std").orElseThrow().resized(3, 5, 6, 2);
        BenchConfig two = BenchConfig.named("lstm2_std").orElseThrow().resized(3, 5, 6, 2);
        long p1 = create(one, new LstmFamily()).parameters();
        long p2 = create(two, new LstmFamily()).parameters();
        // Layer 2: four gate blocks of H units over [H inputs, H recurrent] and a bias.
        assertEquals(4 * 5 * (5 + 5 + 1), p2 - p1);
    }

    @Test
    void anNtmStepTrainsAndInfers() throws InterruptedException {
        BenchConfig base = BenchConfig.named("ntm_step").orElseThrow();
        BenchConfig c = new BenchConfig("ntm_tiny", "ntm", 3, 6, 4, 2, 1, 2, Map.of("memory.size", "8",
                "memory.width", "4", "read.heads", "1", "write.heads", "1"));
        assertEquals(8, base.outputSize());
        Workload w = create(c, new NtmFamily());
        w.trainStep();
        assertTrue(w.lastLoss() > 0 && Double.isFinite(w.lastLoss()), "loss " + w.lastLoss());
        runsAndHoldsMemory(w, Mode.TRAIN);
        runsAndHoldsMemory(w, Mode.INFER);
    }

    @Test
    void anEchoStateNetworkFitsTheMackeyGlassSeries() throws InterruptedException {
        BenchConfig c = BenchConfig.named("esn_fit").orElseThrow().resized(1, 50, 400, 2);
        assertTrue(c.ridgeFit());
        Workload w = create(c, new EsnFamily());
        w.run(Mode.TRAIN);
        double[] s = Workload.mackeyGlass(801);
        double mean = 0;
        double sq = 0;
        for (double v : s) {
            mean += v;
            sq += v * v;
        }
        mean /= s.length;
        double variance = sq / s.length - mean * mean;
        // A one-step prediction of the series by a 50-unit reservoir is far better than its mean.
        assertTrue(w.lastLoss() < 0.01 * variance, "mse " + w.lastLoss() + " against variance " + variance);
        runsAndHoldsMemory(w, Mode.TRAIN);
        runsAndHoldsMemory(w, Mode.INFER);
    }

    @Test
    void anEchoStateNetworkNeedsTheRidgeTrainer() {
        BenchConfig c = BenchConfig.named("esn_fit").orElseThrow().resized(1, 20, 200, 1);
        String why = Workload.create(c, new EsnFamily(), null, cpu, DType.F32, 1).getLeft();
        assertEquals("esn_fit:1/20/200/1: no trainer 'ridge' is registered (engram.trainer=ridge), which fits the esn "
                + "family's readout", why);
    }

    @Test
    void theMackeyGlassSeriesIsTheOneTheEsnBenchmarkDraws() {
        double[] s = Workload.mackeyGlass(3);
        // benchmarks/esn-fit/esn_fit.py's mackey_glass(3), as numpy computes it.
        assertEquals(1.1852674293446746, s[0], 1e-9);
        assertEquals(1.1300595797969974, s[1], 1e-9);
        assertEquals(1.0713070335544774, s[2], 1e-9);
    }
}
