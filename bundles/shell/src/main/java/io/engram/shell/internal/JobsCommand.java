package io.engram.shell.internal;

import io.engram.kernel.JobInfo;
import io.engram.kernel.JobManager;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code engram:jobs}: every known job, newest first. Thread-safe. */
@Component(service = JobsCommand.class,
        property = {"osgi.command.scope=engram", "osgi.command.function=jobs"})
public final class JobsCommand {

    private final JobManager jobs;

    @Activate
    public JobsCommand(@Reference JobManager jobs) {
        this.jobs = jobs;
    }

    @Descriptor("lists the jobs, newest first, with their state, plugins, latest metrics and error")
    public String jobs() {
        Table t = new Table("ID", "NAME", "STATE", "FAMILY", "TRAINER", "APPLICATION", "SUBMITTED", "METRICS", "ERROR");
        for (JobInfo j : jobs.jobs()) {
            t.row(j.id(), j.name(), j.state().name().toLowerCase(Locale.ROOT), j.family(), j.trainer(),
                    j.application(), j.submittedAt(), metrics(j.metrics()), j.error());
        }
        return t.toString();
    }

    static String metrics(Map<String, Double> metrics) {
        return new java.util.TreeMap<>(metrics).entrySet().stream()
                .map(e -> e.getKey() + "=" + String.format(Locale.ROOT, "%.4g", e.getValue()))
                .collect(Collectors.joining(" "));
    }
}
