package io.engram.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.launcher.internal.Home;
import io.engram.launcher.internal.Platform;
import io.engram.launcher.internal.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bundle of system/ and plugins/ resolves and starts in Felix, booted as the launcher boots it. */
class BootIT {

    @TempDir
    Path tmp;

    @Test
    void everyBundleIsActiveOrAResolvedFragment() throws Exception {
        Path home = Installation.copy(tmp);
        Settings settings = Settings.load(home, home.resolve("conf/engram.properties"), Map.of(), Map.of()).get();
        long jars;
        try (Stream<Path> s = Stream.concat(Files.list(home.resolve("system")), Files.list(home.resolve("plugins")))) {
            jars = s.filter(p -> p.toString().endsWith(".jar")).count();
        }
        try (Platform platform = Platform.boot(new Home(home), settings, Platform.Mode.COMMAND)) {
            List<String> problems = new ArrayList<>(platform.failures());
            problems.addAll(platform.notActive());
            assertEquals(List.of(), problems, "bundles that did not start:\n" + String.join("\n", problems));
            assertEquals(jars + 1, platform.context().getBundles().length, "every jar installed, plus the system bundle");
            for (String service : List.of("io.engram.kernel.PluginRegistry", "io.engram.kernel.JobManager",
                    "io.engram.kernel.JobSpecs", "io.engram.kernel.Predictor", "io.engram.kernel.Recaller")) {
                assertTrue(platform.await("(objectClass=" + service + ")", java.time.Duration.ofSeconds(10)).isPresent(),
                        service + " is not registered");
            }
            for (String verb : List.of("run", "plugins", "predict", "recall", "stop")) {
                assertTrue(platform.await("(engram.verb=" + verb + ")", java.time.Duration.ofSeconds(10)).isPresent(),
                        "verb " + verb + " is not registered");
            }
        }
    }
}
