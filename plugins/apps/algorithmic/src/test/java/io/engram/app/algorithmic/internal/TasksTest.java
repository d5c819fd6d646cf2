package io.engram.app.algorithmic.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.Sequence;
import io.engram.api.TaskData;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TasksTest {
    private final AlgorithmicApplication app = new AlgorithmicApplication();

    @Test
    void copyShowsTheVectorsThenTheDelimiterThenAsksForThem() {
        Sequence s = Tasks.copy(new SplittableRandom(3), 4, 3);
        assertEquals(7, s.length());
        for (int t = 0; t < 3; t++) {
            assertArrayEquals(java.util.Arrays.copyOf(s.inputs()[t], 4), s.targets()[4 + t], "vector " + t);
            assertEquals(0.0, s.inputs()[t][4]);
            assertFalse(s.targetMask()[t]);
            assertTrue(s.targetMask()[4 + t]);
            assertArrayEquals(new double[5], s.inputs()[4 + t], "blank while answering");
        }
        assertArrayEquals(new double[] {0, 0, 0, 0, 1}, s.inputs()[3]);
        assertFalse(s.targetMask()[3]);
    }

    @Test
    void repeatCopyRepeatsAndEnds() {
        Sequence s = Tasks.repeatCopy(new SplittableRandom(4), 3, 2, 3, 6);
        assertEquals(2 + 2 + 3 * 2, s.length());
        assertEquals(1.0, s.inputs()[2][3]);
        assertEquals(0.5, s.inputs()[2][4]);
        for (int k = 0; k < 6; k++) {
            assertArrayEquals(java.util.Arrays.copyOf(s.inputs()[k % 2], 3), java.util.Arrays.copyOf(s.targets()[3 + k], 3));
            assertEquals(0.0, s.targets()[3 + k][3]);
        }
        assertArrayEquals(new double[] {0, 0, 0, 1}, s.targets()[9]);
        assertTrue(s.targetMask()[9]);
        assertFalse(s.targetMask()[2]);
    }

    @Test
    void recallAsksForTheItemAfterTheQuery() {
        int bits = 3;
        int length = 2;
        Sequence s = Tasks.recall(new SplittableRandom(9), bits, 4, length);
        assertEquals(5 * 3 + 1 + 2, s.length());
        double[][] x = s.inputs();
        double[][] query = {java.util.Arrays.copyOf(x[13], bits), java.util.Arrays.copyOf(x[14], bits)};
        assertEquals(1.0, x[12][bits + 1]);
        assertEquals(1.0, x[15][bits + 1]);
        int found = -1;
        for (int i = 0; i < 3; i++) {
            if (java.util.Arrays.equals(query[0], java.util.Arrays.copyOf(x[3 * i + 1], bits))
                    && java.util.Arrays.equals(query[1], java.util.Arrays.copyOf(x[3 * i + 2], bits))) {
                found = i;
            }
            assertEquals(1.0, x[3 * i][bits], "item delimiter");
        }
        assertTrue(found >= 0, "the query is one of the first three items");
        for (int k = 0; k < length; k++) {
            assertArrayEquals(java.util.Arrays.copyOf(x[3 * (found + 1) + 1 + k], bits), s.targets()[16 + k]);
            assertTrue(s.targetMask()[16 + k]);
        }
        assertEquals(2, java.util.stream.IntStream.range(0, s.length()).filter(t -> s.targetMask()[t]).count());
    }

    @Test
    void lookaheadTagsEachStepWithTheVectorAheadOfIt() {
        Sequence s = Tasks.lookahead(new SplittableRandom(6), 3, 7, 2);
        assertEquals(7, s.length());
        for (int t = 0; t < 5; t++) {
            assertArrayEquals(s.inputs()[t + 2], s.targets()[t], "step " + t);
            assertTrue(s.targetMask()[t]);
        }
        assertFalse(s.targetMask()[5]);
        assertFalse(s.targetMask()[6]);
        TaskData d = app.load(Hyperparameters.of(Map.of("task", "lookahead", "bits", 2, "length.min", 4,
                "length.max", 6, "train.size", 5)), 1).get();
        assertEquals(List.of(2, 2), List.of(d.train().inputSize(), d.train().outputSize()));
        String message = app.load(Hyperparameters.of(Map.of("task", "lookahead", "ahead", 4, "length.min", 4)), 1)
                .getCause().getMessage();
        assertTrue(message.contains("data.length.min") && message.contains("more than 'ahead' (4)"), message);
    }

    @Test
    void testSetsMayBeLongerAndBadRangesAreNamed() {
        TaskData d = app.load(Hyperparameters.of(Map.of("length.max", 5, "test.length.min", 40, "test.length.max", 40,
                "train.size", 20, "test.size", 3)), 1).get();
        assertEquals(81, d.test().get(0).length());
        for (int i = 0; i < d.train().size(); i++) {
            assertTrue(d.train().get(i).length() <= 11);
        }
        assertEquals(List.of(9, 8), List.of(d.train().inputSize(), d.train().outputSize()));
        String message = app.load(Hyperparameters.of(Map.of("length.min", 6, "length.max", 5, "task", "recall",
                "repeats.min", 3, "repeats.max", 2)), 1).getCause().getMessage();
        assertTrue(message.contains("data.length.min") && message.contains("data.repeats.min"), message);
        String recall = app.load(Hyperparameters.of(Map.of("task", "recall", "length.min", 1)), 1).getCause().getMessage();
        assertTrue(recall.contains("data.length.min") && recall.contains("at least 2"), recall);
    }

    @Test
    void bitErrorsCountWrongBitsWhereDue() {
        Sequence s = Tasks.copy(new SplittableRandom(5), 2, 2);
        Dataset data = new Dataset(List.of(s, s), 3, 2);
        double[][] right = new double[5][2];
        for (int t = 0; t < 5; t++) {
            for (int o = 0; o < 2; o++) {
                right[t][o] = s.targetMask()[t] ? (s.target(t, o) > 0.5 ? 3 : -3) : 7;
            }
        }
        double[][] wrong = new double[5][];
        for (int t = 0; t < 5; t++) {
            wrong[t] = right[t].clone();
        }
        wrong[3][1] = -wrong[3][1];
        Map<String, Double> m = BitErrors.of(data, List.of(right, wrong));
        assertEquals(0.5, m.get("bit.errors"), 1e-12);
        assertEquals(1.0 / 8, m.get("bit.error.rate"), 1e-12);
        assertEquals(0.5, m.get("sequence.accuracy"), 1e-12);
    }
}
