package io.engram.shell.internal;

import io.engram.kernel.JobInfo;
import io.engram.kernel.JobManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code engram:exit} (plain {@code exit} in {@code bin/engram shell}, whose profile puts the
 * {@code engram} scope first): cancels every queued and running job, waits (at most
 * {@link #CANCEL_WAIT} each) until each has ended, so that its record says CANCELLED, and then
 * stops the framework on a thread of its own, which ends the console and the process. Thread-safe.
 */
@Component(service = ExitCommand.class,
        property = {"osgi.command.scope=engram", "osgi.command.function=exit"})
public final class ExitCommand {

    /** How long {@code exit} waits for a cancelled job to end. */
    static final Duration CANCEL_WAIT = Duration.ofSeconds(30);

    private final JobManager jobs;
    private final Runnable stop;

    @Activate
    public ExitCommand(@Reference JobManager jobs, BundleContext context) {
        this(jobs, () -> {
            try {
                context.getBundle(0).stop();
            } catch (BundleException | IllegalStateException e) {
                System.err.println("engram: the runtime did not stop: " + e.getMessage());
            }
        });
    }

    ExitCommand(JobManager jobs, Runnable stop) {
        this.jobs = jobs;
        this.stop = stop;
    }

    @Descriptor("cancels the queued and running jobs (recorded as CANCELLED) and leaves the shell")
    public String exit() throws InterruptedException {
        List<String> cancelled = new ArrayList<>();
        for (JobInfo j : List.copyOf(jobs.jobs())) {
            if (!j.state().terminal() && jobs.cancel(j.id())) {
                cancelled.add(j.id());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String id : cancelled) {
            String state = jobs.await(id, CANCEL_WAIT).map(j -> j.state().name()).orElse("gone");
            out.append(id).append(": ").append(state.toLowerCase(Locale.ROOT)).append('\n');
        }
        Thread stopper = new Thread(stop, "engram-shell-exit");
        stopper.setDaemon(false);
        stopper.start();
        return out.append("stopping\n").toString();
    }
}
