package io.engram.trainer.dekf.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Capability;
import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.Problem;
import io.engram.api.Sequence;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.testkit.ReferenceRnn;
import io.engram.testkit.TestTrainingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DekfTrainerTest {
    private final CpuBackend backend = new CpuBackend(1);
    private final DekfTrainer trainer = new DekfTrainer();

    private Network elman(int hidden) {
        ReferenceRnn family = new ReferenceRnn();
        Hyperparameters h = family.schema().validate(Map.of("hidden", String.valueOf(hidden), "scale", "0.5"), "model.")
                .get();
        return family.create(new ModelSpec(family.id(), 1, 1, DType.F64, h), backend, 11);
    }

    /** The delayed echo: y_t = 0.5 x_{t-1} (0 at t = 0), x uniform in [-1, 1]; sequences of 8 steps. */
    static Dataset echo(int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Sequence> seqs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double[][] x = new double[8][1];
            double[][] y = new double[8][1];
            for (int t = 0; t < 8; t++) {
                x[t][0] = rnd.nextDouble(-1, 1);
                y[t][0] = t == 0 ? 0 : 0.5 * x[t - 1][0];
            }
            seqs.add(Sequence.perStep(x, y));
        }
        return new Dataset(seqs, 1, 1);
    }

    private TestTrainingContext.Builder onEcho(Network n, Map<String, String> hyper) {
        return TestTrainingContext.builder(n, backend).train(echo(40, 3)).validation(echo(20, 4)).loss("mse")
                .hyper(trainer.schema(), hyper).seed(5);
    }

    @Test
    void declaresWhatItNeeds() {
        assertEquals(Set.of(Capability.DIFFERENTIABLE), trainer.requires());
        List<Problem> refused = trainer.checkFamily(trainer.schema().validate(Map.of(), "trainer.").get(), "whole",
                Set.of(Capability.DIFFERENTIABLE, Capability.WHOLE_SEQUENCE));
        assertEquals(1, refused.size());
        assertTrue(refused.get(0).toString().contains("trainer"), refused.get(0).toString());
    }

    @Test
    void learnsTheDelayedEchoInAFewEpochs() {
        Network n = elman(4);
        TestTrainingContext c = onEcho(n, Map.of("epochs", "4")).build();
        double before = c.populationLoss(List.of(n.parameters()), echo(20, 4), 0L)[0];
        TrainingResult r = trainer.train(c);
        assertFalse(r.failed(), r.stopReason());
        List<TrainingEvent.EpochEnd> ends = c.events(TrainingEvent.EpochEnd.class);
        assertEquals(4, ends.size());
        double after = ends.get(3).validationLoss();
        assertTrue(after < before / 20 && after < 2e-3, "validation loss before " + before + ", after " + after);
        assertEquals(4 * 40 * 8.0, ends.get(3).metrics().get("updates"));
    }

    @Test
    void annealsTheNoiseGeometrically() {
        Network n = elman(2);
        TestTrainingContext c = onEcho(n, Map.of("epochs", "2", "anneal.steps", "640", "r.init", "100", "r.final", "1",
                "q.init", "1e-2", "q.final", "1e-6")).build();
        trainer.train(c);
        List<TrainingEvent.EpochEnd> ends = c.events(TrainingEvent.EpochEnd.class);
        assertEquals(10.0, ends.get(0).metrics().get("r"), 1e-9, "halfway (320 of 640 updates): sqrt(100 * 1)");
        assertEquals(1e-4, ends.get(0).metrics().get("q"), 1e-12);
        assertEquals(1.0, ends.get(1).metrics().get("r"), 1e-12);
    }

    @Test
    void theSameSeedGivesBitIdenticalWeightsAndATargetStopsEarly() {
        Network a = elman(3);
        Network b = elman(3);
        Map<String, String> hyper = Map.of("epochs", "5", "target.metric", "loss", "target.value", "0.01");
        TrainingResult ra = trainer.train(onEcho(a, hyper).build());
        TrainingResult rb = trainer.train(onEcho(b, hyper).build());
        assertEquals(ra.metrics(), rb.metrics());
        a.parameters().forEach((k, t) -> assertArrayEquals(t.toDoubleArray(), b.parameters().get(k).toDoubleArray(), k));
        assertTrue(ra.epochs() < 5 && ra.stopReason().startsWith("target reached: loss"), ra.stopReason());
    }
}
