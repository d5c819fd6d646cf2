package io.engram.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.CheckpointMetadata;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.train.internal.CheckpointCodec;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checkpoints that do not fit, hold non-finite weights or declare impossible sizes are refused. */
class CheckpointStrictnessTest {
    private final Ops ops = new CpuBackend(1).ops();
    private final CheckpointFileTest fixture = new CheckpointFileTest();
    private final CheckpointMetadata meta = CheckpointFileTest.fixtureMetadata(2, CheckpointFileTest.environment());

    private byte[] encoded(Map<String, Tensor> tensors) {
        return CheckpointCodec.encode(meta, tensors);
    }

    /** Rewrites the SHA-256 trailer so that only the structure can be wrong. */
    static byte[] resealed(byte[] file) {
        byte[] out = file.clone();
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(out, 0, out.length - 32);
            System.arraycopy(md.digest(), 0, out, out.length - 32, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    private static String failure(Try<?> t) {
        assertTrue(t.isFailure(), () -> "expected a failure, got " + t);
        assertTrue(t.getCause() instanceof IOException, () -> "expected an IOException, got " + t.getCause());
        return t.getCause().getMessage();
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void aTensorDroppedUnderARecomputedChecksumIsRefusedNamingIt() {
        byte[] file = encoded(fixture.fixtureTensors());
        LoadedCheckpoint whole = CheckpointCodec.decode("m", file, ops).get();
        int cut = Math.toIntExact(whole.offsets().get("s"));
        int countAt = 16 + le(file).getInt(12);
        byte[] attacked = Arrays.copyOf(file, cut + 5 + 32);
        System.arraycopy(file, file.length - 32 - 5, attacked, cut, 5);
        le(attacked).putInt(countAt, 2);
        attacked = resealed(attacked);

        LoadedCheckpoint read = CheckpointCodec.decode("m", attacked, ops).get();
        assertEquals(2, read.tensors().size(), "the file itself is well formed");
        String message = failure(CheckpointFit.check("m", read, fixture.fixtureTensors()));
        assertEquals("checkpoint m does not fit the network of family 'tanh-rnn' (1 problem): "
                + "tensor 's' (F64 []) is missing", message);
    }

    @Test
    void aTensorOfTheWrongShapeOrDtypeOrAnExtraOneIsRefusedWithItsOffset() {
        LoadedCheckpoint read = CheckpointCodec.decode("m", encoded(fixture.fixtureTensors()), ops).get();
        Map<String, Tensor> expected = new LinkedHashMap<>(fixture.fixtureTensors());
        expected.put("w", ops.zeros(DType.F32, Shape.of(3, 2)));
        expected.put("b", ops.zeros(DType.F32, Shape.of(3)));
        expected.remove("s");
        String message = failure(CheckpointFit.check("m", read, expected));
        long w = read.offsets().get("w");
        long b = read.offsets().get("b");
        long s = read.offsets().get("s");
        assertEquals("checkpoint m does not fit the network of family 'tanh-rnn' (3 problems): "
                + "tensor 'w' at byte " + w + " is F32 [2, 3], the network expects F32 [3, 2]; "
                + "tensor 'b' at byte " + b + " is F64 [3], the network expects F32 [3]; "
                + "tensor 's' at byte " + s + " is not a parameter of the network", message);
        assertTrue(w > 16 && b > w && s > b, "offsets in file order");
    }

    @Test
    void aCheckpointThatFitsGivesItsTensors() {
        LoadedCheckpoint read = CheckpointCodec.decode("m", encoded(fixture.fixtureTensors()), ops).get();
        assertEquals(read.tensors(), CheckpointFit.check("m", read, fixture.fixtureTensors()).get());
    }

    @Test
    void nanAndInfiniteWeightsAreRefusedNamingTensorElementAndByte() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            Map<String, Tensor> tensors = new LinkedHashMap<>(fixture.fixtureTensors());
            tensors.put("b", ops.fromArray(DType.F64, Shape.of(3), new double[] {1, bad, 2}));
            byte[] file = encoded(tensors);
            long entry = CheckpointCodec.decode("m", file, null).get().offsets().get("b");
            long element = entry + 4 + 1 + 1 + 1 + 4 + 8;
            String message = failure(CheckpointCodec.decode("m", file, ops));
            assertEquals("checkpoint m: tensor 'b' at byte " + entry + ": element 1 at byte " + element + " is " + bad
                    + "; a checkpoint holds finite weights only", message);
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>(fixture.fixtureTensors());
        tensors.put("w", ops.fromArray(DType.F32, Shape.of(1), new float[] {Float.NaN}));
        assertTrue(failure(CheckpointCodec.decode("m", encoded(tensors), ops)).contains("tensor 'w'"));
    }

    /**
     * A file with one tensor whose header is {@code header}, followed by {@code dataBytes} zero bytes
     * (and no payload or trainer state section).
     */
    private byte[] withTensorHeader(byte[] header, int dataBytes) {
        byte[] head = encoded(Map.of());
        int countAt = head.length - 32 - 4 - 5;
        ByteBuffer b = ByteBuffer.allocate(countAt + 4 + header.length + dataBytes + 32).order(ByteOrder.LITTLE_ENDIAN);
        b.put(head, 0, countAt).putInt(1).put(header);
        return resealed(b.array());
    }

    private static byte[] header(String name, int dtype, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + name.length() + 2 + 4 * dims.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(name.length()).put(name.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.put((byte) dtype).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.array();
    }

    @Test
    void shapesWhoseProductOverflowsAreRefusedBeforeAllocating() {
        byte[] file = withTensorHeader(header("big", 2, 65536, 65536, 65536, 65536, 65536), 16);
        int at = file.length - 32 - 16 - (4 + 3 + 2 + 20);
        assertEquals("checkpoint m: truncated: tensor 'big' at byte " + at + ": shape [65536, 65536, 65536, 65536, 65536]"
                + " of F64 needs more bytes than the 16 that remain before the trailer", failure(
                CheckpointCodec.decode("m", file, ops)));
        file = withTensorHeader(header("max", 1, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE), 0);
        assertTrue(failure(CheckpointCodec.decode("m", file, ops)).contains("shape [2147483647, 2147483647, 2147483647]"));
    }

    @Test
    void extentsBeyondAnIntAndNegativeLengthsAreRefused() {
        byte[] file = withTensorHeader(header("neg", 1, -5), 0);
        assertTrue(failure(CheckpointCodec.decode("m", file, ops)).contains(
                "extent 0 of tensor 'neg' at byte"), file.length + "");
        assertTrue(failure(CheckpointCodec.decode("m", file, ops)).contains("is 4294967291, beyond any valid value"));

        byte[] name = header("x", 1);
        le(name).putInt(0, -16);
        String message = failure(CheckpointCodec.decode("m", withTensorHeader(name, 0), ops));
        assertTrue(message.contains("tensor 0 name length at byte"), message);
        assertTrue(message.contains("is 4294967280, beyond any valid value"), message);
    }

    @Test
    void countsLargerThanTheBytesLeftAreRefused() {
        byte[] file = encoded(fixture.fixtureTensors());
        int countAt = 16 + le(file).getInt(12);
        le(file).putInt(countAt, Integer.MAX_VALUE);
        String message = failure(CheckpointCodec.decode("m", resealed(file), ops));
        assertTrue(message.startsWith("checkpoint m: tensor count at byte " + countAt + " is 2147483647, but 2147483647 "
                + "entries need at least 12884901882 bytes and only "), message);

        byte[] meta = encoded(fixture.fixtureTensors());
        le(meta).putInt(12, 0x7FFFFFF0);
        message = failure(CheckpointCodec.decode("m", resealed(meta), ops));
        assertTrue(message.startsWith("checkpoint m: truncated: metadata block at byte 16 needs 2147483632 bytes"), message);
    }

    @Test
    void aFileCutAtAnyOffsetGivesTheCodecsCleanError() {
        byte[] file = encoded(fixture.fixtureTensors());
        for (int n = 0; n < file.length; n++) {
            Try<LoadedCheckpoint> t = CheckpointCodec.decode("m", Arrays.copyOf(file, n), ops);
            String message = failure(t);
            assertTrue(message.startsWith("checkpoint m: "), message);
            assertTrue(message.length() < 400, message);
            assertFalse(t.isSuccess());
            if (n != file.length - 32) {
                String structural = failure(CheckpointCodec.decode("m", resealed(Arrays.copyOf(file, n + 32)), ops));
                assertTrue(structural.startsWith("checkpoint m: "), structural);
                assertTrue(structural.length() < 400, structural);
            }
        }
    }

    @Test
    void aDuplicatedTensorNameIsRefused() {
        byte[] file = encoded(Map.of("a", ops.zeros(DType.F32, Shape.of(1))));
        int countAt = 16 + le(file).getInt(12);
        int entry = countAt + 4;
        int length = file.length - 32 - 5 - entry;
        ByteBuffer b = ByteBuffer.allocate(file.length + length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(file, 0, entry + length).put(file, entry, length).put(new byte[5]).put(new byte[32]);
        byte[] twice = b.array();
        le(twice).putInt(countAt, 2);
        assertEquals("checkpoint m: tensor 1 at byte " + (entry + length) + ": name 'a' is given twice",
                failure(CheckpointCodec.decode("m", resealed(twice), ops)));
    }
}
