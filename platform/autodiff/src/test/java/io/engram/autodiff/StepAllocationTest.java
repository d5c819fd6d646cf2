package io.engram.autodiff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.tensor.Workspace;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Heap allocated per time step in the steady state of an LSTM (and a GRU) training step (whole-sequence input
 * projection, fused steps recorded on a tape, MSE on every output, backward, SGD) and of inference, and
 * the same with the recurrence of an LSTM, a GRU and an Elman layer as one op over the sequence,
 * each inside a workspace, counted by {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}
 * on the calling thread. The same step is run over sequences of {@value #SHORT} and {@value #LONG}
 * steps after warm-up; the difference divided by the extra steps is what one more time step costs.
 * A step that allocated any of its activation arrays ({@code [B, H]} f32 is {@code 4 B H} bytes,
 * and a recorded LSTM step makes more than ten of them) would exceed the bound of one such array.
 */
class StepAllocationTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final Ops CPU = BACKEND.ops();
    static final int SHORT = 10;
    static final int LONG = 50;
    static final int BATCH = 32;
    static final int INPUT = 16;
    static final int HIDDEN = 256;

    @AfterAll
    static void stop() {
        BACKEND.close();
    }

    private static Tensor random(Random rnd, Shape shape, double scale) {
        float[] v = new float[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((rnd.nextDouble() * 2 - 1) * scale);
        }
        return CPU.fromArray(DType.F32, shape, v);
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** One step over {@code time} steps; returns the bytes it allocated on this thread. */
    private static long trainStep(Tensor[] params, int time, boolean train) {
        return step(params, time, train, false);
    }

    /** The recurrence of one of the families over a whole sequence in one op (lstmSteps, gruSteps, elmanSteps). */
    enum Sequence { LSTM, GRU, ELMAN }

    /**
     * One step over {@code time} steps with the recurrence as one sequence op; returns the bytes it
     * allocated on this thread.
     */
    private static long sequenceStep(Tensor[] params, int time, boolean train, Sequence kind) {
        Random rnd = new Random(time);
        Tensor xs = random(rnd, Shape.of(time * BATCH, INPUT), 1.0);
        Tensor ys = random(rnd, Shape.of(time * BATCH, HIDDEN), 0.5);
        long before = allocated();
        try (Workspace ws = CPU.workspace()) {
            Tape tape = new Tape(CPU);
            Ops ops = train ? tape : CPU;
            Tensor[] p = new Tensor[params.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = train ? tape.leaf(params[i]) : params[i];
            }
            Tensor proj = ops.inputProjection(xs, p[0], p[2]);
            Tensor h = ops.zeros(DType.F32, Shape.of(BATCH, HIDDEN));
            Tensor hs;
            switch (kind) {
                case LSTM:
                    hs = ops.lstmSteps(proj, h, ops.zeros(DType.F32, Shape.of(BATCH, HIDDEN)), p[1]).get(0);
                    break;
                case GRU:
                    hs = ops.gruSteps(proj, h, p[1], p[3]);
                    break;
                default:
                    hs = ops.elmanSteps(proj, h, p[1]);
                    break;
            }
            if (train) {
                Tensor diff = ops.sub(hs, ys);
                Gradients g = tape.backward(ops.sumAll(ops.mul(diff, diff)));
                for (int i = 0; i < params.length; i++) {
                    params[i] = ws.keep(CPU.sub(params[i], CPU.scale(g.of(p[i]), 1e-3)));
                }
            }
        }
        return allocated() - before;
    }

    private static double bytesPerSequenceStep(boolean train, Sequence kind) {
        Random rnd = new Random(3);
        int gates = kind == Sequence.LSTM ? 4 : kind == Sequence.GRU ? 3 : 1;
        Tensor[] params = {
            random(rnd, Shape.of(INPUT, gates * HIDDEN), 0.2),
            random(rnd, Shape.of(HIDDEN, (kind == Sequence.GRU ? 2 : gates) * HIDDEN), 0.1),
            random(rnd, Shape.of(gates * HIDDEN), 0.1),
            random(rnd, Shape.of(HIDDEN, HIDDEN), 0.1),
        };
        for (int warm = 0; warm < 3; warm++) {
            sequenceStep(params, SHORT, train, kind);
            sequenceStep(params, LONG, train, kind);
        }
        long shortBytes = Long.MAX_VALUE;
        long longBytes = Long.MAX_VALUE;
        for (int r = 0; r < 3; r++) {
            shortBytes = Math.min(shortBytes, sequenceStep(params, SHORT, train, kind));
            longBytes = Math.min(longBytes, sequenceStep(params, LONG, train, kind));
        }
        double perStep = (double) (longBytes - shortBytes) / (LONG - SHORT);
        System.out.printf("%s over the sequence, %s B=%d H=%d f32: %d bytes over %d steps, %d over %d: %.0f bytes per"
                + " extra step%n", kind, train ? "training step" : "inference", BATCH, HIDDEN, shortBytes, SHORT,
                longBytes, LONG, perStep);
        return perStep;
    }

    @Test
    void theSequenceOpsAllocateNoActivationArraysPerTimeStep() {
        for (Sequence kind : Sequence.values()) {
            for (boolean train : new boolean[] {true, false}) {
                double perStep = bytesPerSequenceStep(train, kind);
                assertTrue(perStep < 4.0 * BATCH * HIDDEN, kind + (train ? " training: " : " inference: ") + perStep
                        + " bytes per time step");
            }
        }
    }

    private static long step(Tensor[] params, int time, boolean train, boolean gru) {
        Random rnd = new Random(time);
        Tensor xs = random(rnd, Shape.of(time * BATCH, INPUT), 1.0);
        Tensor ys = random(rnd, Shape.of(time * BATCH, HIDDEN), 0.5);
        long before = allocated();
        try (Workspace ws = CPU.workspace()) {
            Tape tape = new Tape(CPU);
            Ops ops = train ? tape : CPU;
            Tensor[] p = new Tensor[params.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = train ? tape.leaf(params[i]) : params[i];
            }
            Tensor proj = ops.inputProjection(xs, p[0], p[2]);
            Tensor h = ops.zeros(DType.F32, Shape.of(BATCH, HIDDEN));
            Tensor c = ops.zeros(DType.F32, Shape.of(BATCH, HIDDEN));
            List<Tensor> outputs = new ArrayList<>(time);
            for (int t = 0; t < time; t++) {
                Tensor xp = ops.slice(proj, 0, t * BATCH, (t + 1) * BATCH);
                if (gru) {
                    h = ops.gruStep(xp, h, p[1], p[3]);
                } else {
                    List<Tensor> hc = ops.lstmStep(xp, h, c, p[1]);
                    h = hc.get(0);
                    c = hc.get(1);
                }
                outputs.add(h);
            }
            if (train) {
                Tensor diff = ops.sub(ops.concat(0, outputs), ys);
                Gradients g = tape.backward(ops.sumAll(ops.mul(diff, diff)));
                for (int i = 0; i < params.length; i++) {
                    params[i] = ws.keep(CPU.sub(params[i], CPU.scale(g.of(p[i]), 1e-3)));
                }
            }
        }
        return allocated() - before;
    }

    private static double bytesPerStep(boolean train) {
        return bytesPerStep(train, false);
    }

    private static double bytesPerStep(boolean train, boolean gru) {
        Random rnd = new Random(3);
        int gates = gru ? 3 : 4;
        Tensor[] params = {
            random(rnd, Shape.of(INPUT, gates * HIDDEN), 0.2),
            random(rnd, Shape.of(HIDDEN, (gru ? 2 : 4) * HIDDEN), 0.1),
            random(rnd, Shape.of(gates * HIDDEN), 0.1),
            random(rnd, Shape.of(HIDDEN, HIDDEN), 0.1),
        };
        if (!gru) {
            params = java.util.Arrays.copyOf(params, 3);
        }
        for (int warm = 0; warm < 3; warm++) {
            step(params, SHORT, train, gru);
            step(params, LONG, train, gru);
        }
        long shortBytes = Long.MAX_VALUE;
        long longBytes = Long.MAX_VALUE;
        for (int r = 0; r < 3; r++) {
            shortBytes = Math.min(shortBytes, step(params, SHORT, train, gru));
            longBytes = Math.min(longBytes, step(params, LONG, train, gru));
        }
        double perStep = (double) (longBytes - shortBytes) / (LONG - SHORT);
        System.out.printf((gru ? "GRU" : "LSTM") + " %s B=%d H=%d f32: %d bytes over %d steps, %d over %d: %.0f bytes"
                + " per extra step (one [B,H] array is %d bytes)%n", train ? "training step" : "inference", BATCH, HIDDEN,
                shortBytes, SHORT, longBytes, LONG, perStep, 4 * BATCH * HIDDEN);
        return perStep;
    }

    @Test
    void aTrainingStepAllocatesNoActivationArraysPerTimeStep() {
        double perStep = bytesPerStep(true);
        assertTrue(perStep < 4.0 * BATCH * HIDDEN, perStep + " bytes per time step");
    }

    @Test
    void aGruTrainingStepAllocatesNoActivationArraysPerTimeStep() {
        double perStep = bytesPerStep(true, true);
        assertTrue(perStep < 4.0 * BATCH * HIDDEN, perStep + " bytes per time step");
    }

    @Test
    void inferenceAllocatesNoActivationArraysPerTimeStep() {
        double perStep = bytesPerStep(false);
        assertTrue(perStep < 4.0 * BATCH * HIDDEN, perStep + " bytes per time step");
    }
}
