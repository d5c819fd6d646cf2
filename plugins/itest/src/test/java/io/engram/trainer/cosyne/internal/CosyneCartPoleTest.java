package io.engram.trainer.cosyne.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Application;
import io.engram.api.Environment;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.TrainingResult;
import io.engram.app.cartpole.internal.CartPoleApplication;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.elman.internal.ElmanFamily;
import io.engram.tensor.DType;
import io.engram.testkit.TestTrainingContext;
import io.engram.train.Episodes;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * CoSyNE on single-pole balancing with velocities (the cart-pole application: 4 observations, the
 * pole up for 1,000 steps of 0.02 s from a random start), controlled by an Elman net of 2 tanh
 * units. For seed 1 it finds a controller that balances the episode of its generation within a
 * bounded number of evaluations (320 of at most 500), and that controller balances most of 20 unseen
 * starts (878 steps of 1,000 on average).
 */
class CosyneCartPoleTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final Application APP = new CartPoleApplication();
    private static final CosyneTrainer TRAINER = new CosyneTrainer();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    private static Environment environment() {
        return APP.environment(APP.schema().validate(Map.of("max.steps", "1000"), "data.").get()).orElseThrow();
    }

    private static Network elman(Environment env) {
        ElmanFamily family = new ElmanFamily();
        Hyperparameters h = family.schema().validate(Map.of("hidden", "2"), "model.").get();
        return family.create(new ModelSpec("elman", env.observationSize(), env.actionSize(), DType.F64, h), BACKEND, 1);
    }

    @Test
    void balancesTheSinglePoleWithinABoundedNumberOfEvaluations() {
        Environment env = environment();
        Network net = elman(env);
        TestTrainingContext c = TestTrainingContext.builder(net, BACKEND).environment(env)
                .hyper(TRAINER.schema(), Map.of("generations", "100", "population", "20", "target.fitness", "1000",
                        "init.sigma", "1.0"))
                .seed(1).workers(2).build();
        TrainingResult r = TRAINER.train(c);
        double evaluations = r.metrics().get("evaluations");
        double unseen = Episodes.meanFitness(net, BACKEND.ops(), net.parameters(), env, 424_242L, 20);
        System.out.printf("cosyne, single pole with velocities, seed 1: %s after %.0f evaluations (%d generations); "
                + "mean of 20 unseen starts %.1f steps%n", r.stopReason(), evaluations, r.epochs(), unseen);
        assertTrue(r.stopReason().startsWith("target reached: fitness 1000"), r.stopReason());
        assertTrue(evaluations <= 500, evaluations + " evaluations");
        assertEquals(1000.0, r.metrics().get("fitness"));
        assertTrue(unseen > 700, "mean steps on 20 unseen starts " + unseen);
    }
}
