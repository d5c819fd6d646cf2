package io.engram.http.internal;

import java.util.Optional;
import java.util.Set;

/**
 * Who may ask what: the bearer token, whether reads need it too, the {@code Host} names served and
 * the origins allowed across sites. Immutable and thread-safe.
 *
 * @param token           the token that POST and DELETE, and reads when {@code readsNeedToken}, present
 * @param readsNeedToken  whether GET and HEAD need the token
 * @param hosts           the names accepted in {@code Host}
 * @param cors            the cross-origin policy
 */
record Access(BearerToken token, boolean readsNeedToken, HostCheck hosts, CorsPolicy cors) {
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

    /** Reads open, served on the loopback names only, CORS closed: the defaults on 127.0.0.1. */
    static Access loopback(BearerToken token) {
        return new Access(token, false, HostCheck.of("127.0.0.1", Set.of()), CorsPolicy.closed());
    }

    static boolean mutating(String method) {
        return MUTATING.contains(method);
    }

    /**
     * Empty when the method may go ahead with these credentials; else the 401 answer, which closes
     * the connection: the request's body is never read, and a client that sent the next request on
     * the same connection would find it closed under it.
     */
    Optional<ApiResponse> authorise(String method, Optional<String> authorization) {
        if ((!mutating(method) && !readsNeedToken) || token.accepts(authorization)) {
            return Optional.empty();
        }
        boolean sent = authorization.isPresent();
        return Optional.of(ApiResponse.error(401, sent ? "invalid bearer token" : "bearer token required")
                .withHeader("WWW-Authenticate", sent
                        ? "Bearer realm=\"engram\", error=\"invalid_token\""
                        : "Bearer realm=\"engram\"").withHeader("Connection", "close"));
    }

    /**
     * Empty unless a mutating request comes from a web page of another origin that CORS does not
     * allow; then the 403 answer.
     */
    Optional<ApiResponse> crossSite(String method, Optional<String> origin, Optional<String> host) {
        if (!mutating(method) || origin.isEmpty() || cors.allows(origin) || CorsPolicy.sameOrigin(origin.get(), host)) {
            return Optional.empty();
        }
        return Optional.of(ApiResponse.error(403, "origin '" + origin.get()
                + "' may not change anything here (http.cors.origins)"));
    }
}
