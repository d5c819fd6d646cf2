package io.engram.http.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the API says at start about how exposed it is: listening beyond loopback without TLS, and a
 * token file that others than its owner may read or write. Stateless.
 */
final class StartupWarnings {
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private StartupWarnings() {
    }

    /** The warnings for a server bound to {@code host}, with or without TLS, with this token file. */
    static List<String> of(String host, boolean tls, Optional<Path> tokenFile) {
        List<String> out = new ArrayList<>();
        if (!tls && !Loopback.is(host)) {
            out.add("the REST API listens on " + (host.isBlank() ? "every interface" : host)
                    + " beyond loopback without TLS: the bearer token and job data cross the network in clear text"
                    + " (bind http.host to 127.0.0.1, or put a TLS proxy in front and set http.tls=true)");
        }
        tokenFile.flatMap(StartupWarnings::permissions).filter(p -> p.stream().anyMatch(OTHERS::contains))
                .ifPresent(p -> out.add("the token file " + tokenFile.get() + " is readable or writable by group or"
                        + " others (" + PosixFilePermissions.toString(p) + "): run chmod 600 " + tokenFile.get()));
        return out;
    }

    /** The file's POSIX permissions; empty when it does not exist or the file system has none. */
    private static Optional<Set<PosixFilePermission>> permissions(Path file) {
        if (!Files.exists(file) || Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.getPosixFilePermissions(file));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
