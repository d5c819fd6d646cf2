package io.engram.family.frnn.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class FrnnFamilyTest {
    private static final ReferenceBackend BACKEND = new ReferenceBackend();
    private static final Ops OPS = BACKEND.ops();
    private final FrnnFamily family = new FrnnFamily();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    private static ModelSpec spec(int out, Map<String, String> hyper) {
        return new ModelSpec("frnn", 2, out, DType.F64, FrnnFamily.SCHEMA.validate(hyper, "model.").get());
    }

    /** y_k(t+1) = f(sum_l w_kl z_l(t) + b_k) over z = [x(t), y(t)]: one matrix over inputs and units. */
    @Test
    void everyUnitFeedsEveryUnit() {
        int n = 4;
        Network net = family.create(spec(2, Map.of("hidden", "4", "activation", "sigmoid")), BACKEND, 8);
        Map<String, Tensor> p = net.parameters();
        assertEquals(Shape.of(2 + n, n), p.get("layer0.w").shape());
        double[] w = p.get("layer0.w").toDoubleArray();
        double[] y = new double[n];
        State s = net.initialState(OPS, 1);
        for (double[] x : new double[][] {{1, -1}, {0.5, 0.5}, {-0.2, 0.9}}) {
            double[] z = {x[0], x[1], y[0], y[1], y[2], y[3]};
            double[] next = new double[n];
            for (int k = 0; k < n; k++) {
                double sk = 0;
                for (int l = 0; l < z.length; l++) {
                    sk += w[l * n + k] * z[l];
                }
                next[k] = 1 / (1 + Math.exp(-sk));
            }
            y = next;
            Step step = net.step(OPS, p, OPS.fromArray(DType.F64, Shape.of(1, 2), x), s, StepContext.inference(0));
            s = step.state();
            assertArrayEquals(y, s.get(0).toDoubleArray(), 1e-12);
        }
    }

    @Test
    void unitReadoutReturnsTheFirstUnits() {
        Network net = family.create(spec(2, Map.of("hidden", "3", "readout", "units")), BACKEND, 4);
        assertEquals(2, net.parameters().size());
        Step step = net.step(OPS, net.parameters(), OPS.fromArray(DType.F64, Shape.of(1, 2), new double[] {1, 2}),
                net.initialState(OPS, 1), StepContext.inference(0));
        double[] units = step.state().get(0).toDoubleArray();
        assertArrayEquals(new double[] {units[0], units[1]}, step.output().toDoubleArray(), 0.0);
    }

    @Test
    void unitReadoutNeedsEnoughUnits() {
        assertEquals("model.hidden: readout=units reads the 5 outputs from the units, so hidden must be at least 5, got 3",
                family.validate(spec(5, Map.of("hidden", "3", "readout", "units"))).mkString("|"));
        assertEquals(0, family.validate(spec(5, Map.of("hidden", "3"))).size());
    }
}
