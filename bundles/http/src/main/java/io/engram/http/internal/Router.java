package io.engram.http.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a method and a path to a handler. Patterns are literal segments and {@code {name}}
 * placeholders, such as {@code /jobs/{id}/events}; a placeholder matches one non-empty segment and
 * its value is passed to the handler in order. A trailing slash on the request path is ignored.
 * Built once, then read-only and thread-safe.
 */
final class Router {

    /** Answers one request whose path matched; {@code params} are the placeholder values in order. */
    @FunctionalInterface
    interface Handler {
        ApiResponse handle(ApiRequest request, List<String> params);
    }

    /**
     * The result of looking up a path: the handlers of each method the path allows, and the
     * placeholder values.
     */
    record Resolved(Map<String, Handler> handlers, List<String> params) {
        /** Allowed methods, comma-separated, as sent in {@code Allow}; HEAD goes wherever GET does. */
        String allow() {
            List<String> methods = new ArrayList<>();
            for (String m : handlers.keySet()) {
                methods.add(m);
                if (m.equals("GET")) {
                    methods.add("HEAD");
                }
            }
            return String.join(", ", methods);
        }
    }

    private record Route(String[] segments, Map<String, Handler> handlers) {
    }

    private final List<Route> routes = new ArrayList<>();

    /** Adds a handler; routes are tried in the order added, so put literal routes before placeholders. */
    Router add(String method, String pattern, Handler handler) {
        String[] segments = split(pattern);
        for (Route r : routes) {
            if (Arrays.equals(r.segments, segments)) {
                r.handlers.put(method, handler);
                return this;
            }
        }
        Map<String, Handler> handlers = new LinkedHashMap<>();
        handlers.put(method, handler);
        routes.add(new Route(segments, handlers));
        return this;
    }

    /** The route the path names, or empty when none does (404). */
    Optional<Resolved> resolve(String path) {
        String[] given = split(path);
        for (Route r : routes) {
            List<String> params = match(r.segments, given);
            if (params != null) {
                return Optional.of(new Resolved(orderedCopy(r.handlers), List.copyOf(params)));
            }
        }
        return Optional.empty();
    }

    private static Map<String, Handler> orderedCopy(Map<String, Handler> handlers) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(handlers));
    }

    private static List<String> match(String[] pattern, String[] given) {
        if (pattern.length != given.length) {
            return null;
        }
        List<String> params = new ArrayList<>();
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].startsWith("{") && pattern[i].endsWith("}")) {
                if (given[i].isEmpty()) {
                    return null;
                }
                params.add(given[i]);
            } else if (!pattern[i].equals(given[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        String p = path == null ? "" : path;
        if (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }
}
