package io.engram.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopbackTest {

    @Test
    void loopbackAddressesAndTheNameLocalhost() {
        for (String h : List.of("127.0.0.1", "127.5.6.7", "127.255.255.254", "::1", "[::1]", "0:0:0:0:0:0:0:1",
                "localhost", "LocalHost", "localhost.")) {
            assertTrue(Loopback.is(h), h);
        }
    }

    @Test
    void wildcardsOtherAddressesAndOtherNamesAreNot() {
        for (String h : List.of("0.0.0.0", "::", "[::]", "10.0.0.1", "128.0.0.1", "192.168.1.2", "fe80::1",
                "127.0.0.256", "localhost.example", "example.com", "", "127.0.0.1.nip.io")) {
            assertFalse(Loopback.is(h), h);
        }
        assertTrue(Loopback.isWildcard("0.0.0.0"));
        assertTrue(Loopback.isWildcard("::"));
        assertFalse(Loopback.isWildcard("127.0.0.1"));
        assertFalse(Loopback.isWildcard("anything"));
    }

    @Test
    void readTokenSetting() {
        List<String> warnings = new ArrayList<>();
        assertEquals(ReadAccess.AUTO, ReadAccess.parse("", warnings::add));
        assertEquals(ReadAccess.AUTO, ReadAccess.parse("Auto", warnings::add));
        assertEquals(ReadAccess.NEVER, ReadAccess.parse(" never ", warnings::add));
        assertEquals(List.of(), warnings);
        assertEquals(ReadAccess.ALWAYS, ReadAccess.parse("sometimes", warnings::add));
        assertEquals(List.of("http.read.token: expected auto, always or never, got 'sometimes'; reading requires"
                + " the token"), warnings);

        assertFalse(ReadAccess.AUTO.needsToken("127.0.0.1"));
        assertFalse(ReadAccess.AUTO.needsToken("localhost"));
        assertFalse(ReadAccess.AUTO.needsToken("::1"));
        assertTrue(ReadAccess.AUTO.needsToken("0.0.0.0"));
        assertTrue(ReadAccess.AUTO.needsToken("::"));
        assertTrue(ReadAccess.AUTO.needsToken("192.168.1.2"));
        assertTrue(ReadAccess.ALWAYS.needsToken("127.0.0.1"));
        assertFalse(ReadAccess.NEVER.needsToken("0.0.0.0"));
    }
}
