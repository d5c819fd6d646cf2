package io.engram.kernel.internal;

import io.engram.api.Application;
import io.engram.api.BundleRef;
import io.engram.api.Dataset;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.Problem;
import io.engram.api.TaskData;
import io.engram.api.Trainer;
import io.engram.api.TrainerState;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobState;
import io.engram.tensor.Backend;
import io.engram.train.SimpleTrainingContext;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import io.engram.kernel.ModelRegistry;
import java.util.function.UnaryOperator;

/**
 * One job's run, on its job thread: the application loads the data with the job's seed, or offers
 * the environment the job acts in ({@link JobTask}: the network's sizes are then the environment's
 * observation and action sizes, and there is no dataset); if it gives no validation set,
 * {@value JobManagerComponent#VALIDATION_FRACTION} of the training set is split off with the seed;
 * the family creates the network with the seed on the pinned backend; the trainer
 * trains it, with a checkpoint written whenever {@link PeriodicCheckpoints} says so (to the job's
 * {@code last.ckpt} when a {@link io.engram.kernel.ModelRegistry} is bound) and, with
 * {@code checkpoint.best}, the best epoch end's network to its {@code best.ckpt}; on success the
 * spec's {@code checkpoint} is written with full provenance and, with a registry, registered as the
 * next version of its model (after the best one, aliased {@code best}). A failed result (a
 * non-finite loss) or a cancelled job never writes its final checkpoint; a cancelled one writes the
 * network of its last epoch end with the trainer's state ({@link LastState}) to resume from. A job
 * with {@code init.from} starts from a registered model's parameters ({@link FineTuning}). Checkpoints carry the payloads of the network
 * and the application, and periodic ones the state the trainer offered before that epoch's end
 * ({@code TrainingContext.checkpoint}). A job requeued after the process stopped
 * ({@link JobRecord#resumeFrom}) gets its network back from that checkpoint ({@link Resumption})
 * and its trainer the state to continue from ({@code TrainingContext.resumeState()}).
 *
 * <p>Whatever the job throws, {@link Throwable} included ({@link OutOfMemoryError},
 * {@link StackOverflowError}, errors a Vavr {@code Try} rethrows), ends it {@code FAILED} with the
 * reason ({@link Failures}); the backend is released ({@link Backend#release()}) on the job thread
 * before the end is recorded, and nothing of the job's data or network outlives the run. The
 * backend's cost meter is read when the job starts; each epoch end and the final metrics carry its
 * growth since then ({@link JobMeter}), with the growth on the population workers' threads
 * ({@link Workers}) added. The final metrics carry the test metrics of {@link JobTask#test}.
 * Stateless apart from its collaborators; thread-safe, one
 * call of {@link #run} per job thread.
 */
final class JobRun {

    private final RecordKeeper records;
    private final JobCheckpoints checkpoints;
    private final Resumption resumption;
    private final Function<String, Path> checkpointPath;
    private final Path dataDir;
    private final JobManagerConfiguration config;
    private final Workers workers;
    private final Supplier<ModelRegistry> registry;
    private final FineTuning fineTuning;
    private final Supplier<Function<Map<String, Object>, Object>> cluster;
    private final System.Logger log = System.getLogger(JobRun.class.getName());

    JobRun(RecordKeeper records, Checkpoints checkpoints, List<BundleRef> platform,
           Function<String, Path> checkpointPath, Path dataDir, JobManagerConfiguration config, Workers workers,
           Supplier<ModelRegistry> registry, Supplier<Function<Map<String, Object>, Object>> cluster) {
        this.cluster = cluster;
        this.records = records;
        this.checkpoints = new JobCheckpoints(checkpoints, platform, records);
        this.resumption = new Resumption(checkpoints);
        this.checkpointPath = checkpointPath;
        this.dataDir = dataDir;
        this.config = config;
        this.workers = workers;
        this.registry = registry;
        this.fineTuning = new FineTuning(checkpoints);
    }

    /** The file of a job's best checkpoint, in its directory. */
    static final String BEST = "best.ckpt";
    /** The alias of a registered best checkpoint. */
    static final String BEST_ALIAS = "best";

    /** How a job ends: its terminal state and the change to its info. */
    record Ending(JobState state, UnaryOperator<JobInfo> change) {
    }

    /** Runs a job whose spec is resolved; returns at once when it has already ended. */
    void run(JobRecord rec, ResolvedSpec r) {
        Backend backend = r.backend().as(Backend.class);
        if (!records.transition(rec, JobState.RUNNING, i -> JobInfos.started(i, environment(backend)))) {
            return;
        }
        JobMeter meter = null;
        Ending ending;
        try {
            meter = new JobMeter(backend);
            ending = execute(rec, r, backend, meter);
        } catch (Throwable t) {
            ending = failure(rec, t, meter);
        } finally {
            release(rec, backend);
        }
        records.transition(rec, ending.state(), ending.change());
    }

    private Ending failure(JobRecord rec, Throwable t, JobMeter meter) {
        String why = Failures.describe(t);
        log.log(t instanceof Exception ? System.Logger.Level.WARNING : System.Logger.Level.ERROR,
                "job " + rec.id + " failed: " + why, t);
        Map<String, Double> metered = meter == null ? Map.of() : meter.sinceStart();
        return failure(why, metered);
    }

    /** A failure, with {@code metered} added to the job's metrics and its last checkpoint kept. */
    static Ending failure(String error, Map<String, Double> metered) {
        return new Ending(JobState.FAILED, i -> {
            Map<String, Double> metrics = new LinkedHashMap<>(i.metrics());
            metrics.putAll(metered);
            return JobInfos.ended(JobInfos.withMetrics(i, metrics), error, i.checkpoint());
        });
    }

    private Ending execute(JobRecord rec, ResolvedSpec r, Backend backend, JobMeter meter) {
        Application app = r.application().as(Application.class);
        Either<String, JobTask> loaded = JobTask.load(r);
        if (loaded.isLeft()) {
            return failure(loaded.getLeft(), Map.of());
        }
        JobTask task = loaded.get();
        if (!task.unusable().isEmpty()) {
            return failure(task.unusable(), Map.of());
        }
        TaskData data = task.data();
        if (task.environment().isEmpty()) {
            Validation<String, Plugin> loss = r.loss().forData(data.loss());
            if (loss.isInvalid()) {
                return failure("data: " + loss.getError(), Map.of());
            }
            List<Problem> refused = r.trainer().as(Trainer.class).checkLoss(r.training(), LossChoice.loss(loss.get()));
            if (!refused.isEmpty()) {
                return failure(refused.stream().map(Problem::toString).collect(java.util.stream.Collectors.joining("; ")),
                        Map.of());
            }
        }
        ModelSpec modelSpec = new ModelSpec(r.family().id(), data.inputSize(), data.outputSize(), r.dtype(),
                r.model());
        Seq<Problem> problems = r.family().as(NetworkFamily.class).validate(modelSpec);
        if (!problems.isEmpty()) {
            return failure(problems.mkString("; "), Map.of());
        }
        if (rec.cancelRequested()) {
            return new Ending(JobState.CANCELLED, i -> JobInfos.ended(i, rec.cancelReason, i.checkpoint()));
        }
        Network network = r.family().as(NetworkFamily.class).create(modelSpec, backend, r.seed());
        TrainerState resumeState = null;
        if (rec.resumeFrom != null) {
            Try<Resumption.Resumed> resumed = resumption.resume(rec.resumeFrom, r.family().as(NetworkFamily.class),
                    modelSpec, backend, r.seed());
            if (resumed.isFailure()) {
                return failure("resume: " + Failures.message(resumed.getCause()), Map.of());
            }
            network = resumed.get().network();
            resumeState = resumed.get().state();
        } else if (r.spec().containsKey(FineTuning.KEY)) {
            String from = r.spec().get(FineTuning.KEY);
            Try<Network> tuned = FineTuning.locate(registry.get(), from).flatMap(f -> fineTuning.start(f, from,
                    r.family().as(NetworkFamily.class), modelSpec, backend, r.seed()));
            if (tuned.isFailure()) {
                return failure(Failures.message(tuned.getCause()), Map.of());
            }
            network = tuned.get();
            records.emit(rec, new TrainingEvent.Message("info", "fine-tuning from " + from));
        }
        ModelRegistry models = r.checkpoint().isPresent() ? registry.get() : null;
        Path jobDir = dataDir.resolve(rec.id);
        Path file = models != null || r.checkpoint().isEmpty() ? jobDir.resolve("last.ckpt")
                : checkpointPath.apply(r.checkpoint().get());
        LastState last = new LastState();
        TrainingResult result = train(rec, r, task, network, backend, meter, file, modelSpec, resumeState, last);

        Map<String, Double> metrics = new LinkedHashMap<>(rec.info().metrics());
        metrics.putAll(result.metrics());
        metrics.put("epoch", (double) result.epochs());
        meter.addTo(metrics);
        if (rec.cancelRequested()) {
            String kept = keepLast(rec, jobDir.resolve("last.ckpt"), last, backend.ops());
            return new Ending(JobState.CANCELLED, i -> JobInfos.ended(JobInfos.withMetrics(i, metrics),
                    rec.cancelReason, kept.isEmpty() ? i.checkpoint() : kept));
        }
        if (result.failed()) {
            String why = result.stopReason().isEmpty() ? "training failed" : result.stopReason();
            return new Ending(JobState.FAILED, i -> JobInfos.ended(JobInfos.withMetrics(i, metrics), why, i.checkpoint()));
        }
        Map<String, Double> tested = task.test(app, network, backend.ops(), r.seed());
        if (!tested.isEmpty()) {
            metrics.putAll(tested);
            meter.addTo(metrics);
        }
        if (models != null) {
            return register(rec, r, models, jobDir, checkpoints.metadata(rec, r, modelSpec, data), network,
                    app.payloads(data), metrics);
        }
        if (r.checkpoint().isPresent()) {
            String failed = checkpoints.write(rec, file, checkpoints.metadata(rec, r, modelSpec, data), network,
                    app.payloads(data), null);
            if (!failed.isEmpty()) {
                return new Ending(JobState.FAILED, i -> JobInfos.ended(JobInfos.withMetrics(i, metrics),
                        "checkpoint: " + failed, ""));
            }
            return new Ending(JobState.SUCCEEDED, i -> JobInfos.ended(JobInfos.withMetrics(i, metrics), "",
                    file.toString()));
        }
        return new Ending(JobState.SUCCEEDED, i -> JobInfos.ended(JobInfos.withMetrics(i, metrics), "", i.checkpoint()));
    }

    private TrainingResult train(JobRecord rec, ResolvedSpec r, JobTask task, Network network, Backend backend,
                                 JobMeter meter, Path file, ModelSpec modelSpec, TrainerState resumeState,
                                 LastState last) {
        TaskData data = task.data();
        Dataset train = data.train();
        Dataset validation = data.validation();
        if (validation.size() == 0 && train.size() > 1) {
            List<Dataset> parts = train.split(JobManagerComponent.VALIDATION_FRACTION, r.seed());
            train = parts.get(0);
            validation = parts.get(1);
        }
        Application app = r.application().as(Application.class);
        PeriodicCheckpoints periodic = new PeriodicCheckpoints(config.checkpoint_every_epochs(),
                config.checkpoint_every_minutes());
        TrainerState[] offered = new TrainerState[1];
        BestCheckpoint best = r.spec().containsKey(BestCheckpoint.KEY)
                ? BestCheckpoint.parse(r.spec().get(BestCheckpoint.KEY)).getOrNull() : null;
        Path bestFile = dataDir.resolve(rec.id).resolve(BEST);
        SimpleTrainingContext.Builder parts = new SimpleTrainingContext.Builder(network, backend);
        task.environment().ifPresent(parts::environment);
        r.loss().used().ifPresent(p -> parts.loss(LossChoice.loss(p)));
        parts
                .jobId(rec.id)
                .train(train)
                .validation(validation)
                .hyper(r.training())
                .seed(r.seed())
                .evaluator(d -> app.evaluate(network, backend.ops(), d, r.seed()))
                .workers(workers.executor(), workers.count())
                .meter(meter::add)
                .events(e -> {
                    TrainingEvent event = meter.onEvent(e);
                    records.emit(rec, event);
                    if (event instanceof TrainingEvent.EpochEnd end) {
                        TrainerState state = offered[0];
                        offered[0] = null;
                        if (periodic.due(end.epoch())) {
                            checkpoints.periodic(rec, end.epoch(), file, checkpoints.metadata(rec, r, modelSpec, data),
                                    network, app.payloads(data), state);
                        }
                        if (state != null) {
                            last.keep(end.epoch(), network.parameters(), checkpoints.metadata(rec, r, modelSpec, data),
                                    network.payloads().with(app.payloads(data)), state);
                        }
                        if (best != null && best.improves(end)) {
                            String failed = checkpoints.write(rec, bestFile, checkpoints.metadata(rec, r, modelSpec,
                                    data), network, app.payloads(data), state);
                            records.emit(rec, new TrainingEvent.Message(failed.isEmpty() ? "info" : "warning",
                                    failed.isEmpty() ? "best " + best.metric() + " " + best.best() + " at epoch "
                                            + end.epoch() + ": " + bestFile : "best checkpoint: " + failed));
                        }
                    }
                })
                .cancelled(rec::cancelRequested)
                .resumeState(resumeState)
                .checkpoints(state -> offered[0] = state);
        Trainer trainer = r.trainer().as(Trainer.class);
        Function<Map<String, Object>, Object> bridge = cluster.get();
        if (bridge == null) {
            return trainer.train(parts.build());
        }
        try (ClusterJob remote = new ClusterJob(bridge, rec.id, r.spec(), network, backend.ops(), r.dtype(), train,
                validation, r.loss().used().map(Plugin::id).orElse(""),
                notice -> records.emit(rec, new TrainingEvent.Message("info", notice)))) {
            parts.populationEvaluator(remote);
            if (trainer instanceof io.engram.train.GradientTrainer) {
                parts.shardedGradients(remote);
                remote.open();
            }
            TrainingResult result = trainer.train(parts.build());
            Map<String, Double> metrics = new LinkedHashMap<>(result.metrics());
            metrics.putAll(remote.metrics());
            return new TrainingResult(metrics, result.epochs(), result.stopReason(), result.failed());
        }
    }

    /**
     * Registers the job's final network as the next version of its model, after the epoch end that
     * was best by {@code checkpoint.best} (when one was kept, as its own version with the alias
     * {@value #BEST_ALIAS}); the job fails when the final one cannot be written or registered.
     */
    private Ending register(JobRecord rec, ResolvedSpec r, ModelRegistry models, Path jobDir,
                            io.engram.api.CheckpointMetadata metadata, Network network, io.engram.api.Payloads payloads,
                            Map<String, Double> metrics) {
        String name = modelName(r.checkpoint().get());
        Path bestFile = jobDir.resolve(BEST);
        if (r.spec().containsKey(BestCheckpoint.KEY) && java.nio.file.Files.isRegularFile(bestFile)) {
            Try<ModelRegistry.Registered> best = models.register(name, bestFile, rec.id, Map.of());
            if (best.isSuccess()) {
                models.alias(best.get().reference(), BEST_ALIAS);
            }
            records.emit(rec, best.isSuccess()
                    ? new TrainingEvent.Message("info", "best checkpoint registered as " + best.get().reference())
                    : new TrainingEvent.Message("warning", "best checkpoint: " + Failures.message(best.getCause())));
        }
        Path file = jobDir.resolve("final.ckpt");
        String failed = checkpoints.write(rec, file, metadata, network, payloads, null);
        if (!failed.isEmpty()) {
            return new Ending(JobState.FAILED, i -> JobInfos.ended(JobInfos.withMetrics(i, metrics),
                    "checkpoint: " + failed, ""));
        }
        Try<ModelRegistry.Registered> registered = models.register(name, file, rec.id, metrics);
        if (registered.isFailure()) {
            return new Ending(JobState.FAILED, i -> JobInfos.ended(JobInfos.withMetrics(i, metrics),
                    "checkpoint: " + Failures.message(registered.getCause()), file.toString()));
        }
        ModelRegistry.Registered v = registered.get();
        records.emit(rec, new TrainingEvent.Message("info", "model registered as " + v.reference() + ": "
                + v.checkpoint()));
        return new Ending(JobState.SUCCEEDED, i -> JobInfos.ended(JobInfos.withMetrics(i, metrics), "",
                v.checkpoint().toString()));
    }

    /** The name a spec's {@code checkpoint} registers its model under: the file name without {@code .ckpt}. */
    static String modelName(String checkpoint) {
        String file = Path.of(checkpoint).getFileName().toString();
        return file.endsWith(".ckpt") && file.length() > ".ckpt".length()
                ? file.substring(0, file.length() - ".ckpt".length()) : file;
    }

    /**
     * Writes the network kept at the last epoch end of a cancelled job as {@code file}, with its
     * trainer's state, and says so in an event; the path when it was written, else empty.
     */
    private String keepLast(JobRecord rec, Path file, LastState last, io.engram.tensor.Ops ops) {
        if (!last.present()) {
            return "";
        }
        String failed = checkpoints.write(rec, file, last.metadata(), last.tensors(ops), last.payloads(), last.state());
        if (!failed.isEmpty()) {
            records.emit(rec, new TrainingEvent.Message("warning", "last state: " + failed));
            return "";
        }
        records.emit(rec, new TrainingEvent.Message("info", "cancelled; the state after epoch " + last.epoch()
                + " is kept in " + file + " (engram run --resume " + rec.id + " continues from it)"));
        return file.toString();
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

    /** What the backend says it runs on, each key prefixed {@code backend.}; empty when it cannot say. */
    static Map<String, String> environment(Backend backend) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            backend.describe().forEach((k, v) -> out.put(JobMeter.PREFIX + k, v));
        } catch (RuntimeException e) {
            return Map.of();
        }
        return out;
    }
}
