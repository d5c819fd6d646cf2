package io.engram.family.hopfield.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Application;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.TaskData;
import io.engram.api.Trainer;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.app.patterns.internal.PatternsApplication;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.bam.internal.BamFamily;
import io.engram.tensor.DType;
import io.engram.testkit.TestTrainingContext;
import io.engram.trainer.hebbian.internal.HebbianTrainer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Reference results across bundles: the {@code patterns} application's data stored by the
 * {@code hebbian} trainer in a {@code hopfield} or {@code bam} network on the cpu backend, judged by
 * the application on noisy cues. At N = 200 the Hebbian load curve breaks down above 0.138 N
 * (Amit, Gutfreund and Sompolinsky 1985), the Storkey rule still recalls at 0.25 N (Storkey 1997),
 * and a BAM recalls each stored pair's partner from a cue with 10% of its units flipped (Kosko 1988).
 */
class AssociativePatternsReferenceTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final Application APP = new PatternsApplication();
    private static final Trainer TRAINER = new HebbianTrainer();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    private record Run(TrainingResult result, List<TrainingEvent.EpochEnd> epochs, Map<String, Double> test) {
    }

    private static Run run(NetworkFamily family, Map<String, String> model, Map<String, String> data,
                           Map<String, String> trainer) {
        TaskData d = APP.load(APP.schema().validate(data, "data.").get(), 1).get();
        Hyperparameters h = family.schema().validate(model, "model.").get();
        Network net = family.create(new ModelSpec(family.id(), d.inputSize(), d.outputSize(), DType.F64, h), BACKEND, 1);
        TestTrainingContext c = TestTrainingContext.builder(net, BACKEND).train(d.train()).validation(d.validation())
                .loss(d.loss()).hyper(TRAINER.schema(), trainer).seed(1).build();
        TrainingResult r = TRAINER.train(c);
        assertFalse(r.failed(), r.stopReason());
        Map<String, Double> test = APP.evaluate(net, BACKEND.ops(), d.test(), 1);
        return new Run(r, c.events(TrainingEvent.EpochEnd.class), test);
    }

    @Test
    void hebbianLoadCurveBreaksDownAboveTheCapacityAndStorkeyHolds() {
        Map<String, String> data = Map.of("size", "200", "load", "0.25", "test.size", "50");
        Run hebbian = run(new HopfieldFamily(), Map.of(), data, Map.of("rule", "hebbian", "epochs", "5"));
        double[] error = hebbian.epochs().stream().mapToDouble(TrainingEvent.EpochEnd::trainLoss).toArray();
        System.out.println("hebbian N=200, loads 0.05..0.25: bit error " + java.util.Arrays.toString(error)
                + ", noisy cues at 0.25: " + hebbian.test());
        assertEquals(0.25, hebbian.epochs().get(4).metrics().get("load"), 1e-12);
        assertTrue(error[1] < 0.005, "load 0.10: " + error[1]);
        assertTrue(error[3] > 0.05 && error[4] > 0.2, "loads 0.20 and 0.25: " + error[3] + ", " + error[4]);
        assertTrue(hebbian.test().get("bit.error") > 0.2, "noisy cues at 0.25: " + hebbian.test());
        Run storkey = run(new HopfieldFamily(), Map.of(), data, Map.of("rule", "storkey"));
        System.out.println("storkey N=200 at 0.25: " + storkey.result().metrics() + ", noisy cues " + storkey.test());
        assertEquals(0.0, storkey.result().metrics().get("stored.bit.error"), 0.0);
        assertTrue(storkey.test().get("bit.error") < 0.01, "storkey, noisy cues at 0.25: " + storkey.test());
    }

    @Test
    void tenPercentNoisyCuesAreRecalledBelowCapacity() {
        Run hopfield = run(new HopfieldFamily(), Map.of(), Map.of("size", "200", "load", "0.05", "test.size", "100"),
                Map.of());
        System.out.println("hebbian N=200 at 0.05, noisy cues: " + hopfield.test());
        assertEquals(Map.of("bit.error", 0.0, "recalled", 1.0), hopfield.test());
        Run bam = run(new BamFamily(), Map.of(), Map.of("task", "pairs", "size", "200", "pair.size", "100", "load", "0.04",
                "test.size", "100"), Map.of());
        System.out.println("bam 200x100, 8 pairs, noisy cues of x: " + bam.test());
        assertEquals(Map.of("bit.error", 0.0, "recalled", 1.0), bam.test());
    }
}
