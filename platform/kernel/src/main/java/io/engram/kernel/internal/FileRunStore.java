package io.engram.kernel.internal;

import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.MetricPoint;
import io.engram.kernel.Page;
import io.engram.kernel.spi.RunStore;
import io.engram.kernel.spi.StoredJob;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A run store of files for one process ({@link JobFiles}: a directory per job under {@link #dir}):
 * the job manager's store when it is built without a database (its unit tests, and a kernel
 * configured with {@link FileRunStoreComponent}), and the reader of records written before the run
 * store existed ({@link LegacyImport}). The infos are read once, at construction, and then kept in
 * memory; ids count on from the highest one found. The metric series is derived from the epoch-end
 * events. Every job counts as unowned: this store is not shared. Thread-safe.
 */
public final class FileRunStore implements RunStore {

    private final JobFiles files;
    private final StoredEvents stored;
    private final Map<String, JobInfo> infos = new ConcurrentSkipListMap<>(JobTable.NEWEST_FIRST);
    private final Map<String, Boolean> reopened = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();
    private final int recent;

    /**
     * The records under {@code dir}, keeping {@code recent} progress events per ended job when read
     * back; throws when the directory cannot be read, naming it.
     */
    public FileRunStore(Path dir, int recent) {
        this.files = new JobFiles(dir);
        this.recent = Math.max(0, recent);
        this.stored = new StoredEvents(files, this.recent);
        try {
            for (JobInfo info : files.loadInfos()) {
                infos.put(info.id(), info);
                counter.accumulateAndGet(JobTable.number(info.id()), Math::max);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the job records in " + dir + ": " + Directories.reason(e), e);
        }
    }

    JobFiles files() {
        return files;
    }

    @Override
    public String location() {
        return files.dir().toString();
    }

    @Override
    public String nextId() {
        return String.format("job-%06d", counter.incrementAndGet());
    }

    @Override
    public void reserveIds(long number) {
        counter.accumulateAndGet(number, Math::max);
    }

    @Override
    public void create(JobInfo info, String owner, List<JobEvent> events, List<MetricPoint> metrics) throws IOException {
        Path file = files.infoFile(info.id());
        try {
            files.saveInfo(info);
            file = files.eventsFile(info.id());
            files.append(info.id(), events);
        } catch (IOException e) {
            files.forget(info.id());
            throw new IOException("cannot write " + file + ": " + Directories.reason(e), e);
        }
        infos.put(info.id(), info);
        counter.accumulateAndGet(JobTable.number(info.id()), Math::max);
    }

    @Override
    public void save(JobInfo info) throws IOException {
        try {
            files.saveInfo(info);
        } catch (IOException e) {
            throw new IOException("cannot write " + files.infoFile(info.id()) + ": " + Directories.reason(e), e);
        }
        infos.put(info.id(), info);
    }

    @Override
    public void append(String jobId, List<JobEvent> events) throws IOException {
        try {
            files.append(jobId, events);
        } catch (IOException e) {
            throw new IOException("cannot write " + files.eventsFile(jobId) + ": " + Directories.reason(e), e);
        }
        JobInfo info = infos.get(jobId);
        if (info != null && info.state().terminal()) {
            stored.forget(jobId);
        }
    }

    /** Nothing: the series is derived from the epoch-end events. */
    @Override
    public void appendMetrics(String jobId, List<MetricPoint> points) {
    }

    @Override
    public void delete(String jobId) {
        files.forget(jobId);
        infos.remove(jobId);
        stored.forget(jobId);
    }

    @Override
    public Optional<JobInfo> job(String id) {
        return Optional.ofNullable(infos.get(id));
    }

    @Override
    public Page<JobInfo> jobs(int offset, int limit) {
        return Page.of(List.copyOf(infos.values()), offset, limit);
    }

    @Override
    public List<StoredJob> unfinished() {
        List<StoredJob> out = new ArrayList<>();
        infos.values().stream().filter(i -> !i.state().terminal()).sorted(Comparator.comparing(JobInfo::id,
                JobTable.NEWEST_FIRST.reversed())).forEach(i -> out.add(new StoredJob(i, "")));
        return out;
    }

    /**
     * Takes over a job that has not ended; its event log is made ready for more lines first
     * ({@link JobFiles#reopen}): a line torn by a crash is ended.
     */
    @Override
    public boolean claim(String jobId, String from, String to) throws IOException {
        if (reopened.putIfAbsent(jobId, Boolean.TRUE) == null) {
            files.reopen(jobId, files.loadEvents(jobId, recent));
            stored.forget(jobId);
        }
        return true;
    }

    @Override
    public List<JobEvent> events(String jobId, long after, int limit) throws IOException {
        return log(jobId).page(after, limit);
    }

    /** The kept events: of an ended job from the cache, of another from its files, as they are now. */
    private EventLog log(String jobId) throws IOException {
        JobInfo info = infos.get(jobId);
        return info != null && info.state().terminal() ? stored.get(jobId) : files.loadEvents(jobId, recent);
    }

    @Override
    public List<MetricPoint> metrics(String jobId) throws IOException {
        return infos.containsKey(jobId) ? Metrics.of(log(jobId).all()) : List.of();
    }
}
