package io.engram.http.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The token that mutating requests (and reads, where so configured) must present as
 * {@code Authorization: Bearer <token>}
 * (RFC 6750, section 2.1). Immutable and thread-safe once built.
 *
 * <p>Where the token comes from, in order: the configured {@code token}; else the first line of
 * {@code token.file} when that file exists and is not blank; else 256 random bits from
 * {@link SecureRandom}, URL-safe base64 without padding, written to {@code token.file} (a temp file
 * created owner-only where the file system is POSIX, forced, atomically renamed, its directory
 * synced) or kept in memory when no file is configured.
 */
final class BearerToken {
    private static final String SCHEME = "bearer ";

    private final byte[] expected;

    private BearerToken(String token) {
        this.expected = token.getBytes(StandardCharsets.UTF_8);
    }

    static BearerToken of(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("empty token");
        }
        return new BearerToken(token.trim());
    }

    /**
     * Resolves the token as described in the class comment.
     *
     * @param configured  the configured token, or empty
     * @param tokenFile   the file to read or write, or empty for none
     */
    static BearerToken resolve(String configured, Optional<Path> tokenFile, SecureRandom random) throws IOException {
        if (configured != null && !configured.isBlank()) {
            return of(configured);
        }
        if (tokenFile.isPresent() && Files.isRegularFile(tokenFile.get())) {
            String line = Files.readAllLines(tokenFile.get(), StandardCharsets.UTF_8).stream()
                    .map(String::trim).filter(s -> !s.isEmpty()).findFirst().orElse("");
            if (!line.isEmpty()) {
                return of(line);
            }
        }
        String generated = generate(random);
        if (tokenFile.isPresent()) {
            write(tokenFile.get(), generated);
        }
        return of(generated);
    }

    /** 256 random bits, URL-safe base64 without padding (43 characters). */
    static String generate(SecureRandom random) {
        byte[] bits = new byte[32];
        random.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    /**
     * True when the {@code Authorization} header carries this token with the Bearer scheme. The
     * token comparison takes time independent of where the tokens differ.
     */
    boolean accepts(Optional<String> authorization) {
        if (authorization.isEmpty()) {
            return false;
        }
        String value = authorization.get().trim();
        if (value.length() < SCHEME.length()
                || !value.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return false;
        }
        byte[] given = value.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }

    private static void write(Path file, String token) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path tmp = posix
                ? Files.createTempFile(dir, file.getFileName() + ".", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap((token + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Makes the rename durable where the platform allows opening a directory (not on Windows). */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // directories cannot be opened on some platforms; the rename itself has happened
        }
    }
}
