package io.engram.launcher.internal;

import java.nio.file.Path;

/**
 * The layout of an installation: {@code bin/ lib/ conf/ system/ plugins/ deploy/ examples/}, plus
 * {@code cache/} (framework storage, one folder per process, removed when it ends) and the data
 * folders the settings name. Immutable.
 *
 * @param root the installation folder (absolute)
 */
public record Home(Path root) {

    public Home {
        root = root.toAbsolutePath().normalize();
    }

    /** The installation that {@code bin/engram} names in {@code -Dengram.home}, else the working folder. */
    public static Home fromSystem() {
        String home = System.getProperty("engram.home");
        return new Home(Path.of(home == null || home.isBlank() ? "." : home));
    }

    public Path conf() {
        return root.resolve("conf");
    }

    public Path confFile() {
        return conf().resolve("engram.properties");
    }

    public Path tokenFile() {
        return conf().resolve("token");
    }

    /** Runtime bundles: framework services, libraries and the platform. */
    public Path system() {
        return root.resolve("system");
    }

    /** Algorithm bundles: backends, families, trainers, applications. */
    public Path plugins() {
        return root.resolve("plugins");
    }

    public Path cache() {
        return root.resolve("cache");
    }
}
