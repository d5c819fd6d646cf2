package io.engram.kernel.internal;

import io.engram.api.BundleRef;
import io.engram.api.NetworkFamily;
import io.engram.api.Problem;
import io.engram.api.TrainingEvent;
import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobManager;
import io.engram.kernel.JobState;
import io.engram.kernel.MetricPoint;
import io.engram.kernel.ModelRegistry;
import io.engram.kernel.Page;
import io.engram.kernel.PluginRegistry;
import io.engram.kernel.spi.RunStore;
import io.engram.tensor.Tensor;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The job manager service: it takes submissions and answers for jobs and their events. The parts
 * that do the work are its own: {@link JobTable} holds the records by id, {@link JobScheduler} queues
 * each job and runs it on a job thread ({@link JobRun}), with populations evaluated on the
 * {@link Workers}, and {@link RecordKeeper} keeps the records on disk.
 *
 * <p>Lifecycle of the component: the constructor makes sure {@code data.dir} can be written (else it
 * throws, naming the directory and the reason), imports the records written there before the run
 * store existed, takes over the unfinished jobs of processes that no longer run ({@link Restart}), and
 * starts {@code jobs.concurrency} job threads and a pool of {@code jobs.workers} population threads
 * (a value outside 0..1024 makes it throw, naming the setting). A job that was running when the
 * process stopped is queued again to resume from its last checkpoint when that holds its trainer's
 * state, and is otherwise recorded as failed with {@value #INTERRUPTED} and its last checkpoint
 * ({@link Restart}); a job that was queued is queued again, its spec validated with the plugins
 * installed when it comes to run
 * ({@link Requeued}). {@link #submit} validates the spec with {@link SpecValidator}, which resolves
 * and pins the plugin service objects and their bundle versions (the job holds them until it ends),
 * refuses it when {@code jobs.queue.capacity} jobs already wait ({@link JobManager#QUEUE_FULL}) or
 * when its record cannot be written ({@link JobManager#UNAVAILABLE}), and queues it.
 * {@link #deactivate} cancels queued and running jobs, waits up to {@link #SHUTDOWN_GRACE} for the
 * running ones to return and records them cancelled.
 *
 * <p>A job whose {@code backend} cannot run here and whose {@code backend.fallback} can runs on the
 * fallback: its {@link JobInfo#backend()} names the fallback, and its first event after the
 * {@code QUEUED} state is a {@code warning} message saying why.
 *
 * <p>Records live in the run store ({@link RunStore}, a service; built without one, as files under
 * {@code data.dir}, {@link FileRunStore}): each job's info, its events that are not progress and,
 * once the job ends, the latest {@code jobs.events.recent} progress events, and its metric series.
 * Ids come from the store, so processes sharing it never give the same one; {@link #jobs},
 * {@link #job}, {@link #events} and {@link #metrics} answer for every job in the store, and
 * {@link #await} waits for a job of another process by reading its record. Records under
 * {@code data.dir} written before the run store existed are imported into it once
 * ({@link LegacyImport}). Thread-safe.
 */
@Component(service = JobManager.class, immediate = true, configurationPid = "io.engram.kernel",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = JobManagerConfiguration.class)
public final class JobManagerComponent implements JobManager {

    /** Start of the error of a job that was running when the process stopped. */
    public static final String INTERRUPTED = "interrupted: the process stopped while the job ran";
    /** Error of a job cancelled by {@link #cancel}. */
    public static final String CANCELLED = "cancelled";
    /** Error of a job cancelled because the job manager shut down. */
    public static final String SHUT_DOWN = "cancelled: the server stopped";
    /** Share of the training set kept for validation when the application gives none. */
    public static final double VALIDATION_FRACTION = 0.1;
    /** How long deactivation waits for running jobs to return. */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /** How often {@link #await} reads the record of a job that another process runs. */
    static final Duration FOREIGN_POLL = Duration.ofMillis(250);

    private final SpecValidator validator;
    private final Path dataDir;
    private final RunStore store;
    private final RecordKeeper records;
    private final JobQueue queue;
    private final JobScheduler scheduler;
    private final ExecutorService delivery;
    private final JobTable jobs = new JobTable();
    private final Checkpoints checkpointFiles;
    /** The model store, bound and unbound as it comes and goes; null while there is none. */
    private final AtomicReference<ModelRegistry> registry = new AtomicReference<>();
    /** The cluster jobs spread their work over ({@link io.engram.kernel.spi.ClusterProtocol}); null while there is none. */
    private final AtomicReference<java.util.function.Function<Map<String, Object>, Object>> cluster =
            new AtomicReference<>();
    private volatile boolean closing;
    private final System.Logger log = System.getLogger(JobManagerComponent.class.getName());

    @Activate
    public JobManagerComponent(@Reference(target = RegistryComponent.SELF) PluginRegistry plugins,
                               JobManagerConfiguration config, @Reference RunStore store) {
        this((PluginDirectory) plugins, config, new TrainCheckpoints(), platformBundles(), Requeued.PLUGIN_WAIT,
                store);
    }

    /**
     * A job manager over {@code plugins}, writing checkpoints with {@code checkpoints} and naming
     * {@code platform} as the platform bundles in every checkpoint's provenance, its records kept as
     * files under {@code data.dir} ({@link FileRunStore}).
     */
    public JobManagerComponent(PluginDirectory plugins, JobManagerConfiguration config, Checkpoints checkpoints,
                               java.util.List<BundleRef> platform) {
        this(plugins, config, checkpoints, platform, Requeued.PLUGIN_WAIT);
    }

    JobManagerComponent(PluginDirectory plugins, JobManagerConfiguration config, Checkpoints checkpoints,
                        java.util.List<BundleRef> platform, Duration pluginWait) {
        this(plugins, config, checkpoints, platform, pluginWait, null);
    }

    /** As above, its records kept in {@code store}; null: as files under {@code data.dir}. */
    JobManagerComponent(PluginDirectory plugins, JobManagerConfiguration config, Checkpoints checkpoints,
                        java.util.List<BundleRef> platform, Duration pluginWait, RunStore store) {
        this.validator = new SpecValidator(plugins, config);
        this.dataDir = Paths.get(config.data_dir()).toAbsolutePath().normalize();
        Directories.probe(dataDir, "the job records' directory (data.dir)");
        if (store == null) {
            store = new FileRunStore(dataDir, config.jobs_events_recent());
        } else {
            LegacyImport.run(dataDir, store, config.jobs_events_recent());
        }
        this.store = store;
        Workers workers = Workers.of(config.jobs_workers(), daemons("engram-worker-"));
        this.queue = new JobQueue(config.jobs_queue_capacity(), config.jobs_concurrency(), daemons("engram-job-"));
        this.records = new RecordKeeper(store, Owners.self(), config.jobs_events_recent(), queue::left);
        this.checkpointFiles = checkpoints;
        JobRun runner = new JobRun(records, checkpoints, platform, this::checkpointPath, dataDir, config, workers,
                registry::get, cluster::get);
        this.scheduler = new JobScheduler(queue, workers, records, runner, new Requeued(validator, pluginWait));
        this.delivery = Executors.newCachedThreadPool(daemons("engram-job-events-"));
        reload(checkpoints);
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((th, e) -> System.getLogger(JobManagerComponent.class.getName())
                    .log(System.Logger.Level.ERROR, "thread " + th.getName() + " ended by " + e, e));
            return t;
        };
    }

    /** The bundles of the platform packages the kernel itself uses, when running in a framework. */
    static java.util.List<BundleRef> platformBundles() {
        Set<BundleRef> out = new LinkedHashSet<>();
        for (Class<?> c : new Class<?>[] {Tensor.class, NetworkFamily.class, JobManagerComponent.class,
                TrainCheckpoints.formatClass()}) {
            Bundle b = FrameworkUtil.getBundle(c);
            if (b != null) {
                out.add(new BundleRef(b.getSymbolicName(), b.getVersion().toString()));
            }
        }
        return java.util.List.copyOf(out);
    }

    private void reload(Checkpoints checkpoints) {
        for (JobRecord rec : new Restart(records, checkpoints).reload()) {
            jobs.put(rec);
            if (rec.info().state() == JobState.QUEUED) {
                queue.reserveAnyway();
                scheduler.enqueue(rec);
            }
        }
    }

    /**
     * Binds the model store: from then on a job's final checkpoint is registered as the next version
     * of its model, and {@code init.from} resolves. Dynamic, so the store may come and go while jobs
     * run; a job asks for it when it ends.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindRegistry(ModelRegistry models) {
        registry.set(models);
    }

    /** Unbinds the model store; jobs then write their checkpoints to their plain paths. */
    public void unbindRegistry(ModelRegistry models) {
        registry.compareAndSet(models, null);
    }

    /**
     * Binds a cluster ({@link io.engram.kernel.spi.ClusterProtocol}): jobs that start training from
     * then on spread their batches' gradients and their populations over it. Dynamic; a job keeps the
     * cluster it started with.
     */
    @Reference(service = java.util.function.Function.class, target = "(" + io.engram.kernel.spi.ClusterProtocol.CLUSTER
            + "=*)", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindCluster(java.util.function.Function<Map<String, Object>, Object> bridge) {
        cluster.set(bridge);
    }

    /** Unbinds the cluster; jobs that start from then on compute here. */
    public void unbindCluster(java.util.function.Function<Map<String, Object>, Object> bridge) {
        cluster.compareAndSet(bridge, null);
    }

    /** Where job records live. */
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public Validation<Seq<Problem>, JobInfo> submit(Map<String, String> given) {
        return submit(given, null, "");
    }

    @Override
    public Validation<Seq<Problem>, JobInfo> resume(String id) {
        Optional<JobInfo> known = job(id);
        if (known.isEmpty()) {
            return Validation.invalid(List.of(Problem.of("job", "no job " + id)));
        }
        JobInfo info = known.get();
        if (!info.state().terminal() || info.state() == JobState.SUCCEEDED) {
            return Validation.invalid(List.of(Problem.of("job", "job " + id + " is " + info.state()
                    + "; only a failed or cancelled job resumes")));
        }
        if (info.checkpoint().isEmpty()) {
            return Validation.invalid(List.of(Problem.of("job", "job " + id + " wrote no checkpoint to resume from")));
        }
        Path file = Path.of(info.checkpoint());
        io.vavr.control.Try<Boolean> resumable = checkpointFiles.resumable(file);
        if (!resumable.getOrElse(false)) {
            return Validation.invalid(List.of(Problem.of("job", "job " + id + " cannot resume from " + file + ": "
                    + (resumable.isFailure() ? Failures.message(resumable.getCause()) : "it holds no trainer state"))));
        }
        return submit(info.spec(), file, "resumes job " + id + " from its checkpoint " + file);
    }

    /**
     * Validates and queues a job; one that resumes ({@code resumeFrom} not null) gets its network and
     * its trainer's state from that checkpoint, and {@code note} as its first event.
     */
    private Validation<Seq<Problem>, JobInfo> submit(Map<String, String> given, Path resumeFrom, String note) {
        Map<String, String> spec = new LinkedHashMap<>();
        given.forEach((k, v) -> spec.put(k, v == null ? "" : v));
        if (closing) {
            return Validation.invalid(List.of(Problem.of("job", "the job manager is shutting down")));
        }
        Validation<Seq<Problem>, ResolvedSpec> checked = validator.validate(spec);
        if (checked.isInvalid()) {
            return Validation.invalid(checked.getError());
        }
        if (!queue.reserve()) {
            return Validation.invalid(List.of(Problem.of(QUEUE_FULL, "the job queue is full: " + queue.capacity()
                    + " jobs already wait to run (jobs.queue.capacity); submit again once some have started")));
        }
        ResolvedSpec r = checked.get();
        if (spec.containsKey(FineTuning.KEY) && resumeFrom == null) {
            io.vavr.control.Try<Path> from = FineTuning.locate(registry.get(), spec.get(FineTuning.KEY));
            if (from.isFailure()) {
                queue.left();
                return Validation.invalid(List.of(Problem.of(FineTuning.KEY,
                        Failures.message(from.getCause()).replaceFirst("^" + FineTuning.KEY + ": ", ""))));
            }
        }
        String id;
        try {
            id = store.nextId();
        } catch (IOException e) {
            queue.left();
            log.log(System.Logger.Level.ERROR, "refusing a job: no id from the run store: " + e.getMessage());
            return Validation.invalid(List.of(Problem.of(UNAVAILABLE, "the job's record " + e.getMessage())));
        }
        JobInfo info = new JobInfo(id, r.name().isEmpty() ? id : r.name(), JobState.QUEUED, r.family().label(),
                r.trainer().label(), r.application().label(), r.backend().id(), JobInfos.now(), "", "", Map.of(), "",
                "", spec);
        JobRecord rec = records.open(info, r, null);
        rec.resumeFrom = resumeFrom;
        java.util.List<TrainingEvent> first = new java.util.ArrayList<>();
        if (!r.fallbackNote().isEmpty()) {
            first.add(new TrainingEvent.Message("warning", r.fallbackNote()));
        }
        if (!note.isEmpty()) {
            first.add(new TrainingEvent.Message("info", note));
        }
        try {
            records.create(rec, first);
        } catch (IOException e) {
            queue.left();
            log.log(System.Logger.Level.ERROR, "refusing " + id + ": its record " + e.getMessage());
            return Validation.invalid(List.of(Problem.of(UNAVAILABLE, "the job's record " + e.getMessage())));
        }
        jobs.put(rec);
        scheduler.enqueue(rec);
        return Validation.valid(rec.info());
    }

    @Override
    public java.util.List<JobInfo> jobs() {
        return jobs(0, Integer.MAX_VALUE).items();
    }

    /**
     * A page of every job in the run store, those of other processes included; a job this one holds
     * shows its latest info. When the store cannot be read, the jobs held here.
     */
    @Override
    public Page<JobInfo> jobs(int offset, int limit) {
        Page<JobInfo> stored;
        try {
            stored = store.jobs(offset, limit);
        } catch (IOException e) {
            log.log(System.Logger.Level.WARNING, "cannot read the job list from " + store.location() + ": "
                    + e.getMessage() + "; listing this process's jobs");
            return jobs.page(offset, limit);
        }
        java.util.List<JobInfo> items = stored.items().stream().map(i -> {
            JobRecord rec = jobs.get(i.id());
            return rec == null ? i : rec.info();
        }).toList();
        return new Page<>(items, stored.offset(), stored.limit(), stored.total());
    }

    @Override
    public Optional<JobInfo> job(String id) {
        JobRecord rec = jobs.get(id);
        return rec != null ? Optional.of(rec.info()) : stored(id);
    }

    /** A job of another process (or an earlier run), from the store; empty when unknown or unreadable. */
    private Optional<JobInfo> stored(String id) {
        try {
            return store.job(id);
        } catch (IOException e) {
            log.log(System.Logger.Level.WARNING, "cannot read " + id + " from " + store.location() + ": "
                    + e.getMessage());
            return Optional.empty();
        }
    }

    /** The job's metric series, from the run store; empty for an unknown job or when it cannot be read. */
    @Override
    public java.util.List<MetricPoint> metrics(String id) {
        try {
            return java.util.List.copyOf(store.metrics(id));
        } catch (IOException e) {
            log.log(System.Logger.Level.WARNING, "cannot read the metrics of " + id + ": " + e.getMessage());
            return java.util.List.of();
        }
    }

    @Override
    public boolean cancel(String id) {
        JobRecord rec = jobs.get(id);
        return rec != null && scheduler.cancel(rec, CANCELLED);
    }

    @Override
    public java.util.List<JobEvent> events(String id) {
        return events(id, -1, Integer.MAX_VALUE);
    }

    @Override
    public java.util.List<JobEvent> events(String id, long after, int limit) {
        JobRecord rec = jobs.get(id);
        return java.util.List.copyOf(rec == null ? records.stored(id, after, Math.max(0, limit))
                : records.events(rec, after, Math.max(0, limit)));
    }

    @Override
    public AutoCloseable subscribe(String id, Consumer<JobEvent> listener) {
        JobRecord rec = jobs.get(id);
        if (rec == null) {
            Subscription foreign = new Subscription(listener, delivery, () -> { });
            records.stored(id, -1, Integer.MAX_VALUE).forEach(foreign::offer);
            return foreign;
        }
        Subscription[] self = new Subscription[1];
        Subscription sub = new Subscription(listener, delivery, () -> {
            synchronized (rec) {
                rec.subscribers.remove(self[0]);
            }
        });
        self[0] = sub;
        synchronized (rec) {
            if (!rec.info.state().terminal()) {
                rec.events.all().forEach(sub::offer);
                rec.subscribers.add(sub);
                return sub;
            }
        }
        records.events(rec, -1, Integer.MAX_VALUE).forEach(sub::offer);
        return sub;
    }

    @Override
    public Optional<JobInfo> await(String id, Duration timeout) throws InterruptedException {
        JobRecord rec = jobs.get(id);
        if (rec == null) {
            return awaitStored(id, timeout);
        }
        rec.ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return Optional.of(rec.info());
    }

    /** Waits for a job of another process by reading the store every {@link #FOREIGN_POLL}. */
    private Optional<JobInfo> awaitStored(String id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<JobInfo> info = stored(id);
        while (info.isPresent() && !info.get().state().terminal() && System.nanoTime() < deadline) {
            Thread.sleep(Math.max(1, Math.min(FOREIGN_POLL.toMillis(), (deadline - System.nanoTime()) / 1_000_000)));
            info = stored(id);
        }
        return info;
    }

    /**
     * Cancels queued and running jobs, waits up to {@link #SHUTDOWN_GRACE} for running ones to return,
     * and records every job that has not ended as cancelled.
     */
    @Deactivate
    public void deactivate() {
        closing = true;
        jobs.all().forEach(rec -> scheduler.cancel(rec, SHUT_DOWN));
        scheduler.shutdown(SHUTDOWN_GRACE);
        for (JobRecord rec : jobs.all()) {
            records.transition(rec, JobState.CANCELLED, i -> JobInfos.ended(i, SHUT_DOWN, i.checkpoint()));
        }
        delivery.shutdown();
        try {
            delivery.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Where a spec's {@code checkpoint} path points: inside the model store (relative paths resolve
     * against it), checked again when the checkpoint is written ({@link Confinement#output}).
     */
    Path checkpointPath(String given) {
        return validator.confinement().output("checkpoint", given).getOrElseGet(p -> {
            throw new IllegalArgumentException(p.toString());
        });
    }
}
