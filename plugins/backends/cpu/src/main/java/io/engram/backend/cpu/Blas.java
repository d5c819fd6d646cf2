package io.engram.backend.cpu;

import java.util.Locale;
import java.util.Optional;

/**
 * Which implementation computes the matrix products of a {@link CpuBackend}.
 *
 * <ul>
 *   <li>{@link #AUTO}: f32 products of at least {@code 4096} multiply-adds and f64 products of at
 *       least {@code 2^20} (a 128 x 128 x 64 product) on a native BLAS, the first that loads of
 *       the bundled OpenBLAS ({@code org.bytedeco:openblas}, in the bundle
 *       {@code io.engram.openblas}) and the system's {@code libblas.so.3} (through the JNI of
 *       {@code dev.ludovic.netlib:blas}), skipping one that a short calibration finds slower than
 *       the Java GEMM (with a warning naming it); smaller products on the Java GEMM, whose f64
 *       results are bitwise those of the textbook loop.
 *   <li>{@link #BUNDLED}: f32 and f64 products on the bundled OpenBLAS; the backend reports itself
 *       unavailable, with the reason, when it does not load.
 *   <li>{@link #SYSTEM}: f32 and f64 products on the system's {@code libblas.so.3}, whatever it is
 *       (a warning names it when it is slower than the Java GEMM); unavailable when it does not load.
 *   <li>{@link #NATIVE}: the first of the two that loads, f32 and f64; unavailable when neither does.
 *   <li>{@link #JAVA}: every product on the Java GEMM.
 * </ul>
 *
 * <p>A process binds one native library, the first one a backend asks for: the JNI layer resolves
 * its BLAS symbols once per class loader. A later backend that names the other library is
 * unavailable, with the reason; restarting applies the new choice.
 */
public enum Blas {
    AUTO, BUNDLED, SYSTEM, NATIVE, JAVA;

    /** The accepted values, as the setting spells them. */
    public static final String CHOICES = "auto, bundled, system, native or java";

    /** The choice named by {@code text} ({@code auto}, {@code bundled}, {@code system}, {@code native}, {@code java}; any case). */
    public static Optional<Blas> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "auto": return Optional.of(AUTO);
            case "bundled": return Optional.of(BUNDLED);
            case "system": return Optional.of(SYSTEM);
            case "native": return Optional.of(NATIVE);
            case "java": return Optional.of(JAVA);
            default: return Optional.empty();
        }
    }

    /** The setting's spelling of this choice. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
