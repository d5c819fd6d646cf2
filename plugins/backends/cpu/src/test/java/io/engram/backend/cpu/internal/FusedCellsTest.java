package io.engram.backend.cpu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.RecurrentKernels;
import io.engram.tensor.RecurrentKernels.GruGates;
import io.engram.tensor.RecurrentKernels.LstmGates;
import io.engram.tensor.RecurrentKernels.LstmState;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Fused kernels against the decomposed defaults of {@code RecurrentKernels}. The kernels repeat the
 * decomposition's operations in the same order with the same rounding, so the tolerances are the
 * tight ones stated in {@link #F64_TOL} and {@link #F32_TOL} (observed difference: zero). f32
 * against f64 agrees within {@link #PRECISION_TOL} after ten LSTM steps.
 */
class FusedCellsTest {
    /** Largest allowed |fused - decomposed| in f64. */
    static final double F64_TOL = 1e-14;
    /** Largest allowed |fused - decomposed| in f32 (one unit in the last place near 1 is 1.2e-7). */
    static final double F32_TOL = 2.5e-7;
    /** Largest allowed |f32 - f64| for states of magnitude below 1 after ten steps. */
    static final double PRECISION_TOL = 1e-5;

    private static final CpuBackend BACKEND = new CpuBackend(2);
    private static final CpuOps OPS = (CpuOps) BACKEND.ops();
    private static final RecurrentKernels KERNELS = OPS.kernels();
    private static final RecurrentKernels DECOMPOSED = RecurrentKernels.decomposed(OPS);

    @AfterAll
    static void stop() {
        BACKEND.close();
    }

    private static Tensor random(Random rnd, DType d, double scale, int... dims) {
        Shape s = Shape.of(dims);
        double[] v = new double[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = scale * rnd.nextGaussian();
        }
        return OPS.fromArray(d, s, v);
    }

    static double maxDiff(Tensor a, Tensor b) {
        assertEquals(a.shape(), b.shape());
        double[] x = a.toDoubleArray();
        double[] y = b.toDoubleArray();
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        return m;
    }

    private static final int[][] SHAPES = {{1, 1}, {3, 5}, {8, 16}, {5, 33}, {0, 4}, {2, 130}};

    @Test
    void lstmStepAgreesWithDecomposition() {
        for (DType d : DType.values()) {
            Random rnd = new Random(17);
            double worst = 0;
            for (int[] s : SHAPES) {
                int b = s[0];
                int h = s[1];
                Tensor xProj = random(rnd, d, 1.0, b, 4 * h);
                Tensor hPrev = random(rnd, d, 0.5, b, h);
                Tensor cPrev = random(rnd, d, 1.0, b, h);
                Tensor wh = random(rnd, d, 1.0 / Math.sqrt(h), h, 4 * h);
                LstmState fused = KERNELS.lstmStep(xProj, hPrev, cPrev, wh);
                LstmState plain = DECOMPOSED.lstmStep(xProj, hPrev, cPrev, wh);
                worst = Math.max(worst, Math.max(maxDiff(fused.h(), plain.h()), maxDiff(fused.c(), plain.c())));
                assertEquals(d, fused.h().dtype());
            }
            System.out.println("lstmStep fused vs decomposed " + d + ": max |diff| = " + worst);
            assertTrue(worst <= (d == DType.F64 ? F64_TOL : F32_TOL), d + " " + worst);
        }
    }

    @Test
    void gruStepAgreesWithDecomposition() {
        for (DType d : DType.values()) {
            Random rnd = new Random(19);
            double worst = 0;
            for (int[] s : SHAPES) {
                int b = s[0];
                int h = s[1];
                Tensor xProj = random(rnd, d, 1.0, b, 3 * h);
                Tensor hPrev = random(rnd, d, 0.5, b, h);
                Tensor whRu = random(rnd, d, 1.0 / Math.sqrt(h), h, 2 * h);
                Tensor whN = random(rnd, d, 1.0 / Math.sqrt(h), h, h);
                worst = Math.max(worst, maxDiff(KERNELS.gruStep(xProj, hPrev, whRu, whN),
                        DECOMPOSED.gruStep(xProj, hPrev, whRu, whN)));
            }
            System.out.println("gruStep fused vs decomposed " + d + ": max |diff| = " + worst);
            assertTrue(worst <= (d == DType.F64 ? F64_TOL : F32_TOL), d + " " + worst);
        }
    }

    @Test
    void lstmTrainingKernelsAgreeWithTheirDecompositions() {
        for (DType d : DType.values()) {
            for (int[] size : new int[][] {{5, 7}, {32, 64}}) {
                int batch = size[0];
                int hidden = size[1];
                Random rnd = new Random(31);
                Tensor xProj = random(rnd, d, 1.0, batch, 4 * hidden);
                Tensor h = random(rnd, d, 1.0, batch, hidden);
                Tensor c = random(rnd, d, 1.0, batch, hidden);
                Tensor wh = random(rnd, d, 0.3, hidden, 4 * hidden);
                LstmGates fused = KERNELS.lstmStepWithGates(xProj, h, c, wh);
                LstmGates plain = DECOMPOSED.lstmStepWithGates(xProj, h, c, wh);
                LstmState inference = KERNELS.lstmStep(xProj, h, c, wh);
                double forward = Math.max(maxDiff(fused.gates(), plain.gates()),
                        Math.max(maxDiff(fused.h(), inference.h()), maxDiff(fused.c(), inference.c())));
                Tensor dh = random(rnd, d, 1.0, batch, hidden);
                Tensor dc = random(rnd, d, 1.0, batch, hidden);
                RecurrentKernels.LstmStepAdjoint back = KERNELS.lstmStepBackward(fused.gates(), c, fused.c(), dh, dc);
                RecurrentKernels.LstmStepAdjoint backPlain = DECOMPOSED.lstmStepBackward(fused.gates(), c, fused.c(), dh, dc);
                double backward = Math.max(maxDiff(back.dz(), backPlain.dz()), maxDiff(back.dc(), backPlain.dc()));
                System.out.println("lstm training kernels " + d + " " + batch + "x" + hidden
                        + ": forward max |diff| = " + forward + ", backward " + backward);
                assertEquals(0.0, maxDiff(fused.h(), inference.h()), "h' of the training step is lstmStep's");
                assertTrue(forward <= (d == DType.F64 ? F64_TOL : F32_TOL), d + " " + forward);
                assertTrue(backward <= (d == DType.F64 ? F64_TOL : F32_TOL), d + " " + backward);
                assertEquals(Shape.of(batch, 4 * hidden), back.dz().shape());
            }
        }
    }

    @Test
    void gruTrainingKernelsAgreeWithTheirDecompositions() {
        for (DType d : DType.values()) {
            for (int[] size : new int[][] {{5, 7}, {32, 64}}) {
                int batch = size[0];
                int hidden = size[1];
                Random rnd = new Random(37);
                Tensor xProj = random(rnd, d, 1.0, batch, 3 * hidden);
                Tensor h = random(rnd, d, 1.0, batch, hidden);
                Tensor whRu = random(rnd, d, 0.3, hidden, 2 * hidden);
                Tensor whN = random(rnd, d, 0.3, hidden, hidden);
                GruGates fused = KERNELS.gruStepWithGates(xProj, h, whRu, whN);
                GruGates plain = DECOMPOSED.gruStepWithGates(xProj, h, whRu, whN);
                Tensor dh = random(rnd, d, 1.0, batch, hidden);
                RecurrentKernels.GruStepAdjoint back = KERNELS.gruStepBackward(fused.gates(), h, whN, dh);
                RecurrentKernels.GruStepAdjoint backPlain = DECOMPOSED.gruStepBackward(fused.gates(), h, whN, dh);
                double forward = Math.max(maxDiff(fused.gates(), plain.gates()), maxDiff(fused.h(), plain.h()));
                double backward = Math.max(maxDiff(back.dz(), backPlain.dz()), maxDiff(back.dhPart(), backPlain.dhPart()));
                System.out.println("gru training kernels " + d + " " + batch + "x" + hidden
                        + ": forward max |diff| = " + forward + ", backward " + backward);
                assertEquals(0.0, maxDiff(fused.h(), KERNELS.gruStep(xProj, h, whRu, whN)), "h' is gruStep's");
                assertTrue(forward <= (d == DType.F64 ? F64_TOL : F32_TOL), d + " " + forward);
                assertTrue(backward <= (d == DType.F64 ? F64_TOL : F32_TOL), d + " " + backward);
                assertEquals(Shape.of(batch, 3 * hidden), back.dz().shape());
            }
        }
    }

    @Test
    void elmanKernelsAgreeWithTheirDecompositions() {
        for (DType d : DType.values()) {
            Random rnd = new Random(41);
            double forward = 0;
            double backward = 0;
            for (int[] s : SHAPES) {
                int b = s[0];
                int h = s[1];
                Tensor xProj = random(rnd, d, 1.0, b, h);
                Tensor hPrev = random(rnd, d, 0.5, b, h);
                Tensor wh = random(rnd, d, 1.0 / Math.sqrt(h), h, h);
                Tensor fused = KERNELS.elmanStep(xProj, hPrev, wh);
                forward = Math.max(forward, maxDiff(fused, DECOMPOSED.elmanStep(xProj, hPrev, wh)));
                Tensor dh = random(rnd, d, 1.0, b, h);
                backward = Math.max(backward, maxDiff(KERNELS.elmanStepBackward(fused, dh),
                        DECOMPOSED.elmanStepBackward(fused, dh)));
                assertEquals(Shape.of(b, h), fused.shape());
            }
            System.out.println("elman kernels " + d + ": forward max |diff| = " + forward + ", backward " + backward);
            assertTrue(forward <= (d == DType.F64 ? F64_TOL : F32_TOL), d + " " + forward);
            assertEquals(0.0, backward, d + ": the backward kernel evaluates the decomposition's expression");
        }
    }

    /** {@code {T, B, H}}: one step, a few, odd sizes, and a step's rows split over the pool. */
    private static final int[][] SEQUENCES = {{1, 3, 5}, {4, 2, 7}, {7, 5, 33}, {3, 32, 64}};

    private static double maxDiff(List<Tensor> a, List<Tensor> b) {
        assertEquals(a.size(), b.size());
        double m = 0;
        for (int i = 0; i < a.size(); i++) {
            m = Math.max(m, maxDiff(a.get(i), b.get(i)));
        }
        return m;
    }

    private static List<Tensor> list(LstmGates g) {
        return List.of(g.h(), g.c(), g.gates());
    }

    private static List<Tensor> list(LstmState s) {
        return List.of(s.h(), s.c());
    }

    private static List<Tensor> list(RecurrentKernels.StepsAdjoint a) {
        return List.of(a.dxProjs(), a.dh());
    }

    /** The LSTM, GRU and Elman recurrences over whole sequences, forward and backward, against their decompositions. */
    @Test
    void sequenceKernelsAgreeWithTheirDecompositions() {
        for (DType d : DType.values()) {
            Random rnd = new Random(43);
            double worst = 0;
            for (int[] size : SEQUENCES) {
                int time = size[0];
                int b = size[1];
                int h = size[2];
                Tensor h0 = random(rnd, d, 0.5, b, h);
                Tensor c0 = random(rnd, d, 1.0, b, h);
                Tensor dhs = random(rnd, d, 1.0, time * b, h);
                Tensor dcs = random(rnd, d, 1.0, time * b, h);

                Tensor lx = random(rnd, d, 1.0, time * b, 4 * h);
                Tensor lw = random(rnd, d, 1.0 / Math.sqrt(h), h, 4 * h);
                LstmGates lstm = KERNELS.lstmStepsWithGates(lx, h0, c0, lw);
                worst = Math.max(worst, maxDiff(list(lstm), list(DECOMPOSED.lstmStepsWithGates(lx, h0, c0, lw))));
                worst = Math.max(worst, maxDiff(list(KERNELS.lstmSteps(lx, h0, c0, lw)), list(lstm.state())));
                RecurrentKernels.LstmAdjoint back = KERNELS.lstmStepsBackward(lstm.gates(), c0, lstm.c(), lw, dhs, dcs);
                RecurrentKernels.LstmAdjoint backPlain = DECOMPOSED.lstmStepsBackward(lstm.gates(), c0, lstm.c(), lw, dhs, dcs);
                worst = Math.max(worst, maxDiff(List.of(back.dxProjs(), back.dh(), back.dc()),
                        List.of(backPlain.dxProjs(), backPlain.dh(), backPlain.dc())));

                Tensor gx = random(rnd, d, 1.0, time * b, 3 * h);
                Tensor gru = random(rnd, d, 1.0 / Math.sqrt(h), h, 2 * h);
                Tensor gn = random(rnd, d, 1.0 / Math.sqrt(h), h, h);
                GruGates g = KERNELS.gruStepsWithGates(gx, h0, gru, gn);
                GruGates gPlain = DECOMPOSED.gruStepsWithGates(gx, h0, gru, gn);
                worst = Math.max(worst, maxDiff(List.of(g.h(), g.gates()), List.of(gPlain.h(), gPlain.gates())));
                worst = Math.max(worst, maxDiff(KERNELS.gruSteps(gx, h0, gru, gn), g.h()));
                worst = Math.max(worst, maxDiff(list(KERNELS.gruStepsBackward(g.gates(), h0, g.h(), gru, gn, dhs)),
                        list(DECOMPOSED.gruStepsBackward(g.gates(), h0, g.h(), gru, gn, dhs))));

                Tensor ex = random(rnd, d, 1.0, time * b, h);
                Tensor hs = KERNELS.elmanSteps(ex, h0, gn);
                worst = Math.max(worst, maxDiff(hs, DECOMPOSED.elmanSteps(ex, h0, gn)));
                worst = Math.max(worst, maxDiff(list(KERNELS.elmanStepsBackward(h0, hs, gn, dhs)),
                        list(DECOMPOSED.elmanStepsBackward(h0, hs, gn, dhs))));
                assertEquals(Shape.of(time * b, h), hs.shape());
            }
            System.out.println("sequence kernels vs decompositions " + d + ": max |diff| = " + worst);
            assertTrue(worst <= (d == DType.F64 ? F64_TOL : F32_TOL), d + " " + worst);
        }
    }

    @Test
    void inputProjectionAgreesWithDecomposition() {
        for (DType d : DType.values()) {
            Random rnd = new Random(23);
            Tensor xs = random(rnd, d, 1.0, 37, 11);
            Tensor w = random(rnd, d, 0.3, 11, 20);
            Tensor bias = random(rnd, d, 1.0, 20);
            double diff = maxDiff(OPS.inputProjection(xs, w, bias), OPS.decomposedInputProjection(xs, w, bias));
            System.out.println("inputProjection fused vs decomposed " + d + ": max |diff| = " + diff);
            assertTrue(diff <= (d == DType.F64 ? F64_TOL : F32_TOL), d + " " + diff);
        }
    }

    @Test
    void unusualLayoutsFallBackToTheDecomposition() {
        Random rnd = new Random(29);
        Tensor xProj = random(rnd, DType.F64, 1.0, 4 * 3);
        Tensor h = random(rnd, DType.F64, 1.0, 1, 3);
        Tensor c = random(rnd, DType.F64, 1.0, 1, 3);
        Tensor wh = random(rnd, DType.F64, 1.0, 3, 12);
        LstmState out = KERNELS.lstmStep(xProj, h, c, wh);
        assertEquals(0.0, maxDiff(out.h(), DECOMPOSED.lstmStep(xProj, h, c, wh).h()));
        Tensor bias2 = random(rnd, DType.F64, 1.0, 1, 12);
        Tensor xs = random(rnd, DType.F64, 1.0, 5, 3);
        assertEquals(Shape.of(5, 12), OPS.inputProjection(xs, wh, bias2).shape());
    }

    @Test
    void f32AgreesWithF64OverTenLstmSteps() {
        Random rnd = new Random(31);
        int b = 4;
        int hidden = 24;
        double[] xp = new double[b * 4 * hidden];
        double[] w = new double[hidden * 4 * hidden];
        for (int i = 0; i < xp.length; i++) {
            xp[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = rnd.nextGaussian() / Math.sqrt(hidden);
        }
        Tensor[] state = new Tensor[4];
        DType[] types = {DType.F64, DType.F32};
        for (int k = 0; k < 2; k++) {
            DType d = types[k];
            Tensor x = OPS.fromArray(d, Shape.of(b, 4 * hidden), xp);
            Tensor wh = OPS.fromArray(d, Shape.of(hidden, 4 * hidden), w);
            Tensor h = OPS.zeros(d, Shape.of(b, hidden));
            Tensor c = OPS.zeros(d, Shape.of(b, hidden));
            for (int t = 0; t < 10; t++) {
                LstmState hc = KERNELS.lstmStep(x, h, c, wh);
                h = hc.h();
                c = hc.c();
            }
            state[2 * k] = h;
            state[2 * k + 1] = c;
        }
        double dh = maxDiff(state[0], state[2]);
        double dc = maxDiff(state[1], state[3]);
        System.out.println("f32 vs f64 after 10 LSTM steps: max |diff| h = " + dh + ", c = " + dc);
        assertTrue(dh < PRECISION_TOL && dc < PRECISION_TOL, dh + " " + dc);
        assertTrue(dh > 0, "f32 really rounds");
    }
}
