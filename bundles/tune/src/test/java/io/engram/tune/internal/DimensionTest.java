package io.engram.tune.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DimensionTest {

    @Test
    void theSameSeedDrawsTheSameTrials() {
        SearchSpace space = new SearchSpace(List.of(new Dimension.IntRange("model.hidden", 8, 64, false),
                new Dimension.RealRange("trainer.lr", 1e-4, 1e-1, true),
                new Dimension.Choice("model.cell", List.of("lstm", "gru"))), 0);
        List<Map<String, String>> a = space.draw(20, 42);
        assertEquals(a, space.draw(20, 42));
        assertNotEquals(a, space.draw(20, 43));
        assertEquals(List.of("model.hidden", "trainer.lr", "model.cell"), List.copyOf(a.get(0).keySet()));
    }

    @Test
    void integersStayWithinTheirBoundsAndReachBoth() {
        Dimension.IntRange d = new Dimension.IntRange("model.hidden", 8, 12, false);
        Random random = new Random(1);
        int[] counts = new int[13];
        for (int i = 0; i < 5000; i++) {
            int v = Integer.parseInt(d.sample(random));
            assertTrue(v >= 8 && v <= 12, "drawn " + v);
            counts[v]++;
        }
        for (int v = 8; v <= 12; v++) {
            assertTrue(Math.abs(counts[v] - 1000) < 100, v + " drawn " + counts[v] + " times of 5000");
        }
    }

    @Test
    void realsOnALogScaleFillEachDecadeAlike() {
        Dimension.RealRange d = new Dimension.RealRange("trainer.lr", 1e-4, 1e-1, true);
        Random random = new Random(7);
        int[] decades = new int[3];
        for (int i = 0; i < 3000; i++) {
            double v = Double.parseDouble(d.sample(random));
            assertTrue(v >= 1e-4 && v <= 1e-1, "drawn " + v);
            decades[(int) Math.min(2, Math.floor(Math.log10(v) + 4))]++;
        }
        // uniform on a linear scale would put 90 % into the last decade
        for (int n : decades) {
            assertTrue(Math.abs(n - 1000) < 100, "per decade: " + java.util.Arrays.toString(decades));
        }
    }

    @Test
    void realsOnALinearScaleAreUniform() {
        Dimension.RealRange d = new Dimension.RealRange("trainer.momentum", 0.0, 0.9, false);
        Random random = new Random(3);
        int low = 0;
        for (int i = 0; i < 2000; i++) {
            double v = Double.parseDouble(d.sample(random));
            assertTrue(v >= 0 && v <= 0.9, "drawn " + v);
            low += v < 0.45 ? 1 : 0;
        }
        assertTrue(Math.abs(low - 1000) < 80, low + " of 2000 below the middle");
    }

    @Test
    void integersOnALogScaleFavourSmallValues() {
        Dimension.IntRange d = new Dimension.IntRange("model.hidden", 1, 100, true);
        Random random = new Random(5);
        int belowTen = 0;
        for (int i = 0; i < 4000; i++) {
            int v = Integer.parseInt(d.sample(random));
            assertTrue(v >= 1 && v <= 100, "drawn " + v);
            belowTen += v < 10 ? 1 : 0;
        }
        // log-uniform over [0.5, 100.5): P(v < 9.5) = ln(19) / ln(201) = 0.555
        assertTrue(Math.abs(belowTen / 4000.0 - 0.555) < 0.03, belowTen + " of 4000 below 10");
    }

    @Test
    void aDrawnRealKeepsFourSignificantDigitsInsideTheBounds() {
        Dimension.RealRange d = new Dimension.RealRange("trainer.lr", 0.12351, 0.2, false);
        assertEquals("0.1236", d.text(0.12352));
        assertEquals("0.2", d.text(0.2));
        assertEquals("0.001235", new Dimension.RealRange("x", 1e-4, 1, true).text(0.00123456));
        Random random = new Random(11);
        for (int i = 0; i < 200; i++) {
            String s = d.sample(random);
            assertTrue(new java.math.BigDecimal(s).precision() <= 4, s);
        }
    }

    @Test
    void choicesDrawEveryValue() {
        Dimension.Choice d = new Dimension.Choice("model.family", List.of("lstm", "gru", "elman"));
        Random random = new Random(2);
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (int i = 0; i < 3000; i++) {
            counts.merge(d.sample(random), 1, Integer::sum);
        }
        assertEquals(3, counts.size());
        counts.values().forEach(n -> assertTrue(Math.abs(n - 1000) < 100, counts.toString()));
    }
}
