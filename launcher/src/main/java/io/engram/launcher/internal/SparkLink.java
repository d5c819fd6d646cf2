package io.engram.launcher.internal;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;

/**
 * The launcher's way to the Spark runner ({@code io.engram.spark.SparkRunner}, in the
 * installation's {@code spark/} folder), by reflection: {@code bin/engram} puts Spark's jars on the
 * class path only for a command given {@code --spark}, so the launcher itself never links to them.
 * Stateless.
 */
final class SparkLink {
    static final String RUNNER = "io.engram.spark.SparkRunner";

    private SparkLink() {
    }

    /**
     * Starts Spark on {@code master} and registers it as the cluster of {@code platform}'s jobs;
     * empty when the runner is not on the class path.
     *
     * @throws IllegalStateException when Spark does not start, with its reason
     */
    static Optional<AutoCloseable> start(Platform platform, String master, PrintStream err) {
        Class<?> runner;
        try {
            runner = Class.forName(RUNNER);
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
        try {
            return Optional.of((AutoCloseable) runner.getMethod("start", org.osgi.framework.BundleContext.class,
                    String.class, PrintStream.class).invoke(null, platform.context(), master, err));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException("Spark did not start on " + master + ": " + cause.getMessage(), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the Spark runner " + RUNNER + " does not fit this launcher: " + e, e);
        }
    }
}
