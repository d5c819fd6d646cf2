package io.engram.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.api.Steps;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class StackedNetworkTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final Ops OPS = BACKEND.ops();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    private static Tensor row(double... v) {
        return OPS.fromArray(DType.F64, Shape.of(1, v.length), v);
    }

    private static ModelSpec spec(int in, int out) {
        return new ModelSpec("sum", in, out, DType.F64, Hyperparameters.empty());
    }

    /**
     * A layer with two state tensors: a running sum {@code s' = s + in * layer<l>.g} (its output)
     * and a step counter {@code n' = n + 1}.
     */
    private static List<Tensor> sumLayer(Ops ops, Map<String, Tensor> p, String k, Tensor in, List<Tensor> state) {
        return List.of(ops.add(state.get(0), ops.mul(in, p.get(k + "g"))), ops.addScalar(state.get(1), 1));
    }

    @Test
    void layersSeeTheLayerBelowAndKeepTheirStateTensorsTogether() {
        Map<String, Tensor> p = Map.of("layer0.g", row(1, 1), "layer1.g", row(2, 2), "layer2.g", row(10, 10));
        List<String> prefixes = new ArrayList<>();
        StackedNetwork net = new StackedNetwork(spec(2, 2), new StackSettings(2, 3, 0.0, "xavier", 1.0), 2, p,
                (o, q, k, in, st) -> {
                    prefixes.add(k);
                    return sumLayer(o, q, k, in, st);
                }, (o, q, top) -> o.scale(top, -1));
        State s = net.initialState(OPS, 1);
        assertEquals(6, s.size());
        assertEquals(Shape.of(1, 2), s.get(5).shape());
        Step step = null;
        for (int t = 0; t < 2; t++) {
            step = net.step(OPS, net.parameters(), row(1, -1), s, StepContext.inference(t));
            s = step.state();
        }
        assertEquals(List.of("layer0.", "layer1.", "layer2.", "layer0.", "layer1.", "layer2."), prefixes);
        // t=0: l0 = x, l1 = 2x, l2 = 20x; t=1: l0 = 2x, l1 = 2x + 4x, l2 = 20x + 60x
        assertArrayEquals(new double[] {2, -2}, s.get(0).toDoubleArray(), 0.0);
        assertArrayEquals(new double[] {6, -6}, s.get(2).toDoubleArray(), 0.0);
        assertArrayEquals(new double[] {80, -80}, s.get(4).toDoubleArray(), 0.0);
        assertArrayEquals(new double[] {2, 2}, s.get(5).toDoubleArray(), 0.0);
        assertArrayEquals(new double[] {-80, 80}, step.output().toDoubleArray(), 0.0);
    }

    /** Dropout draws for the input of layers 2 and 3, in that order, and never for layer 1. */
    @Test
    void dropoutActsOnTheInputOfLayersAboveTheFirstWhileTraining() {
        Map<String, Tensor> p = Map.of("layer0.g", row(1, 1, 1, 1), "layer1.g", row(1, 1, 1, 1), "layer2.g", row(1, 1, 1, 1));
        List<Tensor> inputs = new ArrayList<>();
        StackedNetwork net = new StackedNetwork(spec(4, 4), new StackSettings(4, 3, 0.5, "xavier", 1.0), 1, p,
                (o, q, k, in, st) -> {
                    inputs.add(in);
                    return List.of(o.add(st.get(0), o.mul(in, q.get(k + "g"))));
                }, (o, q, top) -> top);
        net.step(OPS, p, row(1, 2, 3, 4), net.initialState(OPS, 1), new StepContext(true, 0, new SplittableRandom(8)));
        SplittableRandom r = new SplittableRandom(8);
        double[] x = {1, 2, 3, 4};
        for (int l = 1; l < 3; l++) {
            for (int i = 0; i < 4; i++) {
                x[i] = r.nextDouble() < 0.5 ? x[i] * 2 : 0;
            }
            assertArrayEquals(x, inputs.get(l).toDoubleArray(), 0.0, "input of layer " + l);
        }
        assertArrayEquals(new double[] {1, 2, 3, 4}, inputs.get(0).toDoubleArray(), 0.0);
    }

    /**
     * Three steps at once through three layers with dropout while training give the outputs and
     * states of three single steps, dropout masks included (each step's drawn from its own context).
     */
    @Test
    void stepsAtOnceEqualStepByStepWithDropout() {
        Map<String, Tensor> p = Map.of("layer0.g", row(1, 2), "layer1.g", row(3, 1), "layer2.g", row(-1, 2));
        StackedNetwork net = new StackedNetwork(spec(2, 2), new StackSettings(2, 3, 0.5, "xavier", 1.0), 2, p,
                StackedNetworkTest::sumLayer, (o, q, top) -> o.scale(top, 0.5));
        int batch = 2;
        double[] xs = {1, -2, 0.5, 3, 2, 2, -1, 4, 0.25, -0.5, 7, 1};
        List<StepContext> contexts = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            contexts.add(new StepContext(true, t, new SplittableRandom(40 + t)));
        }
        Steps at = net.steps(OPS, p, OPS.fromArray(DType.F64, Shape.of(3 * batch, 2), xs), net.initialState(OPS, batch),
                contexts);
        State s = net.initialState(OPS, batch);
        for (int t = 0; t < 3; t++) {
            double[] x = java.util.Arrays.copyOfRange(xs, t * batch * 2, (t + 1) * batch * 2);
            Step step = net.step(OPS, p, OPS.fromArray(DType.F64, Shape.of(batch, 2), x), s,
                    new StepContext(true, t, new SplittableRandom(40 + t)));
            s = step.state();
            assertArrayEquals(step.output().toDoubleArray(),
                    OPS.slice(at.outputs(), 0, t * batch, (t + 1) * batch).toDoubleArray(), 0.0, "output " + t);
            for (int i = 0; i < s.size(); i++) {
                assertArrayEquals(s.get(i).toDoubleArray(), at.states().get(t).get(i).toDoubleArray(), 0.0,
                        "state " + i + " after step " + t);
            }
        }
        assertEquals(Shape.of(3 * batch, 2), at.outputs().shape());
        for (int i = 0; i < s.size(); i++) {
            assertArrayEquals(s.get(i).toDoubleArray(), at.last().get(i).toDoubleArray(), 0.0, "last state " + i);
        }
    }

    @Test
    void theDefaultOutputIsTheLinearReadoutAndParametersAreChecked() {
        StackedNetwork n = runningSum();
        assertEquals(spec(1, 1), n.spec());
        n.setParameters(Map.of(Readout.WEIGHTS, OPS.full(DType.F64, Shape.of(1, 1), 3.0),
                Readout.BIAS, OPS.full(DType.F64, Shape.of(1), 0.5)));
        Step step = n.step(OPS, n.parameters(), OPS.full(DType.F64, Shape.of(1, 1), 2.0), n.initialState(OPS, 1),
                StepContext.inference(0));
        assertEquals(6.5, step.output().item(), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> n.setParameters(Map.of("layer0.w", OPS.zeros(DType.F64, Shape.of(2, 1)))));
        assertEquals("parameter 'layer0.w' must be F64 [1, 1], got F64 [2, 1]", e.getMessage());
        assertEquals(1, StackedNetwork.inputSize(0, spec(1, 1), new StackSettings(7, 2, 0.0, "xavier", 1.0)));
        assertEquals(7, StackedNetwork.inputSize(1, spec(1, 1), new StackSettings(7, 2, 0.0, "xavier", 1.0)));
    }

    /** One unit that adds up its inputs, read out unchanged: y_t = x_1 + ... + x_t. */
    static StackedNetwork runningSum() {
        return new StackedNetwork(spec(1, 1), new StackSettings(1, 1, 0.0, "xavier", 1.0), 1, Map.of(
                "layer0.w", OPS.full(DType.F64, Shape.of(1, 1), 1.0),
                Readout.WEIGHTS, OPS.full(DType.F64, Shape.of(1, 1), 1.0),
                Readout.BIAS, OPS.zeros(DType.F64, Shape.of(1))),
                (o, p, k, in, s) -> List.of(o.add(s.get(0), o.matmul(in, p.get(k + "w")))));
    }
}
