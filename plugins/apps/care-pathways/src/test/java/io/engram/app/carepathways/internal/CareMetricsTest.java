package io.engram.app.carepathways.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CareMetricsTest {
    /** 40 codes c00..c39; patient 1 visits {c00 c01} then {c01 c02}; patient 2 {c00} then {c03} then {c00}. */
    private static final List<Patient> RECORDS;

    static {
        List<Patient> r = new ArrayList<>();
        r.add(new Patient("1", List.of(new Patient.Visit(0, Set.of("c00", "c01")), new Patient.Visit(10, Set.of("c01", "c02")))));
        r.add(new Patient("2", List.of(new Patient.Visit(0, Set.of("c00")), new Patient.Visit(20, Set.of("c03")),
                new Patient.Visit(50, Set.of("c00")))));
        // a patient that brings every code into the vocabulary, c39 most often
        List<Patient.Visit> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            all.add(new Patient.Visit(100 + i, new java.util.TreeSet<>(List.of(String.format("c%02d", i), "c39"))));
        }
        r.add(new Patient("3", all));
        RECORDS = List.copyOf(r);
    }

    @Test
    void encodesVisitsAndTheNextVisitsCodes() {
        CareInfo info = CareEncoder.info(CareTarget.CODES, RECORDS, 1);
        assertEquals(40, info.codes().size());
        assertEquals(39, info.frequent()[0]);
        Sequence s = new CareEncoder(info, 200).encode(RECORDS.get(1));
        assertEquals(1.0, s.input(1, 3));
        assertEquals(20 / info.gapDays(), s.input(1, 40), 1e-12);
        assertEquals(1.0, s.target(0, 3));
        assertFalse(s.hasTarget(2));
        CareInfo interval = CareEncoder.info(CareTarget.INTERVAL, RECORDS, 1);
        assertEquals(Math.log1p(30 / interval.gapDays()), new CareEncoder(interval, 200).encode(RECORDS.get(1)).target(1, 0), 1e-12);
        // intervals: 10, 20, 30 and 39 of 1 day: the median is 1
        assertEquals(1.0, interval.medianGapDays());
    }

    @Test
    void recallOfTheNetworkAndTheBaselines() {
        List<Patient> two = RECORDS.subList(0, 2);
        CareInfo info = CareEncoder.info(CareTarget.CODES, RECORDS, 1);
        CareEncoder enc = new CareEncoder(info, 200);
        Dataset d = new Dataset(enc.encode(two), enc.inputSize(), enc.outputSize());
        // a network whose scores rank c02 first, then c00, c01, c04 ... c25, then c03 (26th)
        List<double[][]> outputs = d.sequences().stream().map(s -> {
            double[][] y = new double[s.length()][40];
            for (double[] row : y) {
                IntStream.range(0, 40).forEach(c -> row[c] = -c);
                row[2] = 1;
                row[3] = -25.5;
            }
            return y;
        }).toList();
        Map<String, Double> m = CareMetrics.of(info, d, outputs);
        // visits with a next one: {c00 c01} -> {c01 c02}; {c00} -> {c03}; {c03} -> {c00}
        // top 10 = c02, c00, c01, c04..c10: 2/2, 0/1, 1/1; the same in the top 20
        assertEquals((1 + 0 + 1) / 3.0, m.get("recall@10"), 1e-12);
        assertEquals((1 + 0 + 1) / 3.0, m.get("recall@20"), 1e-12);
        // top 30 holds c03 too
        assertEquals(1.0, m.get("recall@30"), 1e-12);
        // last visit's codes: {c00 c01} -> 1/2, {c00} -> 0, {c03} -> 0
        assertEquals(0.5 / 3, m.get("baseline.last.recall@10"), 1e-12);
        // most frequent: c39 (40 visits), c00 (4), c01 (3), c02 and c03 (2 each: by index), then the rest
        assertArrayEquals(new int[] {39, 0, 1, 2, 3}, java.util.Arrays.copyOf(info.frequent(), 5));
        assertEquals(1.0, m.get("baseline.frequent.recall@10"), 1e-12);
        assertEquals(9, m.size());
    }

    @Test
    void intervalErrorsAreInDaysBesideTheMedian() {
        CareInfo info = CareEncoder.info(CareTarget.INTERVAL, RECORDS, 1);
        CareEncoder enc = new CareEncoder(info, 200);
        Dataset d = new Dataset(enc.encode(RECORDS.subList(0, 2)), enc.inputSize(), enc.outputSize());
        List<double[][]> zero = d.sequences().stream().map(s -> new double[s.length()][1]).toList();
        Map<String, Double> m = CareMetrics.of(info, d, zero);
        assertEquals((10 + 20 + 30) / 3.0, m.get("mae.days"), 1e-9);
        assertEquals((9 + 19 + 29) / 3.0, m.get("baseline.mae.days"), 1e-9);
    }
}
