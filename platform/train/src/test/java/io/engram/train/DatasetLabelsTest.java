package io.engram.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.engram.api.Batch;
import io.engram.api.Dataset;
import io.engram.api.Labels;
import io.engram.api.Sequence;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Labels of their own length travel from sequences into padded batches. */
class DatasetLabelsTest {

    private static Sequence seq(int steps, int... labels) {
        return Sequence.labelled(new double[steps][2], 3, labels);
    }

    @Test
    void batchesPadLabelsToTheLongestWithLengths() {
        Dataset d = new Dataset(List.of(seq(4, 1, 2), seq(2), seq(5, 2, 2, 1)), 2, 3);
        Batch b = d.batches(3).get(0);
        Labels l = b.labels();
        assertEquals(3, l.width());
        assertArrayEquals(new int[] {2, 0, 3}, l.lengths());
        assertArrayEquals(new int[] {1, 2, 0, 0, 0, 0, 2, 2, 1}, l.values());
        assertArrayEquals(new int[] {2, 2, 1}, l.of(2));
        assertEquals(0, b.targetCount(), "labelled sequences carry no per-step target");
        assertEquals(5, b.length(2));
        assertEquals(2, b.length(1));
    }

    @Test
    void batchesWithoutLabelsHaveEmptyLabelsAndOldConstructorsStillWork() {
        Sequence s = new Sequence(new double[2][1], new double[2][1], new boolean[] {true, false});
        assertEquals(0, s.labelCount());
        Batch b = new Dataset(List.of(s, s), 1, 1).batches(2).get(0);
        assertEquals(Labels.none(2), b.labels());
        Batch old = new Batch(1, 1, 1, 1, new double[1], new double[1], new double[] {1}, new double[] {1});
        assertEquals(0, old.labels().width());
    }

    @Test
    void datasetsDifferingOnlyInLabelsAreNotEqual() {
        assertNotEquals(new Dataset(List.of(seq(3, 1)), 2, 3), new Dataset(List.of(seq(3, 2)), 2, 3));
        assertEquals(new Dataset(List.of(seq(3, 1)), 2, 3), new Dataset(List.of(seq(3, 1)), 2, 3));
    }

    @Test
    void labelsOfTheWrongBatchAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Batch(1, 2, 1, 1,
                new double[2], new double[2], new double[2], new double[2], Labels.of(new int[] {1})));
        assertEquals("labels of 1 sequences for a batch of 2", e.getMessage());
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> new Labels(new int[4], new int[] {3, 1}, 2));
        assertEquals("labels of sequence 0: length 3 outside [0, 2]", f.getMessage());
    }
}
