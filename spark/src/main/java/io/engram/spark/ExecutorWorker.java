package io.engram.spark;

import io.engram.kernel.spi.ClusterProtocol;
import io.engram.launcher.internal.Home;
import io.engram.launcher.internal.Platform;
import io.engram.launcher.internal.Settings;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The kernel's worker ({@link ClusterProtocol#WORKER}) as an executor reaches it. In the driver's
 * JVM (Spark's local masters) it is the driver's own framework, set by {@link SparkRunner}. On an
 * executor of a cluster it is an Engram framework started once per executor JVM, from the
 * installation named by the environment variable {@code ENGRAM_HOME} (or the system property
 * {@code engram.home}), which every worker node must have: the same plugins as the driver's.
 * Thread-safe; the framework lives as long as the executor.
 */
final class ExecutorWorker {
    static final String FILTER = "(&(objectClass=java.util.function.Function)(" + ClusterProtocol.WORKER + "=*))";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static volatile BundleContext local;
    private static Platform started;

    private ExecutorWorker() {
    }

    /** Makes this JVM's executors use {@code context}'s framework; null ends that. */
    static void useLocal(BundleContext context) {
        local = context;
    }

    /** Calls the worker with {@code request}. */
    @SuppressWarnings("unchecked")
    static Object call(Map<String, Object> request) {
        return ((Function<Map<String, Object>, Object>) service()).apply(request);
    }

    private static Object service() {
        BundleContext context = local;
        if (context == null) {
            context = boot();
        }
        try {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null, FILTER);
            if (refs != null && refs.length > 0) {
                return context.getService(refs[0]);
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no Engram cluster worker in this executor's framework");
    }

    private static synchronized BundleContext boot() {
        if (started == null) {
            String home = Optional.ofNullable(System.getProperty("engram.home")).orElse(System.getenv("ENGRAM_HOME"));
            if (home == null) {
                throw new IllegalStateException("this executor has no Engram installation: set ENGRAM_HOME on the "
                        + "executors (spark.executorEnv.ENGRAM_HOME) to an installation with the driver's plugins");
            }
            Home h = new Home(Path.of(home));
            Validation<Seq<String>, Settings> settings = Settings.load(h.root(), h.confFile(), System.getenv(),
                    Map.of());
            if (settings.isInvalid()) {
                throw new IllegalStateException("Engram settings of " + home + ": " + settings.getError().mkString("; "));
            }
            try {
                Platform p = Platform.boot(h, settings.get(), Platform.Mode.COMMAND, true);
                if (p.await(FILTER, WAIT).isEmpty()) {
                    p.close();
                    throw new IllegalStateException("the Engram cluster worker did not start within " + WAIT.toSeconds() + " s");
                }
                started = p;
                Runtime.getRuntime().addShutdownHook(new Thread(p::close, "engram-executor-stop"));
            } catch (java.io.IOException | org.osgi.framework.BundleException e) {
                throw new IllegalStateException("the Engram runtime did not start on this executor: " + e.getMessage(), e);
            }
        }
        return started.context();
    }
}
