package io.engram.http.internal;

import io.vavr.control.Either;
import java.util.Map;

/**
 * Reads the paging parameters of a listing ({@code offset}, {@code limit}, {@code after}) from a
 * query; a value that is not an integer in range is a 400 answer naming the parameter. Stateless.
 */
final class Paging {
    static final int JOBS_LIMIT = 50;
    static final int JOBS_MAX = 500;
    static final int EVENTS_LIMIT = 1000;
    static final int EVENTS_MAX = 10_000;

    private Paging() {
    }

    /** The integer {@code name} in [min, max], {@code fallback} when absent or empty. */
    static Either<ApiResponse, Integer> integer(Map<String, String> query, String name, int fallback, int min, int max) {
        return number(query, name, fallback, min, max).map(Long::intValue);
    }

    /** The event sequence number {@code after}: -1 (from the first) when absent. */
    static Either<ApiResponse, Long> after(Map<String, String> query) {
        return number(query, "after", -1, -1, Long.MAX_VALUE);
    }

    private static Either<ApiResponse, Long> number(Map<String, String> query, String name, long fallback,
                                                    long min, long max) {
        String raw = query.get(name);
        if (raw == null || raw.isEmpty()) {
            return Either.right(fallback);
        }
        try {
            long v = Long.parseLong(raw.trim());
            if (v >= min && v <= max) {
                return Either.right(v);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        String range = max == Long.MAX_VALUE || max == Integer.MAX_VALUE ? ">= " + min : "in [" + min + ", " + max + "]";
        return Either.left(ApiResponse.error(400, name + ": expected an integer " + range + ", got '" + raw + "'"));
    }
}
