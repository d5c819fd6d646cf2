package io.engram.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path home;

    @Test
    void defaultsApplyWithoutAnyLayer() {
        Settings s = Settings.load(home, home.resolve("conf/engram.properties"), Map.of(), Map.of()).get();
        assertEquals("127.0.0.1", s.host());
        assertEquals(8686, s.port());
        assertEquals("", s.token());
        assertEquals(1048576, s.maxBodyBytes());
        assertEquals(home.resolve("data/jobs").toAbsolutePath(), s.jobsDir());
        assertEquals(1, s.concurrency());
        assertEquals(home.resolve("deploy").toAbsolutePath(), s.deployDir());
        assertEquals(500, s.pollMs());
    }

    @Test
    void laterLayersWin() throws IOException {
        Path conf = write("http.port=9000\njobs.concurrency=3\ndeploy.poll.ms=250\n");
        Settings s = Settings.load(home, conf,
                Map.of("ENGRAM_HTTP_PORT", "9100", "ENGRAM_JOBS_CONCURRENCY", "2", "ENGRAM_HOME", "/elsewhere", "PATH", "/bin"),
                Map.of("http.port", "9200")).get();
        assertEquals(9200, s.port());
        assertEquals(2, s.concurrency());
        assertEquals(250, s.pollMs());
    }

    @Test
    void everyProblemIsReportedWithItsSource() throws IOException {
        Path conf = write("# settings\nhttp.port=http\njobz.dir=x\n");
        List<String> problems = Settings.load(home, conf, Map.of("ENGRAM_JOBS_CONCURRENCY", "0"),
                Map.of("deploy.poll.ms", "fast", "colour", "red")).getError().toJavaList();
        assertEquals(5, problems.size(), problems.toString());
        assertTrue(problems.contains(conf + ":3: unknown key jobz.dir (known: " + String.join(", ", Settings.DEFAULTS.keySet())
                + ", and backend|trainer|family|app.ID.NAME)"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("--set colour: unknown key")), problems.toString());
        assertTrue(problems.contains("http.port (" + conf + ":2): 'http' is not a whole number"), problems.toString());
        assertTrue(problems.contains("jobs.concurrency (ENGRAM_JOBS_CONCURRENCY): 0 is outside 1..1024"), problems.toString());
        assertTrue(problems.contains("deploy.poll.ms (--set): 'fast' is not a whole number"), problems.toString());
    }

    @Test
    void newKeysHaveTheirDefaultsAndReachTheKernelAndTheRestApi() {
        Settings s = Settings.load(home, home.resolve("none"), Map.of(), Map.of()).get();
        Map<String, Object> kernel = s.kernelProperties(home);
        assertEquals(home.resolve("data") + "," + home.resolve("examples"), kernel.get("data.roots"));
        assertEquals(home.toString(), kernel.get("home"));
        assertEquals(home.resolve("data/models").toString(), kernel.get("models.dir"));
        assertEquals(home.resolve("data/jobs").toString(), kernel.get("data.dir"));
        assertEquals(64, kernel.get("jobs.queue.capacity"));
        assertEquals(1000, kernel.get("jobs.events.recent"));
        assertEquals(0.8, kernel.get("jobs.memory.fraction"));
        assertEquals(0, kernel.get("checkpoint.every.epochs"));
        assertEquals(5, kernel.get("checkpoint.every.minutes"));
        assertEquals(0, kernel.get("jobs.workers"), "0: as many population workers as processors");
        Map<String, Object> http = s.httpProperties(home.resolve("conf/token"));
        assertEquals("127.0.0.1", http.get("host"));
        assertEquals(false, http.get("tls"));
        assertEquals("auto", http.get("read.token"));
        assertEquals("", http.get("allowed.hosts"));
        assertEquals("", http.get("cors.origins"));
        assertEquals(List.of(), s.plugins());
    }

    @Test
    void listsAndPathsAreNormalised() {
        Settings s = Settings.load(home, home.resolve("none"), Map.of("ENGRAM_DATA_ROOTS", " /srv/in , data/../more ,, "),
                Map.of("http.allowed.hosts", "engram.example.org, 10.0.0.5", "models.dir", "/srv/models",
                        "jobs.memory.fraction", "1", "http.read.token", "always")).get();
        assertEquals("/srv/in," + home.resolve("more"), s.kernelProperties(home).get("data.roots"));
        assertEquals("/srv/models", s.kernelProperties(home).get("models.dir"));
        assertEquals(1.0, s.kernelProperties(home).get("jobs.memory.fraction"));
        assertEquals("engram.example.org,10.0.0.5", s.httpProperties(home).get("allowed.hosts"));
        assertEquals("always", s.httpProperties(home).get("read.token"));
    }

    @Test
    void badValuesOfTheNewKeysAreNamedWithTheirBounds() throws IOException {
        Path conf = write("jobs.queue.capacity=0\njobs.memory.fraction=1.5\n");
        List<String> problems = Settings.load(home, conf, Map.of("ENGRAM_CHECKPOINT_EVERY_MINUTES", "-1"),
                Map.of("http.read.token", "sometimes", "jobs.events.recent", "many", "data.roots", " , ")).getError().toJavaList();
        assertEquals(List.of(
                "data.roots (--set): must name at least one folder",
                "jobs.queue.capacity (" + conf + ":1): 0 is outside 1..100000",
                "jobs.events.recent (--set): 'many' is not a whole number",
                "jobs.memory.fraction (" + conf + ":2): 1.5 is outside (0, 1]",
                "checkpoint.every.minutes (ENGRAM_CHECKPOINT_EVERY_MINUTES): -1 is outside 0..2147483647",
                "http.read.token (--set): 'sometimes' is not one of auto, always, never"), problems);
    }

    @Test
    void populationWorkersAreBoundedAndPassedToTheKernel() {
        assertEquals(4, Settings.load(home, home.resolve("none"), Map.of("ENGRAM_JOBS_WORKERS", "4"), Map.of()).get()
                .kernelProperties(home).get("jobs.workers"));
        assertEquals(List.of("jobs.workers (--set): 2000 is outside 0..1024"), Settings.load(home, home.resolve("none"),
                Map.of(), Map.of("jobs.workers", "2000")).getError().toJavaList());
    }

    @Test
    void pluginKeysComeFromEveryLayerWithTheirSourceAndTheLastLayerWins() throws IOException {
        Path conf = write("# cpu\nbackend.cpu.blas=native\nbackend.cpu.threads=8\nfamily.lstm.forget.bias=1\n");
        Settings s = Settings.load(home, conf, Map.of("ENGRAM_BACKEND_CPU_THREADS", "4", "ENGRAM_APP_CSV_MAX_ROWS", "10"),
                Map.of("backend.cpu.blas", "java")).get();
        List<String> got = s.plugins().stream()
                .map(p -> p.key().pid() + " " + p.key().name() + "=" + p.value() + " @ " + p.origin()).toList();
        assertEquals(List.of(
                "io.engram.family.lstm forget.bias=1 @ " + conf + ":4",
                "io.engram.app.csv max.rows=10 @ ENGRAM_APP_CSV_MAX_ROWS",
                "io.engram.backend.cpu threads=4 @ ENGRAM_BACKEND_CPU_THREADS",
                "io.engram.backend.cpu blas=java @ --set"), got);
    }

    @Test
    void malformedPluginKeysAreRejectedWithTheirSource() throws IOException {
        Path conf = write("backend.cpu=2\n");
        List<String> problems = Settings.load(home, conf, Map.of("ENGRAM_TRAINER__LR", "1"),
                Map.of("app.csv.", "x")).getError().toJavaList();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(conf + ":1: a plugin setting is KIND.ID.NAME"), problems.toString());
        assertTrue(problems.get(0).endsWith("not backend.cpu"), problems.toString());
        assertTrue(problems.get(1).startsWith("ENGRAM_TRAINER__LR: a plugin setting is KIND.ID.NAME"), problems.toString());
        assertTrue(problems.get(2).startsWith("--set: a plugin setting is KIND.ID.NAME"), problems.toString());
    }

    @Test
    void tlsNeedsAReadableKeystoreAndOnePassword() throws IOException {
        Path store = Files.writeString(home.resolve("server.p12"), "not really a keystore");
        Path secret = Files.writeString(home.resolve("secret"), "s3cret\nignored\n");
        Settings s = Settings.load(home, home.resolve("none"), Map.of(),
                Map.of("http.tls.keystore", "server.p12", "http.tls.password.file", "secret")).get();
        assertEquals(store, s.web().tls().orElseThrow().keystore());
        assertEquals("s3cret", s.web().tls().orElseThrow().password());
        assertEquals(true, s.httpProperties(home).get("tls"));

        List<String> problems = Settings.load(home, home.resolve("none"), Map.of(),
                Map.of("http.tls.keystore", "missing.p12", "http.tls.password", "x", "http.tls.password.file", secret.toString()))
                .getError().toJavaList();
        assertEquals(List.of("http.tls.keystore (--set): " + home.resolve("missing.p12") + " is not a readable file",
                "http.tls.password.file (--set): give http.tls.password or http.tls.password.file, not both"), problems);
        assertEquals(List.of("http.tls.password (--set): needs http.tls.keystore"),
                Settings.load(home, home.resolve("none"), Map.of(), Map.of("http.tls.password", "x")).getError().toJavaList());
        assertEquals(List.of("http.tls.password (default): the keystore needs http.tls.password or http.tls.password.file"),
                Settings.load(home, home.resolve("none"), Map.of(), Map.of("http.tls.keystore", store.toString())).getError().toJavaList());
    }

    @Test
    void environmentNamesMapToDottedKeys() {
        assertEquals("http.max.body.bytes", Settings.envKey("ENGRAM_HTTP_MAX_BODY_BYTES"));
        assertNull(Settings.envKey("ENGRAM_"));
        assertNull(Settings.envKey("HTTP_PORT"));
    }

    private Path write(String text) throws IOException {
        Path conf = home.resolve("conf/engram.properties");
        Files.createDirectories(conf.getParent());
        Files.writeString(conf, text);
        return conf;
    }

    @Test
    void theRunStoreIsTheH2FileBesideJobsDirUnlessAUrlIsGiven() {
        Settings s = Settings.load(home, home.resolve("none"), Map.of(), Map.of()).get();
        assertEquals(Map.of("url", "", "user", "", "password", "", "dir", home.resolve("data").toAbsolutePath().toString()),
                s.storeProperties());
        Settings pg = Settings.load(home, home.resolve("none"),
                Map.of("ENGRAM_STORE_URL", "jdbc:postgresql://127.0.0.1:5432/engram?password=secret"),
                Map.of("store.user", "engram")).get();
        assertEquals("jdbc:postgresql://127.0.0.1:5432/engram?password=secret", pg.storeProperties().get("url"));
        assertEquals("engram", pg.storeProperties().get("user"));
        assertTrue(pg.store().toString().contains("password=***") && !pg.store().toString().contains("secret"),
                pg.store().toString());
        List<String> problems = Settings.load(home, home.resolve("none"), Map.of(),
                Map.of("store.url", "jdbc:mysql://db/engram")).getError().toJavaList();
        assertEquals(List.of("store.url (--set): must be a JDBC URL of PostgreSQL (jdbc:postgresql://HOST:PORT/DATABASE) "
                + "or H2 (jdbc:h2:...), or empty for the H2 file under the data folder"), problems);
    }
}
