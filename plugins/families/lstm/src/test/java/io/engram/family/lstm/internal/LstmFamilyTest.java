package io.engram.family.lstm.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Hyperparameters;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class LstmFamilyTest {
    private static final ReferenceBackend BACKEND = new ReferenceBackend();
    private static final Ops OPS = BACKEND.ops();
    private final LstmFamily family = new LstmFamily();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    private static ModelSpec spec(Map<String, Object> hyper) {
        return new ModelSpec("lstm", 3, 2, DType.F64, Hyperparameters.of(hyper));
    }

    private static Tensor input(int batch, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[batch * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble() * 2 - 1;
        }
        return OPS.fromArray(DType.F64, Shape.of(batch, 3), x);
    }

    @Test
    void sameSeedGivesIdenticalParametersAndOtherSeedsDiffer() {
        ModelSpec spec = spec(Map.of("hidden", 5, "layers", 2));
        Map<String, Tensor> a = family.create(spec, BACKEND, 42).parameters();
        Map<String, Tensor> b = family.create(spec, BACKEND, 42).parameters();
        Map<String, Tensor> c = family.create(spec, BACKEND, 43).parameters();
        assertEquals(List.of("layer0.w", "layer0.r", "layer0.b", "layer1.w", "layer1.r", "layer1.b", "readout.w", "readout.b"),
                List.copyOf(a.keySet()));
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k).toDoubleArray(), b.get(k).toDoubleArray(), 0.0, k);
        }
        assertFalse(java.util.Arrays.equals(a.get("layer0.w").toDoubleArray(), c.get("layer0.w").toDoubleArray()));
        assertEquals(Shape.of(3, 20), a.get("layer0.w").shape());
        assertEquals(Shape.of(5, 20), a.get("layer1.w").shape());
        double[] bias = a.get("layer0.b").toDoubleArray();
        assertEquals(1.0, bias[5], 0.0, "forget gate bias");
        assertEquals(0.0, bias[0], 0.0, "input gate bias");
    }

    @Test
    void stepHasOutputAndStatePerLayerAndStaysBounded() {
        Network n = family.create(spec(Map.of("hidden", 4, "layers", 2)), BACKEND, 7);
        State s = n.initialState(OPS, 5);
        assertEquals(4, s.size());
        Step step = n.step(OPS, n.parameters(), input(5, 1), s, StepContext.inference(0));
        assertEquals(Shape.of(5, 2), step.output().shape());
        assertEquals(4, step.state().size());
        for (double h : step.state().get(2).toDoubleArray()) {
            assertTrue(Math.abs(h) < 1.0, "h = o * tanh(c) lies in (-1, 1)");
        }
    }

    @Test
    void zeroPeepholesAgreeWithTheFusedCell() {
        Network plain = family.create(spec(Map.of("hidden", 4)), BACKEND, 11);
        Network peep = family.create(spec(Map.of("hidden", 4, "peepholes", true)), BACKEND, 11);
        assertEquals(plain.parameters().size() + 3, peep.parameters().size());
        State a = plain.initialState(OPS, 2);
        State b = peep.initialState(OPS, 2);
        for (int t = 0; t < 4; t++) {
            Tensor x = input(2, t);
            Step sa = plain.step(OPS, plain.parameters(), x, a, StepContext.inference(t));
            Step sb = peep.step(OPS, peep.parameters(), x, b, StepContext.inference(t));
            assertArrayEquals(sa.output().toDoubleArray(), sb.output().toDoubleArray(), 1e-12);
            a = sa.state();
            b = sb.state();
        }
    }

    @Test
    void peepholesChangeTheResultOnceNonZero() {
        Network peep = family.create(spec(Map.of("hidden", 4, "peepholes", true)), BACKEND, 11);
        State s0 = peep.initialState(OPS, 2);
        Step first = peep.step(OPS, peep.parameters(), input(2, 0), s0, StepContext.inference(0));
        Step before = peep.step(OPS, peep.parameters(), input(2, 1), first.state(), StepContext.inference(1));
        Map<String, Tensor> p = new HashMap<>(peep.parameters());
        p.put("layer0.po", OPS.full(DType.F64, Shape.of(4), 2.0));
        Step after = peep.step(OPS, p, input(2, 1), first.state(), StepContext.inference(1));
        assertFalse(java.util.Arrays.equals(before.output().toDoubleArray(), after.output().toDoubleArray()));
    }

    @Test
    void dropoutActsBetweenLayersOnlyWhileTraining() {
        Network n = family.create(spec(Map.of("hidden", 8, "layers", 2, "dropout", 0.5)), BACKEND, 3);
        State s = n.initialState(OPS, 4);
        Tensor x = input(4, 9);
        double[] inference1 = n.step(OPS, n.parameters(), x, s, StepContext.inference(0)).output().toDoubleArray();
        double[] inference2 = n.step(OPS, n.parameters(), x, s, StepContext.inference(0)).output().toDoubleArray();
        double[] train1 = n.step(OPS, n.parameters(), x, s, new StepContext(true, 0, new SplittableRandom(5))).output().toDoubleArray();
        double[] train2 = n.step(OPS, n.parameters(), x, s, new StepContext(true, 0, new SplittableRandom(5))).output().toDoubleArray();
        assertArrayEquals(inference1, inference2, 0.0);
        assertArrayEquals(train1, train2, 0.0, "same random stream, same mask");
        assertFalse(java.util.Arrays.equals(inference1, train1));
    }

    @Test
    void stepReadsParametersOnlyFromTheMap() {
        Network n = family.create(spec(Map.of("hidden", 4)), BACKEND, 3);
        Map<String, Tensor> zero = new HashMap<>();
        n.parameters().forEach((k, v) -> zero.put(k, OPS.zeros(DType.F64, v.shape())));
        Step step = n.step(OPS, zero, input(2, 1), n.initialState(OPS, 2), StepContext.inference(0));
        assertArrayEquals(new double[4], step.output().toDoubleArray(), 0.0);
    }

    @Test
    void setParametersNamesTheMisshapenParameter() {
        Network n = family.create(spec(Map.of("hidden", 4)), BACKEND, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> n.setParameters(Map.of("readout.b", OPS.zeros(DType.F64, Shape.of(3)))));
        assertEquals("parameter 'readout.b' must be F64 [2], got F64 [3]", e.getMessage());
        Tensor b = OPS.full(DType.F64, Shape.of(2), 0.5);
        n.setParameters(Map.of("readout.b", b));
        assertArrayEquals(new double[] {0.5, 0.5}, n.parameters().get("readout.b").toDoubleArray(), 0.0);
    }

    @Test
    void validateReportsDropoutWithoutStackedLayers() {
        ModelSpec spec = new ModelSpec("lstm", 3, 2, DType.F32,
                LstmFamily.SCHEMA.validate(Map.of("dropout", "0.3"), "model.").get());
        assertEquals("model.dropout: dropout acts between stacked layers only; with layers=1 it would have no effect",
                family.validate(spec).mkString("|"));
    }
}
