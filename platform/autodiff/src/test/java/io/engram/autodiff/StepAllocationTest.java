package io.engram.autodiff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.RecurrentKernels;
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

    /** A layer's recurrence over {@code time} steps: its outputs stacked, {@code [time * BATCH, HIDDEN]}. */
    @FunctionalInterface
    interface Recurrence {
        Tensor outputs(Ops ops, Tensor[] params, Tensor projection, int time);
    }

    /** Fused steps, one per time step, on slices of the projection. */
    static final Recurrence LSTM_STEPS = (ops, p, proj, time) -> {
        Tensor h = zeros(ops);
        Tensor c = zeros(ops);
        List<Tensor> outputs = new ArrayList<>(time);
        for (int t = 0; t < time; t++) {
            RecurrentKernels.LstmState hc = ops.kernels().lstmStep(ops.slice(proj, 0, t * BATCH, (t + 1) * BATCH), h, c, p[1]);
            h = hc.h();
            c = hc.c();
            outputs.add(h);
        }
        return ops.concat(0, outputs);
    };

    static final Recurrence GRU_STEPS = (ops, p, proj, time) -> {
        Tensor h = zeros(ops);
        List<Tensor> outputs = new ArrayList<>(time);
        for (int t = 0; t < time; t++) {
            h = ops.kernels().gruStep(ops.slice(proj, 0, t * BATCH, (t + 1) * BATCH), h, p[1], p[3]);
            outputs.add(h);
        }
        return ops.concat(0, outputs);
    };

    /** The recurrence as one op over the whole sequence. */
    static final Recurrence LSTM_SEQUENCE = (ops, p, proj, time) -> ops.kernels().lstmSteps(proj, zeros(ops), zeros(ops), p[1]).h();
    static final Recurrence GRU_SEQUENCE = (ops, p, proj, time) -> ops.kernels().gruSteps(proj, zeros(ops), p[1], p[3]);
    static final Recurrence ELMAN_SEQUENCE = (ops, p, proj, time) -> ops.kernels().elmanSteps(proj, zeros(ops), p[1]);

    private static Tensor zeros(Ops ops) {
        return ops.zeros(DType.F32, Shape.of(BATCH, HIDDEN));
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

    /** One step over {@code time} steps (with MSE, backward and SGD when training); the bytes it allocated on this thread. */
    private static long step(Tensor[] params, int time, boolean train, Recurrence recurrence) {
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
            Tensor hs = recurrence.outputs(ops, p, ops.inputProjection(xs, p[0], p[2]), time);
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

    /**
     * The bytes one more time step costs: {@code gates} blocks of {@code HIDDEN} per step in the input
     * projection, {@code recurrent} in the recurrent matrix.
     */
    private static double bytesPerStep(String name, boolean train, int gates, int recurrent, Recurrence recurrence) {
        Random rnd = new Random(3);
        Tensor[] params = {
            random(rnd, Shape.of(INPUT, gates * HIDDEN), 0.2),
            random(rnd, Shape.of(HIDDEN, recurrent * HIDDEN), 0.1),
            random(rnd, Shape.of(gates * HIDDEN), 0.1),
            random(rnd, Shape.of(HIDDEN, HIDDEN), 0.1),
        };
        for (int warm = 0; warm < 3; warm++) {
            step(params, SHORT, train, recurrence);
            step(params, LONG, train, recurrence);
        }
        long shortBytes = Long.MAX_VALUE;
        long longBytes = Long.MAX_VALUE;
        for (int r = 0; r < 3; r++) {
            shortBytes = Math.min(shortBytes, step(params, SHORT, train, recurrence));
            longBytes = Math.min(longBytes, step(params, LONG, train, recurrence));
        }
        double perStep = (double) (longBytes - shortBytes) / (LONG - SHORT);
        System.out.printf("%s %s B=%d H=%d f32: %d bytes over %d steps, %d over %d: %.0f bytes per extra step"
                + " (one [B,H] array is %d bytes)%n", name, train ? "training step" : "inference", BATCH, HIDDEN,
                shortBytes, SHORT, longBytes, LONG, perStep, 4 * BATCH * HIDDEN);
        return perStep;
    }

    private static void assertNoActivationArraysPerStep(String name, boolean train, int gates, int recurrent,
                                                        Recurrence recurrence) {
        double perStep = bytesPerStep(name, train, gates, recurrent, recurrence);
        assertTrue(perStep < 4.0 * BATCH * HIDDEN, name + (train ? " training: " : " inference: ") + perStep
                + " bytes per time step");
    }

    @Test
    void aTrainingStepAllocatesNoActivationArraysPerTimeStep() {
        assertNoActivationArraysPerStep("LSTM", true, 4, 4, LSTM_STEPS);
    }

    @Test
    void aGruTrainingStepAllocatesNoActivationArraysPerTimeStep() {
        assertNoActivationArraysPerStep("GRU", true, 3, 2, GRU_STEPS);
    }

    @Test
    void inferenceAllocatesNoActivationArraysPerTimeStep() {
        assertNoActivationArraysPerStep("LSTM", false, 4, 4, LSTM_STEPS);
    }

    @Test
    void theSequenceOpsAllocateNoActivationArraysPerTimeStep() {
        for (boolean train : new boolean[] {true, false}) {
            assertNoActivationArraysPerStep("LSTM over the sequence", train, 4, 4, LSTM_SEQUENCE);
            assertNoActivationArraysPerStep("GRU over the sequence", train, 3, 2, GRU_SEQUENCE);
            assertNoActivationArraysPerStep("Elman over the sequence", train, 1, 1, ELMAN_SEQUENCE);
        }
    }
}
