package io.engram.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/engram refuses a Java older than 17 with one clear line. */
class JavaCheckIT {

    @TempDir
    Path tmp;

    @Test
    void oldJavaGetsOneLine() throws Exception {
        Path javaHome = tmp.resolve("jdk11");
        Path java = Files.createDirectories(javaHome.resolve("bin")).resolve("java");
        Files.writeString(java, """
                #!/bin/sh
                echo "Property settings:" >&2
                echo "    java.specification.version = 11" >&2
                echo 'openjdk version "11.0.2"' >&2
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = Installation.assembled();
        try (EngramProcess p = EngramProcess.start(home, Map.of("JAVA_HOME", javaHome.toString()), "plugins")) {
            assertEquals(1, p.waitFor(Duration.ofSeconds(30)), p.transcript());
            assertEquals("engram: Java 17 or newer is required; " + java + " is Java 11 (set JAVA_HOME to a newer one)\n", p.err());
            assertEquals("", p.out());
        }
    }
}
