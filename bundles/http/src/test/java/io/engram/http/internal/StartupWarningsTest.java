package io.engram.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupWarningsTest {
    private static final String CLEAR_TEXT = "the REST API listens on 0.0.0.0 beyond loopback without TLS: the bearer"
            + " token and job data cross the network in clear text (bind http.host to 127.0.0.1, or put a TLS proxy"
            + " in front and set http.tls=true)";

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    @Test
    void beyondLoopbackWithoutTls() {
        assertEquals(List.of(CLEAR_TEXT), StartupWarnings.of("0.0.0.0", false, Optional.empty()));
        assertEquals(1, StartupWarnings.of("192.168.1.2", false, Optional.empty()).size());
        assertEquals(List.of(), StartupWarnings.of("0.0.0.0", true, Optional.empty()));
        assertEquals(List.of(), StartupWarnings.of("127.0.0.1", false, Optional.empty()));
        assertEquals(List.of(), StartupWarnings.of("::1", false, Optional.empty()));
    }

    @Test
    void tokenFileOpenToOthers(@TempDir Path dir) throws Exception {
        assumeTrue(posix());
        Path file = dir.resolve("token");
        Files.writeString(file, "abc\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(List.of("the token file " + file + " is readable or writable by group or others (rw-r--r--):"
                + " run chmod 600 " + file), StartupWarnings.of("127.0.0.1", false, Optional.of(file)));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
        assertEquals(1, StartupWarnings.of("127.0.0.1", false, Optional.of(file)).size());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertEquals(List.of(), StartupWarnings.of("127.0.0.1", false, Optional.of(file)));
        assertEquals(List.of(), StartupWarnings.of("127.0.0.1", false, Optional.of(dir.resolve("missing"))));
    }

    /** The servlet, built as SCR builds it, logs both warnings through System.Logger (java.util.logging here). */
    @Test
    void activationLogsBothWarnings(@TempDir Path dir) throws Exception {
        assumeTrue(posix());
        Path file = dir.resolve("token");
        Files.writeString(file, "abc\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Logger logger = Logger.getLogger("io.engram.http");
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try {
            new ApiServlet(new FakePluginRegistry(List.of()), new FakeJobManager(), new FakeJobSpecs(),
                    TestConfig.of(file.toString(), "", false), "0.0.0.0");
            new ApiServlet(new FakePluginRegistry(List.of()), new FakeJobManager(), new FakeJobSpecs(),
                    TestConfig.of("", "127.0.0.1", false), "0.0.0.0");
        } finally {
            logger.removeHandler(capture);
        }
        assertEquals(2, records.size(), records.toString());
        assertEquals(Level.WARNING, records.get(0).getLevel());
        assertEquals(CLEAR_TEXT, records.get(0).getMessage());
        assertEquals(Level.WARNING, records.get(1).getLevel());
        assertEquals("the token file " + file + " is readable or writable by group or others (rw-r-----): run chmod"
                + " 600 " + file, records.get(1).getMessage());
    }
}
