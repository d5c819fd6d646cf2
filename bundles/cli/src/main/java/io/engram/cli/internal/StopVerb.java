package io.engram.cli.internal;

import io.engram.cli.VerbCall;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code stop}: called by {@code engram serve} on SIGTERM or SIGINT before the framework stops.
 * Cancels every queued or running job of this process (those that another process sharing the run
 * store runs are listed but cannot be cancelled from here, and are left alone) and waits, at most {@link #WAIT} in all, until each has
 * ended, so its record says CANCELLED. Prints one line per job cancelled. Returns 0, or 1 when a job
 * did not end in time. Thread-safe.
 */
@Component(service = Function.class, property = VerbCall.VERB_PROPERTY + "=stop")
public final class StopVerb implements Function<Map<String, Object>, Integer> {

    static final Duration WAIT = Duration.ofSeconds(20);

    private final JobManager jobs;

    @Activate
    public StopVerb(@Reference JobManager jobs) {
        this.jobs = jobs;
    }

    @Override
    public Integer apply(Map<String, Object> raw) {
        VerbCall call = VerbCall.of(raw);
        List<JobInfo> active = jobs.jobs().stream().filter(j -> !j.state().terminal())
                .filter(j -> jobs.cancel(j.id())).toList();
        Instant deadline = Instant.now().plus(WAIT);
        int status = VerbCall.OK;
        for (JobInfo job : active) {
            try {
                Duration left = Duration.between(Instant.now(), deadline);
                JobInfo end = jobs.await(job.id(), left.isNegative() ? Duration.ZERO : left).orElse(job);
                call.out().println(job.id() + " " + end.state());
                if (!end.state().terminal()) {
                    status = VerbCall.FAILED;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return VerbCall.FAILED;
            }
        }
        call.out().flush();
        return status;
    }
}
