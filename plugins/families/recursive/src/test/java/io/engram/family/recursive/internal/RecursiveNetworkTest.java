package io.engram.family.recursive.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Batch;
import io.engram.api.Dataset;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.layers.SequenceOutputs;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.testkit.GradientChecker;
import io.engram.testkit.ReferenceBackend;
import io.engram.testkit.TestData;
import io.engram.train.Losses;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The network against a direct recursion over the same trees (so the stack builds every node from
 * the right children), padded batches against trees run alone, and backpropagation through
 * structure against central differences in f64.
 */
class RecursiveNetworkTest {
    private static final ReferenceBackend BACKEND = new ReferenceBackend();
    private static final Ops OPS = BACKEND.ops();
    private static final int WORDS = 4;
    private static final int CLASSES = 3;
    private static final int D = 3;

    private static Network network(int capacity, long seed) {
        RecursiveFamily family = new RecursiveFamily();
        ModelSpec spec = new ModelSpec("recursive", WORDS + 2, CLASSES, DType.F64, family.schema().validate(Map.of(
                "hidden", String.valueOf(D), "capacity", String.valueOf(capacity)), "model.").get());
        return family.create(spec, BACKEND, seed);
    }

    @Test
    void everyNodeIsTheCompositionOfItsChildren() {
        Network net = network(8, 3);
        List<TreeFixtures.Node> trees = TreeFixtures.trees(5, WORDS, 1, 2, 5, 7, 6);
        Dataset data = TreeFixtures.dataset(1, trees, WORDS, CLASSES);
        List<double[][]> outputs = SequenceOutputs.of(net, OPS, data);
        Map<String, Tensor> p = net.parameters();
        double worst = 0;
        for (int i = 0; i < trees.size(); i++) {
            List<TreeFixtures.Node> nodes = TreeFixtures.postOrder(trees.get(i));
            for (int t = 0; t < nodes.size(); t++) {
                double[] y = readout(p, vector(p, nodes.get(t)));
                for (int o = 0; o < CLASSES; o++) {
                    worst = Math.max(worst, Math.abs(y[o] - outputs.get(i)[t][o]));
                }
            }
        }
        assertTrue(worst < 1e-12, "largest difference " + worst);
    }

    @Test
    void aPaddedBatchGivesEachTreeItsOwnOutputs() {
        Network net = network(8, 4);
        Dataset data = TreeFixtures.dataset(2, TreeFixtures.trees(6, WORDS, 7, 1, 3, 6), WORDS, CLASSES);
        List<double[][]> together = SequenceOutputs.of(net, OPS, data);
        for (int i = 0; i < data.size(); i++) {
            double[][] alone = SequenceOutputs.of(net, OPS, data.subset(i, i + 1)).get(0);
            for (int t = 0; t < alone.length; t++) {
                for (int o = 0; o < CLASSES; o++) {
                    assertEquals(alone[t][o], together.get(i)[t][o], 1e-14, "tree " + i + " step " + t);
                }
            }
        }
    }

    @Test
    void backpropagationThroughStructureMatchesCentralDifferences() {
        Network net = network(6, 5);
        Batch batch = TestData.oneBatch(TreeFixtures.dataset(3, TreeFixtures.trees(7, WORDS, 5, 3, 6, 1), WORDS, CLASSES));
        double error = GradientChecker.maxRelativeError(net, batch, Losses.of(Losses.SOFTMAX_CE));
        assertTrue(error < 1e-6, "max relative error " + error);
    }

    @Test
    void paddingStepsLeaveTheStackAsItIs() {
        Network net = network(4, 6);
        Tensor stack = OPS.fromArray(DType.F64, Shape.of(1, 4, D), new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        Tensor x = OPS.zeros(DType.F64, Shape.of(1, WORDS + 2));
        Tensor next = net.step(OPS, net.parameters(), x, io.engram.api.State.of(stack),
                io.engram.api.StepContext.inference(0)).state().get(0);
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0),
                java.util.Arrays.stream(next.toDoubleArray()).boxed().toList());
    }

    /** The node's vector by recursion: a leaf's embedding, else tanh(W^T [c_1; c_2] + b) written out with loops. */
    private static double[] vector(Map<String, Tensor> p, TreeFixtures.Node n) {
        if (n.word() >= 0) {
            double[] l = p.get("embedding").toDoubleArray();
            double[] e = new double[D];
            for (int k = 0; k < D; k++) {
                e[k] = l[n.word() * D + k];
            }
            return e;
        }
        double[] a = vector(p, n.left());
        double[] b = vector(p, n.right());
        double[] c = new double[2 * D];
        System.arraycopy(a, 0, c, 0, D);
        System.arraycopy(b, 0, c, D, D);
        double[] w = p.get("w").toDoubleArray();
        double[] bias = p.get("b").toDoubleArray();
        double[] h = new double[D];
        for (int k = 0; k < D; k++) {
            double z = bias[k];
            for (int i = 0; i < 2 * D; i++) {
                z += c[i] * w[i * D + k];
            }
            h[k] = Math.tanh(z);
        }
        return h;
    }

    private static double[] readout(Map<String, Tensor> p, double[] h) {
        double[] w = p.get("w.out").toDoubleArray();
        double[] y = p.get("b.out").toDoubleArray();
        for (int o = 0; o < CLASSES; o++) {
            for (int k = 0; k < D; k++) {
                y[o] += h[k] * w[k * CLASSES + o];
            }
        }
        return y;
    }
}
