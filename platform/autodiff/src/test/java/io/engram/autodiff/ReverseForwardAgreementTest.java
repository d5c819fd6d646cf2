package io.engram.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.Ops;
import io.engram.tensor.RecurrentKernels;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * BPTT (the tape) and RTRL (stacked tangents) compute the same gradient of a loss over an unrolled
 * recurrent network; here three LSTM steps and three GRU steps in f64, one direction per parameter.
 */
class ReverseForwardAgreementTest {
    /** Bound on |reverse - forward| / max(1, |reverse|). */
    static final double TOLERANCE = 1e-12;

    private static final CpuBackend BACKEND = new CpuBackend(2);
    private static final Ops CPU = BACKEND.ops();

    @AfterAll
    static void stop() {
        BACKEND.close();
    }

    interface Net {
        Tensor loss(Ops ops, List<Tensor> params);
    }

    private static double compare(List<Tensor> params, Net net) {
        Tape tape = new Tape(CPU);
        List<Tensor> leaves = new ArrayList<>();
        for (Tensor p : params) {
            leaves.add(tape.leaf(p));
        }
        Gradients g = tape.backward(net.loss(tape, leaves));
        int total = 0;
        for (Tensor p : params) {
            total += p.shape().size();
        }
        TangentOps fwd = new TangentOps(CPU, total);
        List<Tensor> duals = new ArrayList<>();
        int first = 0;
        for (Tensor p : params) {
            duals.add(fwd.seed(p, first));
            first += p.shape().size();
        }
        Tensor out = net.loss(fwd, duals);
        assertEquals(net.loss(CPU, params).item(), fwd.value(out).item(), 0.0, "same forward value");
        double[] tangent = fwd.tangent(out).toDoubleArray();
        double worst = 0;
        int k = 0;
        double norm = 0;
        for (Tensor leaf : leaves) {
            for (double r : g.of(leaf).toDoubleArray()) {
                double e = Math.abs(r - tangent[k]) / Math.max(1.0, Math.abs(r));
                worst = Math.max(worst, e);
                norm += r * r;
                k++;
            }
        }
        assertEquals(total, k);
        assertTrue(norm > 1e-6, "gradient is not trivially zero");
        return worst;
    }

    @Test
    void lstmOverThreeSteps() {
        Random rnd = new Random(99);
        int batch = 2;
        int in = 3;
        int hidden = 3;
        int steps = 3;
        Tensor xs = OpCases.random(CPU, rnd, -1, 1, steps * batch, in);
        Tensor r = OpCases.random(CPU, rnd, -1, 1, batch, hidden);
        List<Tensor> params = List.of(OpCases.random(CPU, rnd, -0.5, 0.5, in, 4 * hidden),
                OpCases.random(CPU, rnd, -0.5, 0.5, 4 * hidden),
                OpCases.random(CPU, rnd, -0.5, 0.5, hidden, 4 * hidden),
                OpCases.random(CPU, rnd, -0.5, 0.5, batch, hidden));
        double worst = compare(params, (ops, p) -> {
            Tensor proj = ops.inputProjection(xs, p.get(0), p.get(1));
            Tensor h = p.get(3);
            Tensor c = ops.zeros(h.dtype(), Shape.of(batch, hidden));
            Tensor loss = null;
            for (int t = 0; t < steps; t++) {
                RecurrentKernels.LstmState hc = ops.kernels().lstmStep(ops.slice(proj, 0, t * batch, (t + 1) * batch), h, c, p.get(2));
                h = hc.h();
                c = hc.c();
                Tensor step = ops.sumAll(ops.mul(ops.logSoftmax(h, -1), r));
                loss = loss == null ? step : ops.add(loss, step);
            }
            return loss;
        });
        System.out.println("LSTM BPTT vs RTRL: max relative difference " + worst);
        assertTrue(worst < TOLERANCE, "" + worst);
    }

    @Test
    void gruOverThreeSteps() {
        Random rnd = new Random(98);
        int batch = 2;
        int in = 2;
        int hidden = 3;
        int steps = 3;
        Tensor xs = OpCases.random(CPU, rnd, -1, 1, steps * batch, in);
        List<Tensor> params = List.of(OpCases.random(CPU, rnd, -0.5, 0.5, in, 3 * hidden),
                OpCases.random(CPU, rnd, -0.5, 0.5, 3 * hidden),
                OpCases.random(CPU, rnd, -0.5, 0.5, hidden, 2 * hidden),
                OpCases.random(CPU, rnd, -0.5, 0.5, hidden, hidden));
        double worst = compare(params, (ops, p) -> {
            Tensor proj = ops.inputProjection(xs, p.get(0), p.get(1));
            Tensor h = ops.zeros(xs.dtype(), Shape.of(batch, hidden));
            for (int t = 0; t < steps; t++) {
                h = ops.kernels().gruStep(ops.slice(proj, 0, t * batch, (t + 1) * batch), h, p.get(2), p.get(3));
            }
            return ops.mean(ops.sum(ops.mul(h, h), -1), 0);
        });
        System.out.println("GRU BPTT vs RTRL: max relative difference " + worst);
        assertTrue(worst < TOLERANCE, "" + worst);
    }
}
