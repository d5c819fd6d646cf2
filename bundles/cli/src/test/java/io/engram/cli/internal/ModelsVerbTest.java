package io.engram.cli.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.BundleRef;
import io.engram.api.CheckpointMetadata;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Provenance;
import io.engram.cli.VerbCall;
import io.engram.store.internal.FileModelStore;
import io.engram.tensor.DType;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.train.CheckpointFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsVerbTest {

    @TempDir
    Path tmp;

    private FileModelStore store;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    record HostTensor(Shape shape, DType dtype, double[] values) implements Tensor {
        @Override
        public double[] toDoubleArray() {
            return values.clone();
        }

        @Override
        public float[] toFloatArray() {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            return f;
        }
    }

    private Path checkpoint(String file, double w) throws Exception {
        ModelSpec spec = new ModelSpec("elman", 2, 2, DType.F32, Hyperparameters.of(Map.of("hidden", 4)));
        Provenance provenance = new Provenance(5, "gen:toy", "abc", List.of(new BundleRef("io.engram.family.elman",
                "1.0.0")), Map.of("seed", "5", "checkpoint", "toy.ckpt"), "2026-01-01T00:00:00Z");
        Path p = tmp.resolve(file);
        CheckpointFile.write(p, new CheckpointMetadata(CheckpointFile.FORMAT_VERSION, "io.engram.family.elman", "1.0.0",
                spec, provenance), Map.of("w", new HostTensor(Shape.of(2), DType.F32, new double[] {w, 0})));
        return p;
    }

    @BeforeEach
    void setUp() throws Exception {
        store = new FileModelStore(tmp.resolve("models"));
        store.register("toy", checkpoint("a.ckpt", 1), "job-000001", Map.of("validation.loss", 0.25,
                "accuracy", 1.0)).get();
        store.register("toy", checkpoint("b.ckpt", 2), "job-000002", Map.of()).get();
    }

    private int models(String... args) {
        out.reset();
        err.reset();
        return new ModelsVerb(store).apply(Map.of(VerbCall.ARGS, List.of(args),
                VerbCall.OUT, new PrintStream(out, true, StandardCharsets.UTF_8),
                VerbCall.ERR, new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listsOneRowPerVersionWithItsLossMetrics() {
        assertEquals(0, models());
        List<String> lines = out().lines().toList();
        assertEquals(3, lines.size(), out());
        assertTrue(lines.get(0).matches("NAME +VERSION +ALIASES +FAMILY +CREATED +SOURCE +METRICS"), lines.get(0));
        assertTrue(lines.get(1).matches("toy +1 +elman +\\S+ +job job-000001 +validation\\.loss=0\\.25"), lines.get(1));
        assertTrue(lines.get(2).matches("toy +2 +elman +\\S+ +job job-000002"), lines.get(2));
    }

    @Test
    void aliasShowDeleteAndExport() throws Exception {
        assertEquals(0, models("alias", "toy@1", "production"));
        assertEquals("toy@production -> toy@1\n", out());
        assertEquals(0, models("show", "toy@production"));
        assertTrue(out().startsWith("model:      toy@1\naliases:    production\n"), out());
        assertTrue(out().contains(" (verified)\n"), out());
        assertTrue(out().contains("  checkpoint = toy.ckpt\n"), out());
        Path file = tmp.resolve("out/toy.ckpt");
        assertEquals(0, models("export", "toy@production", file.toString()));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("models/toy/1/model.ckpt")), Files.readAllBytes(file));
        assertEquals(2, models("delete", "toy"));
        assertTrue(err().contains("delete needs NAME@VERSION"), err());
        assertEquals(0, models("delete", "toy@1"));
        assertEquals("deleted toy@1 and its aliases production\n", out());
        assertEquals(2, models("show", "toy@production"));
        assertTrue(err().contains("has no alias 'production'"), err());
        assertEquals(2, models("frobnicate"));
        assertTrue(err().startsWith("usage: engram models"), err());
    }

    @Test
    void aChangedCheckpointShowsAMismatchAndFails() throws Exception {
        Path file = tmp.resolve("models/toy/2/model.ckpt");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
        assertEquals(1, models("show", "toy"));
        assertTrue(out().contains(" (MISMATCH)\n"), out());
        assertTrue(err().contains("it was registered with"), err());
    }
}
