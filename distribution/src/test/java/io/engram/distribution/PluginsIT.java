package io.engram.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engram plugins} and {@code engram shell} as processes. */
class PluginsIT {

    static final Duration LIMIT = Duration.ofSeconds(120);

    /** Why the cuda backend may not run on a machine without a GPU. */
    static final String NO_GPU = "no: (no CUDA driver: libcuda\\.so\\.1 not found|no CUDA device: |insufficient driver: "
            + "|the driver cannot load).*";

    @TempDir
    Path tmp;

    /** Every plugin of the assembled distribution, as its bundles' manifests and component descriptors declare them. */
    static List<ShippedPlugins.Plugin> shipped() throws Exception {
        List<ShippedPlugins.Plugin> all = new ArrayList<>();
        for (Path jar : ShippedPlugins.jars(Installation.assembled().resolve("plugins"))) {
            List<ShippedPlugins.Plugin> plugins = ShippedPlugins.of(jar);
            assertFalse(plugins.isEmpty(), jar + " registers no component with any of " + ShippedPlugins.KINDS.keySet());
            all.addAll(plugins);
        }
        return all;
    }

    @Test
    void everyPluginModuleOfTheBuildIsShipped() throws Exception {
        Path source = Path.of(System.getProperty("engram.source.plugins")).toRealPath();
        List<Path> jars = ShippedPlugins.jars(Installation.assembled().resolve("plugins"));
        List<String> modules = new ArrayList<>();
        try (Stream<Path> poms = Files.find(source, 3, (p, a) -> p.getFileName().toString().equals("pom.xml")
                && source.relativize(p).getNameCount() == 3)) {
            for (Path pom : poms.sorted().toList()) {
                String artifactId = ShippedPlugins.artifactId(pom.getParent());
                modules.add(artifactId);
                assertTrue(jars.stream().anyMatch(j -> j.getFileName().toString().startsWith(artifactId + "-")),
                        "plugins/" + source.relativize(pom.getParent()) + " (" + artifactId + ") is missing from the distribution's "
                        + "plugins " + names(jars) + ": its kind's pom.xml must name it as a module and a dependency");
            }
        }
        assertTrue(modules.contains("io.engram.family.jordan"), modules.toString());
        assertEquals(modules.size(), jars.size(), "plugins/ holds a jar of no plugin module: " + names(jars) + " for " + modules);
    }

    static List<String> names(List<Path> jars) {
        return jars.stream().map(j -> j.getFileName().toString()).toList();
    }

    @Test
    void tableListsEveryShippedPluginWithItsVersion() throws Exception {
        List<ShippedPlugins.Plugin> shipped = shipped();
        assertTrue(shipped.stream().anyMatch(p -> p.id().equals("lstm") && p.kind().equals("family")), shipped.toString());
        Path home = Installation.copy(tmp);
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "plugins")) {
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            String out = p.out();
            assertTrue(Pattern.compile("^ID +KIND +VERSION +BUNDLE +CAPABILITIES +AVAILABLE$", Pattern.MULTILINE).matcher(out).find(), out);
            for (ShippedPlugins.Plugin plugin : shipped) {
                // the accelerators always register; without a GPU the cuda row says why it cannot run
                String available = plugin.id().equals("cuda") ? "(yes|" + NO_GPU + ")" : "yes( \\(BLAS: .*\\))?";
                Pattern row = Pattern.compile("^" + Pattern.quote(plugin.id()) + " +" + plugin.kind() + " +"
                        + Pattern.quote(plugin.version()) + " +" + Pattern.quote(plugin.bundle()) + " +\\S+ +" + available + "$",
                        Pattern.MULTILINE);
                assertTrue(row.matcher(out).find(), "no row for " + plugin + "\n" + out);
            }
            assertEquals(shipped.size(), Pattern.compile("^\\S+ +(family|backend|trainer|application|loss) ", Pattern.MULTILINE)
                    .matcher(out).results().count(), out);
            assertTrue(Pattern.compile("^lstm .*differentiable", Pattern.MULTILINE).matcher(out).find(), out);
            assertTrue(Pattern.compile("^ctc +loss +.* whole-sequence +yes$", Pattern.MULTILINE).matcher(out).find(), out);
            assertTrue(Pattern.compile("^mse +loss +.* per-step +yes$", Pattern.MULTILINE).matcher(out).find(), out);
            // the bundled OpenBLAS of system/io.engram.openblas computes the cpu backend's products, whatever the machine has
            assertTrue(Pattern.compile("^cpu +backend +.* yes \\(BLAS: OpenBLAS 0\\.3\\.31, bundled, \\d+ threads?\\)$",
                    Pattern.MULTILINE).matcher(out).find(), out);
            assertTrue(Pattern.compile("^BLAS of backend cpu: OpenBLAS 0\\.3\\.31 \\(bundled, org\\.bytedeco:openblas [^)]+\\), "
                    + "bundle io\\.engram\\.openblas \\d+\\.\\d+\\.\\d+\\S*$", Pattern.MULTILINE).matcher(out).find(), out);
            assertFalse(p.transcript().contains("netlib-blas: JNI_OnLoad"), p.transcript());
        }
    }

    @Test
    void anIdPrintsItsSpecKeysAndAMistypedOneItsNearestId() throws Exception {
        Path home = Installation.copy(tmp);
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "plugins", "lstm")) {
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            assertTrue(p.out().startsWith("lstm (family "), p.out());
            assertTrue(Pattern.compile("^model\\.hidden +\\d+ +an integer in \\[", Pattern.MULTILINE).matcher(p.out()).find(), p.out());
        }
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "plugins", "lsmt")) {
            assertEquals(2, p.waitFor(LIMIT), p.transcript());
            assertTrue(p.err().contains("engram: no plugin 'lsmt'; did you mean lsm or lstm?"), p.transcript());
        }
    }

    @Test
    void aMissingKernelIsNamed() throws Exception {
        Path home = Installation.copy(tmp);
        try (var jars = java.nio.file.Files.newDirectoryStream(home.resolve("system"), "io.engram.kernel-*.jar")) {
            for (Path jar : jars) {
                java.nio.file.Files.delete(jar);
            }
        }
        try (EngramProcess p = EngramProcess.start(home, Map.of("ENGRAM_OPTS", "-Xmx512m -Dengram.service.wait.s=2"), "plugins")) {
            assertEquals(1, p.waitFor(LIMIT), p.transcript());
            assertTrue(p.err().contains("engram: the service io.engram.kernel.PluginRegistry did not appear within 2 s "
                    + "(bundle io.engram.kernel: not installed)"), p.transcript());
        }
    }

    @Test
    void shellRunsEngramCommandsFromStandardInput() throws Exception {
        Path home = Installation.copy(tmp);
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "shell")) {
            p.input("engram:plugins\n");
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            String out = p.out();
            for (ShippedPlugins.Plugin plugin : shipped()) {
                assertTrue(Pattern.compile("\\b" + Pattern.quote(plugin.id()) + "\\b").matcher(out).find(), "no " + plugin.id() + "\n" + out);
            }
            assertTrue(out.contains("io.engram.family.lstm"), out);
        }
    }
}
