package io.engram.app.handwriting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaselinesTest {
    private static double[][] line(double angle, int n) {
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            p[i] = new double[] {i * Math.cos(angle), i * Math.sin(angle), 0};
        }
        return p;
    }

    @Test
    void theMostFrequentTranscriptWinsTiesInCodePointOrder() {
        assertEquals("b", Baselines.frequent(List.of("c", "b", "a", "b", "c")));
        assertEquals("", Baselines.frequent(List.of()));
    }

    @Test
    void dtwIsZeroBetweenATrajectoryAndItsSlowerSelfAndPicksTheNearestSample() {
        double[][] a = line(0, 5);
        double[][] slow = new double[10][];
        for (int i = 0; i < 10; i++) {
            slow[i] = a[i / 2];
        }
        assertEquals(0.0, Baselines.distance(a, slow, Double.POSITIVE_INFINITY), 1e-12);
        assertTrue(Baselines.distance(a, line(Math.PI / 2, 5), Double.POSITIVE_INFINITY) > 0.5);
        Map<String, Double> m = Baselines.of(List.of(line(0.1, 6), line(1.5, 6)), List.of("ab", "cd"),
                List.of(line(0, 5), line(Math.PI / 2, 5), line(0.05, 5)), List.of("ab", "cd", "ab"), true);
        assertEquals(0.0, m.get("baseline.dtw.char.error.rate"));
        assertEquals(0.0, m.get("baseline.dtw.word.error.rate"));
        assertEquals(0.5, m.get("baseline.frequent.char.error.rate"), "ab for cd: 2 of 4 characters");
        assertEquals(0.5, m.get("baseline.frequent.word.error.rate"));
        assertEquals(List.of("baseline.frequent.char.error.rate", "baseline.frequent.word.error.rate"),
                List.copyOf(Baselines.of(List.<double[][]>of(line(0, 3)), List.of("x"), List.<double[][]>of(line(0, 3)), List.of("x"), false)
                        .keySet()));
    }
}
