package io.engram.backend.cpu.internal;

import io.engram.backend.cpu.Blas;
import io.engram.tensor.Availability;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a {@link Blas} setting gives on this machine: the library that computes the f32 (and f64)
 * products, whether the backend can run, and a warning for people when the system library is
 * slower than the Java GEMM by {@link BlasCalibration#SLOW_FACTOR} or more (Debian's reference
 * {@code libblas3} is): {@code auto} then leaves it for the Java GEMM; an explicit {@code system}
 * or {@code native} keeps it and warns. The bundled OpenBLAS is an optimised build that picks its
 * kernels for the CPU when it loads, so it is taken without a measurement. Immutable.
 *
 * @param library      the library of the f32 products ({@link BlasLibrary#java} when none)
 * @param nativeF32    f32 products of at least {@link Gemm#NATIVE_MIN_MACS} multiply-adds run natively
 * @param f64NativeFrom f64 products of at least this many multiply-adds run natively:
 *                     {@link Gemm#NATIVE_MIN_MACS} when the setting names a library,
 *                     {@link #AUTO_F64_MIN_MACS} under {@code auto}, {@link Long#MAX_VALUE} for none
 * @param availability unavailable, with the reason, when an explicit choice did not load
 * @param warning      a line for the log, or empty
 */
public record BlasSelection(BlasLibrary library, boolean nativeF32, long f64NativeFrom, Availability availability,
                            String warning) {

    /**
     * Under {@code auto}, f64 products of at least this many multiply-adds (a 128 x 128 x 64
     * product) run on the native library: products this large are where its speed tells (the Gram
     * matrix of a ridge readout, a 1000-unit reservoir's states against themselves), and the smaller
     * ones of gradient checks and reference computations stay bitwise those of the textbook loop.
     */
    public static final long AUTO_F64_MIN_MACS = 1L << 20;

    /** No f64 product runs natively. */
    static final long NEVER = Long.MAX_VALUE;

    /** Whether any f64 product runs natively. */
    public boolean nativeF64() {
        return f64NativeFrom != NEVER;
    }

    /** The selection for {@code blas} from the libraries of this process, with a pool of {@code threads}. */
    public static BlasSelection choose(Blas blas, int threads) {
        return choose(blas, threads, NativeBlas::bind, NativeBlas::problem, BlasCalibration::ofBoundLibrary);
    }

    /**
     * The selection for {@code blas}, where {@code bind} binds a source ({@code bundled},
     * {@code system}) as {@link NativeBlas#bind} does, {@code problem} says why one did not, and
     * {@code calibration} measures the bound library.
     */
    static BlasSelection choose(Blas blas, int threads, Function<String, Optional<BlasLibrary>> bind,
                                Function<String, String> problem, Supplier<BlasCalibration> calibration) {
        BlasLibrary java = BlasLibrary.java(threads);
        if (blas == Blas.JAVA) {
            return new BlasSelection(java, false, NEVER, Availability.yes(), "");
        }
        List<String> sources = switch (blas) {
            case BUNDLED -> List.of(BlasLibrary.BUNDLED);
            case SYSTEM -> List.of(BlasLibrary.SYSTEM);
            default -> List.of(BlasLibrary.BUNDLED, BlasLibrary.SYSTEM);
        };
        List<String> failures = new ArrayList<>();
        for (String source : sources) {
            Optional<BlasLibrary> lib = bind.apply(source);
            if (lib.isEmpty()) {
                failures.add(source + ": " + problem.apply(source));
                continue;
            }
            if (BlasLibrary.BUNDLED.equals(source)) {
                // an optimised build for this CPU (OpenBLAS picks its kernels when it loads): nothing to measure
                return new BlasSelection(lib.get(), true, f64From(blas), Availability.yes(), "");
            }
            BlasCalibration t = calibration.get();
            if (blas != Blas.AUTO) {
                String warning = t.slow() ? slowLine(lib.get(), t) + "; using it as blas=" + blas.label()
                        + " says (blas=auto or java would use the Java GEMM)" : "";
                return new BlasSelection(lib.get(), true, Gemm.NATIVE_MIN_MACS, Availability.yes(), warning);
            }
            if (!t.slow()) {
                return new BlasSelection(lib.get(), true, AUTO_F64_MIN_MACS, Availability.yes(), "");
            }
            return new BlasSelection(java, false, NEVER, Availability.yes(), slowLine(lib.get(), t)
                    + "; using the Java GEMM (" + remedy(lib.get(), failures) + ")");
        }
        if (blas == Blas.AUTO) {
            return new BlasSelection(java, false, NEVER, Availability.yes(), "");
        }
        return new BlasSelection(java, false, NEVER,
                Availability.no("blas=" + blas.label() + " but no native BLAS loaded (" + String.join("; ", failures) + ")"),
                "");
    }

    /** Where f64 products start running on a library that {@code blas} binds. */
    private static long f64From(Blas blas) {
        return blas == Blas.AUTO ? AUTO_F64_MIN_MACS : Gemm.NATIVE_MIN_MACS;
    }

    private static String slowLine(BlasLibrary lib, BlasCalibration t) {
        return lib.source() + " BLAS " + (lib.file().isEmpty() ? lib.name() : lib.file()) + " (" + lib.title() + ") is "
                + t.comparison() + " on " + BlasCalibration.M + "x" + BlasCalibration.K + "x" + BlasCalibration.N + " products";
    }

    private static String remedy(BlasLibrary lib, List<String> failures) {
        String why = failures.isEmpty() ? "" : String.join("; ", failures) + "; ";
        return BlasLibrary.SYSTEM.equals(lib.source())
                ? why + "install libopenblas0-pthread, or set backend.cpu.blas=system to use it anyway"
                : why + "set backend.cpu.blas=" + lib.source() + " to use it anyway";
    }
}
