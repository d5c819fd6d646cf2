package io.engram.trainer.annealing.internal;

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

/** The annealing trainer on a small test network: an environment, a dataset, and 1 or 2 workers. */
class AnnealingTrainerTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private final AnnealingTrainer trainer = new AnnealingTrainer();

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
                .hyper(trainer.schema(), Map.of("generations", "15", "chains", "2", "neighbours", "6", "sigma", "0.3",
                        "episodes", "4"))
                .seed(5).workers(2).build();
        TrainingResult r = trainer.train(c);
        double after = Episodes.meanFitness(n, BACKEND.ops(), n.parameters(), new DriftEnvironment(), 999_999L, 20);
        assertEquals(15, r.epochs());
        assertTrue(after > before + 1.0, "held-out fitness before " + before + ", after " + after);
        List<TrainingEvent.EpochEnd> ends = c.events(TrainingEvent.EpochEnd.class);
        assertEquals(13.0 * 4, ends.get(0).metrics().get("evaluations"), "the start and 12 moves, 4 episodes each");
        assertEquals((13.0 + 14 * 12) * 4, ends.get(14).metrics().get("evaluations"));
    }

    @Test
    void onADatasetTheTrainingLossFallsAndNeverRises() {
        Network n = network(1, 1);
        TestTrainingContext c = TestTrainingContext.builder(n, BACKEND).train(halving()).loss("mse")
                .hyper(trainer.schema(), Map.of("generations", "30", "chains", "2", "neighbours", "6", "sigma", "0.1",
                        "step.shrink", "true"))
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
        for (String cooling : Cooling.NAMES) {
            Map<String, String> hyper = Map.of("generations", "6", "chains", "3", "neighbours", "4", "sigma", "0.3",
                    "episodes", "2", "cooling", cooling, "step.shrink", "true");
            Network a = network(2, 1);
            Network b = network(2, 1);
            TestTrainingContext ca = TestTrainingContext.builder(a, BACKEND).environment(new DriftEnvironment())
                    .hyper(trainer.schema(), hyper).seed(4).workers(1).build();
            TestTrainingContext cb = TestTrainingContext.builder(b, BACKEND).environment(new DriftEnvironment())
                    .hyper(trainer.schema(), hyper).seed(4).workers(2).build();
            trainer.train(ca);
            trainer.train(cb);
            assertArrayEquals(flat(a.parameters()), flat(b.parameters()), 0.0, cooling);
            assertEquals(metrics(ca), metrics(cb), cooling);
            assertFalse(Arrays.equals(flat(a.parameters()), flat(network(2, 1).parameters())), "the search moved");
        }
    }

    private static List<Map<String, Double>> metrics(TestTrainingContext c) {
        return c.events(TrainingEvent.EpochEnd.class).stream().map(TrainingEvent.EpochEnd::metrics).toList();
    }

    @Test
    void theSettingsComeFromTheSchema() {
        Hyperparameters h = trainer.schema().validate(Map.of("cooling", "lundy-mees", "beta", "0.25", "alpha", "0.5",
                "values", "2", "generations", "70"), "trainer.").get();
        Annealing.Settings s = AnnealingTrainer.settings(h);
        assertEquals(new Annealing.Settings(4, 8, 0.1, 2, false, Cooling.LUNDY_MEES, 0.25, 70, 0.0, 0.8), s);
        Hyperparameters e = trainer.schema().validate(Map.of("alpha", "0.5"), "trainer.").get();
        assertEquals(0.5, AnnealingTrainer.settings(e).rate(), 0.0, "exponential cooling reads alpha");
    }

    @Test
    void trainsOnDatasetsAndEnvironmentsAndRequiresNothing() {
        assertEquals("annealing", trainer.id());
        assertEquals(Set.of(PluginProperties.DATASET, PluginProperties.ENVIRONMENT), trainer.trainsOn());
        assertTrue(trainer.requires().isEmpty());
    }
}
