package io.engram.family.mtrnn.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.TrainingResult;
import io.engram.layers.SequenceOutputs;
import io.engram.tensor.DType;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceBackend;
import io.engram.testkit.TestTrainingContext;
import io.engram.train.GradientTraining;
import io.engram.train.SequenceGradients;
import io.engram.train.TrainingSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An MTRNN trained by BPTT on three sequences made of the same three primitives in different orders
 * generates each from its slow initial state alone, and swapping two slow initial states swaps the
 * sequences it generates.
 */
class MtrnnSequencesTest {
    private static final int LENGTH = 10;
    private static final int[][] ORDER = {{0, 1, 2}, {2, 0, 1}, {1, 2, 0}};

    @Test
    void learnsSequencesOfSharedPrimitivesAndSwitchesByTheSlowInitialStates() {
        ReferenceBackend backend = new ReferenceBackend();
        Dataset data = Primitives.sequences(LENGTH, ORDER);
        Network net = new MtrnnFamily().create(new ModelSpec("mtrnn", ORDER.length, 2, DType.F64, Hyperparameters.of(Map.of(
                "io", 6, "fast", 16, "slow", 4, "sequences", ORDER.length))), backend, 5);
        TestTrainingContext c = TestTrainingContext.builder(net, backend).train(data).loss("mse")
                .hyper(TrainingSchema.common(), Map.of("epochs", "800", "batch.size", "3", "lr", "0.01"))
                .seed(1).build();
        TrainingResult r = GradientTraining.run(c, SequenceGradients.bptt());
        assertFalse(r.failed(), r.stopReason());
        double[][] mse = crossErrors(net, backend, data);
        for (int k = 0; k < ORDER.length; k++) {
            System.out.printf("mtrnn sequence %d: mse %.5f against its own target, %s against each%n", k, mse[k][k],
                    java.util.Arrays.toString(mse[k]));
            for (int j = 0; j < ORDER.length; j++) {
                assertTrue(mse[k][k] < 0.005, "sequence " + k + " generated with mse " + mse[k][k]);
                assertTrue(j == k || mse[k][j] > 10 * mse[k][k], "sequence " + k + " vs target " + j + ": " + mse[k][j]);
            }
        }
        Map<String, Tensor> swapped = new HashMap<>();
        double[] init = net.parameters().get("slow.init").toDoubleArray();
        int slow = init.length / ORDER.length;
        double[] rows = init.clone();
        System.arraycopy(init, 0, rows, slow, slow);
        System.arraycopy(init, slow, rows, 0, slow);
        swapped.put("slow.init", backend.ops().fromArray(DType.F64, Shape.of(ORDER.length, slow), rows));
        net.setParameters(swapped);
        double[][] after = crossErrors(net, backend, data);
        System.out.printf("mtrnn with the slow initial states of 0 and 1 swapped: selector 0 vs target 1 %.5f, selector 1 vs target 0 %.5f%n",
                after[0][1], after[1][0]);
        assertTrue(after[0][1] < 0.005 && after[1][0] < 0.005, "selector 0 with sequence 1's slow state generates sequence 1");
        assertTrue(after[2][2] < 0.005, "sequence 2 unchanged");
    }

    /** {@code mse[k][j]}: the output generated for sequence {@code k}'s selector against sequence {@code j}'s target. */
    static double[][] crossErrors(Network net, ReferenceBackend backend, Dataset data) {
        List<double[][]> out = SequenceOutputs.of(net, backend.ops(), data);
        double[][] mse = new double[data.size()][data.size()];
        for (int k = 0; k < data.size(); k++) {
            for (int j = 0; j < data.size(); j++) {
                double[][] target = data.get(j).targets();
                double sum = 0;
                for (int t = 0; t < target.length; t++) {
                    for (int o = 0; o < 2; o++) {
                        sum += Math.pow(out.get(k)[t][o] - target[t][o], 2);
                    }
                }
                mse[k][j] = sum / (2.0 * target.length);
            }
        }
        return mse;
    }
}
