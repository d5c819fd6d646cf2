package io.engram.kernel.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The events of jobs that have ended, read from their event logs when asked; the {@value #CACHED}
 * most recently used logs stay in memory, each bounded as any {@link EventLog}. A log here is only
 * read, never changed. Thread-safe.
 */
final class StoredEvents {

    static final int CACHED = 8;

    private final JobFiles files;
    private final int recent;
    private final Map<String, EventLog> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, EventLog> eldest) {
            return size() > CACHED;
        }
    };

    StoredEvents(JobFiles files, int recent) {
        this.files = files;
        this.recent = recent;
    }

    /** Drops the cached log of a job whose files changed. */
    synchronized void forget(String id) {
        cache.remove(id);
    }

    /** The job's kept events, from the cache or its files. */
    EventLog get(String id) throws IOException {
        synchronized (this) {
            EventLog cached = cache.get(id);
            if (cached != null) {
                return cached;
            }
        }
        EventLog read = files.loadEvents(id, recent);
        synchronized (this) {
            cache.put(id, read);
        }
        return read;
    }
}
