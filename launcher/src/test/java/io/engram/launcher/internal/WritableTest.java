package io.engram.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WritableTest {

    @TempDir
    Path tmp;

    @Test
    void aMissingDirectoryIsCreatedAndTheProbeLeavesNothing() throws IOException {
        Path dir = tmp.resolve("a/b/jobs");
        assertEquals(Optional.empty(), Writable.problem("jobs.dir", dir));
        assertTrue(Files.isDirectory(dir));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aDirectoryUnderARegularFileIsNamedWithTheReason() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        Optional<String> problem = Writable.problem("models.dir", file.resolve("models"));
        assertTrue(problem.isPresent());
        assertTrue(problem.get().startsWith("models.dir: cannot create the directory " + file.resolve("models") + ": "), problem.get());
        assertTrue(problem.get().endsWith("Not a directory") || problem.get().endsWith(file + " exists and is not a directory"),
                problem.get());
    }

    @Test
    void aRegularFileInsteadOfTheDirectoryIsNamed() throws IOException {
        Path file = Files.writeString(tmp.resolve("jobs"), "x");
        assertEquals(Optional.of("jobs.dir: cannot create the directory " + file + ": " + file + " exists and is not a directory"),
                Writable.problem("jobs.dir", file));
    }
}
