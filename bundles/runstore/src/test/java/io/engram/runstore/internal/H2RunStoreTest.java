package io.engram.runstore.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.kernel.JobState;
import io.engram.kernel.spi.RunStore;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run store on its default database: an H2 file under the data directory. */
class H2RunStoreTest extends RunStoreContract {

    @TempDir
    Path tmp;

    private final List<RunStoreComponent> open = new ArrayList<>();

    static RunStoreConfiguration config(String url, String dir) {
        return new RunStoreConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return RunStoreConfiguration.class;
            }

            @Override
            public String url() {
                return url;
            }

            @Override
            public String user() {
                return "";
            }

            @Override
            public String password() {
                return "";
            }

            @Override
            public String dir() {
                return dir;
            }
        };
    }

    RunStoreComponent open(Path dir) {
        RunStoreComponent c = new RunStoreComponent(config("", dir.toString()));
        open.add(c);
        return c;
    }

    @Override
    RunStore store() {
        return open(tmp.resolve("data"));
    }

    @AfterEach
    void close() {
        open.forEach(RunStoreComponent::deactivate);
    }

    @Test
    void theDatabaseIsOneFileUnderTheDataDirectoryInMixedMode() throws Exception {
        RunStoreComponent s = open(tmp.resolve("data"));
        assertEquals("jdbc:h2:file:" + tmp.resolve("data/runs") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0", s.location());
        assertTrue(Files.isRegularFile(tmp.resolve("data/runs.mv.db")));
        assertEquals("127.0.0.1", System.getProperty("h2.bindAddress"), "the server for other processes is on loopback");
    }

    @Test
    void twoStoresOnOneFileShareIdsAndRecords() throws IOException {
        RunStore a = open(tmp.resolve("data"));
        RunStore b = open(tmp.resolve("data"));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            ids.add(a.nextId());
            ids.add(b.nextId());
        }
        assertEquals(20, ids.size(), ids.toString());
        String id = a.nextId();
        a.create(info(id, JobState.QUEUED), "", List.of(), List.of());
        assertEquals(info(id, JobState.QUEUED), b.job(id).orElseThrow());
    }

    @Test
    void theSchemaIsMigratedOnceAndKeptAcrossRestarts() throws Exception {
        RunStoreComponent first = open(tmp.resolve("data"));
        String id = first.nextId();
        first.create(info(id, JobState.SUCCEEDED), "", List.of(), List.of());
        first.deactivate();
        open.remove(first);
        RunStoreComponent again = open(tmp.resolve("data"));
        assertEquals(info(id, JobState.SUCCEEDED), again.job(id).orElseThrow());
        assertEquals("job-000002", again.nextId());
        try (Connection c = Databases.of(Databases.url(config("", tmp.resolve("data").toString())), "", "").getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT \"version\", \"success\" FROM \"engram_schema_history\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            List<String> applied = new ArrayList<>();
            while (rs.next()) {
                applied.add(rs.getString(1) + ":" + rs.getBoolean(2));
            }
            assertEquals(List.of("1:true"), applied);
        }
    }

    @Test
    void aUrlOfAnotherDatabaseIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RunStoreComponent(config("jdbc:mysql://localhost/engram", "")));
        assertEquals("url: not a database the run store runs on: jdbc:mysql://localhost/engram "
                + "(jdbc:h2:... or jdbc:postgresql://HOST:PORT/DATABASE)", e.getMessage());
    }

    @Test
    void aPasswordInTheUrlIsNotShown() {
        assertEquals("jdbc:postgresql://db/engram?user=u&password=***",
                Databases.safe("jdbc:postgresql://db/engram?user=u&password=s3cret"));
    }

    /** The merged plugin list names every plugin of both Flyway jars, so none is lost once embedded. */
    @Test
    void theMergedFlywayPluginListNamesEveryPluginOfBothJars() throws IOException {
        String name = "META-INF/services/org.flywaydb.core.extensibility.Plugin";
        Set<String> jars = new HashSet<>();
        Set<String> merged = new HashSet<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources(name))) {
            Set<String> into = url.getProtocol().equals("jar") ? jars : merged;
            try (var in = url.openStream()) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(into::add);
            }
        }
        assertTrue(jars.size() > 30, jars.toString());
        Set<String> missing = new HashSet<>(jars);
        missing.removeAll(merged);
        missing.removeIf(c -> c.startsWith("org.flywaydb.database.cockroachdb."));
        assertEquals(Set.of(), missing);
    }
}
