package io.engram.app.processprediction.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/**
 * Timestamps as event logs write them, to seconds since 1970-01-01T00:00Z: ISO-8601 with an offset
 * or {@code Z} ({@code 2026-01-05T08:00:00.000+01:00}, as XES writes {@code time:timestamp}), or
 * without one ({@code 2026-01-05T08:00:00}, {@code 2026-01-05 08:00:00}, {@code 2026-01-05}), read as
 * UTC. Stateless.
 */
final class Timestamps {
    private Timestamps() {
    }

    /** The seconds of {@code text}, or empty when it is none of the accepted forms. */
    static OptionalLong parse(String text) {
        String s = text.strip().replace(' ', 'T');
        try {
            return OptionalLong.of(OffsetDateTime.parse(s).toEpochSecond());
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return OptionalLong.of(LocalDateTime.parse(s).toEpochSecond(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return OptionalLong.of(LocalDate.parse(s).atStartOfDay().toEpochSecond(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return OptionalLong.empty();
        }
    }

    /** {@code seconds} as XES writes a date: ISO-8601 in UTC with milliseconds. */
    static String format(long seconds) {
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds), ZoneOffset.UTC)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX"));
    }
}
