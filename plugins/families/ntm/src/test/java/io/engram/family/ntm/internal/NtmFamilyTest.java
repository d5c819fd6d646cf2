package io.engram.family.ntm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.StepContext;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.testkit.GradientChecker;
import io.engram.testkit.ReferenceBackend;
import io.engram.testkit.TestData;
import io.engram.train.Losses;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class NtmFamilyTest {
    private static final ReferenceBackend BACKEND = new ReferenceBackend();
    private static final Ops OPS = BACKEND.ops();
    private final NtmFamily family = new NtmFamily();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    private static ModelSpec spec(Map<String, Object> hyper) {
        return new ModelSpec("ntm", 3, 2, DType.F64, Hyperparameters.of(hyper));
    }

    @Test
    void parametersAndStateHaveTheDocumentedShapes() {
        Network net = family.create(spec(Map.of("hidden", 5, "memory.size", 7, "memory.width", 4, "read.heads", 2)), BACKEND, 3);
        Map<String, Tensor> p = net.parameters();
        assertEquals(List.of("controller.w", "controller.u", "controller.b", "heads.w", "heads.b", "readout.w", "readout.b")
                .stream().sorted().toList(), p.keySet().stream().sorted().toList());
        assertEquals(Shape.of(3 + 2 * 4, 20), p.get("controller.w").shape());
        int heads = 3 * (4 + 6) + 2 * 4;
        assertEquals(Shape.of(5, heads), p.get("heads.w").shape());
        assertEquals(Shape.of(5 + 2 * 4, 2), p.get("readout.w").shape());
        State s = net.initialState(OPS, 2);
        assertEquals(List.of(Shape.of(2, 28), Shape.of(2, 8), Shape.of(2, 21), Shape.of(2, 5), Shape.of(2, 5)),
                s.tensors().stream().map(Tensor::shape).toList());
        State next = net.step(OPS, p, OPS.zeros(DType.F64, Shape.of(2, 3)), s, StepContext.inference(0)).state();
        assertEquals(s.tensors().stream().map(Tensor::shape).toList(), next.tensors().stream().map(Tensor::shape).toList());
        double[] w = next.get(2).toDoubleArray();
        for (int h = 0; h < 2 * 3; h++) {
            double total = 0;
            for (int i = 0; i < 7; i++) {
                total += w[h * 7 + i];
            }
            assertEquals(1.0, total, 1e-12, "every weighting sums to one");
        }
    }

    /** One step in f64 against central differences, for both controllers. */
    @Test
    void oneStepGradientMatchesCentralDifferences() {
        for (String controller : List.of("lstm", "feedforward")) {
            Network net = family.create(spec(Map.of("controller", controller, "hidden", 4, "memory.size", 5,
                    "memory.width", 3, "read.heads", 2, "write.heads", 2)), BACKEND, 11);
            double error = GradientChecker.maxRelativeError(OPS, net, TestData.oneBatch(TestData.random(5, 3, 2, 1, 1)),
                    Losses.of(Losses.MSE));
            assertTrue(error < 1e-6, controller + ": max relative error " + error);
        }
    }
}
