package io.engram.http.internal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Which web origins may call the API from a browser (CORS). Closed unless origins are configured:
 * then no {@code Access-Control-Allow-*} header is ever sent and every preflight gets 403. A
 * configured origin gets preflights answered (204) and its responses marked readable, each with
 * {@code Vary: Origin}. A mutating request whose {@code Origin} is neither configured nor this
 * server's own is refused (403) whatever its token. {@code *} is not accepted: a page from anywhere
 * could then read what the loopback server answers without a token. Immutable and thread-safe.
 */
final class CorsPolicy {
    static final String ALLOW_HEADERS = "Authorization, Content-Type, Last-Event-ID";
    static final String EXPOSE_HEADERS = "Location, Retry-After, Link, X-Total-Count, WWW-Authenticate";
    static final String MAX_AGE_SECONDS = "600";
    private static final Pattern ORIGIN = Pattern.compile("https?://[^/?#@\\s]+");

    private final Set<String> origins;

    private CorsPolicy(Set<String> origins) {
        this.origins = Set.copyOf(origins);
    }

    /** The policy for the configured origins; entries that are not origins are reported to {@code warn} and dropped. */
    static CorsPolicy of(Collection<String> configured, Consumer<String> warn) {
        Set<String> origins = new LinkedHashSet<>();
        for (String raw : configured) {
            String o = raw.trim();
            if (o.isEmpty()) {
                continue;
            }
            if (o.equals("*")) {
                warn.accept("http.cors.origins: '*' is not accepted (any web page could read the API); "
                        + "list each origin, such as https://app.example:8443");
            } else if (!ORIGIN.matcher(o).matches()) {
                warn.accept("http.cors.origins: '" + o + "' is not an origin (scheme://host[:port], no path); ignored");
            } else {
                origins.add(normalise(o));
            }
        }
        return new CorsPolicy(origins);
    }

    static CorsPolicy closed() {
        return new CorsPolicy(Set.of());
    }

    boolean enabled() {
        return !origins.isEmpty();
    }

    boolean allows(Optional<String> origin) {
        return origin.isPresent() && origins.contains(normalise(origin.get()));
    }

    /** True when {@code origin} is the one the request was addressed to ({@code Host}), so not cross-origin. */
    static boolean sameOrigin(String origin, Optional<String> host) {
        if (host.isEmpty() || !ORIGIN.matcher(origin.trim()).matches()) {
            return false;
        }
        String o = normalise(origin);
        String h = host.get().trim().toLowerCase(Locale.ROOT);
        String authority = o.substring(o.indexOf("://") + 3);
        return authority.equals(h) || (authority + ":" + (o.startsWith("https:") ? "443" : "80")).equals(h);
    }

    /** The answer to a preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}). */
    ApiResponse preflight(Optional<String> origin, String requestedMethod, Optional<Router.Resolved> route, String path) {
        if (!enabled()) {
            return ApiResponse.error(403, "cross-origin requests are not enabled here (http.cors.origins)");
        }
        if (!allows(origin)) {
            return ApiResponse.error(403, "origin '" + origin.orElse("") + "' is not allowed (http.cors.origins)")
                    .withHeader("Vary", "Origin");
        }
        if (route.isEmpty()) {
            return decorate(ApiResponse.error(404, "no such resource: /api" + path), origin);
        }
        String allow = route.get().allow();
        if (!(", " + allow + ", ").contains(", " + requestedMethod.trim().toUpperCase(Locale.ROOT) + ", ")) {
            return decorate(ApiResponse.error(403, requestedMethod + " not allowed on /api" + path
                    + " (allowed: " + allow + ")"), origin);
        }
        return new ApiResponse(204, Map.of(), null).withHeader("Access-Control-Allow-Origin", origin.get())
                .withHeader("Access-Control-Allow-Methods", allow)
                .withHeader("Access-Control-Allow-Headers", ALLOW_HEADERS)
                .withHeader("Access-Control-Max-Age", MAX_AGE_SECONDS)
                .withHeader("Vary", "Origin");
    }

    /** The answer with the headers that let an allowed origin read it; unchanged when CORS is closed. */
    ApiResponse decorate(ApiResponse answer, Optional<String> origin) {
        if (!enabled()) {
            return answer;
        }
        ApiResponse r = answer.withHeader("Vary", "Origin");
        if (!allows(origin)) {
            return r;
        }
        return r.withHeader("Access-Control-Allow-Origin", origin.get())
                .withHeader("Access-Control-Expose-Headers", EXPOSE_HEADERS);
    }

    /** Lower case, without the scheme's default port. */
    private static String normalise(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        if (o.startsWith("http://") && o.endsWith(":80")) {
            return o.substring(0, o.length() - 3);
        }
        if (o.startsWith("https://") && o.endsWith(":443")) {
            return o.substring(0, o.length() - 4);
        }
        return o;
    }
}
