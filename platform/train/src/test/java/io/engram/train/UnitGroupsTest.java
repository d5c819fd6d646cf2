package io.engram.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnitGroupsTest {

    /** An LSTM-like layer of H = 1 cell (4 gates) on 2 inputs, peepholes, and a readout to 2 outputs. */
    private static Map<String, int[]> layer() {
        Map<String, int[]> s = new LinkedHashMap<>();
        s.put("layer0.w", new int[] {2, 4});
        s.put("layer0.r", new int[] {1, 4});
        s.put("layer0.b", new int[] {4});
        s.put("layer0.pi", new int[] {1});
        s.put("readout.w", new int[] {1, 2});
        s.put("readout.b", new int[] {2});
        return s;
    }

    @Test
    void groupsTheWeightsIntoEachUnitAcrossMatricesAndBiasOfALayer() {
        List<int[]> g = UnitGroups.of(layer(), Set.of());
        // w occupies 0..7 (row-major [2,4]), r 8..11, b 12..15, pi 16, readout.w 17..18, readout.b 19..20
        assertEquals(4 + 1 + 2, g.size());
        assertArrayEquals(new int[] {0, 4, 8, 12}, g.get(0), "gate 0: its column of w, of r, and its bias");
        assertArrayEquals(new int[] {3, 7, 11, 15}, g.get(3));
        assertArrayEquals(new int[] {16}, g.get(4), "a vector of another width groups by its own index");
        assertArrayEquals(new int[] {17, 19}, g.get(5), "readout output 0");
        assertArrayEquals(new int[] {18, 20}, g.get(6), "readout output 1");
    }

    @Test
    void excludedParametersKeepTheirPlaceButBelongToNoGroup() {
        List<int[]> g = UnitGroups.of(layer(), Set.of("layer0.r", "readout.w", "readout.b"));
        assertEquals(5, g.size());
        assertArrayEquals(new int[] {1, 5, 13}, g.get(1), "offsets after the excluded r are unchanged");
        assertArrayEquals(new int[] {16}, g.get(4));
    }
}
