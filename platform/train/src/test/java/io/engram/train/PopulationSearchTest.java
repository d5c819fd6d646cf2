package io.engram.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.Environment;
import io.engram.api.Episode;
import io.engram.api.Hyperparameters;
import io.engram.api.ParameterVector;
import io.engram.api.Sequence;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The driver of population trainers: costs handed to the optimiser, stopping criteria, the events
 * of each generation, the best point written back, and runs that do not depend on the number of
 * workers.
 */
class PopulationSearchTest {
    private final MeteredBackend backend = new MeteredBackend(new CpuBackend(1));

    /**
     * A (1 + 7) hill climber with Gaussian steps of 0.3, its draws from the seed of each
     * generation; records the costs it was told.
     */
    private static final class Climber implements PopulationOptimizer {
        final List<double[]> told = new ArrayList<>();
        private double[] best;
        private double bestCost = Double.POSITIVE_INFINITY;
        private List<double[]> asked;

        Climber(double[] start) {
            this.best = start.clone();
        }

        @Override
        public List<double[]> ask(int generation, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            asked = new ArrayList<>();
            asked.add(best.clone());
            for (int i = 1; i < 8; i++) {
                double[] c = best.clone();
                for (int k = 0; k < c.length; k++) {
                    c[k] += 0.3 * r.nextGaussian();
                }
                asked.add(c);
            }
            return asked;
        }

        @Override
        public void tell(double[] costs) {
            told.add(costs.clone());
            for (int i = 0; i < costs.length; i++) {
                if (costs[i] < bestCost) {
                    bestCost = costs[i];
                    best = asked.get(i).clone();
                }
            }
        }

        @Override
        public double[] best() {
            return best.clone();
        }

        @Override
        public double bestCost() {
            return bestCost;
        }
    }

    /** {@link DriftEnvironment} with 100 added to every fitness, so that a positive target applies. */
    private static final class Offset implements Environment {
        private final DriftEnvironment inner = new DriftEnvironment();

        @Override
        public int observationSize() {
            return inner.observationSize();
        }

        @Override
        public int actionSize() {
            return inner.actionSize();
        }

        @Override
        public int maxSteps() {
            return inner.maxSteps();
        }

        @Override
        public Episode start(long seed) {
            Episode e = inner.start(seed);
            return new Episode() {
                @Override
                public double[] observation() {
                    return e.observation();
                }

                @Override
                public io.engram.api.Transition step(double[] action) {
                    return e.step(action);
                }

                @Override
                public boolean done() {
                    return e.done();
                }

                @Override
                public double fitness() {
                    return 100 + e.fitness();
                }
            };
        }
    }

    private static Hyperparameters hyper(String... pairs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return PopulationSearch.schema().validate(m, "trainer.").get();
    }

    private record Run(TrainingResult result, double[] parameters, List<TrainingEvent> events, Climber climber) {
    }

    private Run onEnvironment(Environment env, int workers, Hyperparameters h) {
        TanhRnn net = new TanhRnn(backend.ops(), 2, 4, 1, DType.F64, 3);
        List<TrainingEvent> events = new ArrayList<>();
        var context = new SimpleTrainingContext.Builder(net, backend).environment(env).hyper(h).seed(11)
                .events(events::add).workers(task -> new Thread(task).start(), workers).build();
        PopulationSearch search = new PopulationSearch(context);
        Climber climber = new Climber(search.start());
        TrainingResult result = search.run(climber);
        return new Run(result, ParameterVector.of(net).values(), events, climber);
    }

    @Test
    void eachGenerationReportsBestMeanAndWorstFitnessAndCountsEpisodes() {
        Run run = onEnvironment(new DriftEnvironment(), 2, hyper("generations", "6", "episodes", "3"));
        List<TrainingEvent.EpochEnd> ends = run.events().stream().filter(TrainingEvent.EpochEnd.class::isInstance)
                .map(TrainingEvent.EpochEnd.class::cast).toList();
        assertEquals(6, ends.size());
        for (int g = 0; g < 6; g++) {
            Map<String, Double> m = ends.get(g).metrics();
            double[] costs = run.climber().told.get(g);
            double best = -Arrays.stream(costs).min().getAsDouble();
            double worst = -Arrays.stream(costs).max().getAsDouble();
            assertEquals(best, m.get("fitness.best"), 0.0, "the optimiser is told the negated fitness");
            assertEquals(worst, m.get("fitness.worst"), 0.0);
            assertEquals(-Arrays.stream(costs).sum() / 8, m.get("fitness.mean"), 1e-12);
            assertEquals(8.0 * 3 * (g + 1), m.get("evaluations"), 0.0, "8 candidates of 3 episodes per generation");
            assertEquals(-run.climber().bestCost() >= m.get("fitness"), true);
            assertTrue(m.get("fitness") >= m.get("fitness.best"), "the best so far is at least this generation's");
        }
        assertArrayEquals(run.climber().best(), run.parameters(), 0.0, "the network holds the best point");
        assertEquals(-run.climber().bestCost(), run.result().metrics().get("fitness"), 0.0);
        assertEquals(144.0, run.result().metrics().get("evaluations"), 0.0);
        assertEquals("", run.result().stopReason());
    }

    @Test
    void aSeedGivesTheSameRunOnOneAndTwoWorkers() {
        Hyperparameters h = hyper("generations", "5", "episodes", "2");
        Run one = onEnvironment(new DriftEnvironment(), 1, h);
        Run two = onEnvironment(new DriftEnvironment(), 2, h);
        assertArrayEquals(one.parameters(), two.parameters(), 0.0);
        for (int g = 0; g < 5; g++) {
            assertArrayEquals(one.climber().told.get(g), two.climber().told.get(g), 0.0, "generation " + (g + 1));
        }
    }

    @Test
    void stopsAtTheTargetFitnessAndAtTheEvaluationBudget() {
        Run target = onEnvironment(new Offset(), 1, hyper("generations", "50", "target.fitness", "99"));
        assertTrue(target.result().stopReason().startsWith("target reached: fitness "), target.result().stopReason());
        assertTrue(target.result().metrics().get("fitness") >= 99);
        assertTrue(target.result().epochs() < 50, "stopped after " + target.result().epochs() + " generations");
        Run budget = onEnvironment(new DriftEnvironment(), 1, hyper("generations", "50", "evaluations", "20"));
        assertEquals("evaluation budget spent: 24 evaluations", budget.result().stopReason());
        assertEquals(3, budget.result().epochs(), "8, 16, then 24 >= 20 evaluations");
    }

    @Test
    void onADatasetItMinimisesTheLossAndStopsAtTheTargetLoss() {
        SplittableRandom r = new SplittableRandom(5);
        List<Sequence> seqs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            double[][] x = new double[4][2];
            double[][] y = new double[4][1];
            for (int t = 0; t < 4; t++) {
                x[t][0] = r.nextDouble(-1, 1);
                y[t][0] = x[t][0] / 2;
            }
            seqs.add(Sequence.perStep(x, y));
        }
        Dataset data = new Dataset(seqs, 2, 1);
        TanhRnn net = new TanhRnn(backend.ops(), 2, 4, 1, DType.F64, 3);
        List<TrainingEvent> events = new ArrayList<>();
        var context = new SimpleTrainingContext.Builder(net, backend).train(data).validation(data).loss("mse")
                .hyper(hyper("generations", "200", "target.loss", "0.01")).seed(2).events(events::add)
                .workers(Runnable::run, 1).build();
        PopulationSearch search = new PopulationSearch(context);
        double first = context.populationLoss(List.of(net.parameters()), data, 0)[0];
        TrainingResult result = search.run(new Climber(search.start()));
        assertTrue(result.stopReason().startsWith("target reached: loss "), result.stopReason() + " from " + first);
        double loss = result.metrics().get("loss");
        assertTrue(loss <= 0.01 && first > 0.02, first + " -> " + loss);
        TrainingEvent.EpochEnd last = (TrainingEvent.EpochEnd) events.stream()
                .filter(TrainingEvent.EpochEnd.class::isInstance).reduce((a, b) -> b).orElseThrow();
        assertEquals(loss, last.trainLoss(), 0.0);
        assertEquals(loss, last.validationLoss(), 1e-12, "validation on the same data: the best point's loss");
        assertEquals(loss, context.populationLoss(List.of(net.parameters()), data, 0)[0], 1e-12,
                "the network holds the best point");
    }
}
