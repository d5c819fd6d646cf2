package io.engram.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MeasurementTest {

    @Test
    void warmUpSettlesWhenTheLastRunsStopGettingFaster() {
        // still compiling: each run faster than all before it
        assertFalse(Measurement.settled(List.of(1.0, 0.8, 0.6, 0.5, 0.4, 0.3), 3));
        // the last three no more than 5 % faster than the best before them
        assertTrue(Measurement.settled(List.of(1.0, 0.6, 0.31, 0.30, 0.32, 0.30), 3));
        // a gain of 6 % is still a gain
        assertFalse(Measurement.settled(List.of(1.0, 0.5, 0.47, 0.48, 0.47), 3));
        // never before the minimum, nor before there is a run to compare with
        assertFalse(Measurement.settled(List.of(0.3, 0.3, 0.3, 0.3), 5));
        assertFalse(Measurement.settled(List.of(0.3, 0.3, 0.3), 1));
        assertTrue(Measurement.settled(List.of(0.3, 0.3, 0.3, 0.3), 1));
    }

    @Test
    void aFixedWarmUpRunsExactlyThatOftenAndASettlingOneUntilSteady() throws InterruptedException {
        int[] calls = {0};
        Measurement.Timings fixed = Measurement.time(() -> calls[0]++, 2, 5, 3);
        assertEquals(2, fixed.warmupRuns());
        assertEquals(3, fixed.seconds().length);
        assertEquals(5, calls[0]);

        calls[0] = 0;
        Measurement.Timings settling = Measurement.time(() -> calls[0]++, -1, 6, 2);
        int warm = settling.warmupRuns();
        assertTrue(warm >= 6 && warm <= Measurement.MAX_SETTLING_RUNS, "warm-up runs " + warm);
        assertEquals(warm + 2, calls[0]);
    }
}
