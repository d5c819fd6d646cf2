package io.engram.app.series.internal;

import io.engram.api.Dataset;
import io.engram.api.Network;
import io.engram.api.Sequence;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.api.Steps;
import io.engram.layers.SequenceOutputs;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics of next-step prediction, with {@code sigma^2} the variance of all target values of the
 * data:
 * <ul>
 *   <li>{@code mse}, {@code rmse}, {@code nrmse}: one step ahead, the network driven by the true series, over the
 *   steps that carry a target: {@code rmse = sqrt(mean (y - d)^2)}, {@code nrmse = rmse / sigma};</li>
 *   <li>{@code nrmse.free}, {@code log10.nrmse.free}: running free (Jaeger and Haas 2004): each
 *   sequence is driven by the true series through its first step with a target, then each output is
 *   fed back as the next input; at its last step, {@code h} steps past its last true input
 *   ({@code h} the steps with a target), {@code nrmse.free = sqrt(mean over sequences (y - d)^2 /
 *   sigma^2)}, Jaeger and Haas's NRMSE84 for {@code h = 84}; only when inputs and outputs have one
 *   width, so that an output can be an input; {@code mse.free}: the mean squared error over every
 *   step with a target of the free run (Wierstra et al. 2005's test error of the superimposed
 *   sines).</li>
 * </ul>
 * Sequences with the same length and first target step run free together, in batches of
 * {@value #BATCH}. Stateless.
 */
final class SeriesMetrics {
    static final int BATCH = 256;

    private SeriesMetrics() {
    }

    static Map<String, Double> of(Network network, Ops ops, Dataset data, long seed) {
        double variance = variance(data);
        List<double[][]> outputs = SequenceOutputs.of(network, ops, data, seed);
        double se = 0;
        long count = 0;
        for (int i = 0; i < data.size(); i++) {
            Sequence s = data.get(i);
            for (int t = 0; t < s.length(); t++) {
                if (s.hasTarget(t)) {
                    for (int o = 0; o < data.outputSize(); o++) {
                        double e = outputs.get(i)[t][o] - s.target(t, o);
                        se += e * e;
                        count++;
                    }
                }
            }
        }
        if (count == 0) {
            return Map.of();
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mse", se / count);
        m.put("rmse", Math.sqrt(se / count));
        m.put("nrmse", Math.sqrt(se / count / variance));
        if (data.inputSize() == data.outputSize()) {
            double[] all = new double[2];
            double free = Math.sqrt(freeRunSquaredError(network, ops, data, seed, all) / variance);
            m.put("nrmse.free", free);
            m.put("log10.nrmse.free", Math.log10(free));
            m.put("mse.free", all[1] == 0 ? Double.NaN : all[0] / all[1]);
        }
        return m;
    }

    /**
     * The mean over sequences (and outputs) of the squared error at the last step of the free run;
     * adds the squared errors of every step with a target of the free run to {@code all[0]} and their
     * number to {@code all[1]}.
     */
    private static double freeRunSquaredError(Network network, Ops ops, Dataset data, long seed, double[] all) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < data.size(); i++) {
            Sequence s = data.get(i);
            int first = firstTarget(s);
            if (first >= 0) {
                groups.computeIfAbsent(s.length() + ":" + first, k -> new ArrayList<>()).add(i);
            }
        }
        double sum = 0;
        long count = 0;
        long stream = 0;
        for (List<Integer> group : groups.values()) {
            for (int from = 0; from < group.size(); from += BATCH) {
                List<Integer> members = group.subList(from, Math.min(group.size(), from + BATCH));
                double[] last = freeRun(network, ops, data, members, seed, stream++, all);
                for (int j = 0; j < members.size(); j++) {
                    Sequence s = data.get(members.get(j));
                    for (int o = 0; o < data.outputSize(); o++) {
                        double e = last[j * data.outputSize() + o] - s.target(s.length() - 1, o);
                        sum += e * e;
                        count++;
                    }
                }
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    /** The outputs at the last step of sequences {@code members} (one length, one first target step). */
    private static double[] freeRun(Network network, Ops ops, Dataset data, List<Integer> members, long seed,
                                    long stream, double[] all) {
        Sequence head = data.get(members.get(0));
        int first = firstTarget(head);
        int b = members.size();
        int in = data.inputSize();
        double[] xs = new double[(first + 1) * b * in];
        for (int t = 0; t <= first; t++) {
            for (int j = 0; j < b; j++) {
                for (int f = 0; f < in; f++) {
                    xs[(t * b + j) * in + f] = data.get(members.get(j)).input(t, f);
                }
            }
        }
        Map<String, Tensor> params = network.parameters();
        List<StepContext> contexts = new ArrayList<>();
        for (int t = 0; t <= first; t++) {
            contexts.add(StepContext.inference(t, seed, stream));
        }
        Steps driven = network.steps(ops, params, ops.fromArray(network.spec().dtype(), Shape.of((first + 1) * b, in),
                xs), network.initialState(ops, b), contexts);
        Tensor y = ops.slice(driven.outputs(), 0, first * b, (first + 1) * b);
        State state = driven.last();
        accumulate(data, members, first, y.toDoubleArray(), all);
        for (int t = first + 1; t < head.length(); t++) {
            Step step = network.step(ops, params, y, state, StepContext.inference(t, seed, stream));
            y = step.output();
            state = step.state();
            accumulate(data, members, t, y.toDoubleArray(), all);
        }
        return y.toDoubleArray();
    }

    /** Adds the squared errors of step {@code t}'s outputs {@code y [members, out]} where it has a target. */
    private static void accumulate(Dataset data, List<Integer> members, int t, double[] y, double[] all) {
        int out = data.outputSize();
        for (int j = 0; j < members.size(); j++) {
            Sequence s = data.get(members.get(j));
            if (s.hasTarget(t)) {
                for (int o = 0; o < out; o++) {
                    double e = y[j * out + o] - s.target(t, o);
                    all[0] += e * e;
                    all[1]++;
                }
            }
        }
    }

    private static int firstTarget(Sequence s) {
        for (int t = 0; t < s.length(); t++) {
            if (s.hasTarget(t)) {
                return t;
            }
        }
        return -1;
    }

    private static double variance(Dataset data) {
        double sum = 0;
        double sq = 0;
        long n = 0;
        for (Sequence s : data.sequences()) {
            for (int t = 0; t < s.length(); t++) {
                for (int o = 0; o < data.outputSize(); o++) {
                    double v = s.target(t, o);
                    sum += v;
                    sq += v * v;
                    n++;
                }
            }
        }
        double mean = sum / n;
        return Math.max(sq / n - mean * mean, Double.MIN_NORMAL);
    }
}
