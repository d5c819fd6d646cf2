package io.engram.trainer.cosyne.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Application;
import io.engram.api.Environment;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.TrainingResult;
import io.engram.app.robotcontrol.internal.RobotControlApplication;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.elman.internal.ElmanFamily;
import io.engram.tensor.DType;
import io.engram.testkit.TestTrainingContext;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * CoSyNE on double pole balancing without velocities (robot-control: 3 inputs, damping fitness over
 * 1,000 steps from the standard start), an Elman net of 3 tanh units with its biases fixed at 0, the
 * settings of examples/double-pole-cosyne.properties: for seed 2, 105 generations of 40 networks
 * (4,200 evaluations) give a controller that balances both poles for 100,000 steps and 289 of the
 * 625 starts of the generalisation test (a solution at 200).
 */
class CosyneDoublePoleTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final Application APP = new RobotControlApplication();
    private static final CosyneTrainer TRAINER = new CosyneTrainer();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    @Test
    void solvesTheDoublePoleWithoutVelocitiesForSeed2() {
        Environment env = APP.environment(APP.schema().validate(Map.of("task", "double", "velocities", "false",
                "max.steps", "1000"), "data.").get()).orElseThrow();
        ElmanFamily family = new ElmanFamily();
        Hyperparameters h = family.schema().validate(Map.of("hidden", "3"), "model.").get();
        Network net = family.create(new ModelSpec("elman", 3, 1, DType.F64, h), BACKEND, 2);
        TestTrainingContext c = TestTrainingContext.builder(net, BACKEND).environment(env)
                .hyper(TRAINER.schema(), Map.of("generations", "105", "population", "40", "init.sigma", "1.0",
                        "fixed", ".*[.]b"))
                .seed(2).workers(2).build();
        TrainingResult r = TRAINER.train(c);
        Map<String, Double> test = env.test(net, BACKEND.ops(), ~1L);
        System.out.printf("cosyne, double pole without velocities, seed 2: %.0f evaluations, damping fitness %.6f, %s%n",
                r.metrics().get("evaluations"), r.metrics().get("fitness"), test);
        assertEquals(4200.0, r.metrics().get("evaluations"));
        assertEquals(100_000.0, test.get("balanced"), "steps balanced from the standard start");
        assertEquals(1.0, test.get("solved"));
        assertTrue(test.get("generalisation") >= 200, "generalisation " + test.get("generalisation"));
        assertEquals(0.0, net.parameters().get("layer0.b").toDoubleArray()[0], "the biases stay at 0");
    }
}
