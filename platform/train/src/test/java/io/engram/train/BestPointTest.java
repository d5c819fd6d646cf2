package io.engram.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BestPointTest {

    @Test
    void keepsTheFirstLowestCostEverOfferedAsACopy() {
        BestPoint b = new BestPoint(new double[] {9});
        assertEquals(Double.POSITIVE_INFINITY, b.cost());
        assertArrayEquals(new double[] {9}, b.point(), 0.0);
        double[] two = {2};
        b.offer(List.of(new double[] {1}, two, new double[] {3}), new double[] {5, 4, 4});
        assertEquals(4, b.cost(), 0.0);
        two[0] = 99;
        assertArrayEquals(new double[] {2}, b.point(), 0.0, "the first of the equal lowest, copied in");
        b.offer(List.of(new double[] {7}), new double[] {4.5});
        assertArrayEquals(new double[] {2}, b.point(), 0.0, "a higher cost later leaves the best");
        b.point()[0] = 42;
        assertArrayEquals(new double[] {2}, b.point(), 0.0, "copied out");
        b.offer(List.of(new double[] {8}), new double[] {Double.POSITIVE_INFINITY});
        assertEquals(4, b.cost(), 0.0);
    }

    @Test
    void refusesAsManyCostsAsThereAreNotCandidates() {
        BestPoint b = new BestPoint(new double[] {0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.offer(List.of(new double[] {1}, new double[] {2}), new double[] {1}));
        assertEquals("expected 2 costs, got 1", e.getMessage());
    }
}
