package io.engram.app.proteinhomology.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.engram.layers.protein.ClassBalance;
import io.engram.layers.protein.ProteinRecord;
import io.engram.layers.protein.StratifiedSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SplitAndBalanceTest {

    /** 10 of a, 5 of b, 1 of c, interleaved. */
    private static List<ProteinRecord> records() {
        List<ProteinRecord> r = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            r.add(new ProteinRecord("a" + i, "MK", "a", "f:" + i));
            if (i < 5) {
                r.add(new ProteinRecord("b" + i, "MK", "b", "f:" + i));
            }
        }
        r.add(new ProteinRecord("c0", "MK", "c", "f:99"));
        return r;
    }

    private static Map<String, Integer> counts(List<ProteinRecord> records) {
        Map<String, Integer> c = new TreeMap<>();
        records.forEach(r -> c.merge(r.label(), 1, Integer::sum));
        return c;
    }

    @Test
    void holdsTheFractionOfEachFamilyAndKeepsAFamilyOfOneWhole() {
        List<List<ProteinRecord>> split = StratifiedSplit.split(records(), 0.3, 5);
        // a: round(3.0) = 3; b: round(1.5) = 2; c: a family of one stays in training
        assertEquals(Map.of("a", 7, "b", 3, "c", 1), counts(split.get(0)));
        assertEquals(Map.of("a", 3, "b", 2), counts(split.get(1)));
        // a small fraction still holds one of every family of two or more
        assertEquals(Map.of("a", 1, "b", 1), counts(StratifiedSplit.split(records(), 0.01, 5).get(1)));
        assertEquals(0, StratifiedSplit.split(records(), 0.0, 5).get(1).size());
    }

    @Test
    void theSeedDecidesWhichMembersAreHeld() {
        assertEquals(StratifiedSplit.split(records(), 0.3, 5), StratifiedSplit.split(records(), 0.3, 5));
        assertNotEquals(StratifiedSplit.split(records(), 0.3, 5).get(1), StratifiedSplit.split(records(), 0.3, 6).get(1));
    }

    @Test
    void balancedResamplingBringsEveryFamilyToTheLargest() {
        List<ProteinRecord> balanced = ClassBalance.balance(records(), 3);
        assertEquals(Map.of("a", 10, "b", 10, "c", 10), counts(balanced));
        // b: every member exactly twice; the originals come first
        assertEquals(records(), balanced.subList(0, 16));
        for (int i = 0; i < 5; i++) {
            String id = "b" + i;
            assertEquals(2, balanced.stream().filter(r -> r.id().equals(id)).count(), id);
        }
        assertEquals(balanced, ClassBalance.balance(records(), 3));
    }
}
