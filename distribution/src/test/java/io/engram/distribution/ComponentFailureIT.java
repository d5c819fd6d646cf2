package io.engram.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.launcher.internal.Home;
import io.engram.launcher.internal.Platform;
import io.engram.launcher.internal.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job manager that cannot start is named with SCR's reason, read by the launcher from the running framework. */
class ComponentFailureIT {

    @TempDir
    Path tmp;

    @Test
    void aJobManagerThatFailsToActivateIsReportedWithItsReason() throws Exception {
        Path home = Installation.copy(tmp);
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Settings settings = Settings.load(home, home.resolve("conf/engram.properties"), Map.of(),
                Map.of("jobs.dir", file.resolve("jobs").toString(),
                        "store.url", "jdbc:h2:file:" + tmp.resolve("store/runs"))).get();
        try (Platform platform = Platform.boot(new Home(home), settings, Platform.Mode.COMMAND)) {
            List<String> failures = platform.componentFailures(List.of("io.engram.kernel.JobManager"));
            assertEquals(1, failures.size(), failures.toString());
            String failure = failures.get(0);
            assertTrue(failure.startsWith("the component io.engram.kernel.internal.JobManagerComponent (bundle io.engram.kernel) "
                    + "failed to activate: "), failure);
            assertTrue(failure.contains(file.resolve("jobs").toString()), failure);
            assertTrue(failure.contains("data.dir"), failure);
            assertEquals(List.of(), platform.componentFailures(List.of("io.engram.kernel.PluginRegistry")));
        }
    }

    /**
     * A run store that cannot reach its database: engram jobs, as a process of its own, names the
     * store's URL (without its password) and the driver's reason, and exits 1.
     */
    @Test
    void aRunStoreThatCannotOpenItsDatabaseIsReportedWithItsReason() throws Exception {
        Path home = Installation.copy(tmp);
        int port = Installation.freePort();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/engram";
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "--set", "store.url=" + url + "?user=u&password=secret",
                "jobs")) {
            assertEquals(1, p.waitFor(java.time.Duration.ofSeconds(120)), p.transcript());
            assertTrue(p.err().contains("the component io.engram.runstore.internal.RunStoreComponent (bundle "
                    + "io.engram.runstore) failed to activate: run store " + url + "?user=u&password=***: cannot open: "),
                    p.transcript());
            assertTrue(!p.err().contains("secret"), p.transcript());
        }
    }
}
