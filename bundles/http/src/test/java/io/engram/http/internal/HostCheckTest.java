package io.engram.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostCheckTest {

    private static boolean allows(HostCheck c, String host) {
        return c.check(Optional.ofNullable(host)).isEmpty();
    }

    @Test
    void loopbackNamesOnAnyPortByDefault() {
        HostCheck c = HostCheck.of("127.0.0.1", List.of());
        for (String h : List.of("localhost", "localhost:8686", "LOCALHOST:1", "127.0.0.1", "127.0.0.1:8686",
                "[::1]", "[::1]:8686", "localhost.:8686")) {
            assertTrue(allows(c, h), h);
        }
        assertEquals(Set.of("localhost", "127.0.0.1", "::1"), c.allowed());
    }

    @Test
    void otherNamesAndRebindingNamesGet421() {
        HostCheck c = HostCheck.of("127.0.0.1", List.of());
        for (String h : List.of("evil.example", "evil.example:8686", "127.0.0.1.nip.io:8686",
                "7f000001.c0a80001.rbndr.us", "localhost.evil.example", "127.0.0.2", "[::2]:8686")) {
            assertTrue(!allows(c, h), h);
        }
        ApiResponse r = c.check(Optional.of("evil.example:8686")).orElseThrow();
        assertEquals(421, r.status());
        assertEquals("{\"error\":\"host 'evil.example' is not served here: add it to http.allowed.hosts if this "
                + "server is meant to answer to that name\"}", r.body().toString());
        ApiResponse none = c.check(Optional.empty()).orElseThrow();
        assertEquals(421, none.status());
        assertEquals("a Host header is required", none.body().get("error").asText());
    }

    @Test
    void boundAddressAndConfiguredNamesAreAdded() {
        HostCheck bound = HostCheck.of("10.1.2.3", List.of("engram.lab.example", "Other.Example:9000", "[fd00::5]"));
        assertTrue(allows(bound, "10.1.2.3:8686"));
        assertTrue(allows(bound, "engram.lab.example:8686"));
        assertTrue(allows(bound, "other.example"));
        assertTrue(allows(bound, "[fd00::5]:1"));
        assertTrue(!allows(bound, "10.1.2.4"));
        HostCheck wildcard = HostCheck.of("0.0.0.0", List.of());
        assertEquals(Set.of("localhost", "127.0.0.1", "::1"), wildcard.allowed());
        assertTrue(!allows(wildcard, "0.0.0.0"));
        HostCheck v6 = HostCheck.of("::1", List.of());
        assertTrue(allows(v6, "[::1]:8686"));
    }

    @Test
    void starTurnsTheCheckOff() {
        HostCheck any = HostCheck.of("127.0.0.1", List.of("*"));
        assertTrue(allows(any, "evil.example"));
        assertTrue(allows(any, null));
    }
}
