package io.engram.trainer.population;

import io.engram.api.Application;
import io.engram.api.Dataset;
import io.engram.api.Environment;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.Sequence;
import io.engram.api.Trainer;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.app.cartpole.internal.CartPoleApplication;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.elman.internal.ElmanFamily;
import io.engram.tensor.DType;
import io.engram.testkit.TestTrainingContext;
import io.engram.train.Episodes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The tasks on which the population trainers are tested: an Elman network learning to echo its
 * previous input, and an Elman controller balancing the cart-pole. Stateless apart from the
 * backend, which the tests close.
 */
final class PopulationRuns {
    static final CpuBackend BACKEND = new CpuBackend(1);

    private PopulationRuns() {
    }

    /**
     * Delayed echo: 16 sequences of 10 steps, input uniform in [-1, 1], target the input of the
     * step before (0 at the first step). Predicting 0 scores an mse of about 1/3.
     */
    static Dataset echo() {
        SplittableRandom rnd = new SplittableRandom(12);
        List<Sequence> seqs = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            double[][] x = new double[10][1];
            double[][] y = new double[10][1];
            for (int t = 0; t < 10; t++) {
                x[t][0] = rnd.nextDouble(-1, 1);
                y[t][0] = t == 0 ? 0 : x[t - 1][0];
            }
            seqs.add(Sequence.perStep(x, y));
        }
        return new Dataset(seqs, 1, 1);
    }

    /** An Elman network with {@code hidden} tanh units, f64, initialised from {@code seed}. */
    static Network elman(int in, int out, int hidden, long seed) {
        ElmanFamily family = new ElmanFamily();
        Hyperparameters h = family.schema().validate(Map.of("hidden", Integer.toString(hidden)), "model.").get();
        return family.create(new ModelSpec("elman", in, out, DType.F64, h), BACKEND, seed);
    }

    /** The cart-pole environment with episodes of at most 500 steps. */
    static Environment cartPole() {
        Application app = new CartPoleApplication();
        return app.environment(app.schema().validate(Map.of("max.steps", "500"), "data.").get()).get();
    }

    /** Trains {@code net} on the echo task with {@code trainer}; the context holds the events. */
    static TestTrainingContext onEcho(Trainer trainer, Network net, Map<String, String> hyper, long seed, int workers) {
        TestTrainingContext c = TestTrainingContext.builder(net, BACKEND).train(echo()).loss("mse")
                .hyper(trainer.schema(), hyper).seed(seed).workers(workers).build();
        TrainingResult r = trainer.train(c);
        if (r.failed()) {
            throw new AssertionError(r.stopReason());
        }
        return c;
    }

    /** Trains {@code net} on the cart-pole with {@code trainer}; the context holds the events. */
    static TestTrainingContext onCartPole(Trainer trainer, Network net, Map<String, String> hyper, long seed,
                                          int workers) {
        TestTrainingContext c = TestTrainingContext.builder(net, BACKEND).environment(cartPole())
                .hyper(trainer.schema(), hyper).seed(seed).workers(workers).build();
        TrainingResult r = trainer.train(c);
        if (r.failed()) {
            throw new AssertionError(r.stopReason());
        }
        return c;
    }

    /** The echo task's mse of {@code net} as it is. */
    static double echoLoss(TestTrainingContext c, Network net) {
        return c.populationLoss(List.of(net.parameters()), echo(), 0L)[0];
    }

    /** Mean steps balanced over 20 episodes from starts no training generation drew. */
    static double heldOutBalance(Network net) {
        return Episodes.meanFitness(net, BACKEND.ops(), net.parameters(), cartPole(), 424_242L, 20);
    }

    /** The generations' metrics, in order. */
    static List<Map<String, Double>> metrics(TestTrainingContext c) {
        return c.events(TrainingEvent.EpochEnd.class).stream().map(TrainingEvent.EpochEnd::metrics).toList();
    }

    /** The generations' best training losses, in order. */
    static double[] losses(TestTrainingContext c) {
        return c.events(TrainingEvent.EpochEnd.class).stream().mapToDouble(TrainingEvent.EpochEnd::trainLoss).toArray();
    }

    static double[] flat(Network net) {
        return net.parameters().values().stream().flatMapToDouble(t -> Arrays.stream(t.toDoubleArray())).toArray();
    }

    static int parameters(Network net) {
        return flat(net).length;
    }
}
