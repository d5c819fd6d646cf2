package io.engram.app.processprediction.internal;

import java.util.Comparator;
import java.util.List;

/**
 * One case of an event log: its id and its events in time order (ties keep the log's order).
 * Immutable.
 *
 * @param id     the case id ({@code concept:name} of the XES trace, the CSV's case column)
 * @param events the events, sorted by time
 */
record Trace(String id, List<Event> events) {

    Trace {
        events = events.stream().sorted(Comparator.comparingLong(Event::time)).toList();
    }

    /** One event: its activity and its time in seconds since 1970-01-01T00:00Z. */
    record Event(String activity, long time) {
    }

    int length() {
        return events.size();
    }

    long start() {
        return events.get(0).time();
    }

    long end() {
        return events.get(events.size() - 1).time();
    }
}
