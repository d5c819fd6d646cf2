package io.engram.app.robotcontrol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.testkit.ReferenceBackend;
import io.engram.testkit.ReferenceRnn;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Networks driving the cart through the environment's final test, against the same runs computed
 * apart: a hand-tuned controller {@code F = 10 tanh(0.1 x/2.4 + 0.5 x'/10 + theta/12deg + 0.5 theta'/5)}
 * that balances the single pole, and a silent one.
 */
class ControllerTest {
    private final ReferenceBackend backend = new ReferenceBackend();
    private final Ops ops = backend.ops();

    private Network controller(int inputs, double[] gains) {
        ReferenceRnn family = new ReferenceRnn();
        Network net = family.create(new ModelSpec(family.id(), inputs, 1, DType.F64,
                family.schema().validate(Map.of("hidden", "1"), "model.").get()), backend, 1);
        net.setParameters(Map.of(
                "wx", ops.fromArray(DType.F64, Shape.of(inputs, 1), gains),
                "wh", ops.fromArray(DType.F64, Shape.of(1, 1), new double[1]),
                "b", ops.fromArray(DType.F64, Shape.of(1), new double[1]),
                "wy", ops.fromArray(DType.F64, Shape.of(1, 1), new double[] {1}),
                "c", ops.fromArray(DType.F64, Shape.of(1), new double[1])));
        return net;
    }

    @Test
    void aHandTunedControllerSolvesTheSinglePoleAndGeneralises() {
        PoleTask task = PoleEpisodeTest.task(Map.of("task", "single", "success.steps", "5000"));
        Map<String, Double> m = new RobotControl(task).test(controller(4, new double[] {0.1, 0.5, 1, 0.5}), ops, 1);
        assertEquals(5000.0, m.get("balanced"));
        assertEquals(1.0, m.get("solved"));
        // the same controller on the 625 starts, simulated apart from this code: 345 balanced for 1,000 steps
        assertEquals(345.0, m.get("generalisation"));
    }

    @Test
    void aSilentControllerLetsThePolesFallAsAnUnpushedCart() {
        PoleTask task = PoleEpisodeTest.task(Map.of("task", "double", "velocities", "false",
                "generalisation.steps", "300"));
        Map<String, Double> m = new RobotControl(task).test(controller(3, new double[3]), ops, 1);
        int general = 0;
        for (double[] start : Starts.grid()) {
            general += unpushed(task, start, 300) == 300 ? 1 : 0;
        }
        assertEquals((double) unpushed(task, task.standardStart(), 100_000), m.get("balanced"));
        assertEquals(0.0, m.get("solved"));
        assertEquals((double) general, m.get("generalisation"));
    }

    private static int unpushed(PoleTask task, double[] start, int steps) {
        PoleEpisode e = new PoleEpisode(task, start, steps);
        while (!e.done()) {
            e.advance(new double[] {0.0});
        }
        return e.balanced();
    }
}
