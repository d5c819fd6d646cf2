package io.engram.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MeasurementTest {
    static volatile Object sink;

    @Test
    void theStepMemoryCountsWhatOneRunAllocatesAndNotWhatWasThereBefore() throws InterruptedException {
        sink = new float[4 << 20];  // 16 MiB held from before: in the baseline, not in the run's memory
        Measurement.StepMemory m = Measurement.stepMemory(() -> sink = new double[1 << 20]);  // 8 MiB
        assertTrue(m.ownBytes() >= 8L << 20 && m.ownBytes() < 9L << 20, "own " + m.ownBytes());
        assertTrue(m.beforeBytes() >= 16L << 20, "before " + m.beforeBytes());
    }

    @Test
    void aFailingRunFailsTheMeasurement() {
        assertEquals("boom", assertThrows(IllegalStateException.class, () -> Measurement.stepMemory(() -> {
            throw new IllegalStateException("boom");
        })).getMessage());
    }

    @Test
    void settlingNeedsThreeRunsWithoutGain() {
        assertTrue(!Measurement.settled(List.of(1.0, 0.5, 0.5, 0.5), 3));
        assertTrue(Measurement.settled(List.of(1.0, 0.5, 0.5, 0.5, 0.5), 3));
    }

    @Test
    void settlingLastsAtLeastTwoSeconds() {
        List<Double> fast = java.util.Collections.nCopies(199, 0.01);
        assertTrue(!Measurement.settled(fast, 3), "1.99 s of runs");
        List<Double> more = new java.util.ArrayList<>(fast);
        more.add(0.01);
        more.add(0.01);
        assertTrue(Measurement.settled(more, 3), "2.01 s of runs");
    }
}
