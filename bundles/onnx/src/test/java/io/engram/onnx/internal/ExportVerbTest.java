package io.engram.onnx.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.CheckpointMetadata;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.Provenance;
import io.engram.onnx.internal.proto.Onnx.ModelProto;
import io.engram.tensor.DType;
import io.engram.train.CheckpointFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engram export} on checkpoint files: what it writes, what it refuses, and that it replaces nothing unasked. */
class ExportVerbTest {
    @TempDir
    Path tmp;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int export(String... args) {
        return new ExportVerb(EngramRuns.BACKEND, "0.2.0.test", null).apply(Map.of("args", List.of(args),
                "out", new PrintStream(out, true, StandardCharsets.UTF_8),
                "err", new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    Path checkpoint(String name, String family, DType dtype, Map<String, Object> hyper) throws Exception {
        ModelSpec spec = new ModelSpec(family, 3, 2, dtype, Hyperparameters.of(hyper));
        Network n = EngramRuns.family(family).create(spec, EngramRuns.BACKEND, 3);
        Path file = tmp.resolve(name);
        CheckpointFile.write(file, new CheckpointMetadata(CheckpointFile.FORMAT_VERSION, "io.engram.family." + family,
                "0.2.0", spec, new Provenance(3, "test", "", List.of(), Map.of(), "2026-12-07T00:00:00Z")), n.parameters());
        return file;
    }

    @Test
    void writesTheModelAndSaysWhatItHolds() throws Exception {
        Path ckpt = checkpoint("lstm.ckpt", "lstm", DType.F64, Map.of("hidden", 4, "layers", 2));
        Path onnx = tmp.resolve("lstm.onnx");
        assertEquals(0, export(ckpt.toString(), onnx.toString()), err.toString());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("): lstm, 2 layers of 4 units, input 3, output 2; f64 weights rounded to float32"),
                printed);
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(onnx));
        assertEquals(List.of("LSTM", "Squeeze", "LSTM", "Squeeze", "MatMul", "Add"), model.getGraph().getNodeList()
                .stream().map(n -> n.getOpType()).filter(op -> !op.equals("Shape") && !op.equals("Gather")
                        && !op.equals("Range") && !op.equals("Unsqueeze") && !op.equals("Cast") && !op.equals("Less")
                        && !op.equals("Mul")).toList());
        assertEquals("0.2.0.test", model.getProducerVersion());
        assertEquals(OnnxExport.OPSET, model.getOpsetImport(0).getVersion());
    }

    @Test
    void anExistingFileIsKeptUnlessForced() throws Exception {
        Path ckpt = checkpoint("gru.ckpt", "gru", DType.F32, Map.of("hidden", 3));
        Path onnx = Files.write(tmp.resolve("gru.onnx"), new byte[] {1, 2, 3});
        assertEquals(2, export(ckpt.toString(), onnx.toString()));
        assertTrue(err.toString().contains("gru.onnx exists; give --force to replace it"), err.toString());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(onnx));
        assertEquals(0, export("--force", ckpt.toString(), onnx.toString()), err.toString());
        assertEquals("GRU", ModelProto.parseFrom(Files.readAllBytes(onnx)).getGraph().getNode(0).getOpType());
    }

    @Test
    void aFamilyWithoutAnOnnxOperatorIsRefusedAndNothingWritten() throws Exception {
        Path ckpt = checkpoint("elman.ckpt", "elman", DType.F32, Map.of("hidden", 3));
        byte[] bytes = Files.readAllBytes(ckpt);
        // the same tensors under another family's name: the exporter goes by the family
        Path other = tmp.resolve("other.ckpt");
        var loaded = CheckpointFile.read(ckpt, EngramRuns.OPS).get();
        CheckpointMetadata m = loaded.metadata();
        CheckpointFile.write(other, new CheckpointMetadata(m.formatVersion(), "io.engram.family.jordan", "0.2.0",
                new ModelSpec("jordan", 3, 2, DType.F32, m.spec().hyper()), m.provenance()), loaded.tensors());
        Path onnx = tmp.resolve("jordan.onnx");
        assertEquals(2, export(other.toString(), onnx.toString()));
        assertTrue(err.toString().contains("family 'jordan': engram export writes lstm, gru and elman models"),
                err.toString());
        assertTrue(!Files.exists(onnx));
        assertArrayEquals(bytes, Files.readAllBytes(ckpt));
        assertEquals(2, export(tmp.resolve("missing.ckpt").toString(), onnx.toString()));
        assertTrue(err.toString().contains("missing.ckpt"), err.toString());
        assertEquals(2, export(ckpt.toString()));
        assertTrue(err.toString().contains(ExportVerb.USAGE), err.toString());
    }
}
