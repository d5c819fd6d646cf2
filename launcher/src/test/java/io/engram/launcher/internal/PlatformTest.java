package io.engram.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformTest {

    @TempDir
    Path home;

    @Test
    void jarsComeSortedPerFolderSystemFirst() throws IOException {
        Files.createDirectories(home.resolve("system"));
        Files.createDirectories(home.resolve("plugins"));
        for (String f : List.of("system/b.jar", "system/a.jar", "system/notes.txt", "plugins/0.jar")) {
            Files.writeString(home.resolve(f), "");
        }
        List<String> names = Platform.jars(home.resolve("system"), home.resolve("plugins"), home.resolve("missing"))
                .stream().map(p -> home.relativize(p).toString()).toList();
        assertEquals(List.of("system/a.jar", "system/b.jar", "plugins/0.jar"), names);
    }

    @Test
    void storageOfDeadProcessesIsRemovedAndOwnIsFresh() throws IOException {
        Path cache = home.resolve("cache");
        Path stale = cache.resolve("felix-999999999");
        Files.createDirectories(stale.resolve("bundle1"));
        Path mine = Platform.freshStorage(cache);
        assertFalse(Files.exists(stale));
        assertEquals("felix-" + ProcessHandle.current().pid(), mine.getFileName().toString());
        assertFalse(Files.exists(mine));
    }

    @Test
    void modesMapToFrameworkProperties() {
        Settings s = Settings.load(home, home.resolve("none"), Map.of(), Map.of("http.port", "9999")).get();
        Map<String, String> serve = Platform.properties(new Home(home), s, Platform.Mode.SERVE);
        assertEquals("9999", serve.get("org.osgi.service.http.port"));
        assertEquals("127.0.0.1", serve.get("org.apache.felix.http.host"));
        assertEquals("true", serve.get("org.apache.felix.http.enable"));
        assertEquals(home.resolve("deploy").toString(), serve.get("felix.fileinstall.dir"));
        assertEquals("true", serve.get("felix.fileinstall.noInitialDelay"));
        assertEquals("500", serve.get("felix.fileinstall.poll"));
        assertTrue(serve.get("org.osgi.framework.system.packages.extra").startsWith("org.osgi.service.cm;"));
        Map<String, String> command = Platform.properties(new Home(home), s, Platform.Mode.COMMAND);
        assertEquals("false", command.get("org.apache.felix.http.enable"));
        assertEquals("--nointeractive --noshutdown", command.get("gosh.args"));
    }

    @Test
    void tlsServesHttpsOnlyOnTheHttpPort() throws IOException {
        Files.writeString(home.resolve("server.p12"), "x");
        Settings s = Settings.load(home, home.resolve("none"), Map.of(),
                Map.of("http.port", "8443", "http.tls.keystore", "server.p12", "http.tls.password", "pw")).get();
        Map<String, String> serve = Platform.properties(new Home(home), s, Platform.Mode.SERVE);
        assertEquals("false", serve.get("org.apache.felix.http.enable"));
        assertEquals("true", serve.get("org.apache.felix.https.enable"));
        assertEquals("8443", serve.get("org.osgi.service.http.port.secure"));
        assertFalse(serve.containsKey("org.osgi.service.http.port"));
        assertEquals(home.resolve("server.p12").toString(), serve.get("org.apache.felix.https.keystore"));
        assertEquals("pw", serve.get("org.apache.felix.https.keystore.password"));
        assertEquals("pw", serve.get("org.apache.felix.https.keystore.key.password"));
        assertEquals("PKCS12", serve.get("org.apache.felix.https.keystore.type"));
        assertEquals("false", Platform.properties(new Home(home), s, Platform.Mode.COMMAND).get("org.apache.felix.https.enable"));
    }
}
