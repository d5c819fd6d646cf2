package io.engram.backend.cpu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.backend.cpu.Blas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The decisions of a {@code blas} setting, with the libraries that load and the calibration's
 * timings injected: no real library is bound and nothing is timed.
 */
class BlasSelectionTest {
    private static final BlasLibrary REFERENCE = SystemBlas.describe(
            "/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0", false, 2);
    private static final BlasLibrary BUNDLED = new BlasLibrary("bundled", "OpenBLAS", "0.3.31",
            "/cache/libopenblas_nolapack.so.0", "org.bytedeco:openblas 0.3.31-1.5.13", 1);

    /** Which sources were asked for, in order; {@code loads} maps the ones that load to their library. */
    private static final class Libraries {
        final Map<String, BlasLibrary> loads;
        final List<String> asked = new ArrayList<>();

        Libraries(Map<String, BlasLibrary> loads) {
            this.loads = loads;
        }

        BlasSelection choose(Blas blas, long nativeNanos, long javaNanos) {
            return BlasSelection.choose(blas, 2, s -> {
                asked.add(s);
                return Optional.ofNullable(loads.get(s));
            }, s -> "no " + s + " library here", () -> new BlasCalibration(nativeNanos, javaNanos));
        }
    }

    @Test
    void autoAvoidsAReferenceBlasSlowerThanTheJavaGemmAndSaysSo() {
        Libraries libs = new Libraries(Map.of("system", REFERENCE));
        BlasSelection s = libs.choose(Blas.AUTO, 31_000_000, 10_000_000);
        assertEquals(List.of("bundled", "system"), libs.asked);
        assertFalse(s.nativeF32());
        assertFalse(s.nativeF64());
        assertEquals("java", s.library().source());
        assertTrue(s.availability().available());
        assertEquals("system BLAS /usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0 (reference BLAS 3.11.0) is 3.1x slower "
                + "than the Java GEMM on 64x128x256 products; using the Java GEMM (bundled: no bundled library here; "
                + "install libopenblas0-pthread, or set backend.cpu.blas=system to use it anyway)", s.warning());
    }

    @Test
    void autoTakesTheBundledLibraryFirstAndNeverAsksForTheSystemOne() {
        Libraries libs = new Libraries(Map.of("bundled", BUNDLED, "system", REFERENCE));
        BlasSelection s = libs.choose(Blas.AUTO, 1_000_000, 12_000_000);
        assertEquals(List.of("bundled"), libs.asked);
        assertTrue(s.nativeF32());
        assertEquals(BlasSelection.AUTO_F64_MIN_MACS, s.f64NativeFrom());
        assertEquals(BUNDLED, s.library());
        assertEquals("", s.warning());
    }

    @Test
    void aSystemLibraryOnlySomewhatSlowerThanTheJavaGemmIsKept() {
        BlasSelection s = new Libraries(Map.of("system", REFERENCE)).choose(Blas.AUTO, 12_000_000, 10_000_000);
        assertTrue(s.nativeF32());
        assertEquals(BlasSelection.AUTO_F64_MIN_MACS, s.f64NativeFrom());
        assertEquals("", s.warning());
        assertEquals(1.2, new BlasCalibration(12, 10).ratio(), 1e-12);
        assertFalse(new BlasCalibration(12, 10).slow());
        assertTrue(new BlasCalibration(125, 100).slow());
    }

    @Test
    void anExplicitSystemChoiceKeepsASlowLibraryAndWarns() {
        BlasSelection s = new Libraries(Map.of("system", REFERENCE)).choose(Blas.SYSTEM, 30_000_000, 10_000_000);
        assertTrue(s.nativeF32());
        assertTrue(s.nativeF64());
        assertEquals(REFERENCE, s.library());
        assertTrue(s.warning().startsWith("system BLAS /usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0 (reference BLAS "
                + "3.11.0) is 3.0x slower than the Java GEMM"), s.warning());
        assertTrue(s.warning().endsWith("; using it as blas=system says (blas=auto or java would use the Java GEMM)"),
                s.warning());
    }

    @Test
    void anExplicitChoiceThatDoesNotLoadMakesTheBackendUnavailableNamingTheField() {
        BlasSelection system = new Libraries(Map.of("bundled", BUNDLED)).choose(Blas.SYSTEM, 1, 1);
        assertFalse(system.availability().available());
        assertEquals("blas=system but no native BLAS loaded (system: no system library here)",
                system.availability().reason());
        BlasSelection nat = new Libraries(Map.of()).choose(Blas.NATIVE, 1, 1);
        assertEquals("blas=native but no native BLAS loaded (bundled: no bundled library here; system: no system library "
                + "here)", nat.availability().reason());
        BlasSelection auto = new Libraries(Map.of()).choose(Blas.AUTO, 1, 1);
        assertTrue(auto.availability().available());
        assertEquals("java", auto.library().source());
    }

    @Test
    void nativeFallsBackToTheSystemLibraryAndJavaAsksForNone() {
        Libraries libs = new Libraries(Map.of("system", REFERENCE));
        BlasSelection s = libs.choose(Blas.NATIVE, 1_000_000, 9_000_000);
        assertEquals(List.of("bundled", "system"), libs.asked);
        assertEquals(REFERENCE, s.library());
        Libraries none = new Libraries(Map.of("bundled", BUNDLED));
        assertEquals("java", none.choose(Blas.JAVA, 1, 1).library().source());
        assertEquals(List.of(), none.asked);
    }

    @Test
    void theBundledLibraryIsTakenWithoutAMeasurement() {
        Libraries libs = new Libraries(Map.of("bundled", BUNDLED));
        BlasSelection auto = BlasSelection.choose(Blas.AUTO, 2, s -> Optional.ofNullable(libs.loads.get(s)),
                s -> "", () -> {
                    throw new AssertionError("calibrated the bundled library");
                });
        assertEquals(BUNDLED, auto.library());
        assertTrue(auto.nativeF32());
        assertEquals(1L << 20, auto.f64NativeFrom(), "auto: only large f64 products run natively");
        BlasSelection bundled = libs.choose(Blas.BUNDLED, 50, 1);
        assertEquals(Gemm.NATIVE_MIN_MACS, bundled.f64NativeFrom());
        assertEquals("", bundled.warning());
    }

    @Test
    void comparisonsReadBothWays() {
        assertEquals("3.1x slower than the Java GEMM", new BlasCalibration(31, 10).comparison());
        assertEquals("12.0x faster than the Java GEMM", new BlasCalibration(10, 120).comparison());
    }
}
