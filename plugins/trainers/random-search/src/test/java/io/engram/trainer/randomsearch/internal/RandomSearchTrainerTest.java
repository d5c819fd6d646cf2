package io.engram.trainer.randomsearch.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.testkit.DriftEnvironment;
import io.engram.api.Dataset;
import io.engram.api.Environment;
import io.engram.api.Episode;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.PluginProperties;
import io.engram.api.Sequence;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.api.Transition;
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
import org.junit.jupiter.api.Test;

class RandomSearchTrainerTest {
    private final CpuBackend backend = new CpuBackend(1);
    private final RandomSearchTrainer trainer = new RandomSearchTrainer();

    private Network network(int in, int out) {
        ReferenceRnn family = new ReferenceRnn();
        Hyperparameters h = family.schema().validate(Map.of("hidden", "4", "scale", "0.5"), "model.").get();
        return family.create(new ModelSpec(family.id(), in, out, DType.F64, h), backend, 11);
    }

    /** Mean fitness over 20 episodes on seeds none of the search used. */
    private double heldOutFitness(Network n) {
        return Episodes.meanFitness(n, backend.ops(), n.parameters(), new DriftEnvironment(), 999_999L, 20);
    }

    private TestTrainingContext.Builder onDrift(Network n, Map<String, String> hyper) {
        return TestTrainingContext.builder(n, backend).environment(new DriftEnvironment())
                .hyper(trainer.schema(), hyper).seed(5);
    }

    private static double[] flat(Map<String, Tensor> params) {
        return params.values().stream().flatMapToDouble(t -> Arrays.stream(t.toDoubleArray())).toArray();
    }

    @Test
    void fitnessImprovesOverGenerations() {
        Network n = network(2, 1);
        double before = heldOutFitness(n);
        TestTrainingContext c = onDrift(n, Map.of("generations", "12", "population", "16", "sigma", "0.3",
                "episodes", "4")).workers(2).build();
        TrainingResult r = trainer.train(c);
        double after = heldOutFitness(n);
        List<TrainingEvent.EpochEnd> ends = c.events(TrainingEvent.EpochEnd.class);
        assertEquals(12, ends.size());
        assertEquals(12, r.epochs());
        assertTrue(after > before + 1.0, "held-out fitness before " + before + ", after " + after);
        double first = ends.get(0).metrics().get("fitness");
        double last = ends.get(11).metrics().get("fitness");
        assertTrue(last > first, "best fitness of generation 1 " + first + ", of generation 12 " + last);
        assertEquals(last, r.metrics().get("fitness"));
    }

    @Test
    void theSameSeedGivesTheSameParametersOnOneOrTwoWorkers() {
        Map<String, String> hyper = Map.of("generations", "4", "population", "8", "sigma", "0.3", "episodes", "2");
        Network a = network(2, 1);
        Network b = network(2, 1);
        trainer.train(onDrift(a, hyper).workers(1).build());
        trainer.train(onDrift(b, hyper).workers(2).build());
        assertArrayEquals(flat(a.parameters()), flat(b.parameters()), 0.0);
        assertFalse(Arrays.equals(flat(a.parameters()), flat(network(2, 1).parameters())), "the search moved");
    }

    @Test
    void cancellationStopsBetweenGenerations() {
        Network n = network(2, 1);
        DriftEnvironment env = new DriftEnvironment();
        TestTrainingContext c = TestTrainingContext.builder(n, backend).environment(env)
                .hyper(trainer.schema(), Map.of("generations", "50", "population", "8", "episodes", "1"))
                .cancelled(() -> env.started.get() >= 20).workers(1).build();
        TrainingResult r = trainer.train(c);
        assertEquals("cancelled", r.stopReason());
        assertEquals(2, r.epochs(), "generations 1 and 2 take 16 episodes; the third is cancelled");
        assertEquals(20, env.started.get(), "candidates skipped once cancelled");
    }

    @Test
    void aReachedTargetStopsTheSearch() {
        DriftEnvironment drift = new DriftEnvironment();
        Environment offset = new Environment() {
            public int observationSize() {
                return drift.observationSize();
            }

            public int actionSize() {
                return drift.actionSize();
            }

            public int maxSteps() {
                return drift.maxSteps();
            }

            public Episode start(long seed) {
                Episode e = drift.start(seed);
                return new Episode() {
                    public double[] observation() {
                        return e.observation();
                    }

                    public Transition step(double[] action) {
                        return e.step(action);
                    }

                    public boolean done() {
                        return e.done();
                    }

                    public double fitness() {
                        return 100 + e.fitness();
                    }
                };
            }
        };
        TestTrainingContext c = TestTrainingContext.builder(network(2, 1), backend).environment(offset)
                .hyper(trainer.schema(), Map.of("generations", "50", "population", "8", "target.fitness", "50"))
                .build();
        TrainingResult r = trainer.train(c);
        assertEquals(1, r.epochs());
        assertTrue(r.stopReason().startsWith("target reached: fitness "), r.stopReason());
        assertEquals(r.stopReason(), c.events(TrainingEvent.Stopped.class).get(0).reason());
    }

    @Test
    void onADatasetTheTrainingLossFalls() {
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
        Dataset data = new Dataset(seqs, 1, 1);
        Network n = network(1, 1);
        TestTrainingContext c = TestTrainingContext.builder(n, backend).train(data).loss("mse")
                .hyper(trainer.schema(), Map.of("generations", "15", "population", "12", "sigma", "0.1"))
                .workers(2).build();
        TrainingResult r = trainer.train(c);
        List<TrainingEvent.EpochEnd> ends = c.events(TrainingEvent.EpochEnd.class);
        assertTrue(ends.get(14).trainLoss() < 0.8 * ends.get(0).trainLoss(),
                "loss after generation 1 " + ends.get(0).trainLoss() + ", after 15 " + ends.get(14).trainLoss());
        for (int g = 1; g < ends.size(); g++) {
            assertTrue(ends.get(g).trainLoss() <= ends.get(g - 1).trainLoss(), "the kept best never gets worse");
        }
        assertEquals(ends.get(14).trainLoss(), r.metrics().get("loss"));
    }

    @Test
    void trainsOnDatasetsAndEnvironmentsAndRequiresNothing() {
        assertEquals(Set.of(PluginProperties.DATASET, PluginProperties.ENVIRONMENT), trainer.trainsOn());
        assertTrue(trainer.requires().isEmpty());
    }
}
