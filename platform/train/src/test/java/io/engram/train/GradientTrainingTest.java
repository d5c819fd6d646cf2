package io.engram.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GradientTrainingTest {
    private final CpuBackend backend = new CpuBackend(1);

    private TanhRnn net(DType dtype, long seed) {
        return new TanhRnn(backend.ops(), 2, 4, 2, dtype, seed);
    }

    /** Sequences whose targets are the constant {@code value}, at every step. */
    private static Dataset constantTargets(long seed, int count, double value) {
        Dataset random = Fixtures.dataset(seed, 2, 2, lengths(count));
        List<Sequence> out = new ArrayList<>();
        for (Sequence s : random.sequences()) {
            double[][] y = new double[s.length()][2];
            for (double[] row : y) {
                java.util.Arrays.fill(row, value);
            }
            out.add(Sequence.perStep(s.inputs(), y));
        }
        return new Dataset(out, 2, 2);
    }

    private static int[] lengths(int count) {
        int[] l = new int[count];
        for (int i = 0; i < count; i++) {
            l[i] = 3 + i % 4;
        }
        return l;
    }

    private static double[] flat(Map<String, Tensor> params) {
        return params.values().stream().flatMapToDouble(t -> java.util.Arrays.stream(t.toDoubleArray())).toArray();
    }

    @Test
    void lossFallsAndEventsAreReported() {
        TanhRnn net = net(DType.F64, 1);
        FakeContext c = new FakeContext(net, backend, Fixtures.dataset(3, 2, 2, lengths(12)),
                constantTargets(4, 4, 0.0), "mse", Map.of("epochs", "6", "batch.size", "4", "lr", "0.05"), 7L);
        TrainingResult r = GradientTraining.run(c, SequenceGradients.bptt());
        List<TrainingEvent.EpochEnd> epochs = c.events(TrainingEvent.EpochEnd.class);
        assertEquals(6, epochs.size());
        assertEquals(18, c.events(TrainingEvent.Progress.class).size());
        assertTrue(epochs.get(5).trainLoss() < 0.8 * epochs.get(0).trainLoss(),
                "train loss " + epochs.get(0).trainLoss() + " -> " + epochs.get(5).trainLoss());
        assertEquals(Map.of("sequences", 4.0), epochs.get(0).metrics());
        assertEquals(6, r.epochs());
        assertEquals("", r.stopReason());
        assertFalse(r.failed());
        assertEquals(epochs.get(5).trainLoss(), r.metrics().get("loss"));
        assertEquals(epochs.get(5).validationLoss(), r.metrics().get("validation.loss"));
    }

    @Test
    void sameSeedSameRunOtherSeedOtherRun() {
        List<double[]> runs = new ArrayList<>();
        for (long seed : new long[] {5, 5, 6}) {
            TanhRnn net = net(DType.F64, 1);
            FakeContext c = new FakeContext(net, backend, Fixtures.dataset(3, 2, 2, lengths(10)),
                    new Dataset(List.of(), 2, 2), "mse", Map.of("epochs", "3", "batch.size", "3"), seed);
            GradientTraining.run(c, SequenceGradients.bptt());
            runs.add(flat(net.parameters()));
        }
        assertArrayEquals(runs.get(0), runs.get(1));
        assertFalse(java.util.Arrays.equals(runs.get(0), runs.get(2)), "another shuffle seed, other parameters");
    }

    @Test
    void earlyStoppingRestoresTheBestParameters() {
        TanhRnn net = net(DType.F64, 2);
        Map<Integer, double[]> byEpoch = new HashMap<>();
        FakeContext c = new FakeContext(net, backend, constantTargets(3, 8, 0.9), constantTargets(4, 4, -0.9), "mse",
                Map.of("epochs", "20", "batch.size", "4", "lr", "0.05", "patience", "2"), 1L);
        c.onEvent(e -> {
            if (e instanceof TrainingEvent.EpochEnd) {
                byEpoch.put(((TrainingEvent.EpochEnd) e).epoch(), flat(net.parameters()));
            }
        });
        TrainingResult r = GradientTraining.run(c, SequenceGradients.bptt());
        List<TrainingEvent.EpochEnd> epochs = c.events(TrainingEvent.EpochEnd.class);
        int best = 1;
        for (TrainingEvent.EpochEnd e : epochs) {
            if (e.validationLoss() < epochs.get(best - 1).validationLoss()) {
                best = e.epoch();
            }
        }
        assertEquals(best + 2, r.epochs(), "stops two epochs after the best");
        assertTrue(r.stopReason().startsWith("early stopping: no lower validation loss for 2 epochs"), r.stopReason());
        assertFalse(r.failed());
        assertArrayEquals(byEpoch.get(best), flat(net.parameters()));
        assertEquals(epochs.get(best - 1).validationLoss(), r.metrics().get("validation.loss"), 1e-15);
        TrainingEvent.Stopped stopped = c.events(TrainingEvent.Stopped.class).get(0);
        assertFalse(stopped.failure());
    }

    @Test
    void aNonFiniteLossStopsWithFailureAndKeepsTheLastGoodParameters() {
        TanhRnn net = net(DType.F32, 3);
        List<double[]> afterStep = new ArrayList<>();
        afterStep.add(flat(net.parameters()));
        FakeContext c = new FakeContext(net, backend, constantTargets(3, 8, 1e18), new Dataset(List.of(), 2, 2),
                "mse", Map.of("epochs", "5", "batch.size", "2", "optimizer", "sgd", "lr", "100"), 1L);
        c.onEvent(e -> {
            if (e instanceof TrainingEvent.Progress) {
                afterStep.add(flat(net.parameters()));
            }
        });
        TrainingResult r = GradientTraining.run(c, SequenceGradients.bptt());
        assertTrue(r.failed());
        assertTrue(r.stopReason().startsWith("non-finite "), r.stopReason());
        TrainingEvent.Stopped stopped = c.events(TrainingEvent.Stopped.class).get(0);
        assertTrue(stopped.failure());
        assertEquals(r.stopReason(), stopped.reason());
        int steps = afterStep.size() - 1;
        assertTrue(steps >= 1 && steps < 4, "diverges within a few steps, took " + steps);
        double[] kept = flat(net.parameters());
        for (double v : kept) {
            assertTrue(Double.isFinite(v), "kept parameters are finite");
        }
        assertArrayEquals(afterStep.get(steps - 1), kept, "the parameters of the last finite step");
    }

    @Test
    void cancellationIsCheckedEveryBatch() {
        TanhRnn net = net(DType.F64, 1);
        int[] calls = {0};
        FakeContext c = new FakeContext(net, backend, Fixtures.dataset(3, 2, 2, lengths(10)),
                new Dataset(List.of(), 2, 2), "mse", Map.of("epochs", "3", "batch.size", "2"), 1L)
                .cancelWhen(() -> ++calls[0] > 3);
        TrainingResult r = GradientTraining.run(c, SequenceGradients.bptt());
        assertEquals("cancelled", r.stopReason());
        assertEquals(3, c.events(TrainingEvent.Progress.class).size());
        assertEquals(0, r.epochs());
    }

    @Test
    void reachingTheTargetMetricStops() {
        TanhRnn net = net(DType.F64, 1);
        FakeContext c = new FakeContext(net, backend, Fixtures.dataset(3, 2, 2, lengths(10)),
                Fixtures.dataset(4, 2, 2, lengths(4)), "mse",
                Map.of("epochs", "9", "target.metric", "loss", "target.value", "100"), 1L);
        TrainingResult r = GradientTraining.run(c, SequenceGradients.bptt());
        assertEquals(1, r.epochs());
        assertTrue(r.stopReason().startsWith("target reached: loss = "), r.stopReason());
        assertNotEquals(0, c.events(TrainingEvent.Stopped.class).size());
    }
}
