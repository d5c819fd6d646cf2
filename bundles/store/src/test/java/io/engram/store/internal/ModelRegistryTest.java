package io.engram.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.engram.api.BundleRef;
import io.engram.api.CheckpointMetadata;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Provenance;
import io.engram.kernel.ModelRegistry;
import io.engram.store.ModelVersion;
import io.engram.tensor.DType;
import io.engram.tensor.Shape;
import io.engram.train.CheckpointFile;
import io.vavr.control.Try;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

    @TempDir
    Path tmp;

    private Path checkpoint(String file, double w) throws Exception {
        ModelSpec spec = new ModelSpec("lstm", 3, 2, DType.F32, Hyperparameters.of(Map.of("hidden", 4)));
        Provenance provenance = new Provenance(9, "gen:adding", "abc", List.of(new BundleRef("io.engram.family.lstm",
                "1.2.0")), Map.of("seed", "9", "model.family", "lstm"), "2026-01-01T00:00:00Z");
        Path p = tmp.resolve(file);
        CheckpointFile.write(p, new CheckpointMetadata(CheckpointFile.FORMAT_VERSION, "io.engram.family.lstm", "1.2.0",
                spec, provenance), Map.of("w", new FileModelStoreTest.HostTensor(Shape.of(2), DType.F32,
                new double[] {w, 2})));
        return p;
    }

    private FileModelStore store() {
        return new FileModelStore(tmp.resolve("models"));
    }

    @Test
    void aRerunIsTheNextVersionAndLeavesTheFirstAlone() throws Exception {
        FileModelStore store = store();
        Path first = checkpoint("a.ckpt", 1);
        String firstSha = AtomicFiles.sha256(first);
        ModelRegistry.Registered v1 = store.register("adding", first, "00001", Map.of("validation.loss", 0.25)).get();
        ModelRegistry.Registered v2 = store.register("adding", checkpoint("b.ckpt", 7), "00002", Map.of()).get();
        assertEquals(1, v1.version());
        assertEquals(2, v2.version());
        assertEquals("adding@2", v2.reference());
        assertFalse(Files.exists(first), "the job's file is moved into the registry");
        assertEquals(firstSha, AtomicFiles.sha256(v1.checkpoint()), "version 1 is unchanged by version 2");
        assertEquals(tmp.resolve("models/adding/1/model.ckpt"), v1.checkpoint());
        ModelVersion one = store.version("adding@1").get();
        assertEquals(firstSha, one.sha256());
        assertEquals("job 00001", one.source());
        assertEquals(0.25, one.metrics().get("validation.loss"));
        assertEquals("lstm", one.spec().get("model.family"));
        assertEquals(9, one.seed());
        assertEquals(List.of("io.engram.family.lstm 1.2.0"), one.bundles());
        assertEquals(2, store.version("adding").get().version(), "the plain name is the latest version");
        JsonNode json = ModelJson.MAPPER.readTree(tmp.resolve("models/adding/1/model.json").toFile());
        assertEquals(firstSha, json.get("sha256").asText());
        assertEquals("gen:adding", json.path("provenance").path("dataSource").asText());
    }

    @Test
    void aliasesPointAtVersionsAndResolve() throws Exception {
        FileModelStore store = store();
        store.register("m", checkpoint("a.ckpt", 1), "1", Map.of()).get();
        store.register("m", checkpoint("b.ckpt", 2), "2", Map.of()).get();
        store.alias("m@1", "production").get();
        assertEquals(tmp.resolve("models/m/1/model.ckpt"), store.resolve("m@production").get());
        assertEquals(tmp.resolve("models/m/2/model.ckpt"), store.checkpoint("m").get());
        assertEquals(List.of("production"), store.version("m@1").get().aliases());
        store.alias("m@2", "production").get();
        assertEquals(2, store.version("m@production").get().version(), "an alias moves");
        assertEquals(List.of(), store.version("m@1").get().aliases());
        Try<ModelVersion> missing = store.version("m@staging");
        assertTrue(missing.getCause().getMessage().contains("has no alias 'staging' (aliases: production)"),
                missing.getCause().getMessage());
        Try<ModelVersion> noVersion = store.version("m@9");
        assertTrue(noVersion.getCause().getMessage().contains("has no version 9 (versions: 1, 2)"),
                noVersion.getCause().getMessage());
        assertTrue(store.alias("m@1", "42").getCause().getMessage().contains("not all digits"));
        assertTrue(store.alias("m@7", "x").isFailure());
    }

    @Test
    void deletingAVersionDropsItsAliasesAndKeepsTheOthers() throws Exception {
        FileModelStore store = store();
        store.register("m", checkpoint("a.ckpt", 1), "1", Map.of()).get();
        store.register("m", checkpoint("b.ckpt", 2), "2", Map.of()).get();
        store.alias("m@1", "old").get();
        assertEquals(1, store.delete("m", 1).get().version());
        assertEquals(List.of(2), store.versions("m").stream().map(ModelVersion::version).toList());
        assertTrue(store.version("m@old").isFailure());
        assertFalse(Files.exists(tmp.resolve("models/m/1")));
        assertEquals(3, store.register("m", checkpoint("c.ckpt", 3), "3", Map.of()).get().version(),
                "numbers are never reused while a later version exists");
    }

    @Test
    void aChangedCheckpointFailsVerification() throws Exception {
        FileModelStore store = store();
        Path file = store.register("m", checkpoint("a.ckpt", 1), "1", Map.of()).get().checkpoint();
        assertEquals(1, store.verify("m@1").get().version());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        Try<ModelVersion> verified = store.verify("m@1");
        assertTrue(verified.getCause().getMessage().contains("it was registered with"), verified.getCause().getMessage());
    }

    @Test
    void aBadUploadIsRefusedNamingTheByteAndStoresNothing() throws Exception {
        FileModelStore store = store();
        store.register("m", checkpoint("a.ckpt", 1), "1", Map.of()).get();
        byte[] good = Files.readAllBytes(checkpoint("b.ckpt", 2));
        byte[] cut = Arrays.copyOf(good, good.length - 10);
        Try<ModelVersion> refused = store.upload("m", new ByteArrayInputStream(cut), 1 << 20);
        assertTrue(refused.isFailure());
        assertTrue(refused.getCause().getMessage().startsWith("not a valid checkpoint: "), refused.getCause().getMessage());
        assertTrue(refused.getCause().getMessage().matches("(?s).*(byte|offset).*"), refused.getCause().getMessage());
        Try<ModelVersion> junk = store.upload("m", new ByteArrayInputStream("hello".getBytes()), 1 << 20);
        assertTrue(junk.isFailure());
        Try<ModelVersion> big = store.upload("m", new ByteArrayInputStream(good), 100);
        assertTrue(big.getCause().getMessage().contains("larger than 100 bytes"), big.getCause().getMessage());
        assertEquals(1, store.versions("m").size(), "nothing was stored");
        assertEquals(List.of(), leftovers(), "no temporary file is left");
        ModelVersion uploaded = store.upload("m", new ByteArrayInputStream(good), 1 << 20).get();
        assertEquals(2, uploaded.version());
        assertEquals("upload", uploaded.source());
        assertEquals(AtomicFiles.sha256(Path.of(uploaded.checkpoint())), uploaded.sha256());
    }

    @Test
    void aCutShortRegistrationIsNotListedAndItsNumberIsSkipped() throws Exception {
        FileModelStore store = store();
        store.register("m", checkpoint("a.ckpt", 1), "1", Map.of()).get();
        Files.createDirectories(tmp.resolve("models/m/2"));
        Files.copy(tmp.resolve("models/m/1/model.ckpt"), tmp.resolve("models/m/2/model.ckpt"));
        assertEquals(List.of(1), store.versions("m").stream().map(ModelVersion::version).toList(),
                "a version without its metadata file is not complete");
        assertEquals(3, store.register("m", checkpoint("b.ckpt", 2), "2", Map.of()).get().version());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void namesAreCheckedAndPlainFilesStillResolve() throws Exception {
        FileModelStore store = store();
        assertTrue(store.register("../x", checkpoint("a.ckpt", 1), "1", Map.of()).getCause().getMessage()
                .contains("is not a model name"));
        assertTrue(store.register("bad name", checkpoint("b.ckpt", 1), "1", Map.of()).isFailure());
        Files.createDirectories(tmp.resolve("models"));
        Path legacy = checkpoint("models/old.ckpt", 1);
        assertEquals(legacy, store.checkpoint("old.ckpt").get(), "a file in the model directory");
        Path elsewhere = checkpoint("elsewhere.ckpt", 1);
        assertEquals(elsewhere, store.checkpoint(elsewhere.toString()).get(), "a path");
        assertTrue(store.checkpoint("nothing").getCause().getMessage().contains("no model 'nothing'"));
        store.register("m", checkpoint("c.ckpt", 1), "1", Map.of()).get();
        assertEquals(List.of("old.ckpt"), store.models().stream().map(io.engram.store.StoredModel::name).toList(),
                "the files of registered versions are not listed as plain checkpoints");
    }

    private List<Path> leftovers() throws Exception {
        try (Stream<Path> files = Files.walk(tmp.resolve("models"))) {
            return files.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }
}
