package io.engram.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Batch;
import io.engram.api.Dataset;
import io.engram.api.Decoder;
import io.engram.api.Hyperparameters;
import io.engram.api.Loss;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.Sequence;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Decoders trained on target sentences of their own length ({@code Batch.labels()}). */
class LabelledDecodingTest {
    private static final Ops OPS = new CpuBackend(1).ops();
    private static final Loss CE = Losses.of(Losses.SOFTMAX_CE);
    private static final int IN = 2;
    private static final int V = 4;

    /**
     * A small decoder: the source is summarised as the masked mean {@code c = mean_s x_s W}, and each
     * step {@code s_t = tanh(y_{t-1} E + c + s_{t-1} R)} scores the next token as {@code z_t = s_t}.
     */
    static final class MeanDecoder implements Network, Decoder {
        private Map<String, Tensor> params = new LinkedHashMap<>();

        MeanDecoder(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            params.put("w", random(r, IN, V));
            params.put("e", random(r, V, V));
            params.put("r", random(r, V, V));
        }

        private static Tensor random(SplittableRandom r, int rows, int cols) {
            double[] v = new double[rows * cols];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextDouble(-1, 1);
            }
            return OPS.fromArray(DType.F64, Shape.of(rows, cols), v);
        }

        @Override
        public int startToken() {
            return 0;
        }

        @Override
        public int endToken() {
            return 1;
        }

        @Override
        public State encode(Ops ops, Map<String, Tensor> p, Tensor xs, double[] stepMask, List<StepContext> contexts) {
            int time = contexts.size();
            int batch = xs.dim(0) / time;
            double[] counts = new double[batch];
            for (int row = 0; row < stepMask.length; row++) {
                counts[row % batch] += stepMask[row];
            }
            double[] weights = new double[stepMask.length];
            for (int row = 0; row < stepMask.length; row++) {
                weights[row] = stepMask[row] / counts[row % batch];
            }
            Tensor m = OPS.fromArray(DType.F64, Shape.of(time * batch, 1), weights);
            Tensor keep = ops.where(m, xs, ops.zeros(DType.F64, xs.shape()));
            Tensor mean = ops.sum(ops.reshape(ops.mul(keep, m), Shape.of(time, batch, IN)), 0);
            return State.of(ops.matmul(mean, p.get("w")), ops.zeros(DType.F64, Shape.of(batch, V)));
        }

        @Override
        public Step decode(Ops ops, Map<String, Tensor> p, Tensor previous, State state, StepContext context) {
            Tensor s = ops.tanh(ops.add(ops.add(ops.matmul(previous, p.get("e")), state.get(0)),
                    ops.matmul(state.get(1), p.get("r"))));
            return new Step(s, State.of(state.get(0), s));
        }

        @Override
        public ModelSpec spec() {
            return new ModelSpec("mean-decoder", IN, V, DType.F64, Hyperparameters.empty());
        }

        @Override
        public Map<String, Tensor> parameters() {
            return params;
        }

        @Override
        public void setParameters(Map<String, Tensor> values) {
            params = new LinkedHashMap<>(values);
        }

        @Override
        public State initialState(Ops ops, int batch) {
            return State.of();
        }

        @Override
        public Step step(Ops ops, Map<String, Tensor> p, Tensor x, State state, StepContext context) {
            throw new UnsupportedOperationException("decoder only");
        }
    }

    /** Sequences of the given source lengths with random inputs and random labels of the given lengths. */
    static Dataset data(long seed, int[] sourceLengths, int[] labelLengths) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Sequence> out = new java.util.ArrayList<>();
        for (int i = 0; i < sourceLengths.length; i++) {
            double[][] x = new double[sourceLengths[i]][IN];
            for (double[] row : x) {
                for (int f = 0; f < IN; f++) {
                    row[f] = r.nextDouble(-1, 1);
                }
            }
            int[] labels = new int[labelLengths[i]];
            for (int t = 0; t < labels.length; t++) {
                labels[t] = t == labels.length - 1 ? 1 : r.nextInt(V);
            }
            out.add(Sequence.labelled(x, V, labels));
        }
        return new Dataset(out, IN, V);
    }

    @Test
    void labelsAreDecodedOverTheirOwnStepsFedTheStartTokenThenTheTruePreviousLabel() {
        WholeSequenceGradientsTest.EchoDecoder echo = new WholeSequenceGradientsTest.EchoDecoder();
        double[][] x = new double[2][2];
        Batch batch = new Dataset(List.of(Sequence.labelled(x, 3, new int[] {1, 0, 1, 0}),
                Sequence.labelled(new double[1][2], 3, new int[] {0})), 2, 3).batches(2).get(0);
        List<Tensor> out = SequenceGradients.outputs(OPS, echo, echo.parameters(), batch, false, 0L);
        assertEquals(4, out.size(), "one output per label step, not per source step");
        int[][] fed = {{2, 1, 0, 1}, {2, 0, 2, 2}};
        double[] diagonal = {1, 2, 3};
        for (int t = 0; t < 4; t++) {
            for (int b = 0; b < 2; b++) {
                double[] expected = new double[3];
                expected[fed[b][t]] = diagonal[fed[b][t]];
                assertArrayEquals(expected, java.util.Arrays.copyOfRange(out.get(t).toDoubleArray(), 3 * b, 3 * b + 3),
                        0.0, "step " + t + " sequence " + b);
            }
        }
        assertEquals(5, SequenceGradients.terms(echo, batch, CE), "the real target tokens");
        double lossSum = SequenceGradients.lossSum(OPS, echo, echo.parameters(), batch, CE, false, 0L);
        double expected = 0;
        int[][] labels = {{1, 0, 1, 0}, {0}};
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < labels[b].length; t++) {
                double[] z = new double[3];
                z[fed[b][t]] = diagonal[fed[b][t]];
                double log = Math.log(Math.exp(z[0]) + Math.exp(z[1]) + Math.exp(z[2]));
                expected += log - z[labels[b][t]];
            }
        }
        assertEquals(expected, lossSum, 1e-12);
    }

    @Test
    void aSequencesLossIsUnchangedByThePaddingOfALongerOneInItsBatch() {
        MeanDecoder net = new MeanDecoder(3);
        Dataset both = data(5, new int[] {2, 6}, new int[] {3, 7});
        Batch together = both.batches(2).get(0);
        double joint = SequenceGradients.lossSum(OPS, net, net.parameters(), together, CE, true, 1L);
        double apart = SequenceGradients.lossSum(OPS, net, net.parameters(), both.subset(0, 1).batches(1).get(0), CE,
                true, 1L) + SequenceGradients.lossSum(OPS, net, net.parameters(), both.subset(1, 2).batches(1).get(0),
                CE, true, 1L);
        assertEquals(apart, joint, 1e-12);
        LossAndGradients g = SequenceGradients.bptt().compute(OPS, net, net.parameters(), together, CE, 1L);
        assertEquals(10, g.targets());
        assertEquals(joint / 10, g.loss(), 1e-12);
    }

    @Test
    void gradientsOverLabelStepsMatchCentralDifferences() {
        MeanDecoder net = new MeanDecoder(7);
        Batch batch = data(9, new int[] {3, 1, 4}, new int[] {2, 5, 1}).batches(3).get(0);
        LossAndGradients g = SequenceGradients.bptt().compute(OPS, net, net.parameters(), batch, CE, 1L);
        double h = 1e-5;
        for (String name : List.of("w", "e", "r")) {
            double[] analytic = g.gradients().get(name).toDoubleArray();
            double[] values = net.parameters().get(name).toDoubleArray();
            Shape shape = net.parameters().get(name).shape();
            for (int i = 0; i < values.length; i++) {
                double up = moved(net, batch, name, shape, values, i, h);
                double down = moved(net, batch, name, shape, values, i, -h);
                assertEquals((up - down) / (2 * h), analytic[i], 1e-7, name + "[" + i + "]");
            }
        }
        assertTrue(g.loss() > 0);
    }

    private static double moved(MeanDecoder net, Batch batch, String name, Shape shape, double[] values, int i,
                                double delta) {
        double[] v = values.clone();
        v[i] += delta;
        Map<String, Tensor> p = new LinkedHashMap<>(net.parameters());
        p.put(name, OPS.fromArray(DType.F64, shape, v));
        return SequenceGradients.lossSum(OPS, net, p, batch, CE, true, 1L) / SequenceGradients.terms(net, batch, CE);
    }

    @Test
    void aLabelOutsideTheOutputsIsNamed() {
        MeanDecoder net = new MeanDecoder(1);
        Batch batch = new Dataset(List.of(Sequence.labelled(new double[2][IN], V, new int[] {0, 1}),
                Sequence.labelled(new double[2][IN], V, new int[] {2, V})), IN, V).batches(2).get(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SequenceGradients.lossSum(OPS, net, net.parameters(), batch, CE, false, 0L));
        assertEquals("labels of sequence 1 of the batch: label 1 is 4, not among the 4 output tokens (0 to 3)",
                e.getMessage());
    }
}
