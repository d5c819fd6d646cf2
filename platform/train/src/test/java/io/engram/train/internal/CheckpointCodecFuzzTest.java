package io.engram.train.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.Ops;
import io.engram.train.LoadedCheckpoint;
import io.vavr.control.Try;
import java.io.IOException;
import java.util.Arrays;

/**
 * The decoder's contract under arbitrary bytes: a checkpoint or an {@link IOException} whose message
 * names the file and stays short, never another exception, whether the bytes are a whole file or
 * the payload and trainer-state sections of version 3. {@code mvn verify} replays the inputs
 * under {@code CheckpointCodecFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class CheckpointCodecFuzzTest {
    /** The longest message a failure may have. */
    static final int MESSAGE_LIMIT = 1000;
    private static final Ops OPS = new CpuBackend(1).ops();

    @FuzzTest(maxDuration = "5m")
    void decode(byte[] data) {
        check(CheckpointCodec.decode("f", data, OPS));
        check(CheckpointCodec.decode("f", data, null));
    }

    /** The input with a valid checksum appended, so that the fuzzer reaches past the trailer check. */
    @FuzzTest(maxDuration = "5m")
    void decodeSealed(byte[] body) {
        byte[] file = Arrays.copyOf(body, body.length + CheckpointCodec.TRAILER);
        System.arraycopy(CheckpointCodec.sha256(body, body.length), 0, file, body.length, CheckpointCodec.TRAILER);
        check(CheckpointCodec.decode("f", file, OPS));
    }

    /**
     * A valid version-3 head (metadata and one tensor) followed by the input as the payload and
     * trainer-state sections, sealed, so that the fuzzer spends its time in those sections.
     */
    @FuzzTest(maxDuration = "5m")
    void decodeSections(byte[] sections) {
        byte[] head = HEAD;
        byte[] body = Arrays.copyOf(head, head.length + sections.length);
        System.arraycopy(sections, 0, body, head.length, sections.length);
        decodeSealed(body);
    }

    /** Everything of a version-3 file before its payload section. */
    private static final byte[] HEAD = head();

    private static byte[] head() {
        io.engram.api.ModelSpec spec = new io.engram.api.ModelSpec("f", 1, 1, io.engram.tensor.DType.F32,
                io.engram.api.Hyperparameters.empty());
        byte[] file = CheckpointCodec.encode(new io.engram.api.CheckpointMetadata(3, "b", "1.0.0", spec, null),
                java.util.Map.of("w", OPS.zeros(io.engram.tensor.DType.F32, io.engram.tensor.Shape.of(2))),
                io.engram.api.Payloads.empty(), null);
        return Arrays.copyOf(file, file.length - CheckpointCodec.TRAILER - 5);
    }

    private static void check(Try<LoadedCheckpoint> result) {
        if (result.isFailure()) {
            Throwable e = result.getCause();
            assertTrue(e instanceof IOException, () -> "not the codec's error: " + e);
            assertTrue(e.getMessage().startsWith("checkpoint f: "), e::getMessage);
            assertTrue(e.getMessage().length() <= MESSAGE_LIMIT, () -> e.getMessage().length() + " characters: "
                    + e.getMessage().substring(0, 400));
        }
    }
}
