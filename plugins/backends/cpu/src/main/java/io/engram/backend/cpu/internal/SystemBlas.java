package io.engram.backend.cpu.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the system BLAS that the JNI of {@code dev.ludovic.netlib:blas} opened as
 * {@code libblas.so.3}: the real file comes from the process's memory map (Debian's alternatives
 * make {@code libblas.so.3} a chain of links), its kind from the file's path and, when the path
 * does not say, from whether it exports OpenBLAS's {@code openblas_get_config}; the version from
 * the file name ({@code libopenblasp-r0.3.21.so}, {@code libblas.so.3.11.0}). Stateless.
 */
final class SystemBlas {
    private static final Pattern OPENBLAS_VERSION = Pattern.compile("openblas[a-z0-9_]*-r(\\d+(?:\\.\\d+)+)");
    private static final Pattern SO_VERSION = Pattern.compile("\\.so\\.(\\d+(?:\\.\\d+)+)$");

    private SystemBlas() {
    }

    /** The system library loaded in this process, {@code threads} per product. */
    static BlasLibrary identify(int threads) {
        String file = mappedFile(readMaps());
        return describe(file, file.isEmpty() ? false : exportsOpenBlas(Path.of(file)), threads);
    }

    /** What {@code file} is, told whether it exports OpenBLAS's own symbols. */
    static BlasLibrary describe(String file, boolean openBlasSymbols, int threads) {
        String lower = file.toLowerCase(Locale.ROOT);
        String name;
        if (lower.contains("openblas") || openBlasSymbols) {
            name = "OpenBLAS";
        } else if (lower.contains("blis")) {
            name = "BLIS";
        } else if (lower.contains("mkl")) {
            name = "Intel MKL";
        } else if (lower.contains("atlas")) {
            name = "ATLAS";
        } else if (file.isEmpty()) {
            name = "libblas.so.3";
        } else {
            name = "reference BLAS";
        }
        return new BlasLibrary(BlasLibrary.SYSTEM, name, version(file), file, "libblas.so.3",
                name.equals("OpenBLAS") || name.equals("BLIS") || name.equals("Intel MKL") ? threads : 1);
    }

    /** The version the file name carries, or empty. */
    static String version(String file) {
        String base = file.substring(file.lastIndexOf('/') + 1);
        Matcher m = OPENBLAS_VERSION.matcher(base);
        if (m.find()) {
            return m.group(1);
        }
        m = SO_VERSION.matcher(base);
        return m.find() && m.group(1).indexOf('.') > 0 ? m.group(1) : "";
    }

    /** The first file of {@code maps} (lines of {@code /proc/self/maps}) named like a BLAS library. */
    static String mappedFile(List<String> maps) {
        for (String line : maps) {
            int slash = line.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String path = line.substring(slash).trim();
            String base = path.substring(path.lastIndexOf('/') + 1);
            if ((base.startsWith("libblas") || base.startsWith("libopenblas") || base.startsWith("libblis")
                    || base.startsWith("libmkl_rt")) && !path.contains("/.javacpp/")) {
                return path;
            }
        }
        return "";
    }

    private static List<String> readMaps() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps"));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Whether the file holds the name {@code openblas_get_config} (in its dynamic symbol table). */
    private static boolean exportsOpenBlas(Path file) {
        byte[] needle = "openblas_get_config".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            int matched = 0;
            long limit = 64L << 20;
            for (long i = 0; i < limit; i++) {
                int b = in.read();
                if (b < 0) {
                    return false;
                }
                matched = b == needle[matched] ? matched + 1 : (b == needle[0] ? 1 : 0);
                if (matched == needle.length) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }
}
