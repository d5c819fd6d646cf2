package io.engram.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BearerTokenTest {

    private static SecureRandom seeded(long seed) throws Exception {
        SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
        r.setSeed(seed);
        return r;
    }

    @Test
    void acceptsOnlyTheBearerSchemeWithTheExactToken() {
        BearerToken t = BearerToken.of("abc-123");
        assertTrue(t.accepts(Optional.of("Bearer abc-123")));
        assertTrue(t.accepts(Optional.of("bearer  abc-123 ")));
        assertFalse(t.accepts(Optional.of("Bearer abc-124")));
        assertFalse(t.accepts(Optional.of("Bearer abc-1234")));
        assertFalse(t.accepts(Optional.of("Bearer abc")));
        assertFalse(t.accepts(Optional.of("Bearer ")));
        assertFalse(t.accepts(Optional.of("Basic abc-123")));
        assertFalse(t.accepts(Optional.of("abc-123")));
        assertFalse(t.accepts(Optional.empty()));
    }

    @Test
    void configuredTokenWinsOverTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "from-file\n");
        BearerToken t = BearerToken.resolve("configured", Optional.of(file), seeded(1));
        assertTrue(t.accepts(Optional.of("Bearer configured")));
        assertFalse(t.accepts(Optional.of("Bearer from-file")));
    }

    @Test
    void readsTheFileWhenNoTokenIsConfigured(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "\n  from-file  \nsecond\n");
        BearerToken t = BearerToken.resolve("", Optional.of(file), seeded(1));
        assertTrue(t.accepts(Optional.of("Bearer from-file")));
        assertEquals("\n  from-file  \nsecond\n", Files.readString(file));
    }

    @Test
    void generatesAndWritesAnOwnerOnlyToken(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("conf").resolve("token");
        BearerToken t = BearerToken.resolve("", Optional.of(file), seeded(42));
        String written = Files.readString(file, StandardCharsets.UTF_8).trim();
        assertEquals(43, written.length());
        assertTrue(written.matches("[A-Za-z0-9_-]{43}"), written);
        assertTrue(t.accepts(Optional.of("Bearer " + written)));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
        BearerToken again = BearerToken.resolve("", Optional.of(file), seeded(7));
        assertTrue(again.accepts(Optional.of("Bearer " + written)), "a restart reads the same token back");
    }

    @Test
    void generatedTokensDiffer() throws Exception {
        SecureRandom r = seeded(3);
        String a = BearerToken.generate(r);
        String b = BearerToken.generate(r);
        assertNotEquals(a, b);
        assertEquals(43, b.length());
    }

    @Test
    void blankFileIsReplacedByAGeneratedToken(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "  \n");
        BearerToken.resolve(null, Optional.of(file), seeded(5));
        assertEquals(43, Files.readString(file).trim().length());
    }
}
