package io.engram.backend.cpu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the system library is named from the process's memory map and the file's name. */
class SystemBlasTest {

    @Test
    void findsTheRealFileOfLibblasInTheMemoryMap() {
        List<String> maps = List.of(
                "7f00-7f01 r--p 00000000 08:01 123 /usr/lib/jvm/java-17/lib/server/libjvm.so",
                "7f02-7f03 r-xp 00000000 08:01 456 /root/.javacpp/cache/x.jar/libopenblas.so.0",
                "7f04-7f05 r-xp 00001000 08:01 789 /usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so",
                "7f06-7f07 rw-p 00000000 00:00 0 [heap]");
        assertEquals("/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so", SystemBlas.mappedFile(maps));
        assertEquals("", SystemBlas.mappedFile(List.of("7f06-7f07 rw-p 00000000 00:00 0 [heap]")));
    }

    @Test
    void namesTheLibraryAndItsVersion() {
        BlasLibrary openblas = SystemBlas.describe(
                "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so", false, 4);
        assertEquals("OpenBLAS 0.3.21 (system, libblas.so.3)", openblas.line());
        assertEquals(4, openblas.threads());
        BlasLibrary reference = SystemBlas.describe("/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0", false, 4);
        assertEquals("reference BLAS 3.11.0 (system, libblas.so.3)", reference.line());
        assertEquals(1, reference.threads());
        assertEquals("OpenBLAS", SystemBlas.describe("/opt/lib/libblas.so.3", true, 2).name());
        assertEquals("BLIS", SystemBlas.describe("/usr/lib/x86_64-linux-gnu/blis-pthread/libblas.so.3", false, 2).name());
        assertEquals("", SystemBlas.version("/usr/lib/libblas.so.3"));
    }
}
