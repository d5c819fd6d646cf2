package io.engram.family.historycompressor.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class HistoryCompressorFamilyTest {
    private static final ReferenceBackend BACKEND = new ReferenceBackend();
    private static final Ops OPS = BACKEND.ops();
    private final HistoryCompressorFamily family = new HistoryCompressorFamily();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    private static ModelSpec spec(int inputs, int outputs, Map<String, Object> hyper) {
        return new ModelSpec("history-compressor", inputs, outputs, DType.F64, Hyperparameters.of(hyper));
    }

    /** Level 0 sees everything; level k + 1 what level k saw and the stack up to k mispredicted; nothing is predicted at the start. */
    @Test
    void anInputGoesUpOnlyWhereTheLevelsBelowMispredictedIt() {
        // batch of 3, 3 levels; predicted[b * 3 + k] is stack 0..k's symbol from the last step
        double[] predicted = {4, 1, 1,   2, 1, 4,   Surprise.NONE, Surprise.NONE, Surprise.NONE};
        boolean[][] reach = Surprise.reach(predicted, new int[] {4, 1, 0}, 3, 3);
        assertArrayEquals(new boolean[] {true, true, true}, reach[0]);
        assertArrayEquals(new boolean[] {false, true, true}, reach[1], "level 0 predicted sequence 0's symbol");
        assertArrayEquals(new boolean[] {false, false, true}, reach[2], "stack 0..1 predicted sequence 1's symbol");
        assertArrayEquals(new int[] {2, 0}, Surprise.argmax(new double[] {0.1, 0.2, 0.9, 9, 0.5, 0.3, 0.4, 9}, 2, 4, 3),
                "only the first 3 entries count");
    }

    /**
     * Through a random symbol sequence, a chunker's state changes exactly at the steps its count of
     * received inputs grows, and is otherwise held to the bit; level 0 counts every step.
     */
    @Test
    void aChunkerIsUpdatedOnlyOnTheInputsItReceives() {
        Network net = family.create(spec(3, 3, Map.of("levels", 3, "hidden", 4)), BACKEND, 5);
        SplittableRandom random = new SplittableRandom(3);
        State s = net.initialState(OPS, 1);
        int held = 0;
        for (int t = 0; t < 40; t++) {
            double[] x = new double[3];
            x[random.nextInt(3)] = 1;
            Step step = net.step(OPS, net.parameters(), OPS.fromArray(DType.F64, Shape.of(1, 3), x), s,
                    StepContext.inference(t));
            double[] before = s.get(4).toDoubleArray();
            double[] after = step.state().get(4).toDoubleArray();
            assertEquals(t + 1, after[0], "level 0 sees every input");
            for (int k = 1; k < 3; k++) {
                boolean received = after[k] == before[k] + 1;
                boolean changed = !java.util.Arrays.equals(s.get(k).toDoubleArray(), step.state().get(k).toDoubleArray());
                assertEquals(received, changed, "level " + k + " at step " + t);
                held += received ? 0 : 1;
                assertTrue(after[k] <= after[k - 1], "a level never sees more than the one below");
            }
            s = step.state();
        }
        assertTrue(held > 10, "some inputs were predicted and held back: " + held);
    }

    /** With one level the network is an Elman net with a linear readout: h_t = tanh(x W + h U + b), y = h V + c. */
    @Test
    void oneLevelIsAnElmanNet() {
        Network net = family.create(spec(2, 1, Map.of("levels", 1, "hidden", 2)), BACKEND, 9);
        Map<String, Tensor> p = net.parameters();
        double[] w = p.get("level0.input.w").toDoubleArray();
        double[] u = p.get("level0.recurrent.w").toDoubleArray();
        double[] v = p.get("level0.readout.w").toDoubleArray();
        double[] h = new double[2];
        State s = net.initialState(OPS, 1);
        for (int t = 0; t < 3; t++) {
            double[] x = {Math.sin(t + 1), Math.cos(3 * t)};
            double[] next = new double[2];
            for (int i = 0; i < 2; i++) {
                next[i] = Math.tanh(x[0] * w[i] + x[1] * w[2 + i] + h[0] * u[i] + h[1] * u[2 + i]);
            }
            h = next;
            Step step = net.step(OPS, p, OPS.fromArray(DType.F64, Shape.of(1, 2), x), s, StepContext.inference(t));
            assertArrayEquals(h, step.state().get(0).toDoubleArray(), 1e-12, "step " + t);
            assertEquals(h[0] * v[0] + h[1] * v[1], step.output().toDoubleArray()[0], 1e-12, "step " + t);
            s = step.state();
        }
    }

    @Test
    void levelsOutsideTheirBoundsAreNamed() {
        var problems = family.schema().validate(Map.of("levels", "0"), "model.");
        assertTrue(problems.isInvalid());
        assertTrue(problems.getError().mkString().contains("model.levels"), problems.getError().mkString());
        assertEquals(2, family.create(spec(3, 3, Map.of()), BACKEND, 1).parameters().keySet().stream()
                .filter(k -> k.endsWith(".recurrent.w")).count(), "two levels by default");
    }
}
