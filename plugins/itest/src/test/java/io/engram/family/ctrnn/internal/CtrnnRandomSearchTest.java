package io.engram.family.ctrnn.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Application;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.TaskData;
import io.engram.api.TrainingResult;
import io.engram.app.motion.internal.LimitCycleApplication;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.testkit.TestTrainingContext;
import io.engram.trainer.randomsearch.internal.RandomSearchTrainer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A CTRNN trained by a global optimiser instead of gradients: the random-search trainer, a (1 + lambda)
 * evolution strategy over the network's flat parameter vector, on the limit-cycle task (a sine of
 * period 10 from no input, two periods of training). Seeded: the same seed gives the same parameters.
 */
class CtrnnRandomSearchTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final Application APP = new LimitCycleApplication();
    private static final RandomSearchTrainer TRAINER = new RandomSearchTrainer();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    private static TaskData data() {
        return APP.load(APP.schema().validate(Map.of("shape", "sine", "period", "10", "cycles", "2", "horizon", "3"),
                "data.").get(), 1).get();
    }

    private static Network network(TaskData data) {
        CtrnnFamily family = new CtrnnFamily();
        Hyperparameters h = family.schema().validate(Map.of("hidden", "4", "dt", "0.5", "substeps", "2",
                "activation", "tanh", "state.trainable", "true", "init.scale", "1.0"), "model.").get();
        return family.create(new ModelSpec("ctrnn", data.inputSize(), data.outputSize(), DType.F64, h), BACKEND, 2);
    }

    private static TestTrainingContext context(Network net, TaskData data, int generations) {
        return TestTrainingContext.builder(net, BACKEND).train(data.train()).loss(data.loss())
                .hyper(TRAINER.schema(), Map.of("generations", Integer.toString(generations), "population", "16",
                        "sigma", "0.1"))
                .seed(3).build();
    }

    @Test
    void randomSearchCutsTheLimitCycleLossTenfold() {
        TaskData data = data();
        Network net = network(data);
        TestTrainingContext c = context(net, data, 40);
        double before = c.populationLoss(List.of(net.parameters()), data.train(), 0L)[0];
        TrainingResult r = TRAINER.train(c);
        assertFalse(r.failed(), r.stopReason());
        double after = c.populationLoss(List.of(net.parameters()), data.train(), 0L)[0];
        Map<String, Double> test = APP.evaluate(net, BACKEND.ops(), data.test());
        System.out.printf("ctrnn by random search, 40 generations of 16: training loss %.5f -> %.5f (%.1f%%), test %s%n",
                before, after, 100 * after / before, test);
        assertTrue(after < before / 10, "training loss " + before + " -> " + after + ", not under a tenth");
        assertTrue(test.get("period.error") < 0.1,
                "it oscillates with the period of the target three training horizons on: " + test);
    }

    @Test
    void theSameSeedGivesTheSameParameters() {
        TaskData data = data();
        Network a = network(data);
        Network b = network(data);
        TRAINER.train(context(a, data, 4));
        TRAINER.train(context(b, data, 4));
        a.parameters().forEach((name, t) -> assertArrayEquals(t.toDoubleArray(),
                b.parameters().get(name).toDoubleArray(), name));
        assertFalse(java.util.Arrays.equals(a.parameters().get("w").toDoubleArray(),
                network(data).parameters().get("w").toDoubleArray()), "the search moved the weights");
    }
}
