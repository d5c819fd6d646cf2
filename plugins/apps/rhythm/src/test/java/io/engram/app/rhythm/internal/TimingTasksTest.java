package io.engram.app.rhythm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The timing tasks' generators: deterministic for a seed, and their spikes and targets where the task says. */
class TimingTasksTest {
    @Test
    void generatorsAreDeterministicForTheirSeed() {
        assertEquals(TimingTasks.msd(new SplittableRandom(1), 20, 49, 50, 10),
                TimingTasks.msd(new SplittableRandom(1), 20, 49, 50, 10));
        assertNotEquals(TimingTasks.msd(new SplittableRandom(1), 20, 49, 50, 10),
                TimingTasks.msd(new SplittableRandom(2), 20, 49, 50, 10));
        assertEquals(TimingTasks.gts(new SplittableRandom(3), 20, 5, 9, 3),
                TimingTasks.gts(new SplittableRandom(3), 20, 5, 9, 3));
    }

    @Test
    void measuringSequencesEndAtTheSecondSpikeWithTheIntervalsClass() {
        Dataset d = TimingTasks.msd(new SplittableRandom(4), 200, 49, 50, 10);
        assertEquals(2, d.outputSize());
        Set<Integer> seen = new HashSet<>();
        for (Sequence s : d.sequences()) {
            int interval = TimingTasks.interval(s);
            seen.add(interval);
            int last = s.length() - 1;
            assertEquals(1.0, s.input(last, 0));
            assertEquals(1.0, s.target(last, interval - 49));
            assertTrue(s.hasTarget(last));
            int spikes = 0;
            int masked = 0;
            for (int t = 0; t < s.length(); t++) {
                spikes += (int) s.input(t, 0);
                masked += s.hasTarget(t) ? 1 : 0;
            }
            assertEquals(2, spikes);
            assertEquals(1, masked);
            assertTrue(s.length() >= interval + 1 && s.length() <= interval + 11, "length " + s.length());
        }
        assertEquals(Set.of(49, 50), seen);
    }

    @Test
    void generatingSequencesAskForSpikesEveryIntervalAfterTheCue() {
        Dataset d = TimingTasks.gts(new SplittableRandom(5), 50, 5, 9, 3);
        for (Sequence s : d.sequences()) {
            int interval = TimingTasks.interval(s);
            assertEquals(4 * interval + 1, s.length());
            for (int t = 0; t < s.length(); t++) {
                assertEquals(t > interval, s.hasTarget(t), "mask at " + t);
                double spike = t > interval && t % interval == 0 ? 1 : 0;
                assertEquals(spike, s.target(t, 0), "target at " + t);
                assertEquals(t == 0 || t == interval ? 1.0 : 0.0, s.input(t, 0), "input at " + t);
            }
        }
    }
}
