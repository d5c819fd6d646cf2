package io.engram.app.robotcontrol.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Environment;
import io.engram.api.Hyperparameters;
import io.engram.api.NetworkFamily;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.TrainingResult;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.ctrnn.internal.CtrnnFamily;
import io.engram.family.elman.internal.ElmanFamily;
import io.engram.family.lstm.internal.LstmFamily;
import io.engram.tensor.DType;
import io.engram.tensor.Tensor;
import io.engram.testkit.TestTrainingContext;
import io.engram.train.Episodes;
import io.engram.trainer.randomsearch.internal.RandomSearchTrainer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * An Elman controller on the CPU backend trained by the random-search trainer to balance the single
 * pole with velocities: the environment plugged into a family and a trainer it knows nothing of,
 * its population evaluated through the context's populationFitness, and its final test run on the
 * result. Seeded: the same seed gives the same controller with one worker or two. Controllers of
 * other families (LSTM, CTRNN) drive it as well.
 */
class PoleBalancingRandomSearchTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final RandomSearchTrainer TRAINER = new RandomSearchTrainer();
    private static final RobotControlApplication APP = new RobotControlApplication();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    private static Environment environment() {
        return APP.environment(APP.schema().validate(Map.of("task", "single", "velocities", "true",
                "max.steps", "1000", "success.steps", "10000", "generalisation.steps", "200"), "data.").get())
                .orElseThrow();
    }

    private static Network network(Environment env) {
        ElmanFamily family = new ElmanFamily();
        Hyperparameters h = family.schema().validate(Map.of("hidden", "3"), "model.").get();
        return family.create(new ModelSpec("elman", env.observationSize(), env.actionSize(), DType.F64, h), BACKEND, 2);
    }

    private static TrainingResult train(Network net, Environment env, int workers) {
        TestTrainingContext c = TestTrainingContext.builder(net, BACKEND).environment(env).workers(workers)
                .hyper(TRAINER.schema(), Map.of("generations", "60", "population", "16", "sigma", "1.0",
                        "episodes", "1", "target.fitness", "1000"))
                .seed(5).build();
        return TRAINER.train(c);
    }

    @Test
    void randomSearchBalancesTheSinglePoleForAThousandSteps() {
        Environment env = environment();
        Network net = network(env);
        TrainingResult r = train(net, env, 2);
        assertFalse(r.failed(), r.stopReason());
        double fitness = Episodes.meanFitness(net, BACKEND.ops(), net.parameters(), env, 0, 1);
        Map<String, Double> test = env.test(net, BACKEND.ops(), 0);
        System.out.printf("single pole by random search: fitness %.0f, test %s%n", fitness, test);
        assertEquals(1000.0, fitness, "steps balanced from the standard start");
        assertTrue(test.get("balanced") >= 1000, "the success run balances at least the trained 1,000 steps: " + test);
        assertTrue(test.get("generalisation") > 0 && test.get("generalisation") <= 625, "generalisation: " + test);
    }

    @Test
    void theSameSeedGivesTheSameControllerWithOneWorkerOrTwo() {
        Environment env = environment();
        Network a = network(env);
        Network b = network(env);
        train(a, env, 1);
        train(b, env, 2);
        for (String name : List.copyOf(a.parameters().keySet())) {
            assertArrayEquals(a.parameters().get(name).toDoubleArray(), b.parameters().get(name).toDoubleArray(), name);
        }
    }

    @Test
    void controllersOfAnyFamilyScoreTheSameInThePopulationAsInTheirOwnEpisode() {
        Environment env = APP.environment(APP.schema().validate(Map.of("task", "double", "velocities", "false",
                "max.steps", "300"), "data.").get()).orElseThrow();
        for (NetworkFamily family : List.of(new ElmanFamily(), new LstmFamily(), new CtrnnFamily())) {
            Network net = family.create(new ModelSpec(family.id(), 3, 1, DType.F64,
                    family.schema().validate(Map.of("hidden", "3"), "model.").get()), BACKEND, 4);
            List<Map<String, Tensor>> candidates = List.of(net.parameters(), net.parameters());
            double[] one = TestTrainingContext.builder(net, BACKEND).environment(env).workers(1).seed(1).build()
                    .populationFitness(candidates, 9, 1);
            double[] two = TestTrainingContext.builder(net, BACKEND).environment(env).workers(2).seed(1).build()
                    .populationFitness(candidates, 9, 1);
            double own = Episodes.meanFitness(net, BACKEND.ops(), net.parameters(), env, 0, 1);
            assertArrayEquals(one, two, 0.0, family.id() + ": one worker or two");
            assertEquals(own, one[0], 0.0, family.id() + ": the standard start, whatever the seed");
            assertTrue(own > 0, family.id() + ": a damping fitness of at least one step balanced: " + own);
        }
    }
}
