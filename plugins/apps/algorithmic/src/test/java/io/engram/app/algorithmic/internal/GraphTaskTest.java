package io.engram.app.algorithmic.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Hyperparameters;
import io.engram.api.Sequence;
import io.engram.api.TaskData;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GraphTaskTest {
    private final AlgorithmicApplication app = new AlgorithmicApplication();

    /** The due nodes are those reached by following the queried labels through the triples shown. */
    @Test
    void theDueNodesFollowTheLabelledEdgesFromTheStart() {
        int bits = 4;
        int nodes = 5;
        int labels = 3;
        int hops = 4;
        Sequence s = GraphTask.traversal(new SplittableRandom(11), bits, nodes, labels, hops);
        double[][] x = s.inputs();
        assertEquals(nodes * labels + 1 + 2 * hops, s.length());
        Map<String, String> edges = new HashMap<>();
        Set<String> sources = new HashSet<>();
        for (int t = 0; t < nodes * labels; t++) {
            assertEquals(1.0, x[t][2 * bits + labels], "edge channel at step " + t);
            String src = Arrays.toString(Arrays.copyOfRange(x[t], 0, bits));
            String dst = Arrays.toString(Arrays.copyOfRange(x[t], bits + labels, 2 * bits + labels));
            assertFalse(src.equals(dst), "no edge to itself at step " + t);
            sources.add(src);
            assertEquals(null, edges.put(src + label(x[t], bits, labels), dst), "one edge per node and label");
        }
        assertEquals(nodes, sources.size(), "every node has its own code");
        int start = nodes * labels;
        assertEquals(1.0, x[start][2 * bits + labels + 1], "query channel");
        String at = Arrays.toString(Arrays.copyOfRange(x[start], 0, bits));
        for (int h = 0; h < hops; h++) {
            int t = start + 1 + 2 * h;
            assertFalse(s.targetMask()[t]);
            at = edges.get(at + label(x[t], bits, labels));
            assertArrayEquals(new double[inputs(bits, labels)], x[t + 1], "blank while answering");
            assertTrue(s.targetMask()[t + 1]);
            assertEquals(at, Arrays.toString(s.targets()[t + 1]), "hop " + h);
        }
        assertEquals(hops, java.util.stream.IntStream.range(0, s.length()).filter(t -> s.targetMask()[t]).count());
    }

    @Test
    void theApplicationSizesTraversalByHopsAndNamesTooFewBits() {
        TaskData d = app.load(Hyperparameters.of(Map.of("task", "traversal", "bits", 3, "graph.nodes", 6,
                "graph.labels", 2, "length.min", 1, "length.max", 2, "test.length.min", 5, "test.length.max", 5,
                "train.size", 10, "test.size", 2)), 1).get();
        assertEquals(List.of(10, 3), List.of(d.train().inputSize(), d.train().outputSize()));
        assertEquals(6 * 2 + 1 + 10, d.test().get(0).length());
        String message = app.load(Hyperparameters.of(Map.of("task", "traversal", "bits", 3, "graph.nodes", 8)), 1)
                .getCause().getMessage();
        assertTrue(message.contains("data.bits") && message.contains("8 graph.nodes"), message);
    }

    private static int inputs(int bits, int labels) {
        return GraphTask.inputs(bits, labels);
    }

    private static int label(double[] x, int bits, int labels) {
        for (int l = 0; l < labels; l++) {
            if (x[bits + l] == 1.0) {
                return l;
            }
        }
        throw new AssertionError("no label in " + Arrays.toString(x));
    }
}
