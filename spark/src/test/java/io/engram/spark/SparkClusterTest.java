package io.engram.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The driver's arithmetic: partial sums, the aggregation depth, and indexed payloads. */
class SparkClusterTest {

    @Test
    void partialSumsAddElementWiseAndAnEmptyPartitionAddsNothing() {
        double[] a = {1, 2, 3};
        assertArrayEquals(new double[] {1.5, 2, 5}, SparkCluster.add(a, new double[] {0.5, 0, 2}));
        assertArrayEquals(new double[] {1, 2, 3}, a, "the first operand is not changed");
        assertSame(a, SparkCluster.add(new double[0], a));
        assertSame(a, SparkCluster.add(a, new double[0]));
        assertThrows(IllegalStateException.class, () -> SparkCluster.add(a, new double[2]));
    }

    @Test
    void theTreeGrowsALevelPerFactorSixteen() {
        assertEquals(2, SparkCluster.depth(1));
        assertEquals(2, SparkCluster.depth(16));
        assertEquals(3, SparkCluster.depth(17));
        assertEquals(3, SparkCluster.depth(256));
        assertEquals(4, SparkCluster.depth(257));
    }

    @Test
    void anIndexTravelsWithItsBytes() {
        byte[] indexed = SparkCluster.Indexed.of(70_000, new byte[] {9, 8, 7});
        assertEquals(70_000, SparkCluster.Indexed.index(indexed));
        assertArrayEquals(new byte[] {9, 8, 7}, SparkCluster.Indexed.bytes(indexed));
    }
}
