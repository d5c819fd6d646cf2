package io.engram.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ActivationAndReadoutTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final Ops OPS = BACKEND.ops();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    @Test
    void activationsByName() {
        Tensor a = OPS.fromArray(DType.F64, Shape.of(3), new double[] {-2, 0, 1.5});
        assertArrayEquals(new double[] {Math.tanh(-2), 0, Math.tanh(1.5)},
                Activation.apply(OPS, "tanh", a).toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {1 / (1 + Math.exp(2)), 0.5, 1 / (1 + Math.exp(-1.5))},
                Activation.apply(OPS, "sigmoid", a).toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {0, 0, 1.5}, Activation.apply(OPS, "relu", a).toDoubleArray(), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activation.apply(OPS, "gelu", a));
        assertEquals("unknown activation 'gelu'", e.getMessage());
    }

    /** y = h V + c, with V drawn as a hidden -> outputs layer and c zero at first. */
    @Test
    void readoutIsInitialisedAfterwhatCameBeforeAndAppliesHVPlusC() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        Initializer init = new Initializer(OPS, DType.F64, "xavier", 1.0, 4);
        p.put("layer0.w", init.weights(2, 2, 1));
        Readout.initialise(p, init, 2, 3);
        assertEquals(List.of("layer0.w", "readout.w", "readout.b"), List.copyOf(p.keySet()));
        assertEquals(Shape.of(2, 3), p.get(Readout.WEIGHTS).shape());
        assertArrayEquals(new double[3], p.get(Readout.BIAS).toDoubleArray(), 0.0);
        Initializer again = new Initializer(OPS, DType.F64, "xavier", 1.0, 4);
        again.weights(2, 2, 1);
        assertArrayEquals(again.weights(2, 3, 1).toDoubleArray(), p.get(Readout.WEIGHTS).toDoubleArray(), 0.0);

        Map<String, Tensor> q = Map.of(
                Readout.WEIGHTS, OPS.fromArray(DType.F64, Shape.of(2, 3), new double[] {1, 2, 3, 4, 5, 6}),
                Readout.BIAS, OPS.fromArray(DType.F64, Shape.of(3), new double[] {0.5, -0.5, 0}));
        Tensor h = OPS.fromArray(DType.F64, Shape.of(2, 2), new double[] {1, 0, -1, 2});
        assertArrayEquals(new double[] {1.5, 1.5, 3, 7.5, 7.5, 9}, Readout.apply(OPS, q, h).toDoubleArray(), 0.0);
    }
}
