package io.engram.kernel.internal;

import io.engram.kernel.JobInfo;
import io.engram.kernel.Page;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The job manager's records by id, newest first ({@code job-000012} before {@code job-000011}), and
 * the numbering of new jobs: a new id is one above the highest number seen, so ids are never reused
 * across restarts. Thread-safe.
 */
final class JobTable {
    private static final Pattern ID = Pattern.compile("job-(\\d+)");
    /** Newest first: by number, then by id. */
    static final Comparator<String> NEWEST_FIRST =
            Comparator.comparingLong(JobTable::number).thenComparing(Comparator.naturalOrder()).reversed();

    private final ConcurrentSkipListMap<String, JobRecord> jobs = new ConcurrentSkipListMap<>(NEWEST_FIRST);
    private final AtomicLong counter = new AtomicLong();

    /** Adds a record, read back or new; its number counts for the next id. */
    void put(JobRecord rec) {
        Matcher m = ID.matcher(rec.id);
        if (m.matches()) {
            counter.accumulateAndGet(Long.parseLong(m.group(1)), Math::max);
        }
        jobs.put(rec.id, rec);
    }

    /** The id of the next job: {@code job-} and six or more digits. */
    String nextId() {
        return String.format("job-%06d", counter.incrementAndGet());
    }

    /** The record of {@code id}, or null. */
    JobRecord get(String id) {
        return jobs.get(id);
    }

    /** Every record, newest first; a live view. */
    Collection<JobRecord> all() {
        return jobs.values();
    }

    /** Up to {@code limit} infos from {@code offset} on, newest first, with the total count. */
    Page<JobInfo> page(int offset, int limit) {
        List<JobInfo> page = new ArrayList<>(Math.min(Math.max(0, limit), 1024));
        Iterator<JobRecord> it = jobs.values().iterator();
        long total = 0;
        while (it.hasNext()) {
            JobRecord rec = it.next();
            if (total >= offset && page.size() < limit) {
                page.add(rec.info());
            }
            total++;
        }
        return new Page<>(page, Math.max(0, offset), Math.max(0, limit), total);
    }

    private static long number(String id) {
        Matcher m = ID.matcher(id);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
