package io.engram.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.CheckpointMetadata;
import io.engram.api.Payloads;
import io.engram.api.TrainerState;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.train.internal.CheckpointCodec;
import io.vavr.control.Try;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The payload and trainer-state sections of format version 3: round trips, the fixture, and bad bytes. */
class CheckpointPayloadsTest {
    private final Ops ops = new CpuBackend(1).ops();
    private final CheckpointFileTest fixture = new CheckpointFileTest();
    private final CheckpointMetadata meta = CheckpointFileTest.fixtureMetadata(3, CheckpointFileTest.environment());

    @TempDir
    Path dir;

    /** The payloads of the version-3 fixture. */
    static Payloads payloads() {
        Map<String, List<Long>> integers = new LinkedHashMap<>();
        integers.put("vocab.ids", List.of(0L, 7L, -1L, Long.MIN_VALUE, Long.MAX_VALUE));
        Map<String, List<Double>> numbers = new LinkedHashMap<>();
        numbers.put("input.mean", List.of(0.25, -0.0, Double.MIN_VALUE, -1e300));
        Map<String, List<String>> strings = new LinkedHashMap<>();
        strings.put("alphabet", List.of("a", "ß", "✓", "", "$(rm -rf /); `x`"));
        strings.put("empty", List.of());
        return new Payloads(integers, numbers, strings);
    }

    /** The trainer state of the version-3 fixture. */
    TrainerState state() {
        Map<String, Long> integers = new LinkedHashMap<>();
        integers.put("epoch", 3L);
        integers.put("seed", -42L);
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("best", Double.POSITIVE_INFINITY);
        numbers.put("nan", Double.NaN);
        numbers.put("pi", Math.PI);
        numbers.put("tiny", 4.9e-324);
        numbers.put("negative.zero", -0.0);
        Map<String, String> texts = Map.of("stop", "it's done; really | `now`");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("optimizer.m.w", ops.fromArray(DType.F32, Shape.of(2), new float[] {1e-30f, -2f}));
        tensors.put("best.b", ops.fromArray(DType.F64, Shape.of(1), new double[] {Math.E}));
        return new TrainerState("gradient-training", integers, numbers, texts, tensors);
    }

    private static void assertState(TrainerState expected, TrainerState actual) {
        assertEquals(expected.trainer(), actual.trainer());
        assertEquals(expected.integers(), actual.integers());
        assertEquals(List.copyOf(expected.numbers().keySet()), List.copyOf(actual.numbers().keySet()));
        expected.numbers().forEach((k, v) -> assertEquals(Double.doubleToLongBits(v),
                Double.doubleToLongBits(actual.numbers().get(k)), k));
        assertEquals(expected.texts(), actual.texts());
        assertEquals(List.copyOf(expected.tensors().keySet()), List.copyOf(actual.tensors().keySet()));
        expected.tensors().forEach((k, t) -> {
            assertEquals(t.dtype(), actual.tensors().get(k).dtype(), k);
            assertArrayEquals(t.toDoubleArray(), actual.tensors().get(k).toDoubleArray(), k);
        });
    }

    private byte[] encoded() {
        return CheckpointCodec.encode(meta, fixture.fixtureTensors(), payloads(), state());
    }

    private String failure(byte[] file) {
        Try<LoadedCheckpoint> t = CheckpointCodec.decode("m", CheckpointStrictnessTest.resealed(file), ops);
        assertTrue(t.isFailure(), () -> "expected a failure, got " + t);
        return t.getCause().getMessage();
    }

    /** Where the payload section starts: after the parameters' tensors. */
    private int payloadsAt(byte[] file) {
        long last = CheckpointCodec.decode("m", file, null).get().offsets().get("s");
        return (int) last + 4 + 1 + 1 + 1 + 8;
    }

    @Test
    void payloadsAndTrainerStateRoundTripBitForBit() throws IOException {
        Path file = dir.resolve("m.ckpt");
        CheckpointFile.write(file, meta, fixture.fixtureTensors(), payloads(), state());
        LoadedCheckpoint c = CheckpointFile.read(file, ops).get();
        assertEquals(meta, c.metadata());
        assertEquals(List.of("w", "b", "s"), List.copyOf(c.tensors().keySet()));
        assertEquals(payloads(), c.payloads());
        assertEquals(List.of("vocab.ids", "input.mean", "alphabet", "empty"), List.copyOf(c.payloads().names()));
        assertState(state(), c.trainerState().orElseThrow());
        assertEquals(meta, CheckpointFile.readMetadata(file).get());
        assertTrue(CheckpointFile.read(file, null).get().trainerState().orElseThrow().tensors().isEmpty(),
                "a metadata-only read creates no tensors");
    }

    @Test
    void noStateReadsAsNone() {
        byte[] file = CheckpointCodec.encode(meta, fixture.fixtureTensors(), Payloads.empty(), null);
        LoadedCheckpoint c = CheckpointCodec.decode("m", file, ops).get();
        assertTrue(c.trainerState().isEmpty());
        assertEquals(Payloads.empty(), c.payloads());
    }

    @Test
    void theFixtureOfFormatVersionThreeStillReads() throws IOException {
        Path file = dir.resolve("fixture.engram");
        try (InputStream in = getClass().getResourceAsStream("checkpoint-v3.engram")) {
            Files.copy(in, file);
        }
        LoadedCheckpoint c = CheckpointFile.read(file, ops).get();
        assertEquals(meta, c.metadata());
        assertArrayEquals(fixture.fixtureTensors().get("b").toDoubleArray(), c.tensors().get("b").toDoubleArray());
        assertEquals(payloads(), c.payloads());
        assertState(state(), c.trainerState().orElseThrow());
        assertEquals(3, CheckpointFile.FORMAT_VERSION, "a new version needs its own fixture next to this one");
    }

    @Test
    void aPayloadNamedTwiceIsRefusedNamingItsByte() {
        Map<String, List<Long>> twice = new LinkedHashMap<>();
        twice.put("a", List.of(1L));
        twice.put("b", List.of(2L));
        byte[] file = CheckpointCodec.encode(meta, Map.of(), new Payloads(twice, Map.of(), Map.of()), null);
        int second = 16 + le(file).getInt(12) + 4 + 4 + (4 + 1 + 1 + 4 + 8);
        file[second + 4] = 'a';
        assertEquals("checkpoint m: payload 1 at byte " + second + ": name 'a' is given twice", failure(file));
    }

    @Test
    void anUnknownKindANonFiniteNumberAndABadStateFlagAreNamed() {
        byte[] file = encoded();
        int at = payloadsAt(file);
        int kindAt = at + 4 + 4 + "vocab.ids".length();
        file[kindAt] = 9;
        assertEquals("checkpoint m: kind of payload 'vocab.ids' at byte " + (at + 4) + " at byte " + kindAt
                + " has unknown code 9 (expected 1 for integers, 2 for numbers or 3 for strings)", failure(file));

        file = encoded();
        int numbersAt = kindAt + 1 + 4 + 5 * 8;
        int elementAt = numbersAt + 4 + "input.mean".length() + 1 + 4 + 8;
        le(file).putDouble(elementAt, Double.NaN);
        assertEquals("checkpoint m: payload 'input.mean' at byte " + numbersAt + ": element 1 at byte " + elementAt
                + " is NaN; payload numbers are finite", failure(file));

        file = CheckpointCodec.encode(meta, fixture.fixtureTensors(), Payloads.empty(), null);
        int flagAt = file.length - 32 - 1;
        file[flagAt] = 2;
        assertEquals("checkpoint m: trainer state flag at byte " + flagAt + " is 2 (expected 0 or 1)", failure(file));
    }

    @Test
    void aRawShellCharacterOrAWrongTypeInTheStateBlockIsRefused() {
        byte[] file = encoded();
        String text = new String(file, StandardCharsets.ISO_8859_1);
        int block = text.indexOf("{\"trainer\"");
        int seed = text.indexOf("-42", block);
        file[seed] = ';';
        assertEquals("checkpoint m: trainer state block starting at byte " + block + ": byte " + seed
                + " is 0x3B, which version 3 stores escaped", failure(file));

        file = encoded();
        file[seed] = '"';
        file[seed + 2] = '"';
        assertEquals("checkpoint m: trainer state block starting at byte " + block
                + ": field 'integers.seed': expected an integer", failure(file));
    }

    @Test
    void aTruncatedStateNamesItsSection() {
        byte[] file = encoded();
        byte[] cut = java.util.Arrays.copyOf(file, file.length - 20);
        String message = CheckpointCodec.decode("m", cut, ops).getCause().getMessage();
        assertTrue(message.startsWith("checkpoint m: truncated: "), message);
        assertTrue(message.contains("trainer state tensor 1 name at byte"), message);
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }
}
