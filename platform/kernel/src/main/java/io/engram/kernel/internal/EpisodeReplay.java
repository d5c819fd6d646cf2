package io.engram.kernel.internal;

import io.engram.api.CheckpointMetadata;
import io.engram.api.Environment;
import io.engram.api.Episode;
import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.api.Transition;
import io.engram.kernel.Predictor.Replay;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.vavr.control.Try;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One episode of a checkpoint's controller in its job's environment, recorded row by row for
 * {@code engram predict --render}: the application named by the job spec's {@code data.app} (highest
 * installed version) makes the environment from the spec's {@code data.*} parameters, validated by
 * its schema; the network runs as {@link io.engram.train.Episodes#run} runs it. Each row holds the
 * step, the episode's {@link Episode#trace()} (its observation when the trace is empty), the action
 * and the reward. Stateless and thread-safe.
 */
final class EpisodeReplay {
    private EpisodeReplay() {
    }

    /** The environment the checkpoint's job acted in, or why there is none. */
    static Try<Environment> environment(CheckpointMetadata meta, PluginDirectory plugins) {
        return CheckpointTask.of(meta, plugins).flatMap(task -> task.application().environment(task.params())
                .map(Try::success).orElseGet(() -> Try.failure(new IllegalArgumentException("application '"
                        + task.id() + "' offers no environment for the checkpoint's data parameters (the model was "
                        + "trained on datasets: engram predict INPUT runs it)"))));
    }

    /** The episode of {@code network} in {@code env} from {@code seed}, row by row. */
    static Replay run(Network network, Ops ops, Environment env, long seed) {
        Episode episode = env.start(seed);
        List<String> columns = new ArrayList<>(List.of("step"));
        Map<String, Double> trace = episode.trace();
        if (trace.isEmpty()) {
            for (int i = 0; i < env.observationSize(); i++) {
                columns.add("observation." + i);
            }
        } else {
            columns.addAll(trace.keySet());
        }
        for (int i = 0; i < env.actionSize(); i++) {
            columns.add("action." + i);
        }
        columns.add("reward");
        List<double[]> rows = new ArrayList<>();
        double[] none = new double[env.actionSize()];
        Arrays.fill(none, Double.NaN);
        rows.add(row(0, episode, none, 0.0, columns.size()));
        State state = network.initialState(ops, 1);
        Shape input = Shape.of(1, env.observationSize());
        int t = 0;
        while (!episode.done() && t < env.maxSteps()) {
            Tensor x = ops.fromArray(network.spec().dtype(), input, episode.observation());
            Step step = network.step(ops, network.parameters(), x, state, StepContext.inference(t));
            double[] action = step.output().toDoubleArray();
            Transition tr = episode.step(action);
            state = step.state();
            t++;
            rows.add(row(t, episode, action, tr.reward(), columns.size()));
        }
        return new Replay(columns, rows);
    }

    private static double[] row(int t, Episode episode, double[] action, double reward, int width) {
        double[] row = new double[width];
        row[0] = t;
        Map<String, Double> trace = episode.trace();
        double[] values = trace.isEmpty() ? episode.observation()
                : trace.values().stream().mapToDouble(Double::doubleValue).toArray();
        System.arraycopy(values, 0, row, 1, values.length);
        System.arraycopy(action, 0, row, 1 + values.length, action.length);
        row[width - 1] = reward;
        return row;
    }
}
