package io.engram.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Forward mode with stacked tangents against central differences in f64, op by op. */
class TangentOpsTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final Ops CPU = BACKEND.ops();

    @AfterAll
    static void stop() {
        BACKEND.close();
    }

    @Test
    void everyOpsForwardDerivativeMatchesCentralDifferences() {
        double worst = 0;
        String worstCase = "";
        int checked = 0;
        for (OpCases.Case c : OpCases.all(CPU)) {
            Tensor r = OpCases.weight(CPU, c);
            List<double[]> numeric = OpCases.numeric(CPU, c, r);
            int total = 0;
            for (Tensor x : c.inputs()) {
                total += x.shape().size();
            }
            TangentOps fwd = new TangentOps(CPU, total);
            List<Tensor> duals = new ArrayList<>();
            int first = 0;
            for (Tensor x : c.inputs()) {
                duals.add(fwd.seed(x, first));
                first += x.shape().size();
            }
            Tensor out = OpCases.objective(fwd, c, r, duals);
            double[] tangent = fwd.tangent(out).toDoubleArray();
            assertEquals(total, tangent.length, c.name());
            int p = 0;
            for (int q = 0; q < duals.size(); q++) {
                for (int i = 0; i < numeric.get(q).length; i++, p++) {
                    double e = OpCases.relativeError(tangent[p], numeric.get(q)[i]);
                    if (e > worst) {
                        worst = e;
                        worstCase = c.name();
                    }
                    assertTrue(e < OpCases.TOLERANCE, c.name() + " input " + q + " element " + i + ": forward "
                            + tangent[p] + " vs numeric " + numeric.get(q)[i]);
                    checked++;
                }
            }
        }
        System.out.println("forward mode vs central differences: " + checked + " partials, max relative error "
                + worst + " (" + worstCase + ")");
        assertTrue(checked > 300);
    }

    /** The step's tangent is that of its surrogate, {@code k s (1 - s) dx}; with {@code k = 0} it is zero. */
    @Test
    void heavisideCarriesItsSurrogateTangent() {
        double[] x = {-1, -0.25, 0, 0.5, 2};
        double k = 3;
        TangentOps fwd = new TangentOps(CPU, 5);
        Tensor seed = fwd.seed(CPU.fromArray(DType.F64, Shape.of(5), x), 0);
        Tensor step = fwd.heaviside(seed, k);
        assertArrayEquals(new double[] {0, 0, 0, 1, 1}, fwd.value(step).toDoubleArray(), 0.0);
        double[] t = fwd.tangent(fwd.sumAll(step)).toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            double s = 1 / (1 + Math.exp(-k * x[i]));
            assertEquals(k * s * (1 - s), t[i], 1e-12, "direction " + i);
        }
        assertArrayEquals(new double[25], fwd.tangent(fwd.heaviside(seed)).toDoubleArray(), 0.0);
    }

    @Test
    void seedDualAndConstants() {
        TangentOps fwd = new TangentOps(CPU, 4);
        Tensor x = fwd.seed(CPU.fromArray(DType.F64, Shape.of(2), new double[] {3, 5}), 1);
        assertEquals(Shape.of(4, 2), fwd.tangent(x).shape());
        assertArrayEquals(new double[] {0, 0, 1, 0, 0, 1, 0, 0}, fwd.tangent(x).toDoubleArray(), 0.0);
        Tensor c = CPU.full(DType.F64, Shape.of(2), 2);
        assertArrayEquals(new double[8], fwd.tangent(c).toDoubleArray(), 0.0);
        Tensor y = fwd.mul(x, c);
        assertArrayEquals(new double[] {6, 10}, fwd.value(y).toDoubleArray(), 0.0);
        assertArrayEquals(new double[] {0, 0, 2, 0, 0, 2, 0, 0}, fwd.tangent(y).toDoubleArray(), 0.0);
        Tensor d = fwd.dual(CPU.full(DType.F64, Shape.of(1), 1), CPU.full(DType.F64, Shape.of(4, 1), 0.5));
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5}, fwd.tangent(fwd.scale(d, 1)).toDoubleArray(), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fwd.dual(c, CPU.zeros(DType.F64, Shape.of(3, 2))));
        assertTrue(e.getMessage().contains("expected [4, 2]"), e.getMessage());
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
                () -> fwd.seed(CPU.zeros(DType.F64, Shape.of(3)), 2));
        assertTrue(s.getMessage().contains("do not fit in 4"), s.getMessage());
    }
}
