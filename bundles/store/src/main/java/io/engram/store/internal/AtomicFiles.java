package io.engram.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes files of the store as wholes: to a hidden temporary name in the same directory, then
 * renamed over the target, so a reader sees the old file or the new one, never a part. Stateless and
 * thread-safe.
 */
final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes {@code bytes} as {@code target}. */
    static void write(Path target, byte[] bytes) throws IOException {
        Path tmp = temp(target);
        try {
            Files.write(tmp, bytes);
            rename(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Copies {@code in} (at most {@code limit} bytes, else it fails) as {@code target}; returns its SHA-256, hex. */
    static String copy(InputStream in, Path target, long limit) throws IOException {
        Path tmp = temp(target);
        try {
            String sha = copyTo(in, tmp, limit);
            rename(tmp, target);
            return sha;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Copies {@code in} into {@code file} (at most {@code limit} bytes); returns its SHA-256, hex. */
    static String copyTo(InputStream in, Path file, long limit) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream digesting = new DigestInputStream(in, sha); OutputStream out = Files.newOutputStream(file)) {
            byte[] buf = new byte[65536];
            long total = 0;
            int n;
            while ((n = digesting.read(buf)) > 0) {
                total += n;
                if (total > limit) {
                    throw new IOException("the checkpoint is larger than " + limit + " bytes");
                }
                out.write(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The SHA-256 of a file, hex. */
    static String sha256(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** A hidden temporary file beside {@code target}. */
    static Path temp(Path target) throws IOException {
        return Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    }

    /** Renames {@code from} over {@code to}, atomically where the file system can. */
    static void rename(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
