package io.engram.runstore.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.kernel.spi.RunStore;
import java.lang.annotation.Annotation;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The run store on a real PostgreSQL server, whose JDBC URL (user and password in it) is in
 * {@value #URL}; {@code .ci/run} installs the server and sets it. Without it the tests skip, saying so.
 * Each test starts from an empty schema.
 */
class PostgresRunStoreTest extends RunStoreContract {

    static final String URL = "ENGRAM_TEST_POSTGRES_URL";

    private final List<RunStoreComponent> open = new ArrayList<>();
    private String url;

    @BeforeEach
    void server() throws Exception {
        url = System.getenv(URL);
        Assumptions.assumeTrue(url != null && !url.isBlank(), "no PostgreSQL server: set " + URL
                + " to its JDBC URL (jdbc:postgresql://127.0.0.1:PORT/DB?user=U&password=P); .ci/run starts one");
        try (Connection c = Databases.of(url, "", "").getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS job_metrics, job_events, jobs, engram_ids, engram_schema_history");
        }
    }

    @Override
    RunStore store() {
        RunStoreComponent c = new RunStoreComponent(new RunStoreConfiguration() {
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
                return "";
            }
        });
        open.add(c);
        return c;
    }

    @AfterEach
    void close() {
        open.forEach(RunStoreComponent::deactivate);
    }

    @Test
    void theStoreNamesTheServerWithoutItsPassword() {
        String location = store().location();
        assertTrue(location.startsWith("jdbc:postgresql://") && !location.matches(".*password=(?!\\*\\*\\*).*"), location);
    }
}
