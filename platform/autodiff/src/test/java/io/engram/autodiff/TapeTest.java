package io.engram.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.RecurrentKernels;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Reverse mode against central differences in f64, op by op, and its bookkeeping. */
class TapeTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final Ops CPU = BACKEND.ops();

    @AfterAll
    static void stop() {
        BACKEND.close();
    }

    @Test
    void everyOpsReverseDerivativeMatchesCentralDifferences() {
        double worst = 0;
        String worstCase = "";
        int checked = 0;
        for (OpCases.Case c : OpCases.all(CPU)) {
            Tensor r = OpCases.weight(CPU, c);
            List<double[]> numeric = OpCases.numeric(CPU, c, r);
            Tape tape = new Tape(CPU);
            List<Tensor> leaves = new ArrayList<>();
            for (Tensor x : c.inputs()) {
                leaves.add(tape.leaf(x));
            }
            Gradients g = tape.backward(OpCases.objective(tape, c, r, leaves));
            for (int q = 0; q < leaves.size(); q++) {
                double[] analytic = g.of(leaves.get(q)).toDoubleArray();
                assertEquals(numeric.get(q).length, analytic.length, c.name());
                for (int i = 0; i < analytic.length; i++) {
                    double e = OpCases.relativeError(analytic[i], numeric.get(q)[i]);
                    if (e > worst) {
                        worst = e;
                        worstCase = c.name();
                    }
                    assertTrue(e < OpCases.TOLERANCE, c.name() + " input " + q + " element " + i + ": reverse "
                            + analytic[i] + " vs numeric " + numeric.get(q)[i]);
                    checked++;
                }
            }
        }
        System.out.println("reverse mode vs central differences: " + checked + " partials, max relative error "
                + worst + " (" + worstCase + ")");
        assertTrue(checked > 300);
    }

    /** Bound on |g32 - g64| / max(1, |g64|) for the f32 gradient of a two-step LSTM loss. */
    static final double F32_TOLERANCE = 1e-4;

    @Test
    void f32GradientsAgreeWithF64() {
        java.util.Random rnd = new java.util.Random(77);
        double[][] values = new double[4][];
        int[][] shapes = {{3, 8}, {3, 2}, {3, 2}, {2, 8}};
        for (int i = 0; i < values.length; i++) {
            values[i] = OpCases.random(CPU, rnd, -1, 1, shapes[i]).toDoubleArray();
        }
        double[][][] grads = new double[2][4][];
        DType[] types = {DType.F64, DType.F32};
        for (int d = 0; d < 2; d++) {
            Tape tape = new Tape(CPU);
            List<Tensor> leaves = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                leaves.add(tape.leaf(CPU.fromArray(types[d], Shape.of(shapes[i]), values[i])));
            }
            RecurrentKernels.LstmState hc = tape.kernels().lstmStep(leaves.get(0), leaves.get(1), leaves.get(2), leaves.get(3));
            hc = tape.kernels().lstmStep(leaves.get(0), hc.h(), hc.c(), leaves.get(3));
            Tensor loss = tape.sumAll(tape.mul(hc.h(), hc.c()));
            Gradients g = tape.backward(loss);
            for (int i = 0; i < values.length; i++) {
                assertEquals(types[d], g.of(leaves.get(i)).dtype());
                grads[d][i] = g.of(leaves.get(i)).toDoubleArray();
            }
        }
        double worst = 0;
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < grads[0][i].length; j++) {
                worst = Math.max(worst, Math.abs(grads[1][i][j] - grads[0][i][j]) / Math.max(1, Math.abs(grads[0][i][j])));
            }
        }
        System.out.println("reverse mode f32 vs f64: max relative difference " + worst);
        assertTrue(worst < F32_TOLERANCE && worst > 0, "" + worst);
    }

    /** Three steps of gradient descent on an LSTM loss; each step optionally in a workspace. */
    private static double[] descend(boolean workspaces) {
        java.util.Random rnd = new java.util.Random(41);
        Tensor xProj = OpCases.random(CPU, rnd, -1, 1, 2, 8);
        Tensor wh = OpCases.random(CPU, rnd, -1, 1, 2, 8);
        Tensor h0 = CPU.zeros(DType.F64, Shape.of(2, 2));
        for (int step = 0; step < 3; step++) {
            io.engram.tensor.Workspace ws = workspaces ? CPU.workspace() : io.engram.tensor.Workspace.none();
            try (ws) {
                Tape tape = new Tape(CPU);
                try (io.engram.tensor.Workspace tw = tape.workspace()) {
                    Tensor w = tape.leaf(wh);
                    RecurrentKernels.LstmState hc = tape.kernels().lstmStep(xProj, h0, h0, w);
                    hc = tape.kernels().lstmStep(xProj, hc.h(), hc.c(), w);
                    Tensor loss = tape.sumAll(tape.mul(hc.h(), hc.h()));
                    Tensor g = tape.backward(loss).of(w);
                    wh = tw.keep(CPU.sub(wh, CPU.scale(g, 0.5)));
                }
                wh = ws.keep(wh);
            }
        }
        return wh.toDoubleArray();
    }

    @Test
    void trainingInsideWorkspacesMatchesTrainingWithout() {
        assertArrayEquals(descend(false), descend(true), 0.0);
    }

    /** The step's surrogate gradient {@code k s (1 - s)}, {@code s = sigmoid(k x)}, and none for {@code k = 0}. */
    @Test
    void heavisideHasItsSurrogateGradient() {
        double[] x = {-1, -0.25, 0, 0.5, 2};
        double k = 3;
        Tape tape = new Tape(CPU);
        Tensor leaf = tape.leaf(CPU.fromArray(DType.F64, Shape.of(5), x));
        Tensor step = tape.heaviside(leaf, k);
        assertArrayEquals(new double[] {0, 0, 0, 1, 1}, Tape.value(step).toDoubleArray(), 0.0);
        double[] g = tape.backward(tape.sumAll(tape.mul(step, CPU.full(DType.F64, Shape.of(5), 2)))).of(leaf)
                .toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            double s = 1 / (1 + Math.exp(-k * x[i]));
            assertEquals(2 * k * s * (1 - s), g[i], 1e-12, "element " + i);
        }
        Tape flat = new Tape(CPU);
        Tensor leaf2 = flat.leaf(CPU.fromArray(DType.F64, Shape.of(5), x));
        Tensor loss = flat.sumAll(flat.add(flat.heaviside(leaf2), flat.scale(leaf2, 0.0)));
        assertArrayEquals(new double[5], flat.backward(loss).of(leaf2).toDoubleArray(), 0.0);
    }

    @Test
    void leafUsedTwiceSumsBothContributions() {
        Tape tape = new Tape(CPU);
        Tensor x = tape.leaf(CPU.fromArray(DType.F64, Shape.of(3), new double[] {1, -2, 0.5}));
        Tensor loss = tape.sumAll(tape.add(tape.mul(x, x), x));
        assertArrayEquals(new double[] {3, -3, 2}, tape.backward(loss).of(x).toDoubleArray(), 0.0);
    }

    @Test
    void constantsAreNotDifferentiatedAndUnreachableLeavesGetZeros() {
        Tape tape = new Tape(CPU);
        Tensor c = CPU.fromArray(DType.F64, Shape.of(2), new double[] {2, 3});
        Tensor x = tape.leaf(CPU.fromArray(DType.F64, Shape.of(2), new double[] {5, 7}));
        Tensor unused = tape.leaf(CPU.zeros(DType.F64, Shape.of(4, 1)));
        Tensor constantOnly = tape.mul(c, c);
        assertEquals(c.getClass(), constantOnly.getClass(), "ops on constants return base tensors");
        Tensor loss = tape.sumAll(tape.mul(x, c));
        Gradients g = tape.backward(loss);
        assertArrayEquals(new double[] {2, 3}, g.of(x).toDoubleArray(), 0.0);
        assertArrayEquals(new double[] {0, 0, 0, 0}, g.of(unused).toDoubleArray(), 0.0);
        assertEquals(Shape.of(4, 1), g.of(unused).shape());
        assertArrayEquals(new double[] {0, 0}, g.of(c).toDoubleArray(), 0.0);
        assertEquals(Tape.value(x).getClass(), c.getClass());
        assertArrayEquals(new double[] {5, 7}, Tape.value(x).toDoubleArray(), 0.0);
    }

    @Test
    void backwardCanRunTwiceAndRejectsBadLosses() {
        Tape tape = new Tape(CPU);
        Tensor x = tape.leaf(CPU.fromArray(DType.F64, Shape.of(2), new double[] {1, 2}));
        Tensor loss = tape.sumAll(tape.exp(x));
        double[] first = tape.backward(loss).of(x).toDoubleArray();
        double[] second = tape.backward(loss).of(x).toDoubleArray();
        assertArrayEquals(first, second, 0.0);
        assertArrayEquals(new double[] {Math.exp(1), Math.exp(2)}, first, 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tape.backward(tape.exp(x)));
        assertTrue(e.getMessage().contains("one element"), e.getMessage());
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> tape.backward(CPU.sumAll(CPU.zeros(DType.F64, Shape.of(1)))));
        assertTrue(f.getMessage().contains("not computed on this tape"), f.getMessage());
    }

    @Test
    void fusedStepsOnConstantsUseTheBackendKernelWithoutRecording() {
        Tape tape = new Tape(CPU);
        Tensor xProj = CPU.full(DType.F64, Shape.of(2, 8), 0.1);
        Tensor h = CPU.full(DType.F64, Shape.of(2, 2), 0.2);
        Tensor w = CPU.full(DType.F64, Shape.of(2, 8), 0.3);
        RecurrentKernels.LstmState out = tape.kernels().lstmStep(xProj, h, h, w);
        assertEquals(0, tape.size());
        assertArrayEquals(CPU.kernels().lstmStep(xProj, h, h, w).h().toDoubleArray(), out.h().toDoubleArray(), 0.0);
        RecurrentKernels.LstmState recorded = tape.kernels().lstmStep(xProj, tape.leaf(h), h, w);
        assertEquals(3, tape.size(), "one leaf and one node per output");
        assertArrayEquals(out.h().toDoubleArray(), recorded.h().toDoubleArray(), 0.0);
        assertArrayEquals(out.c().toDoubleArray(), recorded.c().toDoubleArray(), 0.0);
        Tensor gru = tape.kernels().gruStep(CPU.full(DType.F64, Shape.of(2, 6), 0.1), tape.leaf(h),
                CPU.full(DType.F64, Shape.of(2, 4), 0.2), CPU.full(DType.F64, Shape.of(2, 2), 0.3));
        assertEquals(5, tape.size());
        assertArrayEquals(CPU.kernels().gruStep(CPU.full(DType.F64, Shape.of(2, 6), 0.1), h,
                CPU.full(DType.F64, Shape.of(2, 4), 0.2), CPU.full(DType.F64, Shape.of(2, 2), 0.3)).toDoubleArray(),
                gru.toDoubleArray(), 0.0);
    }

    @Test
    void lstmNodesGiveTheSameGradientsOnEveryBackwardAndForEitherOutput() {
        java.util.Random rnd = new java.util.Random(61);
        Tape tape = new Tape(CPU);
        Tensor xProj = tape.leaf(OpCases.random(CPU, rnd, -1, 1, 2, 12));
        Tensor h = tape.leaf(OpCases.random(CPU, rnd, -1, 1, 2, 3));
        Tensor wh = tape.leaf(OpCases.random(CPU, rnd, -1, 1, 3, 12));
        RecurrentKernels.LstmState hc = tape.kernels().lstmStep(xProj, h, h, wh);
        Tensor onlyC = tape.sumAll(hc.c());
        Tensor both = tape.add(tape.sumAll(hc.h()), onlyC);
        double[] first = tape.backward(both).of(wh).toDoubleArray();
        double[] cOnly = tape.backward(onlyC).of(wh).toDoubleArray();
        double[] again = tape.backward(both).of(wh).toDoubleArray();
        assertArrayEquals(first, again, 0.0);
        TangentOps fwd = new TangentOps(CPU, 36);
        Tensor seeded = fwd.seed(Tape.value(wh), 0);
        Tensor cOut = fwd.kernels().lstmStep(Tape.value(xProj), Tape.value(h), Tape.value(h), seeded).c();
        double[] expected = fwd.tangent(fwd.sumAll(cOut)).toDoubleArray();
        assertEquals(36, cOnly.length);
        for (int i = 0; i < 36; i++) {
            assertEquals(expected[i], cOnly[i], 1e-14, "element " + i);
        }
        assertTrue(Math.abs(first[0] - cOnly[0]) > 1e-9, "h' contributes");
    }
}
