package io.engram.family.bidirectional.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Batch;
import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.Loss;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.Problem;
import io.engram.api.WholeSequence;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.elman.internal.ElmanFamily;
import io.engram.family.gru.internal.GruFamily;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import io.engram.testkit.GradientChecker;
import io.engram.testkit.TestData;
import io.engram.train.LossAndGradients;
import io.engram.train.Losses;
import io.engram.train.SequenceGradients;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class BidirectionalNetworkTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final Ops OPS = BACKEND.ops();
    private static final Loss CE = Losses.of(Losses.SOFTMAX_CE);

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    /** A bidirectional network over elman or gru, 3 inputs, 4 outputs, f64. */
    static Network network(String inner, long seed) {
        NetworkFamily innerFamily = inner.equals("elman") ? new ElmanFamily() : inner.equals("gru") ? new GruFamily()
                : new BidirectionalFamily().bind(Map.of("inner", new ElmanFamily()));
        NetworkFamily bound = new BidirectionalFamily().bind(Map.of("inner", innerFamily));
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("features", 3);
        hyper.put("init.scale", 1.0);
        if (inner.equals("bidirectional")) {
            hyper.put("inner.family", "bidirectional");
            hyper.put("inner.features", 2);
            hyper.put("inner.init.scale", 1.0);
            hyper.put("inner.inner.family", "elman");
            hyper.put("inner.inner.hidden", 3);
        } else {
            hyper.put("inner.family", inner);
            hyper.put("inner.hidden", 4);
        }
        return bound.create(new ModelSpec("bidirectional", 3, 4, DType.F64, Hyperparameters.of(hyper)), BACKEND, seed);
    }

    private static Batch padded() {
        return TestData.oneBatch(TestData.random(5, 3, 4, 6, 2, 4));
    }

    @Test
    void garbageInPaddingChangesNothing() {
        for (String inner : List.of("elman", "gru", "bidirectional")) {
            Network net = network(inner, 3);
            Batch clean = padded();
            Batch dirty = TestData.garbageInPadding(clean, 9);
            List<Tensor> a = SequenceGradients.outputs(OPS, net, net.parameters(), clean, false, 0L);
            List<Tensor> b = SequenceGradients.outputs(OPS, net, net.parameters(), dirty, false, 0L);
            for (int t = 0; t < clean.time(); t++) {
                double[] x = a.get(t).toDoubleArray();
                double[] y = b.get(t).toDoubleArray();
                for (int s = 0; s < clean.batch(); s++) {
                    if (clean.stepMask()[t * clean.batch() + s] != 0) {
                        for (int o = 0; o < 4; o++) {
                            assertEquals(x[s * 4 + o], y[s * 4 + o], 1e-12, inner + " step " + t + " sequence " + s);
                        }
                    }
                }
            }
            LossAndGradients ga = SequenceGradients.bptt().compute(OPS, net, net.parameters(), clean, CE, 1L);
            LossAndGradients gb = SequenceGradients.bptt().compute(OPS, net, net.parameters(), dirty, CE, 1L);
            assertEquals(ga.loss(), gb.loss(), 1e-12, inner);
            ga.gradients().forEach((k, g) -> assertArrayEquals(g.toDoubleArray(),
                    gb.gradients().get(k).toDoubleArray(), 1e-12, inner + " " + k));
        }
    }

    @Test
    void aSequenceAloneEqualsTheSameSequenceInAPaddedBatch() {
        for (String inner : List.of("elman", "gru", "bidirectional")) {
            Network net = network(inner, 4);
            Dataset data = TestData.random(6, 3, 4, 5, 2, 3);
            Batch all = TestData.oneBatch(data);
            List<Tensor> together = SequenceGradients.outputs(OPS, net, net.parameters(), all, false, 0L);
            for (int s = 0; s < data.size(); s++) {
                Batch alone = TestData.oneBatch(new Dataset(List.of(data.get(s)), 3, 4));
                List<Tensor> single = SequenceGradients.outputs(OPS, net, net.parameters(), alone, false, 0L);
                for (int t = 0; t < alone.time(); t++) {
                    double[] row = java.util.Arrays.copyOfRange(together.get(t).toDoubleArray(), s * 4, s * 4 + 4);
                    assertArrayEquals(single.get(t).toDoubleArray(), row, 1e-12, inner + " sequence " + s + " step " + t);
                }
            }
        }
    }

    @Test
    void gradientsMatchCentralDifferences() {
        for (String inner : List.of("elman", "gru", "bidirectional")) {
            Network net = network(inner, 7);
            double error = GradientChecker.maxRelativeError(OPS, net, padded(), CE);
            assertTrue(error < 1e-6, inner + ": max relative error " + error);
        }
    }

    @Test
    void theFirstOutputSeesTheLastInput() {
        Network net = network("elman", 8);
        Dataset data = TestData.random(2, 3, 4, 4);
        double[][] x = data.get(0).inputs();
        x[3][0] += 1.0;
        Dataset changed = new Dataset(List.of(io.engram.api.Sequence.perStep(x, data.get(0).targets())), 3, 4);
        double[] before = SequenceGradients.outputs(OPS, net, net.parameters(), TestData.oneBatch(data), false, 0L)
                .get(0).toDoubleArray();
        double[] after = SequenceGradients.outputs(OPS, net, net.parameters(), TestData.oneBatch(changed), false, 0L)
                .get(0).toDoubleArray();
        assertNotEquals(before[0], after[0], 1e-9);
    }

    @Test
    void causalMethodsRefuseWithTheFamilyNamed() {
        Network net = network("gru", 1);
        assertTrue(net.capability(WholeSequence.class).isPresent());
        IllegalArgumentException rtrl = assertThrows(IllegalArgumentException.class,
                () -> SequenceGradients.rtrl().compute(OPS, net, net.parameters(), padded(), CE, 1L));
        assertTrue(rtrl.getMessage().contains("family 'bidirectional' runs whole sequences")
                && rtrl.getMessage().contains("RTRL"), rtrl.getMessage());
        IllegalArgumentException truncated = assertThrows(IllegalArgumentException.class,
                () -> SequenceGradients.truncated(2, 2).compute(OPS, net, net.parameters(), padded(), CE, 1L));
        assertTrue(truncated.getMessage().contains("truncated BPTT (k1 = 2, k2 = 2)"), truncated.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> net.step(OPS, net.parameters(), null, null, null));
    }

    @Test
    void innerProblemsAreReportedUnderTheSlot() {
        NetworkFamily bound = new BidirectionalFamily().bind(Map.of("inner", new ElmanFamily()));
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("features", 3);
        hyper.put("inner.family", "elman");
        hyper.put("inner.layers", 1);
        hyper.put("inner.dropout", 0.5);
        List<Problem> problems = bound.validate(new ModelSpec("bidirectional", 0, 0, DType.F64,
                Hyperparameters.of(hyper))).asJava();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("model.inner.dropout", problems.get(0).where());
        assertThrows(IllegalStateException.class, () -> new BidirectionalFamily().create(null, BACKEND, 0));
    }

    @Test
    void reversalIsItsOwnInverseAndKeepsPaddingInPlace() {
        double[] mask = {1, 1, 1, 1, 0, 1};
        int[] r = BidirectionalNetwork.reversal(mask, 3, 2);
        assertArrayEquals(new int[] {2, 5, 0, 3, 4, 1}, r);
        for (int i = 0; i < r.length; i++) {
            assertEquals(i, r[r[i]]);
        }
    }
}
