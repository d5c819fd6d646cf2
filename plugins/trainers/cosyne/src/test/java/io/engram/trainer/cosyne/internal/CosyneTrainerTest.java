package io.engram.trainer.cosyne.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.Sequence;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceRnn;
import io.engram.testkit.TestTrainingContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CosyneTrainerTest {
    private final CpuBackend backend = new CpuBackend(1);
    private final CosyneTrainer trainer = new CosyneTrainer();

    /** An Elman net (the testkit's reference RNN, 4 tanh units, f64). */
    private Network elman() {
        ReferenceRnn family = new ReferenceRnn();
        Hyperparameters h = family.schema().validate(Map.of("hidden", "4", "scale", "0.5"), "model.").get();
        return family.create(new ModelSpec(family.id(), 1, 1, DType.F64, h), backend, 11);
    }

    /** The delayed echo: y_t = 0.5 x_{t-1} (0 at t = 0), x uniform in [-1, 1]; 16 sequences of 6 steps. */
    static Dataset echo() {
        SplittableRandom rnd = new SplittableRandom(3);
        List<Sequence> seqs = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            double[][] x = new double[6][1];
            double[][] y = new double[6][1];
            for (int t = 0; t < 6; t++) {
                x[t][0] = rnd.nextDouble(-1, 1);
                y[t][0] = t == 0 ? 0 : 0.5 * x[t - 1][0];
            }
            seqs.add(Sequence.perStep(x, y));
        }
        return new Dataset(seqs, 1, 1);
    }

    private TestTrainingContext.Builder onEcho(Network n, Map<String, String> hyper) {
        return TestTrainingContext.builder(n, backend).train(echo()).loss("mse").hyper(trainer.schema(), hyper).seed(5);
    }

    private static double[] flat(Map<String, Tensor> params) {
        return params.values().stream().flatMapToDouble(t -> Arrays.stream(t.toDoubleArray())).toArray();
    }

    @Test
    void trainsAnElmanNetOnTheDelayedEcho() {
        Network n = elman();
        TestTrainingContext c = onEcho(n, Map.of("generations", "60", "population", "40", "init.sigma", "0.5", "mutation.scale", "0.1")).workers(2).build();
        TrainingResult r = trainer.train(c);
        List<TrainingEvent.EpochEnd> ends = c.events(TrainingEvent.EpochEnd.class);
        double first = ends.get(0).trainLoss();
        double last = r.metrics().get("loss");
        assertTrue(last < 0.01, "loss after generation 1 " + first + ", after 60 " + last);
        assertEquals(60 * 40.0, r.metrics().get("evaluations"));
    }

    @Test
    void oneAndTwoWorkersGiveBitIdenticalParametersAndMetrics() {
        Map<String, String> hyper = Map.of("generations", "8", "population", "12", "init.sigma", "0.2");
        Network a = elman();
        Network b = elman();
        TestTrainingContext one = onEcho(a, hyper).workers(1).build();
        TestTrainingContext two = onEcho(b, hyper).workers(2).build();
        TrainingResult ra = trainer.train(one);
        TrainingResult rb = trainer.train(two);
        assertArrayEquals(flat(a.parameters()), flat(b.parameters()), 0.0);
        assertEquals(ra, rb);
        List<TrainingEvent.EpochEnd> ea = one.events(TrainingEvent.EpochEnd.class);
        List<TrainingEvent.EpochEnd> eb = two.events(TrainingEvent.EpochEnd.class);
        assertEquals(8, ea.size());
        for (int g = 0; g < ea.size(); g++) {
            assertEquals(ea.get(g).metrics(), eb.get(g).metrics(), "generation " + (g + 1));
            assertEquals(ea.get(g).trainLoss(), eb.get(g).trainLoss());
        }
        assertTrue(!Arrays.equals(flat(a.parameters()), flat(elman().parameters())), "the search moved");
    }

    @Test
    void stopsOnceTheTargetLossIsReachedOrTheEvaluationsAreSpent() {
        TrainingResult reached = trainer.train(onEcho(elman(), Map.of("generations", "200", "population", "20",
                "target.loss", "0.02")).build());
        assertTrue(reached.stopReason().startsWith("target reached: loss "), reached.stopReason());
        assertTrue(reached.metrics().get("loss") <= 0.02);
        assertTrue(reached.epochs() < 200);
        TrainingResult spent = trainer.train(onEcho(elman(), Map.of("generations", "200", "population", "20",
                "evaluations", "50")).build());
        assertEquals("evaluation budget spent: 60 evaluations", spent.stopReason());
        assertEquals(3, spent.epochs());
    }

    @Test
    void fixedParametersKeepTheNetworksValuesWhileTheOthersEvolve() {
        Network n = elman();
        Map<String, Tensor> before = new HashMap<>(n.parameters());
        TrainingResult r = trainer.train(onEcho(n, Map.of("generations", "30", "population", "20",
                "init.sigma", "0.5", "fixed", "b|c")).build());
        assertArrayEquals(before.get("b").toDoubleArray(), n.parameters().get("b").toDoubleArray(), 0.0);
        assertArrayEquals(before.get("c").toDoubleArray(), n.parameters().get("c").toDoubleArray(), 0.0);
        assertTrue(!Arrays.equals(before.get("wx").toDoubleArray(), n.parameters().get("wx").toDoubleArray()),
                "the unfixed weights moved");
        assertTrue(r.metrics().get("loss") < 0.05, "loss " + r.metrics().get("loss"));
    }

    @Test
    void aPatternThatFixesNothingChangesNothing() {
        Network a = elman();
        Network b = elman();
        trainer.train(onEcho(a, Map.of("generations", "6", "population", "12")).build());
        trainer.train(onEcho(b, Map.of("generations", "6", "population", "12", "fixed", "nothing")).build());
        assertArrayEquals(flat(a.parameters()), flat(b.parameters()), 0.0);
    }

    @Test
    void aBadPatternIsRefusedNamingTheField() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> trainer.train(onEcho(elman(), Map.of("generations", "2", "fixed", "(b")).build()));
        assertTrue(e.getMessage().startsWith("trainer.fixed: not a regular expression: (b"), e.getMessage());
    }
}
