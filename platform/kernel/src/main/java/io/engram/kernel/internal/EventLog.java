package io.engram.kernel.internal;

import io.engram.api.TrainingEvent;
import io.engram.kernel.JobEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The events a job's record keeps: every event that is not progress (state changes, epoch ends,
 * messages, stops), and a ring of the {@code recent} latest progress events, the older ones
 * dropped. Sequence numbers are given out in order and never reused, so a number names the same
 * event for good; where dropped progress events were, the kept numbers have gaps.
 *
 * <p>Reading a page finds its start by binary search in both parts and merges them, so it costs the
 * page's length and a logarithm, never a copy of the whole log. Not thread-safe: the owner (the
 * job's {@link JobRecord}) guards it with its monitor; a log loaded from disk is only read.
 */
final class EventLog {

    private final List<JobEvent> kept = new ArrayList<>();
    private final JobEvent[] ring;
    private int head;
    private int size;
    private long next;

    EventLog(int recent) {
        this.ring = new JobEvent[Math.max(0, recent)];
    }

    /** A log holding {@code events} (in any order) as their job left them, bounded as any other. */
    static EventLog of(int recent, List<JobEvent> events) {
        EventLog log = new EventLog(recent);
        events.stream().sorted(Comparator.comparingLong(JobEvent::seq)).forEach(log::add);
        return log;
    }

    static boolean isProgress(JobEvent e) {
        return e.event() instanceof TrainingEvent.Progress;
    }

    /** The sequence number the next event gets. */
    long nextSeq() {
        return next;
    }

    /** Keeps {@code e}, whose number must not be below {@link #nextSeq()}; progress goes to the ring. */
    void add(JobEvent e) {
        next = Math.max(next, e.seq() + 1);
        if (!isProgress(e)) {
            kept.add(e);
        } else if (ring.length > 0) {
            ring[(head + size) % ring.length] = e;
            if (size < ring.length) {
                size++;
            } else {
                head = (head + 1) % ring.length;
            }
        }
    }

    /** How many events are kept. */
    int size() {
        return kept.size() + size;
    }

    /** The progress events in the ring, oldest first. */
    List<JobEvent> recentProgress() {
        List<JobEvent> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(progress(i));
        }
        return out;
    }

    private JobEvent progress(int i) {
        return ring[(head + i) % ring.length];
    }

    /** At most {@code limit} kept events numbered above {@code after}, in order. */
    List<JobEvent> page(long after, int limit) {
        int k = firstAbove(kept.size(), i -> kept.get(i).seq(), after);
        int p = firstAbove(size, i -> progress(i).seq(), after);
        List<JobEvent> out = new ArrayList<>(Math.min(Math.max(0, limit), kept.size() - k + size - p));
        while (out.size() < limit && (k < kept.size() || p < size)) {
            if (p >= size || (k < kept.size() && kept.get(k).seq() < progress(p).seq())) {
                out.add(kept.get(k++));
            } else {
                out.add(progress(p++));
            }
        }
        return out;
    }

    /** Every kept event, in order. */
    List<JobEvent> all() {
        return page(-1, Integer.MAX_VALUE);
    }

    private static int firstAbove(int n, java.util.function.IntToLongFunction seq, long after) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (seq.applyAsLong(mid) <= after) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
