package io.engram.family.hopfield.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.ModelSpec;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.tensor.DType;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HopfieldNetworkTest {
    private static final int N = 64;

    @Test
    void aCueFollowedByZeroInputsSettlesAsRecallDoes() {
        HopfieldNetwork net = Memories.network(N, HopfieldFamily.ASYNCHRONOUS);
        double[] xi = Memories.random(6, N, 11);
        net.store(Memories.OPS, StorageRules.HEBBIAN, Memories.tensor(xi, N));
        double[] cue = Memories.flipped(xi, N, 0.15, 12);
        double[] recalled = net.recall(Memories.OPS, Memories.tensor(cue, N), 10).toDoubleArray();
        State s = net.initialState(Memories.OPS, 6);
        Tensor out = null;
        for (int t = 0; t < 11; t++) {
            Tensor x = t == 0 ? Memories.tensor(cue, N) : Memories.OPS.zeros(DType.F64, Shape.of(6, N));
            Step step = net.step(Memories.OPS, net.parameters(), x, s, StepContext.inference(t));
            s = step.state();
            out = step.output();
            if (t == 0) {
                assertArrayEquals(cue, out.toDoubleArray(), "the first step sets every unit from the cue");
            }
        }
        assertArrayEquals(recalled, out.toDoubleArray());
        assertEquals(1.0, Memories.exact(xi, recalled, N), 1e-12);
    }

    @Test
    void storeRefusesAnUnknownRuleAndNonBipolarPatternsChangingNothing() {
        HopfieldNetwork net = Memories.network(N, HopfieldFamily.ASYNCHRONOUS);
        double[] xi = Memories.random(3, N, 1);
        net.store(Memories.OPS, StorageRules.HEBBIAN, Memories.tensor(xi, N));
        double[] before = net.parameters().get(HopfieldNetwork.WEIGHTS).toDoubleArray();
        IllegalArgumentException rule = assertThrows(IllegalArgumentException.class,
                () -> net.store(Memories.OPS, "oja", Memories.tensor(xi, N)));
        assertEquals("unknown storage rule 'oja' (known: [hebbian, storkey])", rule.getMessage());
        double[] bad = xi.clone();
        bad[N + 5] = 0.5;
        IllegalArgumentException value = assertThrows(IllegalArgumentException.class,
                () -> net.store(Memories.OPS, StorageRules.STORKEY, Memories.tensor(bad, N)));
        assertEquals("patterns: pattern 1 unit 5 is 0.5, not -1 or +1", value.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> net.store(Memories.OPS, StorageRules.HEBBIAN, Memories.tensor(Memories.random(2, N + 1, 1), N + 1)));
        assertTrue(shape.getMessage().startsWith("patterns must be [rows, 64]"), shape.getMessage());
        assertArrayEquals(before, net.parameters().get(HopfieldNetwork.WEIGHTS).toDoubleArray());
    }

    @Test
    void storageRulesGiveSymmetricWeightsWithAZeroDiagonal() {
        double[] xi = Memories.random(10, N, 2);
        for (String rule : StorageRules.NAMES) {
            double[] w = StorageRules.weights(rule, xi, 10, N);
            for (int i = 0; i < N; i++) {
                assertEquals(0.0, w[i * N + i], 0.0, rule + " diagonal " + i);
                for (int j = 0; j < i; j++) {
                    assertEquals(w[i * N + j], w[j * N + i], 0.0, rule + " W[" + i + "," + j + "]");
                }
            }
        }
        double[] one = Memories.random(1, N, 3);
        assertArrayEquals(StorageRules.hebbian(one, 1, N), StorageRules.storkey(one, 1, N), 1e-15,
                "from empty weights Storkey's first step is Hebb's");
    }

    @Test
    void unitsMustHoldTheInputsAndOutputs() {
        HopfieldFamily family = new HopfieldFamily();
        var hyper = HopfieldFamily.SCHEMA.validate(Map.of("units", "4"), "model.").get();
        var problems = family.validate(new ModelSpec("hopfield", 5, 3, DType.F64, hyper));
        assertEquals(1, problems.size());
        assertEquals("model.units", problems.head().where());
        assertTrue(family.validate(new ModelSpec("hopfield", 0, 0, DType.F64, hyper)).isEmpty(), "sizes not yet known");
        var auto = HopfieldFamily.SCHEMA.validate(Map.of(), "model.").get();
        assertEquals(7, ((HopfieldNetwork) family.create(new ModelSpec("hopfield", 7, 7, DType.F64, auto),
                Memories.BACKEND, 0)).size(), "units = 0: as many as the inputs");
    }
}
