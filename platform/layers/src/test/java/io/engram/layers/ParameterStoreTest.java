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

class ParameterStoreTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final Ops OPS = BACKEND.ops();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    private static ParameterStore store() {
        Map<String, Tensor> initial = new LinkedHashMap<>();
        initial.put("z", OPS.zeros(DType.F64, Shape.of(2, 2)));
        initial.put("a", OPS.zeros(DType.F64, Shape.of(3)));
        return new ParameterStore(initial);
    }

    @Test
    void snapshotKeepsCreationOrderAndIsReadOnly() {
        Map<String, Tensor> s = store().snapshot();
        assertEquals(List.of("z", "a"), List.copyOf(s.keySet()));
        assertThrows(UnsupportedOperationException.class, () -> s.remove("z"));
    }

    @Test
    void replaceChecksEveryUpdateBeforeChangingAnything() {
        ParameterStore store = store();
        Map<String, Tensor> updates = new LinkedHashMap<>();
        updates.put("z", OPS.full(DType.F64, Shape.of(2, 2), 1.0));
        updates.put("a", OPS.zeros(DType.F32, Shape.of(3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.replace(updates));
        assertEquals("parameter 'a' must be F64 [3], got F32 [3]", e.getMessage());
        assertArrayEquals(new double[4], store.snapshot().get("z").toDoubleArray(), 0.0);

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> store.replace(Map.of("b", OPS.zeros(DType.F64, Shape.of(3)))));
        assertEquals("unknown parameter 'b' (known: z, a)", unknown.getMessage());

        store.replace(Map.of("a", OPS.full(DType.F64, Shape.of(3), 2.0)));
        assertArrayEquals(new double[] {2, 2, 2}, store.snapshot().get("a").toDoubleArray(), 0.0);
        assertEquals(List.of("z", "a"), List.copyOf(store.snapshot().keySet()));
    }
}
