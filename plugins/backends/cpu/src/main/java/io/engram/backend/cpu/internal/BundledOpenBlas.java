package io.engram.backend.cpu.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The OpenBLAS that the bundle {@code io.engram.openblas} carries ({@code org.bytedeco:openblas},
 * linux-x86_64): JavaCPP's {@link Loader} extracts {@code libopenblas.so.0} and the libraries it
 * needs from that bundle into its cache directory ({@code ~/.javacpp/cache}, or the system property
 * {@code org.bytedeco.javacpp.cachedir}) and loads them; the JNI of {@code dev.ludovic.netlib:blas}
 * then opens the same file, so products go through netlib's zero-copy wrappers to this library.
 *
 * <p>Only {@link NativeBlas} calls {@link #load}, once per class loader, under its lock. Every
 * reference to JavaCPP's classes stays in this class, so the backend loads and runs without that
 * bundle (then {@link #load} throws a {@link LinkageError} that says so).
 */
final class BundledOpenBlas {

    private BundledOpenBlas() {
    }

    /**
     * Loads the library and sets how many threads it runs a product on; returns what was loaded.
     *
     * @throws LinkageError when the bundle or a native library is missing or does not load here
     * @throws RuntimeException when JavaCPP cannot extract or find the library
     */
    static BlasLibrary load(int threads) {
        Loader.load(openblas_nolapack.class);
        String file = file(Loader.getLoadedLibraries());
        openblas_nolapack.blas_set_num_threads(threads);
        String version = openblas_nolapack.OPENBLAS_VERSION.trim().replaceFirst("^OpenBLAS\\s*", "");
        return new BlasLibrary(BlasLibrary.BUNDLED, "OpenBLAS", version, file, artifact(), threads);
    }

    /** Sets how many threads the loaded library runs a product on. */
    static void threads(int threads) {
        openblas_nolapack.blas_set_num_threads(threads);
    }

    /** The file of {@code libopenblas} among the libraries JavaCPP loaded. */
    private static String file(Map<String, String> loaded) {
        for (Map.Entry<String, String> e : loaded.entrySet()) {
            if (e.getKey().startsWith("openblas") && !e.getKey().startsWith("openblas_full")) {
                return e.getValue();
            }
        }
        throw new IllegalStateException("JavaCPP loaded no libopenblas (it loaded " + loaded.keySet() + ")");
    }

    /** The Maven coordinates of the natives, as the bundle records them. */
    private static String artifact() {
        try (InputStream in = openblas_nolapack.class.getResourceAsStream("/org/bytedeco/openblas/engram-artifact.txt")) {
            return in == null ? "org.bytedeco:openblas" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "org.bytedeco:openblas";
        }
    }
}
