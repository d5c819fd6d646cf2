package io.engram.bench.internal;

import io.engram.api.NetworkFamily;
import io.engram.api.PluginProperties;
import io.engram.api.Trainer;
import io.engram.bench.BenchConfig;
import io.engram.bench.BenchOptions;
import io.engram.bench.BenchResult;
import io.engram.bench.Benchmarks;
import io.engram.bench.Mode;
import io.engram.tensor.Backend;
import io.vavr.control.Either;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

/**
 * The {@link Benchmarks} service. For each run it finds the backend by its {@code engram.backend}
 * property and each config's family by its {@code engram.family} property, both in the service
 * registry at the time of the run (so a family deployed a moment ago is the one measured).
 *
 * <p>Threads: when a thread count is asked for, the backend's configuration (PID
 * {@code io.engram.backend.<id>}, property {@code threads}) is updated through ConfigAdmin, the
 * run waits up to {@value #RECONFIGURE_WAIT_MS} ms for the backend service to be registered again
 * with {@code threads=<n>} among its properties, and the earlier configuration is put back when
 * the run ends. Without a thread count the backend's {@code threads} property is reported, or the
 * number of cores when it has none or it is 0 or less.
 *
 * <p>Calls to {@link #run} are serialised; the service is otherwise stateless.
 */
@Component(service = Benchmarks.class)
public final class BenchmarksComponent implements Benchmarks {
    static final long RECONFIGURE_WAIT_MS = 15_000;

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;

    @Activate
    public BenchmarksComponent(BundleContext context,
                               @Reference(cardinality = ReferenceCardinality.OPTIONAL) ConfigurationAdmin configAdmin) {
        this.context = context;
        this.configAdmin = configAdmin;
    }

    @Override
    public synchronized Either<String, List<BenchResult>> run(BenchOptions options, Consumer<BenchResult> results,
                                                              Consumer<String> notes) {
        String id = options.backend();
        Restore restore = Restore.NOTHING;
        try {
            if (options.threads() > 0) {
                Either<String, Restore> configured = configureThreads(id, options.threads());
                if (configured.isLeft()) {
                    return Either.left(configured.getLeft());
                }
                restore = configured.get();
            }
            String filter = options.threads() > 0
                    ? "(&(" + PluginProperties.BACKEND + "=" + id + ")(threads=" + options.threads() + "))"
                    : "(" + PluginProperties.BACKEND + "=" + id + ")";
            Optional<ServiceReference<Backend>> ref = best(Backend.class, filter);
            if (ref.isEmpty()) {
                return Either.left("no backend '" + id + "' is registered (" + PluginProperties.BACKEND + "=" + id + ")");
            }
            Backend backend = context.getService(ref.get());
            if (backend == null) {
                return Either.left("the backend '" + id + "' went away");
            }
            try {
                return measure(options, backend, threadsOf(ref.get()), describe(ref.get()), results, notes);
            } finally {
                context.ungetService(ref.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Either.left("interrupted");
        } finally {
            restore.run();
        }
    }

    private Either<String, List<BenchResult>> measure(BenchOptions options, Backend backend, int threads, String backendText,
                                                      Consumer<BenchResult> results, Consumer<String> notes)
            throws InterruptedException {
        if (!backend.availability().available()) {
            return Either.left("the backend '" + backend.id() + "' cannot run here: " + backend.availability().reason());
        }
        if (!backend.dtypes().contains(options.dtype())) {
            return Either.left("the backend '" + backend.id() + "' does not compute in " + options.dtype()
                    + " (it offers " + backend.dtypes() + ")");
        }
        String dtype = options.dtype().name().toLowerCase(java.util.Locale.ROOT);
        String blas = blas(backend);
        notes.accept("backend " + backendText + ", " + threads + " threads, " + dtype
                + (blas.isEmpty() ? "" : ", BLAS " + blas + blasThreads(backend)));
        List<BenchResult> all = new ArrayList<>();
        for (BenchConfig c : options.configs()) {
            Optional<ServiceReference<NetworkFamily>> familyRef =
                    best(NetworkFamily.class, "(" + PluginProperties.FAMILY + "=" + c.family() + ")");
            if (familyRef.isEmpty()) {
                return Either.left("no family '" + c.family() + "' is registered (" + PluginProperties.FAMILY + "=" + c.family() + ")");
            }
            NetworkFamily family = context.getService(familyRef.get());
            if (family == null) {
                return Either.left("the family '" + c.family() + "' went away");
            }
            Optional<ServiceReference<Trainer>> trainerRef = c.ridgeFit()
                    ? best(Trainer.class, "(" + PluginProperties.TRAINER + "=ridge)") : Optional.empty();
            Trainer ridge = trainerRef.map(context::getService).orElse(null);
            try {
                Either<String, Workload> workload = Workload.create(c, family, ridge, backend, options.dtype(), options.seed());
                if (workload.isLeft()) {
                    return Either.left(workload.getLeft());
                }
                for (Mode mode : options.modes()) {
                    int warmup = options.warmup();
                    int reps = options.repsFor(c);
                    notes.accept(c.name() + " " + mode.label() + ": family " + describe(familyRef.get())
                            + (trainerRef.isPresent() && mode == Mode.TRAIN ? ", trainer " + describe(trainerRef.get()) : "")
                            + ", I/H/T/B " + c.inputSize() + "/" + c.hidden() + "/" + c.seq() + "/" + c.batch()
                            + (c.layers() > 1 ? ", " + c.layers() + " layers" : "")
                            + (c.model().isEmpty() ? "" : ", " + new java.util.TreeMap<>(c.model())) + ", "
                            + (warmup >= 0 ? warmup + " warm-up" : "warm-up until settled (at least " + c.defaultWarmup() + ")")
                            + " + " + reps + " timed iterations");
                    Workload w = workload.get();
                    Measurement.Timings t = Measurement.time(() -> w.run(mode), warmup, c.defaultWarmup(), reps);
                    BenchResult r = BenchResult.of(c, mode, backend.id(), dtype, threads, t.warmupRuns(), t.seconds(),
                            t.peakHeapBytes(), blas, t.step().ownBytes(), t.step().beforeBytes());
                    all.add(r);
                    results.accept(r);
                }
            } finally {
                context.ungetService(familyRef.get());
                if (ridge != null) {
                    context.ungetService(trainerRef.get());
                }
            }
        }
        return Either.right(List.copyOf(all));
    }

    /** The backend's {@code blas.library}, or empty when it names none. */
    static String blas(Backend backend) {
        try {
            return backend.describe().getOrDefault("blas.library", "");
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String blasThreads(Backend backend) {
        String n = backend.describe().get("blas.threads");
        return n == null ? "" : " on " + n + ("1".equals(n) ? " thread" : " threads") + " per product";
    }

    /** Sets {@code threads} in the backend's configuration and waits for it to come back with it. */
    private Either<String, Restore> configureThreads(String id, int threads) throws InterruptedException {
        String pid = "io.engram.backend." + id;
        if (configAdmin == null) {
            return Either.left("threads: ConfigurationAdmin is not running, so the backend '" + id + "' cannot be given "
                    + threads + " threads");
        }
        Optional<ServiceReference<Backend>> current = best(Backend.class, "(" + PluginProperties.BACKEND + "=" + id + ")");
        if (current.isPresent() && Integer.valueOf(threads).equals(current.get().getProperty("threads"))) {
            return Either.right(Restore.NOTHING);
        }
        Restore restore;
        try {
            Configuration cfg = configAdmin.getConfiguration(pid, "?");
            Dictionary<String, Object> before = cfg.getProperties();
            Hashtable<String, Object> after = copy(before);
            after.put("threads", threads);
            cfg.update(after);
            restore = () -> {
                try {
                    if (before == null) {
                        cfg.delete();
                    } else {
                        cfg.update(copy(before));
                    }
                } catch (IOException | IllegalStateException e) {
                    // The configuration was deleted meanwhile: nothing to put back.
                }
            };
        } catch (IOException e) {
            return Either.left("threads: could not update the configuration " + pid + ": " + e.getMessage());
        }
        String filter = "(&(" + PluginProperties.BACKEND + "=" + id + ")(threads=" + threads + "))";
        long deadline = System.nanoTime() + RECONFIGURE_WAIT_MS * 1_000_000L;
        while (best(Backend.class, filter).isEmpty()) {
            if (System.nanoTime() > deadline) {
                restore.run();
                return Either.left("threads: the backend '" + id + "' did not come back with threads=" + threads + " within "
                        + RECONFIGURE_WAIT_MS / 1000 + " s after its configuration " + pid + " was updated");
            }
            Thread.sleep(20);
        }
        return Either.right(restore);
    }

    private static Hashtable<String, Object> copy(Dictionary<String, Object> d) {
        Hashtable<String, Object> h = new Hashtable<>();
        if (d != null) {
            for (Enumeration<String> keys = d.keys(); keys.hasMoreElements(); ) {
                String k = keys.nextElement();
                h.put(k, d.get(k));
            }
        }
        return h;
    }

    /** The highest-ranked service of {@code type} matching {@code filter}. */
    private <S> Optional<ServiceReference<S>> best(Class<S> type, String filter) {
        try {
            Collection<ServiceReference<S>> refs = context.getServiceReferences(type, filter);
            return refs.stream().max(ServiceReference::compareTo);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("filter " + filter + " is malformed", e);
        }
    }

    /** The {@code threads} property, or the number of cores when it is absent or 0 or less. */
    static int threadsOf(ServiceReference<?> ref) {
        Object t = ref.getProperty("threads");
        int n = t instanceof Number num ? num.intValue() : 0;
        return n > 0 ? n : Runtime.getRuntime().availableProcessors();
    }

    private static String describe(ServiceReference<?> ref) {
        return ref.getBundle().getSymbolicName() + " " + ref.getBundle().getVersion();
    }

    /** Puts a configuration back. */
    @FunctionalInterface
    interface Restore extends Runnable {
        Restore NOTHING = () -> { };
    }
}
