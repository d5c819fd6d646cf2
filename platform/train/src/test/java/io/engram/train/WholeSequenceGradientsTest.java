package io.engram.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Batch;
import io.engram.api.BundleRef;
import io.engram.api.CheckpointMetadata;
import io.engram.api.Decoder;
import io.engram.api.Hyperparameters;
import io.engram.api.InnerFamily;
import io.engram.api.Loss;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.Provenance;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.api.WholeSequence;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WholeSequenceGradientsTest {
    private static final Ops OPS = new CpuBackend(1).ops();
    private static final Loss MSE = Losses.of(Losses.MSE);

    @TempDir
    Path dir;

    /**
     * A non-causal test network: {@code y_t = x_t V + (sum of x_s over the real steps s of the
     * sequence) W}, so every output sees the whole sequence.
     */
    static final class SumNetwork implements Network, WholeSequence {
        private Map<String, Tensor> params = new LinkedHashMap<>();

        SumNetwork(int in, int out) {
            double[] v = new double[in * out];
            double[] w = new double[in * out];
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.sin(i + 1.0);
                w[i] = Math.cos(3.0 * i);
            }
            params.put("v", OPS.fromArray(DType.F64, Shape.of(in, out), v));
            params.put("w", OPS.fromArray(DType.F64, Shape.of(in, out), w));
        }

        @Override
        public Tensor run(Ops ops, Map<String, Tensor> p, Tensor xs, double[] stepMask, List<StepContext> contexts) {
            int time = contexts.size();
            int batch = xs.dim(0) / time;
            Tensor mask = OPS.fromArray(DType.F64, Shape.of(time * batch, 1), stepMask);
            Tensor summed = ops.sum(ops.reshape(ops.mul(xs, mask), Shape.of(time, batch, xs.dim(1))), 0);
            Tensor whole = ops.matmul(summed, p.get("w"));
            List<Tensor> copies = new ArrayList<>();
            for (int t = 0; t < time; t++) {
                copies.add(whole);
            }
            return ops.add(ops.matmul(xs, p.get("v")), ops.concat(0, copies));
        }

        @Override
        public ModelSpec spec() {
            return new ModelSpec("sum", 2, 3, DType.F64, Hyperparameters.empty());
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
            throw new UnsupportedOperationException("whole sequences only");
        }
    }

    @Test
    void bpttThroughTheWholeRunMatchesCentralDifferences() {
        SumNetwork net = new SumNetwork(2, 3);
        Batch batch = Fixtures.garbageInPadding(Fixtures.batch(3, 2, 3, 4, 2, 3), 5);
        LossAndGradients g = SequenceGradients.bptt().compute(OPS, net, net.parameters(), batch, MSE, 1L);
        assertEquals(g.loss() * batch.targetCount(),
                SequenceGradients.lossSum(OPS, net, net.parameters(), batch, MSE, true, 1L), 1e-12);
        double h = 1e-5;
        for (String name : List.of("v", "w")) {
            double[] analytic = g.gradients().get(name).toDoubleArray();
            double[] values = net.parameters().get(name).toDoubleArray();
            for (int i = 0; i < values.length; i++) {
                double numeric = (loss(net, batch, name, values, i, h) - loss(net, batch, name, values, i, -h)) / (2 * h);
                assertEquals(numeric, analytic[i], 1e-7, name + "[" + i + "]");
            }
        }
    }

    private static double loss(SumNetwork net, Batch batch, String name, double[] values, int i, double delta) {
        double[] moved = values.clone();
        moved[i] += delta;
        Map<String, Tensor> p = new LinkedHashMap<>(net.parameters());
        p.put(name, OPS.fromArray(DType.F64, Shape.of(2, 3), moved));
        return SequenceGradients.lossSum(OPS, net, p, batch, MSE, true, 1L) / batch.targetCount();
    }

    @Test
    void causalMethodsRefuseAWholeSequenceNetworkAndAcceptAStepped() {
        SumNetwork net = new SumNetwork(2, 3);
        Batch batch = Fixtures.batch(3, 2, 3, 4, 2);
        for (GradientMethod m : List.of(SequenceGradients.rtrl(), SequenceGradients.truncated(1, 2),
                SequenceGradients.checkpointed(2))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.compute(OPS, net, net.parameters(), batch, MSE, 1L));
            assertTrue(e.getMessage().startsWith("family 'sum' runs whole sequences"), e.getMessage());
        }
        assertTrue(WholeSequenceGradients.refusal(new TanhRnn(OPS, 2, 3, 3, DType.F64, 1), "RTRL").isEmpty());
        assertTrue(WholeSequenceGradients.refusal(net, "RTRL").orElseThrow().contains("as RTRL does"));
    }

    /** A decoder whose scores are the previous token's row of {@code e}: it shows what it was fed. */
    static final class EchoDecoder implements Network, Decoder {
        private final Map<String, Tensor> params = Map.of("e", OPS.fromArray(DType.F64, Shape.of(3, 3),
                new double[] {1, 0, 0, 0, 2, 0, 0, 0, 3}));

        @Override
        public int startToken() {
            return 2;
        }

        @Override
        public int endToken() {
            return 0;
        }

        @Override
        public State encode(Ops ops, Map<String, Tensor> p, Tensor xs, double[] stepMask, List<StepContext> contexts) {
            return State.of();
        }

        @Override
        public Step decode(Ops ops, Map<String, Tensor> p, Tensor previous, State state, StepContext context) {
            return new Step(ops.matmul(previous, p.get("e")), state);
        }

        @Override
        public ModelSpec spec() {
            return new ModelSpec("echo", 2, 3, DType.F64, Hyperparameters.empty());
        }

        @Override
        public Map<String, Tensor> parameters() {
            return params;
        }

        @Override
        public void setParameters(Map<String, Tensor> values) {
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

    @Test
    void teacherForcingFeedsTheStartTokenThenTheTruePreviousToken() {
        Batch batch = Fixtures.batch(4, 2, 3, 3, 2);
        EchoDecoder echo = new EchoDecoder();
        List<Tensor> out = SequenceGradients.outputs(OPS, echo, echo.parameters(), batch, false, 0L);
        assertEquals(batch.time(), out.size());
        double[] diagonal = {1, 2, 3};
        for (int t = 0; t < batch.time(); t++) {
            double[] rows = out.get(t).toDoubleArray();
            for (int b = 0; b < batch.batch(); b++) {
                int fed = 2;
                if (t > 0) {
                    int row = ((t - 1) * batch.batch() + b) * 3;
                    fed = 0;
                    for (int o = 1; o < 3; o++) {
                        fed = batch.targets()[row + o] > batch.targets()[row + fed] ? o : fed;
                    }
                }
                double[] expected = new double[3];
                expected[fed] = diagonal[fed];
                assertArrayEquals(expected, java.util.Arrays.copyOfRange(rows, b * 3, b * 3 + 3), 0.0,
                        "step " + t + " sequence " + b);
            }
        }
    }

    @Test
    void checkpointsKeepTheInnerFamiliesOfTheirProvenance() throws Exception {
        List<InnerFamily> inner = List.of(new InnerFamily("inner", "gru", new BundleRef("io.engram.family.gru", "0.1.0")),
                new InnerFamily("inner.encoder", "lstm", new BundleRef("io.engram.family.lstm", "0.2.1")));
        Provenance p = new Provenance(1L, "generator:test", "00", List.of(new BundleRef("a", "1.0.0")),
                Map.of("model.inner.family", "gru"), "2026-12-07T00:00:00Z", Map.of(), inner);
        CheckpointMetadata meta = new CheckpointMetadata(CheckpointFile.FORMAT_VERSION, "io.engram.family.bidirectional",
                "0.1.0", new ModelSpec("bidirectional", 2, 3, DType.F32, Hyperparameters.of(Map.of("inner.family", "gru"))),
                p);
        Path file = dir.resolve("composite.engram");
        CheckpointFile.write(file, meta, Map.of("x", OPS.zeros(DType.F32, Shape.of(2))));
        assertEquals(inner, CheckpointFile.readMetadata(file).get().provenance().innerFamilies());
        assertEquals(meta, CheckpointFile.readMetadata(file).get());
    }
}
