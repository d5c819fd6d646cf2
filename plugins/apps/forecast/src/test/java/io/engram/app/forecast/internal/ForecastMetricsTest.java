package io.engram.app.forecast.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForecastMetricsTest {
    @Test
    void eachMetricEqualsItsHandComputedValue() {
        double[] y = {1, 2, 3, 4};
        double[] f = {2, 2, 2, 6};
        Map<String, Double> m = new LinkedHashMap<>();
        ForecastMetrics.put(m, "p.", y, f, 0.5);
        assertEquals(Math.sqrt((1 + 0 + 1 + 4) / 4.0), m.get("p.rmse"), 1e-12);
        assertEquals(1.0, m.get("p.mae"), 1e-12);
        assertEquals(Math.sqrt(1.5) / Math.sqrt(1.25), m.get("p.nrmse"), 1e-12, "sd of 1..4 is sqrt(1.25)");
        assertEquals(2.0, m.get("p.mase"), 1e-12, "mae 1 over the in-sample scale 0.5");
        assertEquals(100 * (2 / 3.0 + 0 + 2 / 5.0 + 4 / 10.0) / 4, m.get("p.smape"), 1e-12);
    }

    @Test
    void zerosGiveDefinedValues() {
        assertEquals(0, ForecastMetrics.smape(new double[] {0, 0}, new double[] {0, 0}), 0.0, "0/0 counts as no error");
        assertEquals(200, ForecastMetrics.smape(new double[] {0}, new double[] {3}), 1e-12, "the largest sMAPE");
        assertEquals(100, ForecastMetrics.smape(new double[] {0, 5}, new double[] {-1, 5}), 1e-12);
        assertEquals(0, ForecastMetrics.ratio(0, 0), 0.0, "a perfect forecast of a constant series has MASE 0");
        assertEquals(Double.POSITIVE_INFINITY, ForecastMetrics.ratio(0.1, 0), 0.0);
        Map<String, Double> m = new LinkedHashMap<>();
        ForecastMetrics.put(m, "", new double[] {7, 7}, new double[] {7, 8}, 0);
        assertEquals(Double.POSITIVE_INFINITY, m.get("nrmse"), 0.0, "constant truth");
        assertEquals(Double.POSITIVE_INFINITY, m.get("mase"), 0.0, "constant training part");
    }

    @Test
    void baselinesRepeatTheLastValueOrTheLastSeason() {
        double[][] history = {{1}, {2}, {3}, {4}, {5}, {6}};
        double[][] p = Baselines.persistence(history, 3);
        assertArrayEquals(new double[][] {{6}, {6}, {6}}, p);
        double[][] s = Baselines.seasonal(history, 6, 4);
        assertArrayEquals(new double[][] {{3}, {4}, {5}, {6}, {3}, {4}}, s);
        assertArrayEquals(new double[][] {{6}, {6}}, Baselines.seasonal(history, 2, 1), "season 1 is persistence");
        assertArrayEquals(new double[][] {{1}, {2}}, Baselines.seasonal(history, 2, 6));
    }
}
