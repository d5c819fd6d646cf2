package io.engram.app.forecast.internal;

import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.api.Steps;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a network over input windows and returns its forecasts {@code [window][horizon][channels]}
 * (normalised): the network is driven by the window's {@code steps} inputs from its initial state;
 * a direct forecast is its last output read as {@code horizon} rows of {@code channels}, a
 * recursive one its last output followed by {@code horizon - 1} outputs each got by feeding the one
 * before back as the next input. Windows run in batches of {@value #BATCH}; every draw of the
 * network comes from {@code seed} and the batch's stream. Stateless.
 */
final class Forecaster {
    static final int BATCH = 256;

    private Forecaster() {
    }

    static double[][][] run(Network network, Ops ops, List<double[][]> windows, int horizon, boolean direct, long seed) {
        double[][][] out = new double[windows.size()][][];
        for (int from = 0, stream = 0; from < windows.size(); from += BATCH, stream++) {
            List<double[][]> batch = windows.subList(from, Math.min(windows.size(), from + BATCH));
            double[][][] f = batch(network, ops, batch, horizon, direct, seed, stream);
            System.arraycopy(f, 0, out, from, f.length);
        }
        return out;
    }

    private static double[][][] batch(Network network, Ops ops, List<double[][]> windows, int horizon, boolean direct,
                                      long seed, long stream) {
        int b = windows.size();
        int steps = windows.get(0).length;
        int in = windows.get(0)[0].length;
        double[] xs = new double[steps * b * in];
        for (int t = 0; t < steps; t++) {
            for (int j = 0; j < b; j++) {
                System.arraycopy(windows.get(j)[t], 0, xs, (t * b + j) * in, in);
            }
        }
        Map<String, Tensor> params = network.parameters();
        List<StepContext> contexts = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            contexts.add(StepContext.inference(t, seed, stream));
        }
        Steps driven = network.steps(ops, params, ops.fromArray(network.spec().dtype(), Shape.of(steps * b, in), xs),
                network.initialState(ops, b), contexts);
        Tensor y = ops.slice(driven.outputs(), 0, (steps - 1) * b, steps * b);
        double[][][] out = new double[b][horizon][in];
        if (direct) {
            double[] last = y.toDoubleArray();
            for (int j = 0; j < b; j++) {
                for (int h = 0; h < horizon; h++) {
                    System.arraycopy(last, j * in * horizon + h * in, out[j][h], 0, in);
                }
            }
            return out;
        }
        State state = driven.last();
        for (int h = 0; h < horizon; h++) {
            if (h > 0) {
                Step step = network.step(ops, params, y, state, StepContext.inference(steps - 1 + h, seed, stream));
                y = step.output();
                state = step.state();
            }
            double[] row = y.toDoubleArray();
            for (int j = 0; j < b; j++) {
                System.arraycopy(row, j * in, out[j][h], 0, in);
            }
        }
        return out;
    }
}
