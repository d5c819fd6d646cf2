package io.engram.trainer.evolino.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Batch;
import io.engram.api.Capability;
import io.engram.api.Dataset;
import io.engram.api.LinearReadout;
import io.engram.api.Network;
import io.engram.api.Sequence;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.testkit.TestTrainingContext;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EvolinoTrainerTest {
    private final CpuBackend backend = new CpuBackend(1);
    private final EvolinoTrainer trainer = new EvolinoTrainer();

    /** sin(0.2 t) + sin(0.311 t) scaled by 1/2, next-step prediction, 200 steps, targets after 40. */
    static Dataset twoSines() {
        int steps = 200;
        double[][] x = new double[steps][1];
        double[][] y = new double[steps][1];
        boolean[] mask = new boolean[steps];
        for (int t = 0; t < steps; t++) {
            x[t][0] = 0.5 * (Math.sin(0.2 * t) + Math.sin(0.311 * t));
            y[t][0] = 0.5 * (Math.sin(0.2 * (t + 1)) + Math.sin(0.311 * (t + 1)));
            mask[t] = t >= 40;
        }
        return new Dataset(List.of(new Sequence(x, y, mask)), 1, 1);
    }

    private TestTrainingContext.Builder onSines(Network n, Map<String, String> hyper) {
        return TestTrainingContext.builder(n, backend).train(twoSines()).loss("mse").hyper(trainer.schema(), hyper)
                .seed(3);
    }

    @Test
    void declaresItNeedsALinearReadout() {
        assertEquals(Set.of(Capability.LINEAR_READOUT), trainer.requires());
        assertEquals("evolino", trainer.id());
    }

    @Test
    void theFittedReadoutIsTheLeastSquaresSolution() {
        // features f = (t, t^2) of 6 rows, targets y = 2 f0 - f1 + 0.5 exactly: the fit recovers them
        Ops ops = backend.ops();
        double[] feats = new double[12];
        double[] targets = new double[6];
        for (int r = 0; r < 6; r++) {
            feats[2 * r] = r;
            feats[2 * r + 1] = r * r;
            targets[r] = 2 * r - r * r + 0.5;
        }
        double[] ones = new double[6];
        Arrays.fill(ones, 1.0);
        Batch batch = new Batch(6, 1, 1, 1, new double[6], targets, ones, ones);
        LinearReadout fixed = new LinearReadout() {
            public String weights() {
                return "w";
            }

            public Optional<String> bias() {
                return Optional.of("b");
            }

            public int features() {
                return 2;
            }

            public int outputs() {
                return 1;
            }

            public Tensor features(Ops o, Map<String, Tensor> params, Batch b) {
                return o.fromArray(DType.F64, Shape.of(6, 2), feats);
            }
        };
        Map<String, Tensor> fit = ReadoutFit.fit(ops, fixed, Map.of(), List.of(batch), 0.0, DType.F64);
        assertArrayEquals(new double[] {2, -1}, fit.get("w").toDoubleArray(), 1e-9);
        assertArrayEquals(new double[] {0.5}, fit.get("b").toDoubleArray(), 1e-9);
    }

    @Test
    void fitsTwoSuperimposedSinesAndImprovesOnItsFirstGeneration() {
        Network n = TinyElman.of(backend, 5, 7, true);
        TestTrainingContext c = onSines(n, Map.of("generations", "15", "population", "8", "trials", "1")).workers(2)
                .build();
        TrainingResult r = trainer.train(c);
        List<TrainingEvent.EpochEnd> ends = c.events(TrainingEvent.EpochEnd.class);
        double first = ends.get(0).trainLoss();
        double last = r.metrics().get("loss");
        assertEquals(15 * 8.0, r.metrics().get("evaluations"));
        assertTrue(last < first, "best loss after generation 1 " + first + ", after 15 " + last);
        assertTrue(last < 1e-3, "loss after 15 generations " + last);
        double[] direct = c.populationLoss(List.of(n.parameters()), twoSines(), 0L);
        assertEquals(last, direct[0], 1e-12, "the network holds the best candidate with its fitted readout");
    }

    @Test
    void oneAndTwoWorkersGiveBitIdenticalParameters() {
        Map<String, String> hyper = Map.of("generations", "4", "population", "6");
        Network a = TinyElman.of(backend, 4, 7, true);
        Network b = TinyElman.of(backend, 4, 7, true);
        TrainingResult ra = trainer.train(onSines(a, hyper).workers(1).build());
        TrainingResult rb = trainer.train(onSines(b, hyper).workers(2).build());
        assertEquals(ra.metrics(), rb.metrics());
        a.parameters().forEach((name, t) -> assertArrayEquals(t.toDoubleArray(), b.parameters().get(name).toDoubleArray(),
                name));
    }

    @Test
    void aNetworkWithoutALinearReadoutFailsNamingTheCapability() {
        Network n = TinyElman.of(backend, 3, 7, false);
        TrainingResult r = trainer.train(onSines(n, Map.of("generations", "2")).build());
        assertTrue(r.failed());
        assertTrue(r.stopReason().contains("linear-readout"), r.stopReason());
    }

    @Test
    void espFormsEachRoundFromEveryChromosomeOnceAndKeepsTheReadout() {
        double[] start = {1, 2, 3, 4, 9};
        Esp esp = new Esp(start, List.of(new int[] {0, 1}, new int[] {2, 3}),
                new Esp.Settings(5, 2, 0.4, 0.4, 1.0, 0.5, 1.0));
        List<double[]> nets = esp.ask(1, 42);
        assertEquals(10, nets.size());
        for (int round = 0; round < 2; round++) {
            long distinct = nets.subList(round * 5, round * 5 + 5).stream().map(v -> v[0] + "," + v[1]).distinct().count();
            assertEquals(5, distinct, "round " + round + " uses each chromosome of group 0 once");
        }
        nets.forEach(v -> assertEquals(9.0, v[4], "a value outside every group keeps the start's"));
        assertTrue(nets.stream().anyMatch(v -> v[0] == 1 && v[1] == 2), "chromosome 0 is the start");
        double[] costs = new double[10];
        for (int i = 0; i < 10; i++) {
            costs[i] = Math.abs(nets.get(i)[0] - 1);
        }
        esp.tell(costs);
        assertEquals(0.0, esp.bestCost());
        assertEquals(10, esp.ask(2, 43).size());
    }
}
