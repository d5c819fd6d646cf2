package io.engram.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Sequence;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class SequenceOutputsTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    /** A running-sum network over 70 sequences of lengths 1..9: two batches, padding dropped. */
    @Test
    void outputsPerSequenceInOrderWithoutThePadding() {
        SplittableRandom r = new SplittableRandom(12);
        List<Sequence> sequences = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            int length = 1 + r.nextInt(9);
            double[][] x = new double[length][1];
            for (int t = 0; t < length; t++) {
                x[t][0] = r.nextInt(-5, 6);
            }
            sequences.add(Sequence.perStep(x, new double[length][1]));
        }
        List<double[][]> outputs = SequenceOutputs.of(StackedNetworkTest.runningSum(), BACKEND.ops(),
                new Dataset(sequences, 1, 1));
        assertEquals(70, outputs.size());
        for (int i = 0; i < 70; i++) {
            double[][] x = sequences.get(i).inputs();
            assertEquals(x.length, outputs.get(i).length, "steps of sequence " + i);
            double sum = 0;
            for (int t = 0; t < x.length; t++) {
                sum += x[t][0];
                assertArrayEquals(new double[] {sum}, outputs.get(i)[t], 0.0, "sequence " + i + " step " + t);
            }
        }
    }

    /** A network whose output is its input plus noise drawn from the step's random source. */
    private static final class NoisyEcho extends AbstractNetwork {
        NoisyEcho() {
            super(new ModelSpec("noisy", 1, 1, DType.F64, Hyperparameters.of(Map.of())), Map.of());
        }

        @Override
        public State initialState(Ops ops, int batch) {
            return State.of(ops.zeros(DType.F64, Shape.of(batch, 1)));
        }

        @Override
        public Step step(Ops ops, Map<String, Tensor> params, Tensor x, State state, StepContext context) {
            double[] noise = new double[x.dim(0)];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = context.random().nextDouble();
            }
            return new Step(ops.add(x, ops.fromArray(DType.F64, x.shape(), noise)), state);
        }
    }

    @Test
    void stepsDrawFromTheSeedAtInference() {
        List<Sequence> sequences = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            sequences.add(Sequence.perStep(new double[3][1], new double[3][1]));
        }
        Dataset data = new Dataset(sequences, 1, 1);
        List<double[][]> a = SequenceOutputs.of(new NoisyEcho(), BACKEND.ops(), data, 5L);
        List<double[][]> b = SequenceOutputs.of(new NoisyEcho(), BACKEND.ops(), data, 5L);
        List<double[][]> c = SequenceOutputs.of(new NoisyEcho(), BACKEND.ops(), data, 6L);
        for (int i = 0; i < 70; i++) {
            for (int t = 0; t < 3; t++) {
                assertArrayEquals(a.get(i)[t], b.get(i)[t], 0.0, "same seed, sequence " + i + " step " + t);
                assertNotEquals(a.get(i)[t][0], c.get(i)[t][0], "another seed, sequence " + i + " step " + t);
            }
        }
        assertNotEquals(a.get(0)[0][0], a.get(64)[0][0], "the second batch draws other values than the first");
        assertNotEquals(a.get(0)[0][0], a.get(0)[1][0], "each step draws other values");
    }

    @Test
    void softmaxIsShiftInvariantAndSumsToOne() {
        double[] p = SequenceOutputs.softmax(new double[] {1000, 1001, 1002});
        double e = Math.exp(1);
        double z = 1 + e + e * e;
        assertArrayEquals(new double[] {1 / z, e / z, e * e / z}, p, 1e-15);
    }
}
