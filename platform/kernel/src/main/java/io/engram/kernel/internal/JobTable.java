package io.engram.kernel.internal;

import io.engram.kernel.JobInfo;
import io.engram.kernel.Page;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The records this job manager holds in memory, by id, newest first ({@code job-000012} before
 * {@code job-000011}): the jobs it queued, runs or ran since it started, and those it took over at
 * start ({@link Restart}). Other jobs are read from the run store. Thread-safe.
 */
final class JobTable {
    private static final Pattern ID = Pattern.compile("job-(\\d+)");
    /** Newest first: by number, then by id. */
    static final Comparator<String> NEWEST_FIRST =
            Comparator.comparingLong(JobTable::number).thenComparing(Comparator.naturalOrder()).reversed();

    private final ConcurrentSkipListMap<String, JobRecord> jobs = new ConcurrentSkipListMap<>(NEWEST_FIRST);

    /** Adds a record, taken over or new. */
    void put(JobRecord rec) {
        jobs.put(rec.id, rec);
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

    static long number(String id) {
        Matcher m = ID.matcher(id);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
