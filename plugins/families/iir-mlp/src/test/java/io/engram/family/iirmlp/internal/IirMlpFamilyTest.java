package io.engram.family.iirmlp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IirMlpFamilyTest {
    private final ReferenceBackend backend = new ReferenceBackend();
    private final IirMlpFamily family = new IirMlpFamily();

    private Network network(Map<String, String> raw, int in, int out) {
        Hyperparameters h = family.schema().validate(raw, "model.").get();
        return family.create(new ModelSpec(family.id(), in, out, DType.F64, h), backend, 3);
    }

    /** Two synapses into one linear output: each filter by hand, eqs. (1)-(3). */
    @Test
    void stepsLikeTheFilterEquations() {
        Network net = network(Map.of("layers", "0", "ma.order", "2", "ar.order", "2"), 2, 1);
        Ops ops = backend.ops();
        double[] w = {0.5, -0.25, 0.3, 0.7};
        double[] v = {0.4, -0.2, 0.1, 0.05};
        net.setParameters(Map.of(IirMlpShape.w(1), ops.fromArray(DType.F64, Shape.of(1, 4), w),
                IirMlpShape.v(1), ops.fromArray(DType.F64, Shape.of(1, 4), v),
                IirMlpShape.b(1), ops.fromArray(DType.F64, Shape.of(1), new double[] {0.1})));
        double[][] x = {{1, -1}, {0.5, 2}, {-0.3, 0.2}, {0, 1}};
        double[][] y = new double[x.length + 2][2];
        State s = net.initialState(ops, 1);
        for (int t = 0; t < x.length; t++) {
            Step step = net.step(ops, net.parameters(), ops.fromArray(DType.F64, Shape.of(1, 2), x[t]), s,
                    StepContext.inference(t));
            s = step.state();
            double sum = 0.1;
            for (int m = 0; m < 2; m++) {
                double prev = t > 0 ? x[t - 1][m] : 0;
                y[t + 2][m] = w[2 * m] * x[t][m] + w[2 * m + 1] * prev + v[2 * m] * y[t + 1][m] + v[2 * m + 1] * y[t][m];
                sum += y[t + 2][m];
            }
            assertEquals(sum, step.output().toDoubleArray()[0], 1e-15, "step " + t);
        }
    }

    /** With activation feedback the neuron's activation, the sum of its FIR synapses, is filtered. */
    @Test
    void activationFeedbackFiltersTheNeuronsSum() {
        Network net = network(Map.of("layers", "0", "ma.order", "2", "ar.order", "2", "feedback", "activation"), 2, 1);
        Ops ops = backend.ops();
        double[] w = {0.5, -0.25, 0.3, 0.7};
        double[] v = {0.4, -0.2};
        assertEquals(Shape.of(1, 2), net.parameters().get(IirMlpShape.v(1)).shape());
        net.setParameters(Map.of(IirMlpShape.w(1), ops.fromArray(DType.F64, Shape.of(1, 4), w),
                IirMlpShape.v(1), ops.fromArray(DType.F64, Shape.of(1, 2), v),
                IirMlpShape.b(1), ops.fromArray(DType.F64, Shape.of(1), new double[] {0.1})));
        double[][] x = {{1, -1}, {0.5, 2}, {-0.3, 0.2}, {0, 1}};
        double[] a = new double[x.length + 2];
        State s = net.initialState(ops, 1);
        for (int t = 0; t < x.length; t++) {
            Step step = net.step(ops, net.parameters(), ops.fromArray(DType.F64, Shape.of(1, 2), x[t]), s,
                    StepContext.inference(t));
            s = step.state();
            double sum = v[0] * a[t + 1] + v[1] * a[t];
            for (int m = 0; m < 2; m++) {
                sum += w[2 * m] * x[t][m] + w[2 * m + 1] * (t > 0 ? x[t - 1][m] : 0);
            }
            a[t + 2] = sum;
            assertEquals(0.1 + sum, step.output().toDoubleArray()[0], 1e-15, "step " + t);
        }
    }

    @Test
    void layersStackAndTheStateHoldsEveryLine() {
        Network net = network(Map.of("hidden", "3", "layers", "2", "ma.order", "3", "ar.order", "1"), 2, 4);
        List<Tensor> state = net.initialState(backend.ops(), 5).tensors();
        assertEquals(List.of(Shape.of(5, 4), Shape.of(5, 6), Shape.of(5, 6), Shape.of(5, 9), Shape.of(5, 6),
                Shape.of(5, 12)), state.stream().map(Tensor::shape).toList());
        assertEquals(List.of("l1.w", "l1.v", "l1.b", "l2.w", "l2.v", "l2.b", "l3.w", "l3.v", "l3.b"),
                List.copyOf(net.parameters().keySet()));
        assertEquals(Shape.of(3, 6), net.parameters().get("l1.w").shape());
        double[] feedback = net.parameters().get("l2.v").toDoubleArray();
        for (double f : feedback) {
            assertTrue(Math.abs(f) <= 0.1, "feedback starts stable: " + f);
        }
    }

    @Test
    void aFirMlpHasNoFeedback() {
        Network net = network(Map.of("ar.order", "0", "hidden", "2"), 1, 1);
        assertTrue(net.parameters().keySet().stream().noneMatch(k -> k.endsWith(".v")), net.parameters().keySet()
                .toString());
        assertThrows(IllegalArgumentException.class, () -> new IirMlpShape(List.of(1, 1), 0, 0, List.of("tanh"), false));
    }
}
