package io.engram.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class GradientCheckerTest {
    private final Ops ops = new ReferenceOps();
    private final Map<String, Tensor> params = Map.of("w", ops.fromArray(DType.F64, Shape.of(3),
            new double[] {0.5, -1.5, 2.0}));
    /** {@code L(w) = sum sin(w_i) w_i^2}. */
    private final ToDoubleFunction<Map<String, Tensor>> loss = p -> {
        double s = 0;
        for (double v : p.get("w").toDoubleArray()) {
            s += Math.sin(v) * v * v;
        }
        return s;
    };

    private Map<String, Tensor> gradient(double factor) {
        double[] w = params.get("w").toDoubleArray();
        double[] g = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            g[i] = factor * (Math.cos(w[i]) * w[i] * w[i] + 2 * w[i] * Math.sin(w[i]));
        }
        return Map.of("w", ops.fromArray(DType.F64, Shape.of(3), g));
    }

    @Test
    void exactGradientsPass() {
        double error = GradientChecker.maxRelativeError(ops, params, gradient(1.0), loss);
        assertTrue(error < 1e-9, "error " + error);
    }

    @Test
    void theReferenceOpsAreTheDefault() {
        assertEquals(GradientChecker.maxRelativeError(ops, params, gradient(1.01), loss),
                GradientChecker.maxRelativeError(params, gradient(1.01), loss));
    }

    @Test
    void aWrongGradientIsCaught() {
        double error = GradientChecker.maxRelativeError(ops, params, gradient(1.01), loss);
        assertEquals(0.01 / 1.01, error, 1e-6);
    }

    @Test
    void f32ParametersAreRefused() {
        Map<String, Tensor> f32 = Map.of("w", ops.zeros(DType.F32, Shape.of(2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientChecker.maxRelativeError(ops, f32, f32, loss));
        assertEquals("gradient checks need f64 parameters; 'w' is F32", e.getMessage());
    }
}
