package io.engram.cli.internal;

import io.engram.api.Problem;
import io.engram.cli.VerbCall;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobManager;
import io.engram.kernel.JobSpecs;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code engram run SPEC [KEY=VALUE...]}: reads the spec, sets the keys given after it
 * ({@link SpecOverrides}), submits it, renders progress until the job ends and
 * prints the final metrics.
 *
 * <p>Exit status: 0 when the job succeeded, 1 when it failed or was cancelled, 2 when the spec was
 * rejected (every problem printed to {@code err}, one per line, naming the key or file:line; nothing
 * is queued then). Interrupting the calling thread cancels the job. Thread-safe: each call owns its
 * job and renderer.
 */
@Component(service = Function.class, property = VerbCall.VERB_PROPERTY + "=run")
public final class RunVerb implements Function<Map<String, Object>, Integer> {

    static final Duration CANCEL_WAIT = Duration.ofSeconds(30);
    /** How long the last events may trail the job's end before the summary is printed anyway. */
    static final Duration EVENTS_WAIT = Duration.ofSeconds(5);

    private final JobSpecs specs;
    private final JobManager jobs;

    @Activate
    public RunVerb(@Reference JobSpecs specs, @Reference JobManager jobs) {
        this.specs = specs;
        this.jobs = jobs;
    }

    @Override
    public Integer apply(Map<String, Object> raw) {
        VerbCall call = VerbCall.of(raw);
        boolean resume = call.args().size() == 2 && call.args().get(0).equals("--resume");
        if (call.args().isEmpty() || (!resume && call.args().get(0).equals("--resume"))) {
            call.err().println("usage: engram run SPEC [KEY=VALUE...] | engram run --resume JOB");
            return VerbCall.BAD_INPUT;
        }
        Path file = Path.of(call.args().get(resume ? 1 : 0));
        Validation<Seq<Problem>, JobInfo> submitted = resume ? jobs.resume(call.args().get(1))
                : SpecOverrides.parse(call.args().subList(1, call.args().size()))
                        .flatMap(overrides -> specs.read(file).map(spec -> SpecOverrides.apply(spec, overrides))
                                .flatMap(spec -> jobs.submit(spec).mapError(p -> SpecOverrides.attribute(p, overrides.keySet()))));
        if (submitted.isInvalid()) {
            if (resume) {
                call.err().println("engram: job " + call.args().get(1) + " cannot resume:");
                submitted.getError().forEach(p -> call.err().println(p.message()));
                call.err().flush();
                return VerbCall.BAD_INPUT;
            }
            return rejected(call.err(), file, submitted.getError());
        }
        JobInfo job = submitted.get();
        call.out().println(job.id() + " " + job.name() + ": family " + job.family() + ", trainer "
                + job.trainer() + ", data " + job.application() + ", backend " + job.backend());
        Progress progress = new Progress(call.out(), call.tty());
        Instant start = Instant.now();
        JobInfo last;
        try (AutoCloseable ignored = jobs.subscribe(job.id(), progress)) {
            last = awaitEnd(job.id(), call);
            trailingEvents(progress);
        } catch (Exception e) {
            throw new IllegalStateException("closing the subscription of job " + job.id(), e);
        } finally {
            progress.finish();
        }
        return report(call, last, Duration.between(start, Instant.now()));
    }

    private static void trailingEvents(Progress progress) {
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        try {
            progress.awaitEnd(EVENTS_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int rejected(PrintStream err, Path file, Seq<Problem> problems) {
        err.println("engram: " + file + " was rejected (" + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):");
        problems.forEach(p -> err.println(p.toString()));
        err.flush();
        return VerbCall.BAD_INPUT;
    }

    private JobInfo awaitEnd(String id, VerbCall call) {
        try {
            while (true) {
                Optional<JobInfo> info = jobs.await(id, Duration.ofSeconds(1));
                if (info.isEmpty()) {
                    throw new IllegalStateException("job " + id + " vanished from the job manager");
                }
                if (info.get().state().terminal()) {
                    return info.get();
                }
            }
        } catch (InterruptedException e) {
            call.err().println("engram: interrupted, cancelling job " + id);
            jobs.cancel(id);
            try {
                return jobs.await(id, CANCEL_WAIT).orElseThrow();
            } catch (InterruptedException again) {
                Thread.currentThread().interrupt();
                return jobs.job(id).orElseThrow();
            } finally {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int report(VerbCall call, JobInfo job, Duration took) {
        PrintStream out = call.out();
        out.println(job.id() + " " + job.state() + " in " + Text.number(took.toMillis() / 1000.0) + " s");
        if (!job.metrics().isEmpty()) {
            Double epoch = job.metrics().get("epoch");
            out.println("final metrics" + (epoch == null || epoch.isNaN() ? "" : " (epoch " + Text.number(epoch) + ")") + ":");
            out.print(Progress.metrics(job.metrics()));
        }
        if (job.checkpoint() != null && !job.checkpoint().isBlank()) {
            out.println("checkpoint: " + job.checkpoint());
            if (job.state() == io.engram.kernel.JobState.CANCELLED || job.state() == io.engram.kernel.JobState.FAILED) {
                out.println("resume with: engram run --resume " + job.id());
            }
        }
        out.flush();
        if (job.state() == io.engram.kernel.JobState.SUCCEEDED) {
            return VerbCall.OK;
        }
        call.err().println("engram: " + job.id() + " " + job.state()
                + (job.error() == null || job.error().isBlank() ? "" : ": " + job.error()));
        call.err().flush();
        return VerbCall.FAILED;
    }
}
