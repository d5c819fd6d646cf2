package io.engram.shell.internal;

import io.engram.api.Problem;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobManager;
import io.engram.kernel.JobSpecs;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code engram:run <spec-file>}: reads a job spec and submits it; prints the job's id, or every
 * problem found in the spec, one per line. Thread-safe.
 */
@Component(service = RunCommand.class,
        property = {"osgi.command.scope=engram", "osgi.command.function=run"})
public final class RunCommand {

    private final JobSpecs specs;
    private final JobManager jobs;

    @Activate
    public RunCommand(@Reference JobSpecs specs, @Reference JobManager jobs) {
        this.specs = specs;
        this.jobs = jobs;
    }

    @Descriptor("submits the job described by a spec file (.properties, .yaml, .yml or .json)")
    public String run(@Descriptor("path of the job spec file") String file) {
        Path path = Paths.get(file).toAbsolutePath().normalize();
        Validation<Seq<Problem>, JobInfo> submitted = specs.read(path).flatMap(jobs::submit);
        if (submitted.isInvalid()) {
            return problems(submitted.getError());
        }
        JobInfo j = submitted.get();
        return j.id() + " " + j.state().name().toLowerCase(java.util.Locale.ROOT) + ": " + j.name() + " (" + j.family()
                + ", " + j.trainer() + ", " + j.application() + ", " + j.backend() + ")\n";
    }

    static String problems(Seq<Problem> problems) {
        StringBuilder out = new StringBuilder();
        out.append(problems.size() == 1 ? "1 problem:\n" : problems.size() + " problems:\n");
        for (Problem p : problems) {
            out.append("  ").append(p).append('\n');
        }
        return out.toString();
    }
}
