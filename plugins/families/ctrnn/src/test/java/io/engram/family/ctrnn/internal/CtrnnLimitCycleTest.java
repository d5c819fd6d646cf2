package io.engram.family.ctrnn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.TrainingResult;
import io.engram.tensor.DType;
import io.engram.testkit.ReferenceBackend;
import io.engram.testkit.TestTrainingContext;
import io.engram.train.GradientTraining;
import io.engram.train.SequenceGradients;
import io.engram.train.TrainingSchema;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A CTRNN trained by BPTT through the RK4 integrator on three periods of a sine, from no input,
 * keeps generating it: its period over ten times the training horizon, and its amplitude at the end
 * of that horizon (a damped oscillation would have died out by then).
 */
class CtrnnLimitCycleTest {
    private static final int PERIOD = 20;
    private static final int TRAIN = 3 * PERIOD;

    @Test
    void learnsALimitCycleAndKeepsItsPeriodFarBeyondTheTrainingHorizon() {
        ReferenceBackend backend = new ReferenceBackend();
        Network net = new CtrnnFamily().create(new ModelSpec("ctrnn", 1, 1, DType.F64, Hyperparameters.of(Map.of(
                "hidden", 6, "dt", 0.5, "substeps", 2, "state.trainable", true, "activation", "tanh",
                "init.scale", 2.0))), backend, 3);
        TestTrainingContext c = TestTrainingContext.builder(net, backend)
                .train(Oscillation.sine(TRAIN, PERIOD, 0.8)).loss("mse")
                .hyper(TrainingSchema.common(), Map.of("epochs", "300", "batch.size", "1", "lr", "0.02"))
                .seed(1).build();
        TrainingResult r = GradientTraining.run(c, SequenceGradients.bptt());
        assertFalse(r.failed(), r.stopReason());
        double[] v = Oscillation.run(net, backend.ops(), 10 * TRAIN);
        double period = Oscillation.period(v, TRAIN);
        double amplitude = Oscillation.amplitude(v, v.length - 2 * PERIOD);
        System.out.printf("ctrnn limit cycle: period %.3f (target %d), amplitude %.3f (target 0.8)%n", period, PERIOD, amplitude);
        assertEquals(PERIOD, period, 0.03 * PERIOD, "period over steps " + TRAIN + ".." + 10 * TRAIN);
        assertEquals(0.8, amplitude, 0.08, "amplitude over the last two periods of " + 10 * TRAIN + " steps");
    }
}
