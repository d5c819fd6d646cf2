package io.engram.app.subcellular.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.layers.protein.ProteinRecord;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LocalisationSignalsTest {
    private static final LocalisationSignals.Spec CLEAN = new LocalisationSignals.Spec(30, 60, 120, 0.0, 0.0);

    @Test
    void theSameSeedGivesTheSameSequencesAndAnotherSeedOthers() {
        List<ProteinRecord> a = LocalisationSignals.generate(CLEAN, 4);
        assertEquals(a, LocalisationSignals.generate(CLEAN, 4));
        assertNotEquals(a.get(0).residues(), LocalisationSignals.generate(CLEAN, 5).get(0).residues());
        assertEquals(6 * 30, a.size());
        assertEquals("Cytoplasm", a.get(0).label());
        assertEquals("secreted-29", a.get(a.size() - 1).id());
    }

    @Test
    void everySequenceStartsWithMethionineAndKeepsItsLength() {
        for (ProteinRecord r : LocalisationSignals.generate(new LocalisationSignals.Spec(30, 60, 120, 0.05, 1.0), 1)) {
            assertTrue(r.residues().startsWith("M"), r.id());
            assertTrue(r.residues().length() >= 60 && r.residues().length() <= 120 + 60, r.id() + " " + r.residues().length());
            assertTrue(r.residues().chars().allMatch(c -> LocalisationSignals.RESIDUES.indexOf(c) >= 0), r.id());
        }
    }

    @Test
    void unmutatedSignalsSitWhereTheyBelong() {
        for (ProteinRecord r : LocalisationSignals.generate(CLEAN, 2)) {
            String s = r.residues();
            switch (r.label()) {
                case "ER" -> assertTrue(s.endsWith("KDEL") || s.endsWith("HDEL"), s);
                case "Peroxisome" -> assertTrue(LocalisationSignals.PTS1.contains(s.substring(s.length() - 3)), s);
                case "Nucleus" -> assertTrue(LocalisationSignals.NLS.stream().anyMatch(s::contains), s);
                case "Secreted" -> {
                    int hydrophobic = 0;
                    for (char c : s.substring(1, 22).toCharArray()) {
                        hydrophobic += "LAVIFMW".indexOf(c) >= 0 ? 1 : 0;
                    }
                    assertTrue(hydrophobic >= 7, s);
                }
                case "Mitochondrion" -> {
                    String transit = s.substring(1, 16);
                    assertTrue(transit.chars().noneMatch(c -> c == 'D' || c == 'E'), s);
                }
                default -> assertTrue(!s.endsWith("KDEL") && !s.endsWith("SKL"), s);
            }
        }
    }

    @Test
    void backgroundResiduesFollowTheDebianSwissProtFrequencies() {
        Random r = new Random(9);
        int[] counts = new int[26];
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            counts[LocalisationSignals.background(r) - 'A']++;
        }
        assertEquals(0.0931, counts['L' - 'A'] / (double) n, 0.002);
        assertEquals(0.0151, counts['W' - 'A'] / (double) n, 0.001);
        double sum = 0;
        for (double f : LocalisationSignals.BACKGROUND) {
            sum += f;
        }
        assertEquals(1.0, sum, 0.001);
    }
}
