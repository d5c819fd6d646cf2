package io.engram.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engram plugins} and {@code engram shell} as processes. */
class PluginsIT {

    static final Duration LIMIT = Duration.ofSeconds(120);

    /** id, kind and bundle of every plugin the distribution ships. */
    static final List<List<String>> SHIPPED = List.of(
            List.of("cpu", "backend", "io.engram.backend.cpu"),
            List.of("frnn", "family", "io.engram.family.frnn"),
            List.of("elman", "family", "io.engram.family.elman"),
            List.of("jordan", "family", "io.engram.family.jordan"),
            List.of("lstm", "family", "io.engram.family.lstm"),
            List.of("gru", "family", "io.engram.family.gru"),
            List.of("bptt", "trainer", "io.engram.trainer.bptt"),
            List.of("rtrl", "trainer", "io.engram.trainer.rtrl"),
            List.of("grammar", "application", "io.engram.app.grammar"),
            List.of("csv", "application", "io.engram.app.csv"));

    @TempDir
    Path tmp;

    @Test
    void tableListsEveryShippedPluginWithItsVersion() throws Exception {
        Path home = Installation.copy(tmp);
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "plugins")) {
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            String out = p.out();
            assertTrue(Pattern.compile("^ID +KIND +VERSION +BUNDLE +CAPABILITIES +AVAILABLE$", Pattern.MULTILINE).matcher(out).find(), out);
            for (List<String> plugin : SHIPPED) {
                Pattern row = Pattern.compile("^" + plugin.get(0) + " +" + plugin.get(1) + " +0\\.1\\.0\\S* +"
                        + Pattern.quote(plugin.get(2)) + " +\\S+ +yes( \\(BLAS: .*\\))?$", Pattern.MULTILINE);
                assertTrue(row.matcher(out).find(), "no row for " + plugin + "\n" + out);
            }
            assertTrue(Pattern.compile("^lstm .*differentiable", Pattern.MULTILINE).matcher(out).find(), out);
            // the bundled OpenBLAS of system/io.engram.openblas computes the cpu backend's products, whatever the machine has
            assertTrue(Pattern.compile("^cpu +backend +.* yes \\(BLAS: OpenBLAS 0\\.3\\.31, bundled, \\d+ threads?\\)$",
                    Pattern.MULTILINE).matcher(out).find(), out);
            assertFalse(p.transcript().contains("netlib-blas: JNI_OnLoad"), p.transcript());
            // the accelerators always register; without a GPU the cuda row says why it cannot run
            assertTrue(Pattern.compile("^memristor +backend +0\\.1\\.0\\S* +io\\.engram\\.backend\\.memristor +\\S+ +yes$",
                    Pattern.MULTILINE).matcher(out).find(), out);
            assertTrue(Pattern.compile("^cuda +backend +0\\.1\\.0\\S* +io\\.engram\\.backend\\.cuda +\\S+ +(yes|no: (no CUDA driver: "
                    + "libcuda\\.so\\.1 not found|no CUDA device: |insufficient driver: |the driver cannot load).*)$",
                    Pattern.MULTILINE).matcher(out).find(), out);
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
            for (List<String> plugin : SHIPPED) {
                assertTrue(Pattern.compile("\\b" + plugin.get(0) + "\\b").matcher(out).find(), "no " + plugin.get(0) + "\n" + out);
            }
            assertTrue(out.contains("io.engram.family.lstm"), out);
        }
    }
}
