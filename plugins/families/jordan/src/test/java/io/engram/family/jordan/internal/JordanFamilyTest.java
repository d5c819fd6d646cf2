package io.engram.family.jordan.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceBackend;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class JordanFamilyTest {
    private static final ReferenceBackend BACKEND = new ReferenceBackend();
    private static final Ops OPS = BACKEND.ops();
    private final JordanFamily family = new JordanFamily();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    private static ModelSpec spec(Map<String, String> hyper) {
        return new ModelSpec("jordan", 3, 2, DType.F64, JordanFamily.SCHEMA.validate(hyper, "model.").get());
    }

    /** s_{t+1} = mu s_t + y_t: the state units integrate the outputs with the self-connection. */
    @Test
    void stateUnitsHoldTheOutputsWithTheirSelfConnection() {
        Network net = family.create(spec(Map.of("hidden", "5", "self.connection", "0.25", "layers", "2")), BACKEND, 3);
        State s = net.initialState(OPS, 2);
        assertEquals(Shape.of(2, 2), s.get(0).shape());
        double[] expected = new double[4];
        for (int t = 0; t < 3; t++) {
            Tensor x = OPS.fromArray(DType.F64, Shape.of(2, 3), new double[] {t, 1, -1, 0.5, -t, 2});
            Step step = net.step(OPS, net.parameters(), x, s, StepContext.inference(t));
            double[] y = step.output().toDoubleArray();
            for (int i = 0; i < 4; i++) {
                expected[i] = 0.25 * expected[i] + y[i];
            }
            s = step.state();
            assertArrayEquals(expected, s.get(0).toDoubleArray(), 1e-12);
        }
    }

    @Test
    void softmaxFeedbackSumsToOnePerRow() {
        Network net = family.create(spec(Map.of("hidden", "4", "self.connection", "0", "feedback", "softmax")), BACKEND, 3);
        Step step = net.step(OPS, net.parameters(), OPS.fromArray(DType.F64, Shape.of(1, 3), new double[] {1, 2, 3}),
                net.initialState(OPS, 1), StepContext.inference(0));
        double[] s = step.state().get(0).toDoubleArray();
        assertEquals(1.0, s[0] + s[1], 1e-12);
        Map<String, Tensor> p = net.parameters();
        assertEquals(Shape.of(2, 4), p.get("layer0.u").shape());
    }
}
