package io.engram.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
    private final Ops ops = new CpuBackend(1).ops();

    private Map<String, Tensor> params(double v) {
        return Map.of("w", ops.full(DType.F64, Shape.of(1), v));
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovementAndKeepsTheBest() {
        EarlyStopping es = new EarlyStopping(2);
        Map<String, Tensor> best = params(2);
        assertFalse(es.update(1, 1.0, params(1)));
        assertFalse(es.update(2, 0.5, best));
        assertFalse(es.update(3, 0.7, params(3)));
        assertTrue(es.update(4, 0.5, params(4)), "equal is not an improvement");
        assertEquals(2, es.bestEpoch());
        assertEquals(0.5, es.bestLoss());
        assertSame(best.get("w"), es.bestParameters().orElseThrow().get("w"));
    }

    @Test
    void zeroPatienceNeverStops() {
        EarlyStopping es = new EarlyStopping(0);
        es.update(1, 1.0, params(1));
        for (int e = 2; e < 50; e++) {
            assertFalse(es.update(e, 2.0, params(e)));
        }
        assertEquals(1, es.bestEpoch());
    }
}
