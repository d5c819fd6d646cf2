package io.engram.kernel.internal;

import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.MetricPoint;
import io.engram.kernel.Page;
import io.engram.kernel.spi.RunStore;
import io.engram.kernel.spi.StoredJob;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A run store of files ({@link FileRunStore}) for a kernel without the database store, for one
 * process only: present only while configuration PID {@code io.engram.kernel.files} exists. Built once
 * by its constructor; thread-safe as {@link FileRunStore}.
 */
@Component(service = RunStore.class, configurationPid = "io.engram.kernel.files",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = FileRunStoreComponent.Config.class)
public final class FileRunStoreComponent implements RunStore {

    /** Settings of the file store. */
    @ObjectClassDefinition(name = "Engram job records as files", description = "Job records as files under a "
            + "directory, for a single process.")
    public @interface Config {
        @AttributeDefinition(name = "dir", description = "Directory of the job records.")
        String dir();

        @AttributeDefinition(name = "jobs.events.recent", description = "Progress events read back per ended job.")
        int jobs_events_recent() default 1000;
    }

    private final FileRunStore files;

    @Activate
    public FileRunStoreComponent(Config config) {
        this.files = new FileRunStore(Path.of(config.dir()).toAbsolutePath().normalize(), config.jobs_events_recent());
    }

    @Override
    public String location() {
        return files.location();
    }

    @Override
    public String nextId() {
        return files.nextId();
    }

    @Override
    public void reserveIds(long number) {
        files.reserveIds(number);
    }

    @Override
    public void create(JobInfo info, String owner, List<JobEvent> events, List<MetricPoint> metrics) throws IOException {
        files.create(info, owner, events, metrics);
    }

    @Override
    public void save(JobInfo info) throws IOException {
        files.save(info);
    }

    @Override
    public void append(String jobId, List<JobEvent> events) throws IOException {
        files.append(jobId, events);
    }

    @Override
    public void appendMetrics(String jobId, List<MetricPoint> points) {
        files.appendMetrics(jobId, points);
    }

    @Override
    public void delete(String jobId) {
        files.delete(jobId);
    }

    @Override
    public Optional<JobInfo> job(String id) {
        return files.job(id);
    }

    @Override
    public Page<JobInfo> jobs(int offset, int limit) {
        return files.jobs(offset, limit);
    }

    @Override
    public List<StoredJob> unfinished() {
        return files.unfinished();
    }

    @Override
    public boolean claim(String jobId, String from, String to) throws IOException {
        return files.claim(jobId, from, to);
    }

    @Override
    public List<JobEvent> events(String jobId, long after, int limit) throws IOException {
        return files.events(jobId, after, limit);
    }

    @Override
    public List<MetricPoint> metrics(String jobId) throws IOException {
        return files.metrics(jobId);
    }
}
