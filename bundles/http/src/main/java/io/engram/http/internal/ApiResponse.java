package io.engram.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the {@link Api} answers: a status, extra headers and a body, which is JSON, or text of
 * another type, or a stream of server-sent events. Built whole, then only read; {@link #withHeader}
 * returns a copy.
 *
 * @param status   HTTP status code
 * @param headers  headers besides {@code Content-Type}, in order
 * @param body     the JSON document sent with {@code application/json}, or null for none (204) or
 *                 when {@code other} is given
 * @param other    a body that is not JSON, or null
 */
record ApiResponse(int status, Map<String, String> headers, JsonNode body, Other other) {

    /** A body that is not JSON. */
    sealed interface Other {
    }

    /** Text sent as it is, with its media type (such as {@code text/csv;charset=UTF-8}). */
    record Text(String contentType, String text) implements Other {
    }

    /** Server-sent events, written by the servlet as they come until the stream ends. */
    record Events(JobStream stream) implements Other {
    }

    ApiResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    ApiResponse(int status, Map<String, String> headers, JsonNode body) {
        this(status, headers, body, null);
    }

    static ApiResponse of(int status, JsonNode body) {
        return new ApiResponse(status, Map.of(), body);
    }

    static ApiResponse text(int status, String contentType, String text) {
        return new ApiResponse(status, Map.of(), null, new Text(contentType, text));
    }

    static ApiResponse events(JobStream stream) {
        return new ApiResponse(200, Map.of(), null, new Events(stream));
    }

    static ApiResponse error(int status, String message) {
        return of(status, Json.error(message));
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiResponse(status, h, body, other);
    }
}
