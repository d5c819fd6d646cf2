package io.engram.runstore.internal;

import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.MetricPoint;
import io.engram.kernel.Page;
import io.engram.kernel.spi.RunStore;
import io.engram.kernel.spi.StoredJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The run store service: job records, events and metric series in H2 (the file {@code runs.mv.db}
 * under {@code dir}) or in the database {@code url} names, for the kernel's job manager.
 *
 * <p>Lifecycle: the constructor opens the database (for the H2 file, creating {@code dir} first), applies
 * the schema's migrations ({@link Schema}) and keeps one connection open until {@link #deactivate}, so an
 * embedded H2 database stays open between calls; it throws, naming the URL and the database's reason,
 * when the database cannot be opened or migrated, and the job manager then stays unavailable. Calls go
 * to {@link JdbcRunStore}. Thread-safe.
 */
@Component(service = RunStore.class, immediate = true, configurationPid = "io.engram.runstore",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RunStoreConfiguration.class)
public final class RunStoreComponent implements RunStore {

    private final JdbcRunStore store;
    private final Connection keepOpen;

    @Activate
    public RunStoreComponent(RunStoreConfiguration config) {
        Databases.loopbackOnly();
        String url = Databases.url(config);
        String where = Databases.safe(url);
        Dialect dialect = Dialect.of(url);
        try {
            if (config.url().isBlank()) {
                Files.createDirectories(Path.of(config.dir()).toAbsolutePath().normalize());
            }
            DataSource ds = Databases.of(url, config.user(), config.password());
            this.keepOpen = ds.getConnection();
            try {
                Schema.migrate(ds, dialect);
            } catch (RuntimeException e) {
                keepOpen.close();
                throw e;
            }
            this.store = new JdbcRunStore(ds, dialect, where);
        } catch (IOException | SQLException | RuntimeException e) {
            throw new IllegalStateException("run store " + where + ": cannot open: " + e.getMessage(), e);
        }
    }

    /** Closes the connection kept open; an embedded database closes with the last connection. */
    @Deactivate
    public void deactivate() {
        try {
            keepOpen.close();
        } catch (SQLException e) {
            System.getLogger(RunStoreComponent.class.getName()).log(System.Logger.Level.WARNING,
                    "closing the run store " + store.location() + ": " + e.getMessage());
        }
    }

    @Override
    public String location() {
        return store.location();
    }

    @Override
    public String nextId() throws IOException {
        return store.nextId();
    }

    @Override
    public void reserveIds(long number) throws IOException {
        store.reserveIds(number);
    }

    @Override
    public void create(JobInfo info, String owner, List<JobEvent> events, List<MetricPoint> metrics) throws IOException {
        store.create(info, owner, events, metrics);
    }

    @Override
    public void save(JobInfo info) throws IOException {
        store.save(info);
    }

    @Override
    public void append(String jobId, List<JobEvent> events) throws IOException {
        store.append(jobId, events);
    }

    @Override
    public void appendMetrics(String jobId, List<MetricPoint> points) throws IOException {
        store.appendMetrics(jobId, points);
    }

    @Override
    public void delete(String jobId) throws IOException {
        store.delete(jobId);
    }

    @Override
    public Optional<JobInfo> job(String id) throws IOException {
        return store.job(id);
    }

    @Override
    public Page<JobInfo> jobs(int offset, int limit) throws IOException {
        return store.jobs(offset, limit);
    }

    @Override
    public List<StoredJob> unfinished() throws IOException {
        return store.unfinished();
    }

    @Override
    public boolean claim(String jobId, String from, String to) throws IOException {
        return store.claim(jobId, from, to);
    }

    @Override
    public List<JobEvent> events(String jobId, long after, int limit) throws IOException {
        return store.events(jobId, after, limit);
    }

    @Override
    public List<MetricPoint> metrics(String jobId) throws IOException {
        return store.metrics(jobId);
    }
}
