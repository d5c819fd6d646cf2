package io.engram.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensTest {

    @TempDir
    Path dir;

    @Test
    void configuredTokenWinsAndNothingIsWritten() throws IOException {
        Path file = dir.resolve("conf/token");
        assertEquals("secret", Tokens.resolve("secret", file));
        assertTrue(Files.notExists(file));
    }

    @Test
    void generatedOnceThenKeptOwnerOnly() throws IOException {
        Path file = dir.resolve("conf/token");
        String first = Tokens.resolve("", file);
        assertEquals(43, first.length());
        assertEquals(first, Tokens.resolve("", file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count());
        }
    }
}
