package io.engram.trainer.swarm.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.testkit.DriftEnvironment;
import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.PluginProperties;
import io.engram.api.Sequence;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceRnn;
import io.engram.testkit.TestTrainingContext;
import io.engram.train.Episodes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The swarm trainer on a small test network: an environment, a dataset, and 1 or 2 workers. */
class SwarmTrainerTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private final SwarmTrainer trainer = new SwarmTrainer();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    private static Network network(int in, int out) {
        ReferenceRnn family = new ReferenceRnn();
        Hyperparameters h = family.schema().validate(Map.of("hidden", "4", "scale", "0.5"), "model.").get();
        return family.create(new ModelSpec(family.id(), in, out, DType.F64, h), BACKEND, 11);
    }

    private static Dataset halving() {
        SplittableRandom rnd = new SplittableRandom(3);
        List<Sequence> seqs = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            double[][] x = new double[5][1];
            double[][] y = new double[5][1];
            for (int t = 0; t < 5; t++) {
                x[t][0] = rnd.nextDouble(-1, 1);
                y[t][0] = 0.5 * x[t][0];
            }
            seqs.add(Sequence.perStep(x, y));
        }
        return new Dataset(seqs, 1, 1);
    }

    private static double[] flat(Map<String, Tensor> params) {
        return params.values().stream().flatMapToDouble(t -> Arrays.stream(t.toDoubleArray())).toArray();
    }

    @Test
    void onAnEnvironmentTheHeldOutFitnessRises() {
        Network n = network(2, 1);
        double before = Episodes.meanFitness(n, BACKEND.ops(), n.parameters(), new DriftEnvironment(), 999_999L, 20);
        TestTrainingContext c = TestTrainingContext.builder(n, BACKEND).environment(new DriftEnvironment())
                .hyper(trainer.schema(), Map.of("generations", "15", "particles", "12", "spread", "0.5",
                        "episodes", "4"))
                .seed(5).workers(2).build();
        TrainingResult r = trainer.train(c);
        double after = Episodes.meanFitness(n, BACKEND.ops(), n.parameters(), new DriftEnvironment(), 999_999L, 20);
        assertEquals(15, r.epochs());
        assertTrue(after > before + 1.0, "held-out fitness before " + before + ", after " + after);
        List<TrainingEvent.EpochEnd> ends = c.events(TrainingEvent.EpochEnd.class);
        assertEquals(12.0 * 4, ends.get(0).metrics().get("evaluations"), "12 particles, 4 episodes each");
        assertEquals(15 * 12.0 * 4, ends.get(14).metrics().get("evaluations"));
    }

    @Test
    void onADatasetTheTrainingLossFallsAndNeverRises() {
        Network n = network(1, 1);
        TestTrainingContext c = TestTrainingContext.builder(n, BACKEND).train(halving()).loss("mse")
                .hyper(trainer.schema(), Map.of("generations", "30", "particles", "12", "spread", "0.2"))
                .seed(2).workers(2).build();
        TrainingResult r = trainer.train(c);
        List<TrainingEvent.EpochEnd> ends = c.events(TrainingEvent.EpochEnd.class);
        assertTrue(ends.get(29).trainLoss() < 0.5 * ends.get(0).trainLoss(),
                "loss after generation 1 " + ends.get(0).trainLoss() + ", after 30 " + ends.get(29).trainLoss());
        for (int g = 1; g < ends.size(); g++) {
            assertTrue(ends.get(g).trainLoss() <= ends.get(g - 1).trainLoss(), "the best so far never gets worse");
        }
        assertEquals(ends.get(29).trainLoss(), r.metrics().get("loss"));
        double held = c.populationLoss(List.of(n.parameters()), halving(), 0L)[0];
        assertEquals(r.metrics().get("loss"), held, 1e-12, "the network holds the best point");
    }

    @Test
    void oneAndTwoWorkersGiveBitIdenticalParametersAndMetrics() {
        for (String topology : Topology.NAMES) {
            Map<String, String> hyper = Map.of("generations", "6", "particles", "9", "spread", "0.3",
                    "episodes", "2", "topology", topology, "velocity.max", "0.2");
            Network a = network(2, 1);
            Network b = network(2, 1);
            TestTrainingContext ca = TestTrainingContext.builder(a, BACKEND).environment(new DriftEnvironment())
                    .hyper(trainer.schema(), hyper).seed(4).workers(1).build();
            TestTrainingContext cb = TestTrainingContext.builder(b, BACKEND).environment(new DriftEnvironment())
                    .hyper(trainer.schema(), hyper).seed(4).workers(2).build();
            trainer.train(ca);
            trainer.train(cb);
            assertArrayEquals(flat(a.parameters()), flat(b.parameters()), 0.0, topology);
            assertEquals(metrics(ca), metrics(cb), topology);
            assertFalse(Arrays.equals(flat(a.parameters()), flat(network(2, 1).parameters())), "the search moved");
        }
    }

    private static List<Map<String, Double>> metrics(TestTrainingContext c) {
        return c.events(TrainingEvent.EpochEnd.class).stream().map(TrainingEvent.EpochEnd::metrics).toList();
    }

    @Test
    void theSettingsComeFromTheSchema() {
        Hyperparameters h = trainer.schema().validate(Map.of("update", "inertia", "c1", "2", "c2", "1.5",
                "topology", "ring", "generations", "70", "velocity.max", "0.5"), "trainer.").get();
        assertEquals(new SwarmSettings(30, 0.5, false, 2.0, 1.5, 0.9, 0.4, 0.5, Topology.RING, 70), SwarmTrainer.settings(h));
        assertTrue(SwarmTrainer.settings(trainer.schema().validate(Map.of(), "trainer.").get()).constriction());
    }

    @Test
    void constrictionWithC1PlusC2Of4OrLessFailsNamingC1AndLeavesTheNetwork() {
        Network n = network(1, 1);
        double[] before = flat(n.parameters());
        TestTrainingContext c = TestTrainingContext.builder(n, BACKEND).train(halving()).loss("mse")
                .hyper(trainer.schema(), Map.of("c1", "2.0", "c2", "2.0")).build();
        TrainingResult r = trainer.train(c);
        assertTrue(r.failed());
        assertEquals("trainer.c1: constriction needs c1 + c2 > 4, got 2.0 + 2.0", r.stopReason());
        assertArrayEquals(before, flat(n.parameters()), 0.0);
        assertEquals(r.stopReason(), c.events(TrainingEvent.Stopped.class).get(0).reason());
    }

    @Test
    void trainsOnDatasetsAndEnvironmentsAndRequiresNothing() {
        assertEquals("swarm", trainer.id());
        assertEquals(Set.of(PluginProperties.DATASET, PluginProperties.ENVIRONMENT), trainer.trainsOn());
        assertTrue(trainer.requires().isEmpty());
    }
}
