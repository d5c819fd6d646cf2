package io.engram.kernel.internal;

import io.engram.api.Application;
import io.engram.api.Dataset;
import io.engram.api.Environment;
import io.engram.api.Network;
import io.engram.api.PluginProperties;
import io.engram.api.TaskData;
import io.engram.tensor.Ops;
import io.engram.train.Episodes;
import io.engram.train.Seeds;
import io.vavr.control.Either;
import io.vavr.control.Try;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a job trains on: the data its application loads, or the environment it offers. A job acts in
 * an environment when its trainer trains on environments and its application provides one for the
 * job's parameters ({@link TaskMatch#onEnvironment}); it then has no sequences, its data's sizes are
 * the environment's observation and action sizes, its source names the application and its
 * parameters, and its digest is the SHA-256 of that source. Immutable.
 *
 * @param data        the loaded data, or for an environment job empty sets of its sizes
 * @param environment the environment of an environment job
 */
record JobTask(TaskData data, Optional<Environment> environment) {
    /** Episodes of the final test of a network trained in an environment. */
    static final int TEST_EPISODES = 20;

    /** The job's task, or why it has none ({@code data: ...}). */
    static Either<String, JobTask> load(ResolvedSpec r) {
        Application app = r.application().as(Application.class);
        if (TaskMatch.onEnvironment(r.trainer(), r.application())) {
            Optional<Environment> env = app.environment(r.data());
            if (env.isPresent()) {
                return Either.right(of(r, env.get()));
            }
            if (!TaskMatch.tasks(r.trainer()).contains(PluginProperties.DATASET)
                    || !TaskMatch.tasks(r.application()).contains(PluginProperties.DATASET)) {
                return Either.left("data: application '" + r.application().id()
                        + "' offers no environment for these parameters");
            }
        }
        Try<TaskData> loaded = app.load(r.data(), r.seed());
        if (loaded.isFailure()) {
            return Either.left("data: " + Failures.message(loaded.getCause()));
        }
        TaskData data = loaded.get();
        if (data.inputSize() < 1 || data.outputSize() < 1 || data.train().size() == 0) {
            return Either.left("data: " + data.source() + " gives " + data.train().size() + " training sequences with "
                    + data.inputSize() + " input features and " + data.outputSize()
                    + " targets per step; at least one of each is needed");
        }
        return Either.right(new JobTask(data, Optional.empty()));
    }

    private static JobTask of(ResolvedSpec r, Environment env) {
        Dataset none = new Dataset(List.of(), env.observationSize(), env.actionSize());
        String source = "environment of application '" + r.application().id() + "' with " + r.data().asStrings();
        return new JobTask(new TaskData(none, none, none, "", source, sha256(source)), Optional.of(env));
    }

    /** Why an environment cannot be acted in by a network, or empty. */
    String unusable() {
        return environment.map(e -> e.observationSize() < 1 || e.actionSize() < 1 || e.maxSteps() < 1
                ? "data: application's environment has " + e.observationSize() + " observations, " + e.actionSize()
                + " actions and " + e.maxSteps() + " steps at most; at least one of each is needed" : "").orElse("");
    }

    /**
     * The final test metrics, each prefixed {@code test.}: the application's on the test set, or for
     * an environment job the means of {@link Episodes#metrics} over {@value #TEST_EPISODES} episodes
     * seeded apart from the trainer's ({@code Seeds.of(~seed, e)}) followed by the environment's own
     * {@link Environment#test} (seeded {@code ~seed}); empty when there is nothing to test on.
     */
    Map<String, Double> test(Application app, Network network, Ops ops, long seed) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (environment.isPresent()) {
            Episodes.metrics(network, ops, network.parameters(), environment.get(), ~seed, TEST_EPISODES)
                    .forEach((k, v) -> out.put("test." + k, v));
            new java.util.TreeMap<>(environment.get().test(network, ops, ~seed))
                    .forEach((k, v) -> out.put("test." + k, v));
        } else if (data.test().size() > 0) {
            app.evaluate(network, ops, data.test(), seed).forEach((k, v) -> out.put("test." + k, v));
        }
        return out;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
