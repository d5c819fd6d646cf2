package io.engram.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.BundleRef;
import io.engram.api.CheckpointMetadata;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Payloads;
import io.engram.api.Provenance;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.vavr.control.Try;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {
    private final Ops ops = new CpuBackend(1).ops();

    @TempDir
    Path dir;

    /** The metadata of the fixture {@code checkpoint-v1.engram}, as version 1 reads it. */
    static CheckpointMetadata fixtureMetadata() {
        return fixtureMetadata(1, Map.of());
    }

    /** The metadata of the fixtures, as {@code version} reads it, with {@code environment}. */
    static CheckpointMetadata fixtureMetadata(int version, Map<String, String> environment) {
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("hidden", 3);
        hyper.put("scale", 0.5);
        hyper.put("peepholes", true);
        hyper.put("init", "uniform");
        hyper.put("budget", 1L << 40);
        ModelSpec spec = new ModelSpec("tanh-rnn", 2, 1, DType.F32, Hyperparameters.of(hyper));
        Provenance provenance = new Provenance(42L, "generator:test", "ab".repeat(32),
                List.of(new BundleRef("io.engram.family.test", "0.1.0"), new BundleRef("io.engram.train", "0.1.0")),
                Map.of("seed", "42", "model.family", "tanh-rnn", "note", "ünïcödé ✓"), "2026-11-25T00:00:00Z",
                environment);
        return new CheckpointMetadata(version, "io.engram.family.test", "0.1.0", spec, provenance);
    }

    /** The environment of the version-2 fixture. */
    static Map<String, String> environment() {
        return Map.of("backend.blas.library", "OpenBLAS 0.3.31", "backend.threads", "2", "backend.device", "cpu");
    }

    /** The tensors of the fixture. */
    Map<String, Tensor> fixtureTensors() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("w", ops.fromArray(DType.F32, Shape.of(2, 3), new float[] {0.5f, -1.25f, 3f, 0f, 1e-3f, -7f}));
        t.put("b", ops.fromArray(DType.F64, Shape.of(3), new double[] {Math.PI, -Math.E, 1e-300}));
        t.put("s", ops.fromArray(DType.F64, Shape.scalar(), new double[] {42}));
        return t;
    }

    private Path written() throws IOException {
        Path file = dir.resolve("model.engram");
        CheckpointFile.write(file, fixtureMetadata(1, environment()), fixtureTensors());
        return file;
    }

    private static void assertFixture(LoadedCheckpoint c) {
        assertFixture(c, fixtureMetadata());
    }

    private static void assertFixture(LoadedCheckpoint c, CheckpointMetadata metadata) {
        assertEquals(metadata, c.metadata());
        assertEquals(List.of("w", "b", "s"), List.copyOf(c.tensors().keySet()));
        Tensor w = c.tensors().get("w");
        assertEquals(DType.F32, w.dtype());
        assertEquals(Shape.of(2, 3), w.shape());
        assertArrayEquals(new float[] {0.5f, -1.25f, 3f, 0f, 1e-3f, -7f}, w.toFloatArray());
        Tensor b = c.tensors().get("b");
        assertEquals(DType.F64, b.dtype());
        assertArrayEquals(new double[] {Math.PI, -Math.E, 1e-300}, b.toDoubleArray());
        assertEquals(Shape.scalar(), c.tensors().get("s").shape());
        assertEquals(42.0, c.tensors().get("s").item());
        assertEquals(Long.class, c.metadata().spec().hyper().get("budget").getClass());
    }

    private static String failure(Try<?> t) {
        assertTrue(t.isFailure(), "expected a failure, got " + t);
        return t.getCause().getMessage();
    }

    @Test
    void roundTripKeepsMetadataTensorsAndOrder() throws IOException {
        CheckpointMetadata current = fixtureMetadata(CheckpointFile.FORMAT_VERSION, environment());
        assertFixture(CheckpointFile.read(written(), ops).get(), current);
        assertEquals(current, CheckpointFile.readMetadata(written()).get());
        assertEquals("OpenBLAS 0.3.31", CheckpointFile.readMetadata(written()).get().provenance().environment()
                .get("backend.blas.library"));
    }

    @Test
    void writeIsAtomicAndLeavesNoTemporaryFiles() throws IOException {
        Path file = written();
        CheckpointFile.write(file, fixtureMetadata(), Map.of("x", ops.zeros(DType.F32, Shape.of(4))));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        assertEquals(List.of("x"), List.copyOf(CheckpointFile.read(file, ops).get().tensors().keySet()));
    }

    @Test
    void theFixtureOfFormatVersionOneStillReads() throws IOException {
        Path file = dir.resolve("fixture.engram");
        try (InputStream in = getClass().getResourceAsStream("checkpoint-v1.engram")) {
            Files.copy(in, file);
        }
        LoadedCheckpoint c = CheckpointFile.read(file, ops).get();
        assertFixture(c);
        assertEquals(Map.of(), c.metadata().provenance().environment());
    }

    @Test
    void theFixtureOfFormatVersionTwoStillReads() throws IOException {
        Path file = dir.resolve("fixture.engram");
        try (InputStream in = getClass().getResourceAsStream("checkpoint-v2.engram")) {
            Files.copy(in, file);
        }
        LoadedCheckpoint c = CheckpointFile.read(file, ops).get();
        assertFixture(c, fixtureMetadata(2, environment()));
        assertEquals(Payloads.empty(), c.payloads());
        assertEquals(Optional.empty(), c.trainerState());
    }

    @Test
    void aForeignFileIsNamedAsSuch() throws IOException {
        Path file = dir.resolve("foreign.zip");
        Files.write(file, new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0});
        String message = failure(CheckpointFile.read(file, ops));
        assertTrue(message.contains("not an Engram checkpoint: bad magic at byte 0"), message);
        assertTrue(message.contains("found 50 4b 03 04 14 00 00 00"), message);
    }

    @Test
    void anUnknownFormatVersionIsNamed() throws IOException {
        Path file = written();
        byte[] bytes = Files.readAllBytes(file);
        bytes[8] = 99;
        Files.write(file, bytes);
        String message = failure(CheckpointFile.readMetadata(file));
        assertTrue(message.contains("unsupported format version 99 at byte 8 (this reader knows versions 1 to 3)"), message);
    }

    @Test
    void aFlippedByteFailsTheChecksum() throws IOException {
        Path file = written();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 40] ^= 0x10;
        Files.write(file, bytes);
        String message = failure(CheckpointFile.read(file, ops));
        assertTrue(message.contains("corrupted: SHA-256 checksum mismatch: bytes 0.." + (bytes.length - 33)), message);
        assertTrue(message.contains("trailer at byte " + (bytes.length - 32)), message);
    }

    @Test
    void aTruncatedFileNamesTheFieldAndOffset() throws IOException {
        Path file = written();
        byte[] bytes = Files.readAllBytes(file);
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 25);
        Files.write(file, cut);
        String message = failure(CheckpointFile.read(file, ops));
        assertTrue(message.startsWith("checkpoint " + file + ": truncated: "), message);
        assertTrue(message.contains("tensor 'b' at byte"), message);
        assertTrue(message.contains("shape [3] of F64 needs more bytes than the"), message);
        assertTrue(message.contains("the file has " + cut.length + " bytes"), message);

        Files.write(file, java.util.Arrays.copyOf(bytes, 5));
        message = failure(CheckpointFile.readMetadata(file));
        assertTrue(message.contains("truncated: magic bytes at byte 0 needs 8 bytes but the file ends at byte 5"),
                message);
    }

    @Test
    void aMissingFileSaysSo() {
        String message = failure(CheckpointFile.read(dir.resolve("absent.engram"), ops));
        assertTrue(message.startsWith("cannot read checkpoint "), message);
        assertTrue(message.contains("NoSuchFileException"), message);
    }

    @Test
    void aStructuralErrorUnderAValidChecksumNamesTheByte() throws IOException {
        Path file = written();
        byte[] bytes = Files.readAllBytes(file);
        int metaLength = java.nio.ByteBuffer.wrap(bytes, 12, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        int dtypeAt = 16 + metaLength + 4 + 4 + 1;
        assertEquals(1, bytes[dtypeAt], "f32 code of tensor 'w'");
        bytes[dtypeAt] = 7;
        int end = bytes.length - 32;
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            md.update(bytes, 0, end);
            System.arraycopy(md.digest(), 0, bytes, end, 32);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        Files.write(file, bytes);
        String message = failure(CheckpointFile.read(file, ops));
        assertEquals("checkpoint " + file + ": dtype of tensor 'w' at byte " + dtypeAt
                + " has unknown code 7 (expected 1 for f32 or 2 for f64)", message);
    }

    @Test
    void aShortForeignFileIsForeignNotTruncated() throws IOException {
        Path file = dir.resolve("short.txt");
        Files.write(file, "hi\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String message = failure(CheckpointFile.readMetadata(file));
        assertTrue(message.contains("not an Engram checkpoint: bad magic at byte 0"), message);
    }
}
