package io.engram.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code engram serve} running, a newer plugin jar dropped into deploy/ serves new jobs while a
 * running job finishes on the version it started with; removing the jars makes a job naming the
 * plugin fail clearly, and nothing else is disturbed.
 */
class HotSwapIT {

    static final Duration LIMIT = Duration.ofSeconds(120);

    /** An MGU job long enough to be running while the next version is deployed (about 10 s on 2 cores). */
    static final String MGU_LONG = """
            job.name=mgu-long
            seed=3
            model.family=mgu
            model.hidden=16
            trainer=bptt
            trainer.epochs=100
            trainer.batch.size=4
            data.app=grammar
            data.task=embedded-reber
            data.train.size=400
            data.validation.size=8
            data.test.size=8
            """;

    static final String MGU_TINY = Specs.TINY.replace("model.family=lstm", "model.family=mgu").replace("it-tiny", "mgu-tiny");

    @TempDir
    Path tmp;

    @Test
    void newVersionServesNewJobsRunningJobKeepsItsVersionRemovalRejects() throws Exception {
        Path home = Installation.copy(tmp);
        Path deploy = home.resolve("deploy");
        Path mgu100 = Installation.testPlugins().resolve("org.example.engram.mgu-1.0.0.jar");
        Path mgu101 = withVersion(mgu100, "1.0.1", tmp.resolve("org.example.engram.mgu-1.0.1.jar"));
        int port = Installation.freePort();
        try (EngramProcess p = ServeIT.serve(home, port, Map.of("ENGRAM_JOBS_CONCURRENCY", "2", "ENGRAM_DEPLOY_POLL_MS", "100"))) {
            Rest rest = new Rest(port, ServeIT.token(home));
            Set<String> before = plugins(rest);

            drop(mgu100, deploy);
            awaitPlugins(rest, s -> s.contains("family mgu 1.0.0"));

            JsonNode old = created(rest.post("/jobs", Specs.json(MGU_LONG), true));
            assertEquals("mgu@1.0.0", old.path("family").asText(), old.toString());
            rest.awaitState(old.path("id").asText(), LIMIT, "running");

            drop(mgu101, deploy);
            awaitPlugins(rest, s -> s.contains("family mgu 1.0.1"));
            JsonNode fresh = created(rest.post("/jobs", Specs.json(MGU_TINY), true));
            assertEquals("mgu@1.0.1", fresh.path("family").asText(), fresh.toString());
            JsonNode oldNow = rest.get("/jobs/" + old.path("id").asText()).json();
            assertEquals("running", oldNow.path("state").asText(), "the first job still runs when the second starts: " + oldNow);

            JsonNode oldDone = rest.awaitState(old.path("id").asText(), LIMIT, "succeeded", "failed", "cancelled");
            assertEquals("succeeded", oldDone.path("state").asText(), oldDone.toString());
            assertEquals("mgu@1.0.0", oldDone.path("family").asText(), oldDone.toString());
            JsonNode freshDone = rest.awaitState(fresh.path("id").asText(), LIMIT, "succeeded", "failed", "cancelled");
            assertEquals("succeeded", freshDone.path("state").asText(), freshDone.toString());
            assertEquals("mgu@1.0.1", freshDone.path("family").asText(), freshDone.toString());

            Files.delete(deploy.resolve(mgu100.getFileName()));
            Files.delete(deploy.resolve(mgu101.getFileName()));
            awaitPlugins(rest, s -> s.stream().noneMatch(p2 -> p2.startsWith("family mgu ")));

            Rest.Reply rejected = rest.post("/jobs", Specs.json(MGU_TINY), true);
            assertEquals(400, rejected.status(), rejected.body());
            JsonNode error = rejected.json().path("errors").get(0);
            assertEquals("model.family", error.path("where").asText(), rejected.body());
            assertTrue(error.path("message").asText().contains("mgu"), rejected.body());

            JsonNode lstm = created(rest.post("/jobs", Specs.json(Specs.TINY), true));
            assertEquals("succeeded", rest.awaitState(lstm.path("id").asText(), LIMIT, "succeeded", "failed").path("state").asText());
            assertEquals(before, plugins(rest), "the other plugins are untouched");
            assertTrue(p.alive(), p.transcript());
        }
    }

    private static JsonNode created(Rest.Reply reply) throws IOException {
        assertEquals(201, reply.status(), reply.body());
        return reply.json();
    }

    /** Every plugin as "kind id version bundleId". */
    private static Set<String> plugins(Rest rest) throws IOException, InterruptedException {
        Set<String> out = new TreeSet<>();
        rest.get("/plugins").json().forEach(n -> out.add(n.path("kind").asText().toLowerCase() + " " + n.path("id").asText()
                + " " + n.path("version").asText() + " " + n.path("bundleId").asText()));
        return out;
    }

    private static void awaitPlugins(Rest rest, Predicate<Set<String>> ready) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        Set<String> now = Set.of();
        while (System.nanoTime() < deadline) {
            now = plugins(rest).stream().map(s -> s.substring(0, s.lastIndexOf(' '))).collect(java.util.stream.Collectors.toSet());
            if (ready.test(now)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("plugins did not change as expected within " + LIMIT.toSeconds() + " s: " + now);
    }

    /** Copies into deploy/ under a temporary name first, so FileInstall never sees half a jar. */
    private static void drop(Path jar, Path deploy) throws IOException {
        Path temp = deploy.resolve(jar.getFileName() + ".part");
        Files.copy(jar, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, deploy.resolve(jar.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }

    /** A copy of the bundle whose manifest says {@code Bundle-Version: version}. */
    static Path withVersion(Path jar, String version, Path target) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().put(new Attributes.Name("Bundle-Version"), version);
            try (OutputStream file = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    if (e.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        try (JarFile check = new JarFile(target.toFile())) {
            assertEquals(version, check.getManifest().getMainAttributes().getValue("Bundle-Version"));
        }
        return target;
    }
}
