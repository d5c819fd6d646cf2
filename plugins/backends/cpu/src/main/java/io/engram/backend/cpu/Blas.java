package io.engram.backend.cpu;

import java.util.Locale;
import java.util.Optional;

/**
 * Which implementation computes the matrix products of a {@link CpuBackend}.
 *
 * <ul>
 *   <li>{@link #AUTO}: f32 products of at least {@code 4096} multiply-adds on the system's native
 *       BLAS (OpenBLAS through the JNI of {@code dev.ludovic.netlib:blas}) when it loads; f64 and
 *       small products on the Java GEMM, whose results are bitwise those of the textbook loop.
 *   <li>{@link #NATIVE}: f32 and f64 products on the native BLAS; the backend reports itself
 *       unavailable, with the reason, when no native library loads.
 *   <li>{@link #JAVA}: every product on the Java GEMM.
 * </ul>
 */
public enum Blas {
    AUTO, NATIVE, JAVA;

    /** The choice named by {@code text} ({@code auto}, {@code native}, {@code java}; any case). */
    public static Optional<Blas> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "auto": return Optional.of(AUTO);
            case "native": return Optional.of(NATIVE);
            case "java": return Optional.of(JAVA);
            default: return Optional.empty();
        }
    }
}
