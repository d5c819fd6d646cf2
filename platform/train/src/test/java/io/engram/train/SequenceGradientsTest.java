package io.engram.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Batch;
import io.engram.api.Loss;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SequenceGradientsTest {
    private final Ops ops = new CpuBackend(1).ops();
    private final TanhRnn net = new TanhRnn(ops, 2, 3, 2, DType.F64, 11);
    private final Loss mse = Losses.of("mse");
    private final Batch padded = Fixtures.batch(5, 2, 2, 5, 3, 7);

    private static double maxDifference(Map<String, Tensor> a, Map<String, Tensor> b) {
        double max = 0;
        for (String name : a.keySet()) {
            double[] x = a.get(name).toDoubleArray();
            double[] y = b.get(name).toDoubleArray();
            for (int i = 0; i < x.length; i++) {
                max = Math.max(max, Math.abs(x[i] - y[i]));
            }
        }
        return max;
    }

    @Test
    void bpttMatchesCentralDifferences() {
        LossAndGradients g = SequenceGradients.bptt().compute(ops, net, net.parameters(), padded, mse, 1L);
        assertEquals(15, g.targets());
        double h = 1e-5;
        double worst = 0;
        for (Map.Entry<String, Tensor> e : net.parameters().entrySet()) {
            double[] v = e.getValue().toDoubleArray();
            double[] analytic = g.gradients().get(e.getKey()).toDoubleArray();
            for (int i = 0; i < v.length; i++) {
                double up = lossWith(e.getKey(), e.getValue(), v, i, h);
                double down = lossWith(e.getKey(), e.getValue(), v, i, -h);
                double numeric = (up - down) / (2 * h);
                worst = Math.max(worst, Math.abs(numeric - analytic[i]) / Math.max(1e-3, Math.abs(numeric)));
            }
        }
        System.out.printf("tanh-rnn BPTT vs central differences: max relative error %.3g%n", worst);
        assertTrue(worst < 1e-6, "max relative error " + worst);
        double plain = SequenceGradients.lossSum(ops, net, net.parameters(), padded, mse, true, 1L) / 15;
        assertEquals(plain, g.loss(), 1e-15);
    }

    private double lossWith(String name, Tensor like, double[] values, int i, double delta) {
        double[] v = values.clone();
        v[i] += delta;
        Map<String, Tensor> p = new LinkedHashMap<>(net.parameters());
        p.put(name, ops.fromArray(DType.F64, like.shape(), v));
        return SequenceGradients.lossSum(ops, net, p, padded, mse, true, 1L) / padded.targetCount();
    }

    @Test
    void rtrlAgreesWithBptt() {
        for (Loss loss : new Loss[] {mse, Losses.of("softmax-ce")}) {
            LossAndGradients bptt = SequenceGradients.bptt().compute(ops, net, net.parameters(), padded, loss, 3L);
            LossAndGradients rtrl = SequenceGradients.rtrl().compute(ops, net, net.parameters(), padded, loss, 3L);
            double diff = maxDifference(bptt.gradients(), rtrl.gradients());
            System.out.printf("tanh-rnn %s: BPTT vs RTRL max gradient difference %.3g%n", loss.id(), diff);
            assertTrue(diff < 1e-9, loss.id() + ": BPTT and RTRL differ by " + diff);
            assertEquals(bptt.loss(), rtrl.loss(), 1e-12);
            assertTrue(GradientClipping.globalNorm(ops, bptt.gradients()) > 1e-3, "gradients are not trivial");
        }
    }

    @Test
    void truncatedBpttReachingTheStartIsFullBptt() {
        LossAndGradients full = SequenceGradients.bptt().compute(ops, net, net.parameters(), padded, mse, 1L);
        for (int k1 : new int[] {1, 2, 3}) {
            LossAndGradients truncated = SequenceGradients.truncated(k1, padded.time())
                    .compute(ops, net, net.parameters(), padded, mse, 1L);
            double diff = maxDifference(full.gradients(), truncated.gradients());
            System.out.printf("BPTT(k2 = T; k1 = %d) vs full BPTT: max difference %.3g%n", k1, diff);
            assertTrue(diff < 1e-12, "k1 = " + k1 + ": differs from full BPTT by " + diff);
            assertEquals(full.loss(), truncated.loss(), 1e-14);
        }
    }

    @Test
    void checkpointedBpttGivesTheGradientsOfFullBpttToRounding() {
        for (Loss loss : new Loss[] {mse, Losses.of("softmax-ce")}) {
            LossAndGradients full = SequenceGradients.bptt().compute(ops, net, net.parameters(), padded, loss, 5L);
            for (int segments : new int[] {2, 3, padded.time() - 1}) {
                LossAndGradients cp = SequenceGradients.checkpointed(segments)
                        .compute(ops, net, net.parameters(), padded, loss, 5L);
                double diff = maxDifference(full.gradients(), cp.gradients());
                System.out.printf("%s: checkpointed BPTT (%d segments) vs full BPTT: max difference %.3g%n", loss.id(),
                        segments, diff);
                for (String name : full.gradients().keySet()) {
                    org.junit.jupiter.api.Assertions.assertArrayEquals(full.gradients().get(name).toDoubleArray(),
                            cp.gradients().get(name).toDoubleArray(), 1e-14, loss.id() + " " + segments + " " + name);
                }
                assertEquals(full.loss(), cp.loss(), 1e-15);
                assertEquals(full.targets(), cp.targets());
            }
        }
    }

    @Test
    void truncatedBpttSumsSegmentsThatStartFromTheCarriedState() {
        Batch b = Fixtures.batch(8, 2, 2, 6, 6);
        int h = 3;
        LossAndGradients truncated = SequenceGradients.truncated(h, h).compute(ops, net, net.parameters(), b, mse, 1L);
        LossAndGradients full = SequenceGradients.bptt().compute(ops, net, net.parameters(), b, mse, 1L);
        assertTrue(maxDifference(full.gradients(), truncated.gradients()) > 1e-4, "truncation changes the gradient");

        State carried = net.initialState(ops, 2);
        Map<String, Tensor> sum = new LinkedHashMap<>();
        for (int start = 0; start < 6; start += h) {
            Batch segment = slice(b, start, start + h);
            LossAndGradients g = SequenceGradients.bptt().compute(ops, startingAt(carried), net.parameters(), segment,
                    mse, 1L);
            g.gradients().forEach((name, t) -> sum.merge(name, ops.scale(t, segment.targetCount()), ops::add));
            for (int t = start; t < start + h; t++) {
                carried = net.step(ops, net.parameters(), rows(b, t), carried, StepContext.inference(t)).state();
            }
        }
        Map<String, Tensor> expected = new LinkedHashMap<>();
        sum.forEach((name, t) -> expected.put(name, ops.scale(t, 1.0 / b.targetCount())));
        double diff = maxDifference(expected, truncated.gradients());
        assertTrue(diff < 1e-12, "BPTT(3;3) differs from the sum of its segments by " + diff);
    }

    private Tensor rows(Batch b, int t) {
        double[] x = new double[b.batch() * b.inputSize()];
        System.arraycopy(b.inputs(), t * x.length, x, 0, x.length);
        return ops.fromArray(DType.F64, Shape.of(b.batch(), b.inputSize()), x);
    }

    private static Batch slice(Batch b, int from, int to) {
        int n = b.batch();
        int steps = to - from;
        double[] x = new double[steps * n * b.inputSize()];
        double[] y = new double[steps * n * b.outputSize()];
        double[] s = new double[steps * n];
        double[] m = new double[steps * n];
        System.arraycopy(b.inputs(), from * n * b.inputSize(), x, 0, x.length);
        System.arraycopy(b.targets(), from * n * b.outputSize(), y, 0, y.length);
        System.arraycopy(b.stepMask(), from * n, s, 0, s.length);
        System.arraycopy(b.targetMask(), from * n, m, 0, m.length);
        return new Batch(steps, n, b.inputSize(), b.outputSize(), x, y, s, m);
    }

    private Network startingAt(State initial) {
        return new Network() {
            @Override
            public ModelSpec spec() {
                return net.spec();
            }

            @Override
            public Map<String, Tensor> parameters() {
                return net.parameters();
            }

            @Override
            public void setParameters(Map<String, Tensor> values) {
                throw new UnsupportedOperationException();
            }

            @Override
            public State initialState(Ops o, int batch) {
                return initial;
            }

            @Override
            public Step step(Ops o, Map<String, Tensor> params, Tensor x, State state, StepContext context) {
                return net.step(o, params, x, state, context);
            }
        };
    }

    @Test
    void paddedStepsContributeNothing() {
        Batch garbage = Fixtures.garbageInPadding(padded, 99);
        for (GradientMethod method : new GradientMethod[] {SequenceGradients.bptt(), SequenceGradients.rtrl(),
                SequenceGradients.truncated(2, 4)}) {
            LossAndGradients clean = method.compute(ops, net, net.parameters(), padded, mse, 1L);
            LossAndGradients dirty = method.compute(ops, net, net.parameters(), garbage, mse, 1L);
            assertEquals(clean.loss(), dirty.loss(), 0.0);
            assertEquals(0.0, maxDifference(clean.gradients(), dirty.gradients()), 1e-13);
        }
    }

    @Test
    void aBatchWithoutTargetsHasZeroLossAndGradients() {
        Batch b = padded;
        Batch none = new Batch(b.time(), b.batch(), b.inputSize(), b.outputSize(), b.inputs(), b.targets(),
                b.stepMask(), new double[b.targetMask().length]);
        LossAndGradients g = SequenceGradients.bptt().compute(ops, net, net.parameters(), none, mse, 1L);
        assertEquals(0.0, g.loss());
        assertEquals(0, g.targets());
        assertEquals(0.0, GradientClipping.globalNorm(ops, g.gradients()));
    }

    @Test
    void truncationParametersAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SequenceGradients.truncated(5, 2));
        assertEquals("truncated BPTT needs 0 < k1 <= k2, or k2 = 0; got k1 = 5, k2 = 2", e.getMessage());
    }

    @Test
    void onlyStepsWithATargetCount() {
        io.engram.api.Dataset random = Fixtures.dataset(21, 2, 2, 4, 6);
        java.util.List<io.engram.api.Sequence> lastOnly = new java.util.ArrayList<>();
        for (io.engram.api.Sequence s : random.sequences()) {
            boolean[] mask = new boolean[s.length()];
            mask[s.length() - 1] = true;
            lastOnly.add(new io.engram.api.Sequence(s.inputs(), s.targets(), mask));
        }
        Batch b = new io.engram.api.Dataset(lastOnly, 2, 2).batches(2).get(0);
        java.util.List<Tensor> outputs = SequenceGradients.outputs(ops, net, net.parameters(), b, true, 1L);
        double expected = 0;
        int[] last = {3, 5};
        for (int j = 0; j < 2; j++) {
            double[] y = outputs.get(last[j]).toDoubleArray();
            for (int o = 0; o < 2; o++) {
                double d = y[j * 2 + o] - b.targets()[(last[j] * 2 + j) * 2 + o];
                expected += d * d / 2;
            }
        }
        LossAndGradients g = SequenceGradients.rtrl().compute(ops, net, net.parameters(), b, mse, 1L);
        assertEquals(2, g.targets());
        assertEquals(expected / 2, g.loss(), 1e-15);
    }
}
