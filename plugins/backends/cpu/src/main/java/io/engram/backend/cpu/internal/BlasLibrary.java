package io.engram.backend.cpu.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A BLAS implementation as people and provenance see it: where it comes from, its name, version
 * and file, and how many threads it runs a product on. Immutable.
 *
 * @param source  {@code bundled}, {@code system} or {@code java}
 * @param name    {@code OpenBLAS}, {@code reference BLAS}, {@code Java GEMM}, ...
 * @param version its version, or empty when unknown
 * @param file    the shared library the process loaded (empty for the Java GEMM)
 * @param origin  where it came from, such as {@code org.bytedeco:openblas 0.3.31-1.5.13} (may be empty)
 * @param threads threads per product of the library itself
 */
public record BlasLibrary(String source, String name, String version, String file, String origin, int threads) {
    static final String BUNDLED = "bundled";
    static final String SYSTEM = "system";
    static final String JAVA = "java";

    /** The Java GEMM of this backend, {@code threads} being its pool's size. */
    public static BlasLibrary java(int threads) {
        return new BlasLibrary(JAVA, "Java GEMM", "", "", "io.engram.backend.cpu", threads);
    }

    /** Name and version, such as {@code OpenBLAS 0.3.31}. */
    public String title() {
        return version.isEmpty() ? name : name + " " + version;
    }

    /** One line such as {@code OpenBLAS 0.3.31 (bundled, org.bytedeco:openblas 0.3.31-1.5.13)}. */
    public String line() {
        String where = origin.isEmpty() ? file : origin;
        return title() + " (" + source + (where.isEmpty() ? "" : ", " + where) + ")";
    }

    /** The {@code blas.*} entries of {@code Backend.describe()}. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("blas.library", line());
        m.put("blas.name", name);
        m.put("blas.version", version.isEmpty() ? "unknown" : version);
        m.put("blas.source", source);
        if (!file.isEmpty()) {
            m.put("blas.file", file);
        }
        m.put("blas.threads", Integer.toString(threads));
        return m;
    }
}
