package io.engram.shell.internal;

import io.engram.kernel.JobManager;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code engram:cancel <job-id>}: asks a queued or running job to stop. Thread-safe. */
@Component(service = CancelCommand.class,
        property = {"osgi.command.scope=engram", "osgi.command.function=cancel"})
public final class CancelCommand {

    private final JobManager jobs;

    @Activate
    public CancelCommand(@Reference JobManager jobs) {
        this.jobs = jobs;
    }

    @Descriptor("cancels a queued or running job")
    public String cancel(@Descriptor("the job's id, as engram:jobs shows it") String id) {
        if (jobs.cancel(id)) {
            return id + ": cancel requested\n";
        }
        return jobs.job(id).map(j -> id + ": already " + j.state().name().toLowerCase(java.util.Locale.ROOT) + "\n")
                .orElse(id + ": no such job\n");
    }
}
