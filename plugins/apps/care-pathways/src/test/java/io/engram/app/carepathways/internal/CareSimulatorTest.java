package io.engram.app.carepathways.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CareSimulatorTest {
    private static final List<Patient> RECORDS = CareSimulator.simulate(3000, 9);

    @Test
    void sameSeedSameRecordsOtherSeedOtherRecords() {
        assertEquals(CareSimulator.simulate(40, 1), CareSimulator.simulate(40, 1));
        assertNotEquals(CareSimulator.simulate(40, 1), CareSimulator.simulate(40, 2));
    }

    @Test
    void patientsHaveFourToTwentyVisitsInOrder() {
        for (Patient p : RECORDS) {
            assertTrue(p.length() >= 4 && p.length() <= 20, p.id() + " " + p.length());
            for (int t = 1; t < p.length(); t++) {
                assertTrue(p.visits().get(t).day() > p.visits().get(t - 1).day(), p.id());
            }
            p.visits().forEach(v -> assertTrue(!v.codes().isEmpty(), p.id()));
        }
    }

    /** Diagnoses of a condition move up its stages and never back: a later stage is never followed by an earlier one. */
    @Test
    void conditionsProgressAndNeverRegress() {
        for (Patient p : RECORDS) {
            for (String[] stages : CareSimulator.DIAGNOSES) {
                int highest = 0;
                for (Patient.Visit v : p.visits()) {
                    for (int s = 1; s <= 3; s++) {
                        if (v.codes().contains(stages[s - 1])) {
                            assertTrue(s >= highest, p.id() + " " + stages[s - 1] + " after stage " + highest);
                            highest = s;
                        }
                    }
                }
            }
        }
    }

    /** Kidney disease follows diabetes: it is more common among patients with diabetes at their first visit. */
    @Test
    void comorbiditiesCoOccur() {
        int withDiabetes = 0;
        int kidneyWithDiabetes = 0;
        int without = 0;
        int kidneyWithout = 0;
        for (Patient p : RECORDS) {
            boolean diabetes = p.visits().get(0).codes().stream().anyMatch(c -> c.startsWith("E11") || c.equals("RX:metformin"));
            boolean kidney = p.visits().stream().anyMatch(v -> v.codes().stream().anyMatch(c -> c.startsWith("N18")));
            if (diabetes) {
                withDiabetes++;
                kidneyWithDiabetes += kidney ? 1 : 0;
            } else {
                without++;
                kidneyWithout += kidney ? 1 : 0;
            }
        }
        double a = kidneyWithDiabetes / (double) withDiabetes;
        double b = kidneyWithout / (double) without;
        assertTrue(a > 2 * b, "kidney disease with diabetes " + a + ", without " + b);
    }

    /** Visits come closer together as conditions worsen: the mean interval after many codes is shorter. */
    @Test
    void intervalsShortenWithTheBurdenOfDisease() {
        double light = 0;
        double heavy = 0;
        int nl = 0;
        int nh = 0;
        for (Patient p : RECORDS) {
            for (int t = 0; t + 1 < p.length(); t++) {
                long gap = p.visits().get(t + 1).day() - p.visits().get(t).day();
                long chronic = p.visits().get(t).codes().stream().filter(c -> c.startsWith("RX:") || c.startsWith("PR:")).count();
                if (chronic == 0) {
                    light += gap;
                    nl++;
                } else if (chronic >= 4) {
                    heavy += gap;
                    nh++;
                }
            }
        }
        assertTrue(light / nl > 2 * (heavy / nh), "mean interval " + light / nl + " without medication, "
                + heavy / nh + " with four or more");
    }
}
