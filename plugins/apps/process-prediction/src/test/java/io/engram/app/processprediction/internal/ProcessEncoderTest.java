package io.engram.app.processprediction.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessEncoderTest {
    private static final long H = 3600;
    private static final long MONDAY = java.time.Instant.parse("2026-01-05T00:00:00Z").getEpochSecond();

    /** a -> b -> c (twice, 1 h apart) and a -> c -> b (once, 2 h apart). */
    private static final List<Trace> LOG = List.of(
            trace("1", MONDAY, H, "a", "b", "c"),
            trace("2", MONDAY + 24 * H, H, "a", "b", "c"),
            trace("3", MONDAY + 48 * H, 2 * H, "a", "c", "b"));

    private static Trace trace(String id, long start, long gap, String... activities) {
        List<Trace.Event> e = new ArrayList<>();
        for (int k = 0; k < activities.length; k++) {
            e.add(new Trace.Event(activities[k], start + k * gap));
        }
        return new Trace(id, e);
    }

    @Test
    void baselinesAreCountedOnTheTrainingCases() {
        ProcessInfo info = ProcessEncoder.info(List.of("a", "b", "c"), Target.NEXT_ACTIVITY, LOG);
        assertArrayEquals(new int[] {1, 2, 3}, info.successor()); // a->b, b->c, c->[end]
        assertArrayEquals(new double[] {4.0 / 3 / 24, 1.0 / 24, 2.0 / 24}, info.meanNextDays(), 1e-12);
        assertArrayEquals(new double[] {8.0 / 3 / 24, 1.0 / 24, 2.0 / 24}, info.meanRemainingDays(), 1e-12);
        assertEquals(8.0 / 6 / 24, info.gapDays(), 1e-12);
        assertEquals(8.0 / 3 / 24, info.durationDays(), 1e-12);
    }

    @Test
    void encodesActivitiesTimesAndTargets() {
        ProcessInfo info = ProcessEncoder.info(List.of("a", "b", "c"), Target.REMAINING_TIME, LOG);
        Sequence s = new ProcessEncoder(info, 200).encode(LOG.get(2));
        double gap = info.gapDays();
        double dur = info.durationDays();
        // event 2 (c, 2 h after a at 00:00 on Wednesday): one-hot, gap, elapsed, time of day, day of week
        assertArrayEquals(new double[] {0, 0, 1, 2.0 / 24 / gap, 2.0 / 24 / dur, 2.0 / 24, 2.0 / 7}, s.inputs()[1], 1e-12);
        assertEquals(Math.log1p(2.0 / 24 / dur), s.target(1, 0), 1e-12);
        assertTrue(s.hasTarget(1));
        assertFalse(s.hasTarget(2), "no remaining time after the last event");
    }

    @Test
    void nextActivityEndsWithTheEndClassAndLongCasesAreCut() {
        ProcessInfo info = ProcessEncoder.info(List.of("a", "b", "c"), Target.NEXT_ACTIVITY, LOG);
        Sequence s = new ProcessEncoder(info, 200).encode(LOG.get(0));
        assertArrayEquals(new double[] {0, 0, 0, 1}, s.targets()[2]);
        Sequence cut = new ProcessEncoder(info, 2).encode(LOG.get(0));
        assertEquals(2, cut.length());
        assertArrayEquals(new double[] {0, 0, 1, 0}, cut.targets()[1], "the cut case keeps its true next activity");
    }

    @Test
    void metricsCountEveryPrefixBesideTheBaseline() {
        ProcessInfo info = ProcessEncoder.info(List.of("a", "b", "c"), Target.NEXT_ACTIVITY, LOG);
        ProcessEncoder enc = new ProcessEncoder(info, 200);
        Dataset d = new Dataset(enc.encode(LOG), enc.inputSize(), enc.outputSize());
        // a network that always says the truth
        List<double[][]> perfect = d.sequences().stream().map(Sequence::targets).toList();
        Map<String, Double> m = ProcessMetrics.of(info, d, perfect);
        assertEquals(1.0, m.get("accuracy"), 1e-12);
        // the baseline (a -> b, b -> c, c -> end) is wrong at every prefix of case 3: 6 of 9
        assertEquals(6.0 / 9, m.get("baseline.accuracy"), 1e-12);
    }

    @Test
    void timeMetricsAreInDays() {
        ProcessInfo info = ProcessEncoder.info(List.of("a", "b", "c"), Target.NEXT_TIME, LOG);
        ProcessEncoder enc = new ProcessEncoder(info, 200);
        Dataset d = new Dataset(enc.encode(LOG), enc.inputSize(), enc.outputSize());
        // a network that always says 0: its error is the mean gap, 8 h over 6 prefixes
        List<double[][]> zero = d.sequences().stream().map(s -> new double[s.length()][1]).toList();
        Map<String, Double> m = ProcessMetrics.of(info, d, zero);
        assertEquals(8.0 / 6 / 24, m.get("mae.days"), 1e-12);
        // baseline: a's mean 4/3 h is off by 1/3 h twice and 2/3 h once; b's (1 h) and c's (2 h) are exact
        assertEquals((1.0 / 3 + 1.0 / 3 + 2.0 / 3) / 6 / 24, m.get("baseline.mae.days"), 1e-12);
    }
}
