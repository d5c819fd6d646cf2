package io.engram.http.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a configured listening address keeps the server on this machine. Loopback: the name
 * {@code localhost}, any IPv4 address in 127.0.0.0/8 and {@code ::1}. Every other name is taken as
 * reaching beyond the machine (no name is looked up), and so are the wildcards {@code 0.0.0.0} and
 * {@code ::}, which listen on every interface. Stateless.
 */
final class Loopback {
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    private Loopback() {
    }

    /** True for {@code localhost}, 127.0.0.0/8 and {@code ::1} (with or without brackets). */
    static boolean is(String host) {
        String h = HostCheck.normalise(host);
        if (h.equals("localhost")) {
            return true;
        }
        return literal(h).map(InetAddress::isLoopbackAddress).orElse(false);
    }

    /** True for the addresses that listen on every interface, {@code 0.0.0.0} and {@code ::}. */
    static boolean isWildcard(String host) {
        String h = HostCheck.normalise(host);
        return literal(h).map(InetAddress::isAnyLocalAddress).orElse(false);
    }

    /** The address an IP literal denotes, without any name lookup; empty for names. */
    private static Optional<InetAddress> literal(String h) {
        boolean v4 = IPV4.matcher(h).matches();
        if (v4 ? !octets(h) : !h.contains(":")) {
            return Optional.empty();
        }
        try {
            // brackets make the JDK parse an IPv6 literal or fail, never look a name up
            return Optional.of(InetAddress.getByName(v4 ? h : "[" + h.toLowerCase(Locale.ROOT) + "]"));
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static boolean octets(String v4) {
        for (String o : v4.split("\\.")) {
            if (Integer.parseInt(o) > 255) {
                return false;
            }
        }
        return true;
    }
}
