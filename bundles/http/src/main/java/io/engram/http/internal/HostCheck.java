package io.engram.http.internal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The host names a request may carry in its {@code Host} header, a defence against DNS rebinding: a
 * web page whose own name has been pointed at this machine still sends that name, and is refused.
 * Allowed, on any port: {@code localhost}, {@code 127.0.0.1}, {@code [::1]}, the address the server
 * is bound to (unless it is a wildcard such as {@code 0.0.0.0}), and the configured names;
 * {@code *} among them turns the check off. Names compare without case and without a trailing dot.
 * Immutable and thread-safe.
 */
final class HostCheck {
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "::1");

    private final Set<String> allowed;
    private final boolean any;

    private HostCheck(Set<String> allowed, boolean any) {
        this.allowed = Set.copyOf(allowed);
        this.any = any;
    }

    /**
     * @param boundHost  the address the server listens on (a name or a literal, IPv6 with or
     *                   without brackets)
     * @param configured extra names; each may carry a port, which is ignored
     */
    static HostCheck of(String boundHost, Collection<String> configured) {
        Set<String> names = new LinkedHashSet<>(LOOPBACK_NAMES);
        String bound = normalise(boundHost);
        if (!bound.isEmpty() && !Loopback.isWildcard(bound)) {
            names.add(bound);
        }
        boolean any = false;
        for (String c : configured) {
            if (c.trim().equals("*")) {
                any = true;
            } else if (!c.isBlank()) {
                names.add(normalise(name(c.trim())));
            }
        }
        return new HostCheck(names, any);
    }

    /** Empty when the {@code Host} header is allowed; else the 421 answer naming it. */
    Optional<ApiResponse> check(Optional<String> hostHeader) {
        if (any) {
            return Optional.empty();
        }
        if (hostHeader.isEmpty() || hostHeader.get().isBlank()) {
            return Optional.of(ApiResponse.error(421, "a Host header is required"));
        }
        String name = normalise(name(hostHeader.get().trim()));
        if (allowed.contains(name)) {
            return Optional.empty();
        }
        return Optional.of(ApiResponse.error(421, "host '" + name + "' is not served here: add it to"
                + " http.allowed.hosts if this server is meant to answer to that name"));
    }

    /** The allowed names, brackets removed, for messages and tests. */
    Set<String> allowed() {
        return allowed;
    }

    /** The host part of {@code host[:port]} or {@code [v6][:port]}. */
    static String name(String hostAndPort) {
        if (hostAndPort.startsWith("[")) {
            int end = hostAndPort.indexOf(']');
            return end < 0 ? hostAndPort : hostAndPort.substring(0, end + 1);
        }
        int colon = hostAndPort.indexOf(':');
        if (colon >= 0 && hostAndPort.indexOf(':', colon + 1) < 0) {
            return hostAndPort.substring(0, colon);
        }
        return hostAndPort;
    }

    /** Lower case, without IPv6 brackets or one trailing dot. */
    static String normalise(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (n.startsWith("[") && n.endsWith("]")) {
            n = n.substring(1, n.length() - 1);
        }
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        return n;
    }
}
