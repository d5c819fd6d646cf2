package io.engram.spark;

import io.engram.kernel.spi.ClusterProtocol;
import java.io.PrintStream;
import java.util.Hashtable;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Starts a Spark context for an Engram process and registers it in the process's framework as the
 * kernel's cluster ({@link ClusterProtocol#CLUSTER} = {@code spark}), so that the jobs of that
 * process spread their work over it. Called by the launcher for {@code engram run --spark MASTER}
 * and {@code engram serve --spark MASTER} (by reflection: the launcher runs without Spark's jars
 * unless asked). The master comes from the caller, else from {@code spark.master} (as
 * {@code spark-submit} sets it); the other {@code spark.*} system properties configure the context
 * as usual. Lifecycle: {@link #start} once, {@code close} the result when the process's work is
 * done: the cluster is unregistered, the counts of Spark's tasks printed, and the context stopped.
 */
public final class SparkRunner {

    private SparkRunner() {
    }

    /**
     * Starts Spark on {@code master} (null: {@code spark.master}) and registers its cluster in
     * {@code context}; returns what ends both.
     *
     * @param err where the closing summary of tasks goes
     */
    public static AutoCloseable start(BundleContext context, String master, PrintStream err) {
        SparkConf conf = new SparkConf().setAppName("engram").setIfMissing("spark.ui.enabled", "false")
                .setIfMissing("spark.ui.showConsoleProgress", "false");
        if (master != null && !master.isBlank()) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            throw new IllegalArgumentException("no Spark master: give --spark MASTER or set spark.master");
        }
        JavaSparkContext spark = new JavaSparkContext(conf);
        spark.setLogLevel("WARN");
        Counts counts = new Counts();
        spark.sc().addSparkListener(counts);
        if (spark.master().startsWith("local")) {
            ExecutorWorker.useLocal(context);
        }
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(ClusterProtocol.CLUSTER, "spark");
        props.put("engram.cluster.master", spark.master());
        ServiceRegistration<?> registration = context.registerService(Function.class.getName(),
                new SparkCluster(spark), props);
        return () -> {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // the framework stopped first and took the registration with it
            }
            ExecutorWorker.useLocal(null);
            err.println(counts.summary(spark.master(), spark.defaultParallelism()));
            spark.stop();
        };
    }

    /** Spark's tasks and stages of this process, counted as they end. Thread-safe. */
    static final class Counts extends SparkListener {
        private final AtomicInteger tasks = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private final AtomicInteger stages = new AtomicInteger();

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            tasks.incrementAndGet();
            if (end.taskInfo() != null && end.taskInfo().failed()) {
                failed.incrementAndGet();
            }
        }

        @Override
        public void onStageCompleted(SparkListenerStageCompleted completed) {
            stages.incrementAndGet();
        }

        String summary(String master, int parallelism) {
            return String.format(Locale.ROOT, "spark %s: %d tasks in %d stages on %d cores, %d failed and retried",
                    master, tasks.get(), stages.get(), parallelism, failed.get());
        }
    }
}
