package io.engram.kernel.internal;

import io.engram.api.Application;
import io.engram.api.BundleRef;
import io.engram.api.CheckpointMetadata;
import io.engram.api.Dataset;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.Problem;
import io.engram.api.Provenance;
import io.engram.api.TaskData;
import io.engram.api.Trainer;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobManager;
import io.engram.kernel.JobState;
import io.engram.kernel.PluginRegistry;
import io.engram.tensor.Backend;
import io.engram.tensor.Tensor;
import io.engram.train.SimpleTrainingContext;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Runs jobs and keeps their records.
 *
 * <p>Lifecycle of the component: the constructor reads every record under {@code data.dir} (a job
 * that was queued or running when the process stopped is recorded as failed with
 * {@value #INTERRUPTED}) and starts {@code jobs.concurrency} job threads. {@link #submit} validates
 * the spec with {@link SpecValidator}, which resolves and pins the plugin service objects and their
 * bundle versions; the job then holds those objects until it ends, whatever happens to the bundles.
 * {@link #deactivate} cancels queued and running jobs, waits up to {@link #SHUTDOWN_GRACE} for the
 * running ones to return and records them cancelled.
 *
 * <p>A job whose {@code backend} cannot run here and whose {@code backend.fallback} can runs on the
 * fallback: its {@link JobInfo#backend()} names the fallback, and its first event after the
 * {@code QUEUED} state is a {@code warning} message saying why.
 *
 * <p>Lifecycle of a job, on its job thread: the application loads the data with the job's seed; if
 * it gives no validation set, {@value #VALIDATION_FRACTION} of the training set is split off with
 * the seed; the family creates the network with the seed on the pinned backend; the trainer trains
 * it; on success the checkpoint named by {@code checkpoint} (relative to the parent of
 * {@code data.dir}, or absolute) is written with full provenance. A failed result (a non-finite
 * loss) or a cancelled job never writes a checkpoint. The backend's cost meter
 * ({@link Backend#meter()}) is read when the job starts; each epoch-end event, and the job's final
 * metrics whatever its outcome, carry the growth of every counter since then as
 * {@code backend.<counter>} (nothing for a backend that meters nothing). When the job ends, however it
 * ends, {@link Backend#release()} is called on its thread before the end is recorded.
 *
 * <p>Records are written under {@code data.dir/<job-id>/job.json} on every state change and every
 * event other than progress ({@link JobFiles}). Thread-safe.
 */
@Component(service = JobManager.class, immediate = true, configurationPid = "io.engram.kernel",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = JobManagerConfiguration.class)
public final class JobManagerComponent implements JobManager {

    /** Error of a job that was queued or running when the process stopped. */
    public static final String INTERRUPTED = "interrupted: the server stopped while the job ran";
    /** Error of a job cancelled by {@link #cancel}. */
    public static final String CANCELLED = "cancelled";
    /** Error of a job cancelled because the job manager shut down. */
    public static final String SHUT_DOWN = "cancelled: the server stopped";
    /** Share of the training set kept for validation when the application gives none. */
    public static final double VALIDATION_FRACTION = 0.1;
    /** How long deactivation waits for running jobs to return. */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private static final Pattern ID = Pattern.compile("job-(\\d+)");

    private final SpecValidator validator;
    private final Checkpoints checkpoints;
    private final java.util.List<BundleRef> platform;
    private final Path dataDir;
    private final JobFiles files;
    private final ThreadPoolExecutor executor;
    private final ExecutorService delivery;
    private final ConcurrentMap<String, JobRecord> jobs = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();
    private volatile boolean closing;
    private final System.Logger log = System.getLogger(JobManagerComponent.class.getName());

    @Activate
    public JobManagerComponent(@Reference(target = RegistryComponent.SELF) PluginRegistry plugins,
                               JobManagerConfiguration config) {
        this((PluginDirectory) plugins, config, new TrainCheckpoints(), platformBundles());
    }

    /**
     * A job manager over {@code plugins}, writing checkpoints with {@code checkpoints} and naming
     * {@code platform} as the platform bundles in every checkpoint's provenance.
     */
    public JobManagerComponent(PluginDirectory plugins, JobManagerConfiguration config, Checkpoints checkpoints,
                               java.util.List<BundleRef> platform) {
        this.validator = new SpecValidator(plugins, config);
        this.checkpoints = checkpoints;
        this.platform = java.util.List.copyOf(platform);
        this.dataDir = Paths.get(config.data_dir()).toAbsolutePath().normalize();
        this.files = new JobFiles(dataDir);
        reload();
        int threads = Math.max(1, config.jobs_concurrency());
        this.executor = new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), daemons("engram-job-"));
        this.delivery = Executors.newCachedThreadPool(daemons("engram-job-events-"));
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
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

    private void reload() {
        java.util.List<JobCodec.Stored> stored;
        try {
            stored = files.loadAll();
        } catch (IOException e) {
            log.log(System.Logger.Level.WARNING, "cannot read job records in " + dataDir + ": " + e.getMessage());
            return;
        }
        for (JobCodec.Stored s : stored) {
            JobRecord rec = new JobRecord(s.info().id(), null, s.info(), s.events());
            jobs.put(rec.id, rec);
            Matcher m = ID.matcher(rec.id);
            if (m.matches()) {
                counter.accumulateAndGet(Long.parseLong(m.group(1)), Math::max);
            }
            if (!s.info().state().terminal()) {
                transition(rec, JobState.FAILED, i -> ended(i, INTERRUPTED, i.checkpoint()));
            }
        }
    }

    /** Where job records live. */
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public Validation<Seq<Problem>, JobInfo> submit(Map<String, String> given) {
        Map<String, String> spec = new LinkedHashMap<>();
        given.forEach((k, v) -> spec.put(k, v == null ? "" : v));
        if (closing) {
            return Validation.invalid(List.of(Problem.of("job", "the job manager is shutting down")));
        }
        Validation<Seq<Problem>, ResolvedSpec> checked = validator.validate(spec);
        if (checked.isInvalid()) {
            return Validation.invalid(checked.getError());
        }
        ResolvedSpec r = checked.get();
        String id = String.format("job-%06d", counter.incrementAndGet());
        JobInfo info = new JobInfo(id, r.name().isEmpty() ? id : r.name(), JobState.QUEUED, r.family().label(),
                r.trainer().label(), r.application().label(), r.backend().id(), now(), "", "", Map.of(), "", "",
                spec);
        JobRecord rec = new JobRecord(id, r, info, java.util.List.of());
        jobs.put(id, rec);
        synchronized (rec) {
            record(rec, null);
            if (!r.fallbackNote().isEmpty()) {
                record(rec, new TrainingEvent.Message("warning", r.fallbackNote()));
            }
            persist(rec);
        }
        try {
            executor.execute(() -> run(rec));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            transition(rec, JobState.CANCELLED, i -> ended(i, SHUT_DOWN, ""));
        }
        return Validation.valid(rec.info());
    }

    @Override
    public java.util.List<JobInfo> jobs() {
        return jobs.values().stream().map(JobRecord::info)
                .sorted(Comparator.comparingLong(JobManagerComponent::number).thenComparing(JobInfo::id).reversed())
                .collect(Collectors.toUnmodifiableList());
    }

    private static long number(JobInfo info) {
        Matcher m = ID.matcher(info.id());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    @Override
    public Optional<JobInfo> job(String id) {
        return Optional.ofNullable(jobs.get(id)).map(JobRecord::info);
    }

    @Override
    public boolean cancel(String id) {
        JobRecord rec = jobs.get(id);
        return rec != null && cancel(rec, CANCELLED);
    }

    private boolean cancel(JobRecord rec, String reason) {
        synchronized (rec) {
            if (rec.info.state().terminal()) {
                return false;
            }
            if (rec.cancelReason == null) {
                rec.cancelReason = reason;
            }
            if (rec.info.state() == JobState.QUEUED) {
                transition(rec, JobState.CANCELLED, i -> ended(i, reason, ""));
            }
            return true;
        }
    }

    @Override
    public java.util.List<JobEvent> events(String id) {
        JobRecord rec = jobs.get(id);
        return rec == null ? java.util.List.of() : rec.events();
    }

    @Override
    public AutoCloseable subscribe(String id, Consumer<JobEvent> listener) {
        JobRecord rec = jobs.get(id);
        if (rec == null) {
            return () -> { };
        }
        synchronized (rec) {
            Subscription[] self = new Subscription[1];
            Subscription sub = new Subscription(listener, delivery, () -> {
                synchronized (rec) {
                    rec.subscribers.remove(self[0]);
                }
            });
            self[0] = sub;
            rec.events.forEach(sub::offer);
            if (!rec.info.state().terminal()) {
                rec.subscribers.add(sub);
            }
            return sub;
        }
    }

    @Override
    public Optional<JobInfo> await(String id, Duration timeout) throws InterruptedException {
        JobRecord rec = jobs.get(id);
        if (rec == null) {
            return Optional.empty();
        }
        rec.ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return Optional.of(rec.info());
    }

    /**
     * Cancels queued and running jobs, waits up to {@link #SHUTDOWN_GRACE} for running ones to return,
     * and records every job that has not ended as cancelled.
     */
    @Deactivate
    public void deactivate() {
        closing = true;
        jobs.values().forEach(rec -> cancel(rec, SHUT_DOWN));
        executor.shutdown();
        try {
            if (!executor.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        for (JobRecord rec : jobs.values()) {
            transition(rec, JobState.CANCELLED, i -> ended(i, SHUT_DOWN, ""));
        }
        delivery.shutdown();
        try {
            delivery.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the job thread ------------------------------------------------------------------

    private void run(JobRecord rec) {
        if (!transition(rec, JobState.RUNNING, i -> copy(i, JobState.RUNNING, now(), i.endedAt(), i.metrics(),
                i.error(), i.checkpoint()))) {
            return;
        }
        Backend backend = rec.resolved.backend().as(Backend.class);
        JobMeter meter = new JobMeter(backend);
        Ending ending;
        try {
            ending = execute(rec, backend, meter);
        } catch (Exception | LinkageError | AssertionError e) {
            log.log(System.Logger.Level.WARNING, "job " + rec.id + " failed", e);
            ending = failure(message(e), meter.sinceStart());
        }
        release(rec, backend);
        transition(rec, ending.state(), ending.change());
    }

    /** How a job ends: its terminal state and the change to its info. */
    private record Ending(JobState state, UnaryOperator<JobInfo> change) {
    }

    private static Ending failure(String error) {
        return failure(error, Map.of());
    }

    /** A failure, with {@code metered} added to the job's metrics. */
    private static Ending failure(String error, Map<String, Double> metered) {
        return new Ending(JobState.FAILED, i -> {
            Map<String, Double> metrics = new LinkedHashMap<>(i.metrics());
            metrics.putAll(metered);
            return ended(withMetrics(i, metrics), error, "");
        });
    }

    /**
     * Loads the data, creates and trains the network, tests it and writes its checkpoint; says how
     * the job ends, which {@link #run} records once the backend is released.
     */
    private Ending execute(JobRecord rec, Backend backend, JobMeter meter) {
        ResolvedSpec r = rec.resolved;
        NetworkFamily family = r.family().as(NetworkFamily.class);
        Trainer trainer = r.trainer().as(Trainer.class);
        Application app = r.application().as(Application.class);

        Try<TaskData> loaded = app.load(r.data(), r.seed());
        if (loaded.isFailure()) {
            return failure("data: " + message(loaded.getCause()));
        }
        TaskData data = loaded.get();
        if (data.inputSize() < 1 || data.outputSize() < 1 || data.train().size() == 0) {
            return failure("data: " + data.source() + " gives " + data.train().size() + " training sequences with "
                    + data.inputSize() + " input features and " + data.outputSize()
                    + " targets per step; at least one of each is needed");
        }
        Dataset train = data.train();
        Dataset validation = data.validation();
        if (validation.size() == 0 && train.size() > 1) {
            java.util.List<Dataset> parts = train.split(VALIDATION_FRACTION, r.seed());
            train = parts.get(0);
            validation = parts.get(1);
        }
        ModelSpec modelSpec = new ModelSpec(r.family().id(), data.inputSize(), data.outputSize(), r.dtype(),
                r.model());
        Seq<Problem> problems = family.validate(modelSpec);
        if (!problems.isEmpty()) {
            return failure(problems.mkString("; "));
        }
        if (rec.cancelRequested()) {
            return new Ending(JobState.CANCELLED, i -> ended(i, rec.cancelReason, ""));
        }
        Network network = family.create(modelSpec, backend, r.seed());
        TrainingContext context = new SimpleTrainingContext.Builder(network, backend)
                .jobId(rec.id)
                .train(train)
                .validation(validation)
                .loss(data.loss())
                .hyper(r.training())
                .seed(r.seed())
                .evaluator(d -> app.evaluate(network, backend.ops(), d))
                .events(e -> emit(rec, meter.onEvent(e)))
                .cancelled(rec::cancelRequested)
                .build();
        TrainingResult result = trainer.train(context);

        Map<String, Double> metrics = new LinkedHashMap<>(rec.info().metrics());
        metrics.putAll(result.metrics());
        metrics.put("epoch", (double) result.epochs());
        meter.addTo(metrics);
        if (rec.cancelRequested()) {
            return new Ending(JobState.CANCELLED, i -> ended(withMetrics(i, metrics), rec.cancelReason, ""));
        }
        if (result.failed()) {
            String why = result.stopReason().isEmpty() ? "training failed" : result.stopReason();
            return new Ending(JobState.FAILED, i -> ended(withMetrics(i, metrics), why, ""));
        }
        if (data.test().size() > 0) {
            app.evaluate(network, backend.ops(), data.test()).forEach((k, v) -> metrics.put("test." + k, v));
            meter.addTo(metrics);
        }
        String written = "";
        if (r.checkpoint().isPresent()) {
            Path file = checkpointPath(r.checkpoint().get());
            try {
                java.nio.file.Files.createDirectories(file.getParent());
                checkpoints.write(file, metadata(r, modelSpec, data), network.parameters());
            } catch (IOException | RuntimeException e) {
                return new Ending(JobState.FAILED, i -> ended(withMetrics(i, metrics),
                        "checkpoint: cannot write " + file + ": " + message(e), ""));
            }
            written = file.toString();
        }
        String checkpoint = written;
        return new Ending(JobState.SUCCEEDED, i -> ended(withMetrics(i, metrics), "", checkpoint));
    }

    /** Ends the job thread's use of the backend; a failure there is logged, never the job's outcome. */
    private void release(JobRecord rec, Backend backend) {
        try {
            backend.release();
        } catch (RuntimeException | LinkageError e) {
            log.log(System.Logger.Level.WARNING, "job " + rec.id + ": the backend '" + backend.id()
                    + "' failed to release the job's thread", e);
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

    private CheckpointMetadata metadata(ResolvedSpec r, ModelSpec modelSpec, TaskData data) {
        Set<BundleRef> bundles = new LinkedHashSet<>();
        for (Plugin p : java.util.List.of(r.family(), r.trainer(), r.application(), r.backend())) {
            bundles.add(new BundleRef(p.info().bundle(), p.version()));
        }
        bundles.addAll(platform);
        Map<String, String> jobSpec = new LinkedHashMap<>(r.spec());
        jobSpec.putIfAbsent("loss", data.loss());
        Provenance provenance = new Provenance(r.seed(), data.source(), data.digest(), new ArrayList<>(bundles),
                jobSpec, now());
        return new CheckpointMetadata(TrainCheckpoints.FORMAT_VERSION, r.family().info().bundle(),
                r.family().version(), modelSpec, provenance);
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    // ---- record keeping ------------------------------------------------------------------

    /**
     * Moves the job to {@code to}, applying {@code change} to its info, unless it has already ended;
     * records the state event and writes the record.
     *
     * @return false when the job had already ended
     */
    private boolean transition(JobRecord rec, JobState to, UnaryOperator<JobInfo> change) {
        synchronized (rec) {
            if (rec.info.state().terminal()) {
                return false;
            }
            JobInfo next = change.apply(rec.info);
            rec.info = copy(next, to, next.startedAt(), next.endedAt(), next.metrics(), next.error(), next.checkpoint());
            record(rec, null);
            persist(rec);
            if (to.terminal()) {
                rec.subscribers.clear();
                rec.ended.countDown();
            }
            return true;
        }
    }

    private void emit(JobRecord rec, TrainingEvent event) {
        if (event == null) {
            return;
        }
        synchronized (rec) {
            if (rec.info.state().terminal()) {
                return;
            }
            if (event instanceof TrainingEvent.EpochEnd) {
                TrainingEvent.EpochEnd e = (TrainingEvent.EpochEnd) event;
                Map<String, Double> m = new LinkedHashMap<>(rec.info.metrics());
                m.put("epoch", (double) e.epoch());
                m.put("loss", e.trainLoss());
                m.put("validation.loss", e.validationLoss());
                m.putAll(e.metrics());
                rec.info = withMetrics(rec.info, m);
            }
            record(rec, event);
            if (!(event instanceof TrainingEvent.Progress)) {
                persist(rec);
            }
        }
    }

    /** Appends an event stamped with the job's current state and hands it to every subscriber. */
    private void record(JobRecord rec, TrainingEvent event) {
        JobEvent e = new JobEvent(rec.id, rec.events.size(), now(), rec.info.state(), event);
        rec.events.add(e);
        for (Subscription s : java.util.List.copyOf(rec.subscribers)) {
            s.offer(e);
        }
    }

    private void persist(JobRecord rec) {
        try {
            files.save(rec.info, rec.events);
        } catch (IOException e) {
            log.log(System.Logger.Level.WARNING, "cannot write the record of " + rec.id + ": " + e.getMessage());
        }
    }

    private static JobInfo ended(JobInfo i, String error, String checkpoint) {
        return copy(i, i.state(), i.startedAt(), now(), i.metrics(), error, checkpoint);
    }

    private static JobInfo withMetrics(JobInfo i, Map<String, Double> metrics) {
        return copy(i, i.state(), i.startedAt(), i.endedAt(), metrics, i.error(), i.checkpoint());
    }

    private static JobInfo copy(JobInfo i, JobState state, String startedAt, String endedAt,
                                Map<String, Double> metrics, String error, String checkpoint) {
        return new JobInfo(i.id(), i.name(), state, i.family(), i.trainer(), i.application(), i.backend(),
                i.submittedAt(), startedAt, endedAt, metrics, error, checkpoint, i.spec());
    }

    private static String now() {
        return Instant.now().toString();
    }
}
