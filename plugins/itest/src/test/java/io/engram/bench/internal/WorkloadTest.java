package io.engram.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.NetworkFamily;
import io.engram.backend.cpu.CpuBackend;
import io.engram.bench.BenchConfig;
import io.engram.bench.Mode;
import io.engram.family.elman.internal.ElmanFamily;
import io.engram.family.gru.internal.GruFamily;
import io.engram.family.lstm.internal.LstmFamily;
import io.engram.tensor.DType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkloadTest {

    private final CpuBackend backend = new CpuBackend(1);

    @AfterEach
    void close() {
        backend.close();
    }

    private Workload workload(String family, NetworkFamily f) {
        return Workload.create(new BenchConfig("t", family, 6, 8, 5, 3), f, backend, DType.F64, 42L).get();
    }

    @Test
    void trainingStepsLowerTheLossOfTheSameBatch() {
        for (var e : java.util.Map.<String, NetworkFamily>of("lstm", new LstmFamily(), "gru", new GruFamily(),
                "elman", new ElmanFamily()).entrySet()) {
            Workload w = workload(e.getKey(), e.getValue());
            w.trainStep();
            double first = w.lastLoss();
            for (int i = 0; i < 20; i++) {
                w.trainStep();
            }
            assertTrue(Double.isFinite(first) && first > 0, e.getKey() + ": " + first);
            assertTrue(w.lastLoss() < first, e.getKey() + ": " + w.lastLoss() + " not below " + first);
        }
    }

    @Test
    void inferenceIsDeterministicForASeed() {
        Workload a = workload("lstm", new LstmFamily());
        Workload b = workload("lstm", new LstmFamily());
        a.inferPass();
        b.inferPass();
        a.inferPass();
        assertTrue(Double.isFinite(a.lastOutput()));
        assertEquals(a.lastOutput(), b.lastOutput(), 0.0);
    }

    @Test
    void tooManyHiddenUnitsAreRejectedByTheFamilysSchema() {
        String why = Workload.create(new BenchConfig("wide", "lstm", 2, 5000, 2, 1), new LstmFamily(), backend, DType.F32, 1L).getLeft();
        assertTrue(why.startsWith("wide: the lstm family rejected the sizes: model.hidden"), why);
    }

    @Test
    void measurementTimesEveryRepetition() throws Exception {
        Workload w = workload("gru", new GruFamily());
        Measurement.Timings t = Measurement.time(() -> w.run(Mode.TRAIN), 1, 1, 3);
        assertEquals(3, t.seconds().length);
        for (double s : t.seconds()) {
            assertTrue(s > 0, "seconds " + s);
        }
        assertTrue(t.peakHeapBytes() > 0);
    }
}
