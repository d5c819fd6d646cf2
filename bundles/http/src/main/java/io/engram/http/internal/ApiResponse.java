package io.engram.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the {@link Api} answers: a status, extra headers and a JSON body. Built whole, then only
 * read; {@link #withHeader} returns a copy.
 *
 * @param status   HTTP status code
 * @param headers  headers besides {@code Content-Type}, in order
 * @param body     the JSON document sent with {@code application/json}, or null for none (204)
 */
record ApiResponse(int status, Map<String, String> headers, JsonNode body) {

    ApiResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    static ApiResponse of(int status, JsonNode body) {
        return new ApiResponse(status, Map.of(), body);
    }

    static ApiResponse error(int status, String message) {
        return of(status, Json.error(message));
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiResponse(status, h, body);
    }
}
