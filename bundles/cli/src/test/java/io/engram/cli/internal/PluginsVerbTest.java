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

    @Test
    void underTheTableEachBackendNamesItsBlasAndTheBundleThatShipsIt() {
        PluginInfo cpu = new PluginInfo("cpu", PluginKind.BACKEND, "0.1.0", "io.engram.backend.cpu", 8, Set.of(), true, "",
                "CPU", Schema.empty());
        PluginInfo lstm = new PluginInfo("lstm", PluginKind.FAMILY, "1.2.0", "io.engram.family.lstm", 7,
                Set.of(), true, "", "LSTM", Schema.empty());
        java.util.Map<String, String> bundled = java.util.Map.of("blas.library",
                "OpenBLAS 0.3.31 (bundled, org.bytedeco:openblas 0.3.31-1.5.13)", "blas.source", "bundled");
        assertEquals("\nBLAS of backend cpu: OpenBLAS 0.3.31 (bundled, org.bytedeco:openblas 0.3.31-1.5.13), "
                + "bundle io.engram.openblas 0.2.0\n", PluginsVerb.blasFooter(List.of(lstm, cpu),
                p -> p == cpu ? bundled : java.util.Map.of(), name -> java.util.Optional.of("0.2.0")));
        assertEquals("\nBLAS of backend cpu: OpenBLAS 0.3.21 (system, libblas.so.3)\n", PluginsVerb.blasFooter(List.of(cpu),
                p -> java.util.Map.of("blas.library", "OpenBLAS 0.3.21 (system, libblas.so.3)", "blas.source", "system"),
                name -> java.util.Optional.empty()));
        assertEquals("", PluginsVerb.blasFooter(List.of(lstm), p -> java.util.Map.of(), name -> java.util.Optional.empty()));
    }

    @Test
    void anIdPrintsTheSpecKeysOfItsSchema() {
        PluginInfo lstm = new PluginInfo("lstm", PluginKind.FAMILY, "1.2.0", "io.engram.family.lstm", 7,
                Set.of("differentiable"), true, "", "Long short-term memory.", Schema.of(
                        io.engram.api.HyperParameter.integer("hidden", 32, 1, 4096, "Units."),
                        io.engram.api.HyperParameter.choice("init", "xavier", List.of("xavier", "orthogonal"), "Initialiser."),
                        io.engram.api.HyperParameter.text("note", "", "Free text.")));
        assertEquals("""
                lstm (family 1.2.0, bundle io.engram.family.lstm)
                Long short-term memory.
                capabilities: differentiable
                available: yes

                KEY           DEFAULT  ALLOWED                    DESCRIPTION
                model.hidden  32       an integer in [1, 4096]    Units.
                model.init    xavier   one of xavier, orthogonal  Initialiser.
                model.note    ""       text                       Free text.
                """, PluginDetails.describe(List.of(lstm)));
        PluginInfo bptt = new PluginInfo("bptt", PluginKind.TRAINER, "0.2.0", "io.engram.trainer.bptt", 8, Set.of(), true, "",
                "", Schema.empty());
        assertEquals("""
                bptt (trainer 0.2.0, bundle io.engram.trainer.bptt)
                capabilities: -
                available: yes
                settings: none
                """, PluginDetails.describe(List.of(bptt)));
    }

    @Test
    void aMistypedIdIsAnsweredWithTheNearestOne() {
        List<PluginInfo> plugins = List.of(plugin("lstm"), plugin("lsm"), plugin("cosyne"), plugin("gru"));
        assertEquals(List.of("lsm", "lstm"), PluginDetails.nearest("lsmt", plugins));
        assertEquals(List.of("lstm"), PluginDetails.nearest("lstn", plugins));
        assertEquals(List.of("cosyne"), PluginDetails.nearest("cosine", plugins));
        assertEquals(List.of("gru"), PluginDetails.nearest("rgu", plugins));
        assertEquals(List.of(), PluginDetails.nearest("transformer", plugins));
    }

    private static PluginInfo plugin(String id) {
        return new PluginInfo(id, PluginKind.FAMILY, "0.2.0", "io.engram.family." + id, 7, Set.of(), true, "", "", Schema.empty());
    }
}
