package io.engram.sweep.internal;

import io.engram.api.Application;
import io.engram.api.CheckpointMetadata;
import io.engram.api.Hyperparameters;
import io.engram.api.NetworkFamily;
import io.engram.api.PluginProperties;
import io.engram.api.Problem;
import io.engram.api.TaskData;
import io.engram.api.TrainingEvent;
import io.engram.cli.VerbCall;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobManager;
import io.engram.kernel.JobSpecs;
import io.engram.kernel.JobState;
import io.engram.sweep.internal.MemristorSweep.Point;
import io.engram.sweep.internal.MemristorSweep.Result;
import io.engram.tensor.Backend;
import io.engram.train.CheckpointFile;
import io.engram.train.LoadedCheckpoint;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code engram sweep [SPEC] [key=value...]}: trains the job spec's model on the CPU through the
 * {@link JobManager} (or takes the model of {@code checkpoint=FILE}), then evaluates it on simulated
 * memristor crossbars over bit depths and noise levels ({@link MemristorSweep}) and writes
 * {@code memristor-sweep.csv} and {@code memristor-sweep.png} ({@link SweepReport}) into
 * {@code out}. The sweep's settings ({@link SweepOptions}) come from the spec file's
 * {@code sweep.*} keys, overridden by the {@code key=value} arguments; every other key of the file
 * is the job spec. The test data is generated again from the checkpoint's provenance (its job spec
 * and seed), so a checkpoint from any earlier run can be swept.
 *
 * <p>Prints the table of results to {@code out}, progress notes to {@code err}. Exit 0 when the
 * files were written, 1 when training or the sweep failed (a plugin missing, the job failed), 2 when
 * the arguments or the spec were rejected (every problem listed, nothing run). Runs on the caller's
 * thread; interrupting it cancels the training job or stops the sweep. Stateless and thread-safe.
 */
@Component(service = Function.class, property = VerbCall.VERB_PROPERTY + "=sweep")
public final class SweepVerb implements Function<Map<String, Object>, Integer> {

    /** Name of the checkpoint in the model store when the spec names none, and of its copy in {@code out}. */
    static final String CHECKPOINT = "memristor-sweep.ckpt";

    private final BundleContext context;
    private final JobSpecs specs;
    private final JobManager jobs;

    @Activate
    public SweepVerb(BundleContext context, @Reference JobSpecs specs, @Reference JobManager jobs) {
        this.context = context;
        this.specs = specs;
        this.jobs = jobs;
    }

    @Override
    public Integer apply(Map<String, Object> raw) {
        VerbCall call = VerbCall.of(raw);
        Map<String, String> job = new LinkedHashMap<>();
        Map<String, String> given = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        boolean specRead = false;
        for (String arg : call.args()) {
            int eq = arg.indexOf('=');
            if (eq > 0) {
                given.put(arg.substring(0, eq), arg.substring(eq + 1));
            } else if (specRead) {
                problems.add(arg + ": a second spec file (one at most)");
            } else {
                specRead = true;
                Validation<Seq<Problem>, Map<String, String>> read = specs.read(Path.of(arg));
                if (read.isInvalid()) {
                    read.getError().forEach(p -> problems.add(p.toString()));
                } else {
                    read.get().forEach((k, v) -> {
                        if (k.startsWith(SweepOptions.PREFIX)) {
                            given.putIfAbsent(k.substring(SweepOptions.PREFIX.length()), v);
                        } else {
                            job.put(k, v);
                        }
                    });
                }
            }
        }
        if (job.isEmpty() && !given.containsKey("checkpoint")) {
            problems.add("give a job spec to train, or checkpoint=FILE of a trained model");
        }
        Validation<Seq<String>, SweepOptions> parsed = SweepOptions.parse(given);
        if (parsed.isInvalid()) {
            problems.addAll(parsed.getError().toJavaList());
        }
        if (!problems.isEmpty()) {
            return rejected(call.err(), problems);
        }
        SweepOptions options = parsed.get();
        Either<Integer, Path> checkpoint = options.checkpoint().isPresent()
                ? Either.right(options.checkpoint().get()) : train(job, options, call);
        if (checkpoint.isLeft()) {
            return checkpoint.getLeft();
        }
        try {
            return sweep(checkpoint.get(), options, call);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.err().println("engram sweep: interrupted");
            return VerbCall.FAILED;
        }
    }

    /** Copies {@code from} to {@code to} through a temporary file renamed into place. */
    private static Path keep(Path from, Path to) throws IOException {
        java.nio.file.Files.createDirectories(to.getParent());
        Path tmp = to.resolveSibling(to.getFileName() + ".tmp");
        java.nio.file.Files.copy(from, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        java.nio.file.Files.move(tmp, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return to;
    }

    private static int rejected(PrintStream err, List<String> problems) {
        err.println("engram sweep: rejected (" + problems.size() + (problems.size() == 1 ? " problem):" : " problems):"));
        problems.forEach(p -> err.println("  " + p));
        err.flush();
        return VerbCall.BAD_INPUT;
    }

    /**
     * Runs the job on the CPU, writing its checkpoint into the model store (as {@value #CHECKPOINT}
     * unless the spec names one) and copying it beside the sweep's results; that copy, or the exit
     * status.
     */
    private Either<Integer, Path> train(Map<String, String> given, SweepOptions options, VerbCall call) {
        Map<String, String> spec = new LinkedHashMap<>(given);
        String backend = spec.getOrDefault("backend", "cpu");
        if (!backend.equals("cpu")) {
            note(call, "training on cpu (the spec's backend '" + backend + "' is for other runs)");
        }
        spec.put("backend", "cpu");
        spec.remove("backend.fallback");
        spec.putIfAbsent("checkpoint", CHECKPOINT);
        Validation<Seq<Problem>, JobInfo> submitted = jobs.submit(spec);
        if (submitted.isInvalid()) {
            return Either.left(rejected(call.err(), submitted.getError().map(Problem::toString).toJavaList()));
        }
        String id = submitted.get().id();
        note(call, "training " + id + " (" + submitted.get().family() + ", " + submitted.get().trainer() + ") on cpu");
        try (AutoCloseable events = jobs.subscribe(id, e -> {
            if (e.event() instanceof TrainingEvent.EpochEnd end) {
                note(call, String.format(Locale.ROOT, "%s epoch %d: loss %.4f, validation loss %.4f %s", id,
                        end.epoch(), end.trainLoss(), end.validationLoss(), end.metrics()));
            }
        })) {
            JobInfo done = jobs.await(id, Duration.ofDays(365)).orElseThrow();
            if (done.state() != JobState.SUCCEEDED) {
                call.err().println("engram sweep: training " + id + " ended " + done.state() + ": " + done.error());
                return Either.left(VerbCall.FAILED);
            }
            note(call, id + " trained: " + done.metrics());
            return Either.right(keep(Path.of(done.checkpoint()), options.out().resolve(CHECKPOINT)));
        } catch (InterruptedException e) {
            jobs.cancel(id);
            Thread.currentThread().interrupt();
            call.err().println("engram sweep: interrupted; " + id + " cancelled");
            return Either.left(VerbCall.FAILED);
        } catch (Exception e) {
            call.err().println("engram sweep: training " + id + ": " + e);
            return Either.left(VerbCall.FAILED);
        }
    }

    private int sweep(Path checkpoint, SweepOptions options, VerbCall call) throws InterruptedException {
        List<ServiceReference<?>> held = new ArrayList<>();
        try {
            Optional<Backend> cpu = service(Backend.class, PluginProperties.BACKEND, "cpu", held);
            if (cpu.isEmpty() || !cpu.get().availability().available()) {
                return failed(call, "the 'cpu' backend is " + (cpu.isEmpty() ? "not installed"
                        : "not available: " + cpu.get().availability().reason()));
            }
            Try<LoadedCheckpoint> loaded = CheckpointFile.read(checkpoint, cpu.get().ops());
            if (loaded.isFailure()) {
                return failed(call, checkpoint + ": " + loaded.getCause().getMessage());
            }
            CheckpointMetadata meta = loaded.get().metadata();
            Optional<NetworkFamily> family = family(meta, held);
            if (family.isEmpty()) {
                return failed(call, "no installed family '" + meta.spec().family() + "' can read " + checkpoint
                        + " (written by " + meta.familyBundle() + " " + meta.familyVersion() + ")");
            }
            Map<String, String> jobSpec = meta.provenance().jobSpec();
            String appId = jobSpec.getOrDefault("data.app", "").split(";", 2)[0].strip();
            Optional<Application> app = service(Application.class, PluginProperties.APPLICATION, appId, held);
            if (app.isEmpty()) {
                return failed(call, "the application '" + appId + "' of " + checkpoint + " is not installed");
            }
            Either<String, TaskData> data = data(app.get(), jobSpec, meta.provenance().seed());
            if (data.isLeft()) {
                return failed(call, data.getLeft());
            }
            if (data.get().test().size() == 0) {
                return failed(call, "the application gives no test set for this spec (" + data.get().source() + ")");
            }
            note(call, "sweeping " + meta.spec().family() + " of " + checkpoint + " on " + data.get().test().size()
                    + " test sequences: bits " + options.bits() + " x noise " + options.noise() + ", seed "
                    + options.seed() + ", " + options.threads() + " threads");
            MemristorSweep sweep = new MemristorSweep(cpu.get(), family.get(), app.get(), meta.spec(),
                    loaded.get().tensors(), data.get().test(), data.get().loss());
            Result result = sweep.run(options.bits(), options.noise(), options.seed(), options.threads(),
                    n -> note(call, n));
            List<Path> written = SweepReport.write(options.out(), result);
            print(call.out(), result);
            note(call, "wrote " + written.get(0) + " and " + written.get(1));
            return VerbCall.OK;
        } catch (IOException | RuntimeException e) {
            return failed(call, e.toString());
        } finally {
            held.forEach(context::ungetService);
        }
    }

    /** The test data, generated again from the job spec and seed the model was trained with. */
    private static Either<String, TaskData> data(Application app, Map<String, String> jobSpec, long seed) {
        Map<String, String> section = new LinkedHashMap<>();
        jobSpec.forEach((k, v) -> {
            if (k.startsWith("data.") && !k.equals("data.app")) {
                section.put(k.substring("data.".length()), v);
            }
        });
        Validation<Seq<Problem>, Hyperparameters> hyper = app.schema().validate(section, "data.");
        if (hyper.isInvalid()) {
            return Either.left("the checkpoint's data settings are rejected: " + hyper.getError().mkString("; "));
        }
        Try<TaskData> loaded = app.load(hyper.get(), seed);
        return loaded.isSuccess() ? Either.right(loaded.get())
                : Either.left("data: " + loaded.getCause().getMessage());
    }

    /** The highest version of the family that can read the checkpoint. */
    private Optional<NetworkFamily> family(CheckpointMetadata meta, List<ServiceReference<?>> held) {
        for (ServiceReference<NetworkFamily> ref : references(NetworkFamily.class, PluginProperties.FAMILY,
                meta.spec().family())) {
            NetworkFamily f = context.getService(ref);
            if (f != null) {
                held.add(ref);
                if (f.canRead(meta.familyVersion(), ref.getBundle().getVersion().toString())) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    private <S> Optional<S> service(Class<S> type, String property, String id, List<ServiceReference<?>> held) {
        for (ServiceReference<S> ref : references(type, property, id)) {
            S s = context.getService(ref);
            if (s != null) {
                held.add(ref);
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Services of {@code type} with {@code property=id}, highest bundle version first. */
    private <S> List<ServiceReference<S>> references(Class<S> type, String property, String id) {
        if (id.isEmpty() || !id.matches("[A-Za-z0-9._-]+")) {
            return List.of();
        }
        try {
            List<ServiceReference<S>> refs =
                    new ArrayList<>(context.getServiceReferences(type, "(" + property + "=" + id + ")"));
            refs.sort(Comparator.comparing((ServiceReference<S> r) -> r.getBundle().getVersion()).reversed());
            return refs;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("filter for " + property + "=" + id, e);
        }
    }

    /** The results as a table. */
    static void print(PrintStream out, Result result) {
        out.printf(Locale.ROOT, "%-5s %-6s %-9s %-9s %s%n", "bits", "noise", "accuracy", "loss", "energy_J");
        for (Point p : result.points()) {
            out.printf(Locale.ROOT, "%-5d %-6s %-9.4f %-9.4f %.4g%n", p.bits(), p.noise(), p.evaluation().accuracy(),
                    p.evaluation().loss(), p.evaluation().cost().getOrDefault("energy.joules", 0.0));
        }
        out.printf(Locale.ROOT, "%-12s %-9.4f %-9.4f%n", "cpu", result.cpu().accuracy(), result.cpu().loss());
        out.flush();
    }

    private static void note(VerbCall call, String text) {
        call.err().println("engram sweep: " + text);
        call.err().flush();
    }

    private static int failed(VerbCall call, String why) {
        call.err().println("engram sweep: " + why);
        call.err().flush();
        return VerbCall.FAILED;
    }
}
