package io.engram.family.nnpda.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;

/**
 * {@code accept=empty-stack}: the output is the response unit divided by {@code 1 + L}, {@code L}
 * the stack's length before the step; with {@code accept=state} (and the same seed, so the same
 * weights) it is the response unit itself. {@code quantize=all}: a training step is the analog one;
 * a step outside training rounds the state units to 0 or 1 and pushes or pops whole elements;
 * {@code quantize=action} rounds the action only.
 */
class NnpdaAcceptanceTest {
    private final Ops ops = new ReferenceBackend().ops();

    @Test
    void emptyStackAcceptanceDividesTheResponseByOnePlusTheStackLength() {
        Network state = network("state");
        Network empty = network("empty-stack");
        // two sequences: stack lengths summing to 2.5 and to 0
        State s = State.of(ops.fromArray(DType.F64, Shape.of(2, 3), new double[] {0.2, 0.7, 0.1, 0.9, 0.4, 0.3}),
                ops.fromArray(DType.F64, Shape.of(2, 4, 3), new double[] {
                        1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1,
                        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
                ops.fromArray(DType.F64, Shape.of(2, 4), new double[] {1, 0.5, 1, 0, 0, 0, 0, 0}));
        Tensor x = ops.fromArray(DType.F64, Shape.of(2, 3), new double[] {0, 1, 0, 1, 0, 0});
        double[] plain = state.step(ops, state.parameters(), x, s, StepContext.inference(0)).output().toDoubleArray();
        double[] divided = empty.step(ops, empty.parameters(), x, s, StepContext.inference(0)).output().toDoubleArray();
        assertEquals(plain[0] / 3.5, divided[0], 1e-12);
        assertEquals(plain[1], divided[1], 1e-12);
    }

    @Test
    void quantizeRoundsStatesAndActionsOutsideTrainingOnly() {
        Network analog = network("state", "none");
        Network discrete = network("state", "all");
        State s = discrete.initialState(ops, 2);
        Tensor x = ops.fromArray(DType.F64, Shape.of(2, 3), new double[] {0, 1, 0, 1, 0, 0});
        java.util.Random random = new java.util.Random(1);
        Step trained = discrete.step(ops, discrete.parameters(), x, s, new StepContext(true, 0, random));
        Step plain = analog.step(ops, analog.parameters(), x, s, new StepContext(true, 0, random));
        assertArrayEquals(plain.state().get(0).toDoubleArray(), trained.state().get(0).toDoubleArray(), 0.0);
        assertArrayEquals(plain.state().get(2).toDoubleArray(), trained.state().get(2).toDoubleArray(), 0.0);
        Step rounded = discrete.step(ops, discrete.parameters(), x, s, StepContext.inference(0));
        double[] analogStates = plain.state().get(0).toDoubleArray();
        double[] states = rounded.state().get(0).toDoubleArray();
        for (int i = 0; i < states.length; i++) {
            assertEquals(analogStates[i] > 0.5 ? 1.0 : 0.0, states[i], 0.0, "state unit " + i);
        }
        for (double l : rounded.state().get(2).toDoubleArray()) {
            assertTrue(l == 0.0 || l == 1.0, "stack length " + l);
        }
    }

    @Test
    void quantizeActionRoundsTheActionAndLeavesTheStatesAnalog() {
        Network analog = network("state", "none");
        Network action = network("state", "action");
        State s = action.initialState(ops, 2);
        Tensor x = ops.fromArray(DType.F64, Shape.of(2, 3), new double[] {0, 1, 0, 1, 0, 0});
        Step plain = analog.step(ops, analog.parameters(), x, s, StepContext.inference(0));
        Step rounded = action.step(ops, action.parameters(), x, s, StepContext.inference(0));
        assertArrayEquals(plain.state().get(0).toDoubleArray(), rounded.state().get(0).toDoubleArray(), 0.0);
        for (double l : rounded.state().get(2).toDoubleArray()) {
            assertTrue(l == 0.0 || l == 1.0, "stack length " + l);
        }
    }

    private static Network network(String accept) {
        return network(accept, "none");
    }

    private static Network network(String accept, String quantize) {
        NnpdaFamily family = new NnpdaFamily();
        ModelSpec spec = new ModelSpec("nnpda", 3, 1, DType.F64, family.schema()
                .validate(Map.of("hidden", "3", "capacity", "4", "accept", accept, "quantize", quantize), "model.").get());
        return family.create(spec, new ReferenceBackend(), 3);
    }
}
