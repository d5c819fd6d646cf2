package io.engram.family.memory;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.dnc.internal.DncFamily;
import io.engram.family.ntm.internal.NtmFamily;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.tensor.Workspace;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Heap allocated per time step in the steady state of inference with a neural Turing machine and a
 * differentiable neural computer (LSTM controllers) on the cpu backend, inside a workspace, counted as
 * in the platform's {@code StepAllocationTest}: the same run over {@value #SHORT} and {@value #LONG}
 * steps after warm-up, the difference divided by the extra steps. What is left is the ops' small
 * tensor objects (about 17 kB per step for the NTM, 28 kB for the DNC); the bound is one memory array
 * {@code [B, N, M]} f32 ({@code 4 B N M} = 64 kB here), which a step that allocated its memory or link
 * matrix afresh would exceed, as did a DNC step that copied the usage to the host and sorted it there
 * with boxed indices, and built its masks per step (97 kB per step).
 */
class MemoryStepAllocationTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final Ops CPU = BACKEND.ops();
    static final int SHORT = 10;
    static final int LONG = 40;
    static final int BATCH = 32;
    static final int INPUT = 10;
    static final int ROWS = 32;
    static final int WIDTH = 16;

    @AfterAll
    static void stop() {
        BACKEND.close();
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static Network network(NetworkFamily family) {
        Map<String, String> hyper = Map.of("hidden", "64", "memory.size", Integer.toString(ROWS),
                "memory.width", Integer.toString(WIDTH));
        return family.create(new ModelSpec(family.id(), INPUT, INPUT, DType.F32,
                family.schema().validate(hyper, "model.").get()), BACKEND, 1);
    }

    /** Inference over {@code time} steps in a workspace; the bytes it allocated on this thread. */
    private static long run(Network net, Tensor[] inputs, int time) {
        long before = allocated();
        try (Workspace ws = CPU.workspace()) {
            State state = net.initialState(CPU, BATCH);
            Map<String, Tensor> params = net.parameters();
            for (int t = 0; t < time; t++) {
                Step step = net.step(CPU, params, inputs[t], state, StepContext.inference(t));
                state = step.state();
            }
        }
        return allocated() - before;
    }

    private static double bytesPerStep(NetworkFamily family) {
        Network net = network(family);
        Random rnd = new Random(3);
        Tensor[] inputs = new Tensor[LONG];
        for (int t = 0; t < LONG; t++) {
            float[] v = new float[BATCH * INPUT];
            for (int i = 0; i < v.length; i++) {
                v[i] = rnd.nextInt(2);
            }
            inputs[t] = CPU.fromArray(DType.F32, Shape.of(BATCH, INPUT), v);
        }
        for (int warm = 0; warm < 3; warm++) {
            run(net, inputs, SHORT);
            run(net, inputs, LONG);
        }
        long shortBytes = Long.MAX_VALUE;
        long longBytes = Long.MAX_VALUE;
        for (int r = 0; r < 3; r++) {
            shortBytes = Math.min(shortBytes, run(net, inputs, SHORT));
            longBytes = Math.min(longBytes, run(net, inputs, LONG));
        }
        double perStep = (double) (longBytes - shortBytes) / (LONG - SHORT);
        System.out.printf("%s inference B=%d N=%d f32: %d bytes over %d steps, %d over %d: %.0f bytes per extra step"
                + " (one [B,N,M] memory is %d bytes)%n", family.id(), BATCH, ROWS, shortBytes, SHORT, longBytes, LONG,
                perStep, 4 * BATCH * ROWS * WIDTH);
        return perStep;
    }

    @Test
    void ntmInferenceAllocatesNoActivationArraysPerTimeStep() {
        double perStep = bytesPerStep(new NtmFamily());
        assertTrue(perStep < 4.0 * BATCH * ROWS * WIDTH, "ntm: " + perStep + " bytes per time step");
    }

    @Test
    void dncInferenceAllocatesNoActivationArraysPerTimeStep() {
        double perStep = bytesPerStep(new DncFamily());
        assertTrue(perStep < 4.0 * BATCH * ROWS * WIDTH, "dnc: " + perStep + " bytes per time step");
    }
}
