package io.engram.family.narx.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class NarxFamilyTest {
    private static final ReferenceBackend BACKEND = new ReferenceBackend();
    private static final Ops OPS = BACKEND.ops();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    /**
     * y(t) = V tanh(W_u [u(t); u(t-1); u(t-2)] + W_y [y(t-1); y(t-2)] + b) + c, computed by hand
     * with delay lines that start at zero.
     */
    @Test
    void outputsFollowFromTheTappedDelayLines() {
        int in = 2;
        int out = 2;
        int n = 3;
        Hyperparameters h = NarxFamily.SCHEMA.validate(Map.of("hidden", "3", "input.delays", "2", "output.delays", "2"),
                "model.").get();
        Network net = new NarxFamily().create(new ModelSpec("narx", in, out, DType.F64, h), BACKEND, 9);
        Map<String, Tensor> p = net.parameters();
        double[] wu = p.get("wu").toDoubleArray();
        double[] wy = p.get("wy").toDoubleArray();
        double[] v = p.get("readout.w").toDoubleArray();
        double[] c = p.get("readout.b").toDoubleArray();
        assertEquals(3 * in * n, wu.length);
        assertEquals(2 * out * n, wy.length);
        double[][] xs = {{1, 0.5}, {-0.5, 0.25}, {0.1, -1}, {0.7, 0.7}, {-1, 0}};
        double[][] ys = new double[xs.length][];
        State s = net.initialState(OPS, 1);
        for (int t = 0; t < xs.length; t++) {
            double[] uTaps = new double[3 * in];
            double[] yTaps = new double[2 * out];
            for (int d = 0; d < 3; d++) {
                if (t - d >= 0) {
                    System.arraycopy(xs[t - d], 0, uTaps, d * in, in);
                }
            }
            for (int d = 1; d <= 2; d++) {
                if (t - d >= 0) {
                    System.arraycopy(ys[t - d], 0, yTaps, (d - 1) * out, out);
                }
            }
            double[] hid = new double[n];
            for (int j = 0; j < n; j++) {
                double a = 0;
                for (int i = 0; i < uTaps.length; i++) {
                    a += uTaps[i] * wu[i * n + j];
                }
                for (int i = 0; i < yTaps.length; i++) {
                    a += yTaps[i] * wy[i * n + j];
                }
                hid[j] = Math.tanh(a);
            }
            ys[t] = c.clone();
            for (int k = 0; k < out; k++) {
                for (int j = 0; j < n; j++) {
                    ys[t][k] += hid[j] * v[j * out + k];
                }
            }
            Step step = net.step(OPS, p, OPS.fromArray(DType.F64, Shape.of(1, in), xs[t]), s, StepContext.inference(t));
            s = step.state();
            assertArrayEquals(ys[t], step.output().toDoubleArray(), 1e-12, "y at step " + t);
        }
    }
}
