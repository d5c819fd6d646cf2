package io.engram.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.BundleRef;
import io.engram.api.CheckpointMetadata;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Provenance;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.train.internal.CheckpointCodec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Text from a job spec reaches the file escaped, never as something a shell would run. */
class CheckpointEncodingTest {
    static final String ATTACK = "x\n$(rm -rf /);`id`|&>";
    private final Ops ops = new CpuBackend(1).ops();

    private CheckpointMetadata metadata(String text) {
        ModelSpec spec = new ModelSpec("lstm", 1, 1, DType.F32, Hyperparameters.of(Map.of("note", text)));
        Provenance provenance = new Provenance(7L, text, "00", List.of(new BundleRef("b", "1.0.0")),
                Map.of("data.file", text, text, "key too", "quote", "it's \"quoted\" (a) <b> \\ ü \r\t"),
                "2026-12-07T00:00:00Z", Map.of("backend.blas.library", text));
        return new CheckpointMetadata(CheckpointFile.FORMAT_VERSION, "io.engram.family.lstm", "0.1.0", spec, provenance);
    }

    private static String block(byte[] file) {
        int length = ByteBuffer.wrap(file, 12, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return new String(file, 16, length, StandardCharsets.ISO_8859_1);
    }

    @Test
    void shellTextRoundTripsAndNoneOfItsCharactersAppearRawInTheMetadata() {
        Map<String, Tensor> tensors = Map.of("w", ops.fromArray(DType.F32, Shape.of(1, 1), new float[] {0.5f}));
        byte[] file = CheckpointCodec.encode(metadata(ATTACK), tensors);
        assertEquals(metadata(ATTACK), CheckpointCodec.decode("m", file, ops).get().metadata());

        String block = block(file);
        for (char c : "\n\r\t;|&$`'<>()\u00FC".toCharArray()) {
            assertEquals(-1, block.indexOf(c), () -> "raw '" + c + "' in " + block);
        }
        assertTrue(block.chars().allMatch(c -> c >= 0x20 && c <= 0x7E), block);
        assertTrue(block.contains("\"data.file\":\"x\\u000A\\u0024\\u0028rm -rf /\\u0029\\u003B\\u0060id\\u0060"
                + "\\u007C\\u0026\\u003E\""), block);
        String whole = new String(file, StandardCharsets.ISO_8859_1);
        for (String piece : List.of("$(rm", "`id`", "|&>", ");", "\n$")) {
            assertEquals(-1, whole.indexOf(piece), piece);
        }
    }

    @Test
    void aRawShellCharacterInTheMetadataIsRefusedEvenUnderAValidChecksum() {
        byte[] file = CheckpointCodec.encode(metadata("safe"), Map.of());
        int at = 16 + block(file).indexOf("safe");
        file[at] = ';';
        String message = CheckpointCodec.decode("m", CheckpointStrictnessTest.resealed(file), null).getCause().getMessage();
        assertEquals("checkpoint m: metadata block starting at byte 16: byte " + at
                + " is 0x3B, which version 3 stores escaped", message);
    }

    @Test
    void aMalformedMetadataFieldIsNamed() {
        byte[] file = CheckpointCodec.encode(metadata("safe"), Map.of());
        int at = 16 + block(file).indexOf("\"inputSize\":1");
        file[at + "\"inputSize\":".length()] = '-';
        String message = CheckpointCodec.decode("m", CheckpointStrictnessTest.resealed(file), null).getCause().getMessage();
        assertTrue(message.startsWith("checkpoint m: metadata block starting at byte 16: JSON syntax error at byte "),
                message);
        file = CheckpointCodec.encode(metadata("safe"), Map.of());
        file[at + 2] = 'o';
        message = CheckpointCodec.decode("m", CheckpointStrictnessTest.resealed(file), null).getCause().getMessage();
        assertEquals("checkpoint m: metadata block starting at byte 16: field 'spec.inputSize': "
                + "expected a non-negative integer, found nothing", message);
    }
}
