package io.engram.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engram import} and {@code engram export} as processes: a stacked LSTM that PyTorch exported
 * to ONNX (the io.engram.onnx fixtures, made by benchmarks/onnx/torch_onnx_fixtures.py) is imported,
 * {@code engram predict} gives PyTorch's outputs, the checkpoint is exported again, and ONNX Runtime
 * gives the same outputs from that file for the padded batch of all sequences.
 */
class OnnxIT {
    static final Duration LIMIT = Duration.ofSeconds(120);
    static final Path FIXTURES = Path.of("../bundles/onnx/src/test/resources/io/engram/onnx/internal/torch")
            .toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void pyTorchsLstmImportsPredictsAndExportsToOnnxRuntime() throws Exception {
        Path home = Installation.copy(tmp);
        JsonNode fixture = new ObjectMapper().readTree(FIXTURES.resolve("torch-lstm-2.json").toFile());
        Path checkpoint = tmp.resolve("lstm.ckpt");
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "import", FIXTURES.resolve("torch-lstm-2.onnx").toString(),
                "--family", "lstm", "dropout=0.1", checkpoint.toString())) {
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            assertTrue(p.out().contains("lstm, 2 layers of 6 units, peepholes=false, input 4, output 3"), p.transcript());
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode s : fixture.get("sequences")) {
            List<String> steps = new ArrayList<>();
            s.forEach(step -> {
                List<String> v = new ArrayList<>();
                step.forEach(x -> v.add(x.asText()));
                steps.add(String.join(",", v));
            });
            lines.add(String.join(";", steps));
        }
        Path input = Files.write(tmp.resolve("sequences.txt"), lines);
        double max = 0;
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "predict", checkpoint.toString(), input.toString())) {
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            String[] rows = p.out().strip().split("\n");
            assertEquals(4, rows.length, p.transcript());
            for (int s = 0; s < rows.length; s++) {
                String[] steps = rows[s].split(";");
                JsonNode expected = fixture.get("outputs").get(s);
                assertEquals(expected.size(), steps.length, rows[s]);
                for (int t = 0; t < steps.length; t++) {
                    String[] v = steps[t].trim().split(",");
                    for (int o = 0; o < v.length; o++) {
                        max = Math.max(max, Math.abs(Double.parseDouble(v[o].trim()) - expected.get(t).get(o).asDouble()));
                    }
                }
            }
        }
        assertTrue(max < 1e-5, "engram predict against PyTorch: " + max);

        Path onnx = tmp.resolve("lstm.onnx");
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "export", checkpoint.toString(), onnx.toString())) {
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            assertTrue(p.out().contains("lstm, 2 layers of 6 units, input 4, output 3"), p.transcript());
        }
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "export", checkpoint.toString(), onnx.toString())) {
            assertEquals(2, p.waitFor(LIMIT), p.transcript());
            assertTrue(p.err().contains("exists; give --force to replace it"), p.transcript());
        }
        JsonNode seqs = fixture.get("sequences");
        int batch = seqs.size();
        int time = 0;
        int[] lengths = new int[batch];
        for (int b = 0; b < batch; b++) {
            lengths[b] = seqs.get(b).size();
            time = Math.max(time, lengths[b]);
        }
        float[] x = new float[time * batch * 4];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                for (int i = 0; i < 4; i++) {
                    x[(t * batch + b) * 4 + i] = (float) seqs.get(b).get(t).get(i).asDouble();
                }
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        double ort = 0;
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
             OnnxTensor xs = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {time, batch, 4});
             OnnxTensor ls = OnnxTensor.createTensor(env, IntBuffer.wrap(lengths), new long[] {batch});
             OrtSession.Result r = session.run(Map.of("x", xs, "lengths", ls))) {
            float[][][] y = (float[][][]) r.get("y").orElseThrow().getValue();
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < time; t++) {
                    for (int o = 0; o < 3; o++) {
                        double want = t < lengths[b] ? fixture.get("outputs").get(b).get(t).get(o).asDouble() : 0;
                        ort = Math.max(ort, Math.abs(y[t][b][o] - want));
                    }
                }
            }
        }
        assertTrue(ort < 1e-5, "ONNX Runtime on the exported file against PyTorch: " + ort);
    }

    @Test
    void aModelTheFamilyCannotComputeIsRefusedNamingTheNode() throws Exception {
        Path home = Installation.copy(tmp);
        Path out = tmp.resolve("x.ckpt");
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "import", FIXTURES.resolve("torch-gru-1.onnx").toString(),
                "--family", "lstm", out.toString())) {
            assertEquals(2, p.waitFor(LIMIT), p.transcript());
            assertTrue(p.err().contains("node '/rnn/GRU' (GRU) is GRU, but --family lstm takes LSTM nodes"), p.transcript());
        }
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "import", FIXTURES.resolve("torch-gru-1.onnx").toString(),
                "--family", "gru", "hidden=9", "dropout=2", out.toString())) {
            assertEquals(2, p.waitFor(LIMIT), p.transcript());
            assertTrue(p.err().contains("the keys were rejected (2 problems)"), p.transcript());
            assertTrue(p.err().contains("hidden=9: the file says hidden=5"), p.transcript());
        }
        assertTrue(!Files.exists(out), "nothing written");
    }
}
