package io.engram.distribution;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private copy of the assembled distribution ({@code distribution/target/engram}), so tests that
 * write settings, jobs or deployed plugins never see each other's state.
 */
final class Installation {

    /** Folders a running Engram writes; never copied. */
    static final List<String> STATE = List.of("cache", "data", "conf/token");
    /** Folders whose files a copy hard-links instead of copying (where the file system can): Spark's jars, over 200 MB, only read. */
    static final List<String> LINKED = List.of("spark");

    private Installation() {
    }

    /** The assembled distribution that failsafe names in {@code engram.dist}. */
    static Path assembled() {
        String dist = System.getProperty("engram.dist");
        if (dist == null) {
            throw new IllegalStateException("engram.dist is not set: run the ITs through mvn verify");
        }
        Path path = Path.of(dist);
        if (!Files.isExecutable(path.resolve("bin/engram"))) {
            throw new IllegalStateException(path + "/bin/engram is missing: the distribution was not assembled");
        }
        return path;
    }

    /** The jars the hot-swap test deploys (the example extension). */
    static Path testPlugins() {
        return Path.of(System.getProperty("engram.test.plugins"));
    }

    /** Copies the distribution to {@code target}/engram, keeping bin/engram executable. */
    static Path copy(Path target) throws IOException {
        Path source = assembled();
        Path home = target.resolve("engram");
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path from : walk.sorted(Comparator.naturalOrder()).toList()) {
                String rel = source.relativize(from).toString();
                if (STATE.stream().anyMatch(s -> rel.equals(s) || rel.startsWith(s + "/"))) {
                    continue;
                }
                if (LINKED.stream().anyMatch(s -> rel.startsWith(s + "/")) && Files.isRegularFile(from)) {
                    try {
                        Files.createLink(home.resolve(rel), from);
                        continue;
                    } catch (IOException | UnsupportedOperationException e) {
                        // another file system, or no hard links: copied below
                    }
                }
                Path to = home.resolve(rel);
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return home;
    }

    /** A port that was free on 127.0.0.1 a moment ago. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
