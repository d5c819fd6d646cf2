package io.engram.kernel.internal;

import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.MetricPoint;
import io.engram.kernel.Page;
import io.engram.kernel.spi.RunStore;
import io.engram.kernel.spi.StoredJob;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A run store in memory that several job managers share, as processes share a database. Thread-safe. */
final class MemoryRunStore implements RunStore {

    private final Map<String, StoredJob> jobs = new TreeMap<>(JobTable.NEWEST_FIRST);
    private final Map<String, TreeMap<Long, JobEvent>> events = new TreeMap<>();
    private final Map<String, Map<String, MetricPoint>> metrics = new TreeMap<>();
    private long last;

    @Override
    public String location() {
        return "memory";
    }

    @Override
    public synchronized String nextId() {
        return String.format("job-%06d", ++last);
    }

    @Override
    public synchronized void reserveIds(long number) {
        last = Math.max(last, number);
    }

    @Override
    public synchronized void create(JobInfo info, String owner, List<JobEvent> first, List<MetricPoint> points)
            throws IOException {
        if (jobs.containsKey(info.id())) {
            throw new IOException("cannot write " + info.id() + ": exists");
        }
        jobs.put(info.id(), new StoredJob(info, owner));
        append(info.id(), first);
        appendMetrics(info.id(), points);
    }

    @Override
    public synchronized void save(JobInfo info) {
        jobs.put(info.id(), new StoredJob(info, jobs.get(info.id()).owner()));
    }

    @Override
    public synchronized void append(String jobId, List<JobEvent> list) {
        list.forEach(e -> events.computeIfAbsent(jobId, k -> new TreeMap<>()).put(e.seq(), e));
    }

    @Override
    public synchronized void appendMetrics(String jobId, List<MetricPoint> points) {
        points.forEach(p -> metrics.computeIfAbsent(jobId, k -> new TreeMap<>())
                .put(String.format("%09d/%s/%s", p.step(), p.split(), p.name()), p));
    }

    @Override
    public synchronized void delete(String jobId) {
        jobs.remove(jobId);
        events.remove(jobId);
        metrics.remove(jobId);
    }

    @Override
    public synchronized Optional<JobInfo> job(String id) {
        return Optional.ofNullable(jobs.get(id)).map(StoredJob::info);
    }

    @Override
    public synchronized Page<JobInfo> jobs(int offset, int limit) {
        return Page.of(jobs.values().stream().map(StoredJob::info).toList(), offset, limit);
    }

    @Override
    public synchronized List<StoredJob> unfinished() {
        return jobs.values().stream().filter(j -> !j.info().state().terminal())
                .sorted(Comparator.comparing(j -> j.info().id(), JobTable.NEWEST_FIRST.reversed())).toList();
    }

    @Override
    public synchronized boolean claim(String jobId, String from, String to) {
        StoredJob j = jobs.get(jobId);
        if (j == null || !j.owner().equals(from) || j.info().state().terminal()) {
            return false;
        }
        jobs.put(jobId, new StoredJob(j.info(), to));
        return true;
    }

    @Override
    public synchronized List<JobEvent> events(String jobId, long after, int limit) {
        return events.getOrDefault(jobId, new TreeMap<>()).tailMap(after, false).values().stream().limit(limit).toList();
    }

    @Override
    public synchronized List<MetricPoint> metrics(String jobId) {
        return new ArrayList<>(metrics.getOrDefault(jobId, Map.of()).values());
    }

    synchronized String owner(String jobId) {
        return jobs.get(jobId).owner();
    }
}
