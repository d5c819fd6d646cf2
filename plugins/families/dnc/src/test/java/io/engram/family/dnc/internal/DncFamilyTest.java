package io.engram.family.dnc.internal;

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
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class DncFamilyTest {
    private static final ReferenceBackend BACKEND = new ReferenceBackend();
    private static final Ops OPS = BACKEND.ops();
    private final DncFamily family = new DncFamily();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    private static ModelSpec spec(Map<String, Object> hyper) {
        return new ModelSpec("dnc", 3, 2, DType.F64, Hyperparameters.of(hyper));
    }

    @Test
    void parametersAndStateHaveTheDocumentedShapes() {
        Network net = family.create(spec(Map.of("hidden", 5, "memory.size", 6, "memory.width", 4, "read.heads", 2)), BACKEND, 3);
        Map<String, Tensor> p = net.parameters();
        assertEquals(List.of("controller.b", "controller.u", "controller.w", "interface.b", "interface.w", "readout.b",
                "readout.w"), p.keySet().stream().sorted().toList());
        assertEquals(Shape.of(3 + 2 * 4, 20), p.get("controller.w").shape());
        assertEquals(Shape.of(5, 4 * 2 + 3 * 4 + 5 * 2 + 3), p.get("interface.w").shape());
        assertEquals(Shape.of(5 + 2 * 4, 2), p.get("readout.w").shape());
        State s = net.initialState(OPS, 2);
        List<Shape> shapes = List.of(Shape.of(2, 24), Shape.of(2, 8), Shape.of(2, 12), Shape.of(2, 6), Shape.of(2, 6),
                Shape.of(2, 6), Shape.of(2, 36), Shape.of(2, 5), Shape.of(2, 5));
        assertEquals(shapes, s.tensors().stream().map(Tensor::shape).toList());
    }

    /** Weightings stay in the simplex, usage in [0, 1], links off the diagonal, over steps of random input. */
    @Test
    void weightingsStayWithinTheirBounds() {
        Network net = family.create(spec(Map.of("hidden", 6, "memory.size", 5, "memory.width", 3, "read.heads", 2)), BACKEND, 7);
        State state = net.initialState(OPS, 2);
        Random random = new Random(5);
        for (int t = 0; t < 8; t++) {
            double[] x = random.doubles(6, -2, 2).toArray();
            state = net.step(OPS, net.parameters(), OPS.fromArray(DType.F64, Shape.of(2, 3), x), state,
                    StepContext.inference(t)).state();
            assertRowSums(state.get(2).toDoubleArray(), 5, "read weighting");
            assertRowSums(state.get(3).toDoubleArray(), 5, "write weighting");
            assertRowSums(state.get(5).toDoubleArray(), 5, "precedence");
            for (double u : state.get(4).toDoubleArray()) {
                assertTrue(u >= 0 && u <= 1, "usage " + u);
            }
            double[] link = state.get(6).toDoubleArray();
            for (int b = 0; b < 2; b++) {
                for (int i = 0; i < 5; i++) {
                    assertEquals(0.0, link[b * 25 + i * 6], "L[i, i]");
                }
            }
        }
    }

    private static void assertRowSums(double[] w, int n, String what) {
        for (int row = 0; row < w.length / n; row++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                assertTrue(w[row * n + i] >= 0, what + " is non-negative");
                total += w[row * n + i];
            }
            assertTrue(total <= 1 + 1e-12, what + " sums to " + total);
        }
    }

    /** Sequences of six and four steps in f64 against central differences, for both controllers: allocation, links and reads included. */
    @Test
    void gradientThroughSeveralStepsMatchesCentralDifferences() {
        for (String controller : List.of("lstm", "feedforward")) {
            Network net = family.create(spec(Map.of("controller", controller, "hidden", 4, "memory.size", 4,
                    "memory.width", 3, "read.heads", 2)), BACKEND, 11);
            double error = GradientChecker.maxRelativeError(OPS, net, TestData.oneBatch(TestData.random(7, 3, 2, 6, 4)),
                    Losses.of(Losses.MSE));
            assertTrue(error < 1e-6, controller + ": max relative error " + error);
        }
    }
}
