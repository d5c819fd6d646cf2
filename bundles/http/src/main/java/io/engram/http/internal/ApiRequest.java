package io.engram.http.internal;

import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One HTTP request as the {@link Api} sees it, independent of the servlet API.
 *
 * @param method         upper-case HTTP method
 * @param path           path below {@code /api}, starting with {@code /} (decoded)
 * @param rawQuery       the query string as sent (still encoded), or null
 * @param header         header value by case-insensitive name, or empty
 * @param contentLength  declared body length, or -1 when unknown (chunked)
 * @param body           the body stream; read at most once, and only by the handler that needs it
 */
record ApiRequest(String method, String path, String rawQuery, Function<String, Optional<String>> header,
                  long contentLength, InputStream body) {

    /**
     * The decoded query parameters, the first value of each name.
     *
     * @throws IllegalArgumentException on a malformed percent escape
     */
    Map<String, String> query() {
        return Map.copyOf(Api.query(rawQuery));
    }

    Optional<String> header(String name) {
        return header.apply(name);
    }
}
