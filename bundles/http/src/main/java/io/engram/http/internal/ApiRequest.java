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
 * @param query          decoded query parameters; the first value of each name
 * @param header         header value by case-insensitive name, or empty
 * @param contentLength  declared body length, or -1 when unknown (chunked)
 * @param body           the body stream; read at most once, and only by the handler that needs it
 */
record ApiRequest(String method, String path, Map<String, String> query, Function<String, Optional<String>> header,
                  long contentLength, InputStream body) {

    ApiRequest {
        query = Map.copyOf(query);
    }

    Optional<String> header(String name) {
        return header.apply(name);
    }
}
