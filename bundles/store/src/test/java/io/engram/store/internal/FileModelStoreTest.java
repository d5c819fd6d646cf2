package io.engram.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.BundleRef;
import io.engram.api.CheckpointMetadata;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Provenance;
import io.engram.store.StoredModel;
import io.engram.tensor.DType;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.train.CheckpointFile;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileModelStoreTest {

    @TempDir
    Path tmp;

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

    private static void checkpoint(Path file, String family) throws Exception {
        ModelSpec spec = new ModelSpec(family, 3, 2, DType.F32, Hyperparameters.of(Map.of("hidden", 4)));
        Provenance provenance = new Provenance(9, "gen", "abc", List.of(new BundleRef("io.engram.family." + family,
                "1.0.0")), Map.of("seed", "9"), "2026-01-01T00:00:00Z");
        CheckpointFile.write(file, new CheckpointMetadata(1, "io.engram.family." + family, "1.0.0", spec, provenance),
                Map.of("w", new HostTensor(Shape.of(2), DType.F32, new double[] {1, 2})));
    }

    private static ModelStoreConfiguration config(String dataDir, String modelsDir) {
        return new ModelStoreConfiguration() {
            @Override
            public String data_dir() {
                return dataDir;
            }

            @Override
            public String models_dir() {
                return modelsDir;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return ModelStoreConfiguration.class;
            }
        };
    }

    @Test
    void theDirectoryIsTheSiblingOfTheJobsDirUnlessConfigured() {
        assertEquals(tmp.resolve("data/models"), new FileModelStore(config(tmp.resolve("data/jobs").toString(), ""))
                .directory());
        assertEquals(tmp.resolve("m"), new FileModelStore(config("x", tmp.resolve("m").toString())).directory());
    }

    @Test
    void listsDescribesAndDeletesModelsByName() throws Exception {
        Path dir = tmp.resolve("models");
        Files.createDirectories(dir.resolve("grammar"));
        checkpoint(dir.resolve("grammar/lstm.ckpt"), "lstm");
        checkpoint(dir.resolve("a.ckpt"), "gru");
        Files.write(dir.resolve("broken.ckpt"), new byte[] {1, 2, 3});
        Files.write(dir.resolve(".a.ckpt.123.tmp"), new byte[] {0});
        FileModelStore store = new FileModelStore(dir);

        List<StoredModel> models = store.models();
        assertEquals(List.of("a.ckpt", "broken.ckpt", "grammar/lstm.ckpt"),
                models.stream().map(StoredModel::name).collect(Collectors.toList()));
        assertEquals("gru", models.get(0).metadata().spec().family());
        assertEquals(9L, models.get(0).metadata().provenance().seed());
        assertTrue(models.get(0).readable());
        assertFalse(models.get(1).readable());
        assertNull(models.get(1).metadata());
        assertTrue(models.get(1).problem().contains("broken.ckpt"), models.get(1).problem());
        assertEquals(3, models.get(1).bytes());

        assertEquals("lstm", store.describe("grammar/lstm.ckpt").get().metadata().spec().family());
        assertEquals("io.engram.family.lstm", store.delete("grammar/lstm.ckpt").get().metadata().familyBundle());
        assertFalse(Files.exists(dir.resolve("grammar/lstm.ckpt")));
        assertTrue(store.describe("grammar/lstm.ckpt").isFailure());
        assertEquals(List.of("a.ckpt", "broken.ckpt"),
                store.models().stream().map(StoredModel::name).collect(Collectors.toList()));
    }

    @Test
    void namesOutsideTheStoreAreRefused() throws Exception {
        Path dir = tmp.resolve("models");
        Files.createDirectories(dir);
        Files.writeString(tmp.resolve("secret"), "x");
        FileModelStore store = new FileModelStore(dir);
        for (String bad : List.of("../secret", tmp.resolve("secret").toString(), "", ".", "a/../../secret")) {
            assertTrue(store.delete(bad).isFailure(), bad);
        }
        assertTrue(Files.exists(tmp.resolve("secret")));
        assertEquals("'../secret' is not a model name: it must be a relative path inside " + dir,
                store.describe("../secret").getCause().getMessage());
        assertEquals(List.of(), new FileModelStore(tmp.resolve("none")).models());
    }
}
