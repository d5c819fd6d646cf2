package io.engram.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.engram.api.Schema;
import io.engram.kernel.PluginInfo;
import io.engram.kernel.PluginKind;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PluginsVerbTest {

    @Test
    void tableShowsEveryColumnAndWhyABackendCannotRun() {
        String table = PluginsVerb.table(List.of(
                new PluginInfo("lstm", PluginKind.FAMILY, "1.2.0", "io.engram.family.lstm", 7,
                        Set.of("flat-parameters", "differentiable"), true, "", "LSTM", Schema.empty()),
                new PluginInfo("cuda", PluginKind.BACKEND, "0.1.0", "io.engram.backend.cuda", 9,
                        Set.of(), false, "no CUDA driver", "GPU", Schema.empty())));
        assertEquals("""
                ID    KIND     VERSION  BUNDLE                  CAPABILITIES                    AVAILABLE
                lstm  family   1.2.0    io.engram.family.lstm   differentiable,flat-parameters  yes
                cuda  backend  0.1.0    io.engram.backend.cuda  -                               no: no CUDA driver
                """, table);
    }

    @Test
    void aBackendRowNamesItsBlas() {
        PluginInfo cpu = new PluginInfo("cpu", PluginKind.BACKEND, "0.1.0", "io.engram.backend.cpu", 8, Set.of(), true, "",
                "CPU", Schema.empty());
        String table = PluginsVerb.table(List.of(cpu), p -> java.util.Map.of("blas.name", "OpenBLAS",
                "blas.version", "0.3.31", "blas.source", "bundled", "blas.threads", "1"));
        assertEquals("""
                ID   KIND     VERSION  BUNDLE                 CAPABILITIES  AVAILABLE
                cpu  backend  0.1.0    io.engram.backend.cpu  -             yes (BLAS: OpenBLAS 0.3.31, bundled, 1 thread)
                """, table);
        assertEquals(" (BLAS: Java GEMM, java, 2 threads)", PluginsVerb.blas(java.util.Map.of("blas.name", "Java GEMM",
                "blas.version", "unknown", "blas.source", "java", "blas.threads", "2")));
        assertEquals("", PluginsVerb.blas(java.util.Map.of("device", "NVIDIA H100")));
    }
}
