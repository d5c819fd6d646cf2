package io.engram.onnx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.onnx.internal.proto.Onnx.ModelProto;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Seeded Engram models of each kind exported to ONNX and run in ONNX Runtime on a padded batch of
 * sequences of different lengths: every step's output equals Engram's for that sequence run alone
 * to 1e-5 (f32), and padded steps are zeros.
 */
class OnnxExportTest {
    /** Steps of each sequence of the batch; the batch is padded to the longest. */
    static final int[] LENGTHS = {6, 3, 1, 5};
    static final double TOLERANCE = 1e-5;

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("lstm 1 layer", "lstm", Map.of("hidden", 5, "layers", 1)),
                Arguments.of("lstm 2 layers", "lstm", Map.of("hidden", 6, "layers", 2)),
                Arguments.of("lstm 2 layers peepholes", "lstm", Map.of("hidden", 4, "layers", 2, "peepholes", true)),
                Arguments.of("gru 1 layer", "gru", Map.of("hidden", 5, "layers", 1)),
                Arguments.of("gru 3 layers", "gru", Map.of("hidden", 4, "layers", 3)),
                Arguments.of("gru 2 layers reset.after", "gru", Map.of("hidden", 5, "layers", 2, "reset.after", true)),
                Arguments.of("elman 1 layer tanh", "elman", Map.of("hidden", 5, "layers", 1)),
                Arguments.of("elman 2 layers relu", "elman", Map.of("hidden", 6, "layers", 2, "activation", "relu")),
                Arguments.of("elman 2 layers sigmoid", "elman", Map.of("hidden", 4, "layers", 2, "activation", "sigmoid")));
    }

    /** A seeded network of {@code family} whose every parameter (biases and peepholes too) is drawn at random. */
    static Network seeded(String family, Map<String, Object> hyper, long seed) {
        ModelSpec spec = EngramRuns.spec(family, 3, 2, hyper);
        Network n = EngramRuns.family(family).create(spec, EngramRuns.BACKEND, seed);
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, Dense> p = new LinkedHashMap<>();
        EngramRuns.dense(n).forEach((k, d) -> {
            float[] v = new float[d.data().length];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (r.nextDouble() * 1.6 - 0.8);
            }
            p.put(k, new Dense(d.shape(), v));
        });
        return EngramRuns.network(spec, p);
    }

    static float[][][] sequences(int in, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][][] s = new float[LENGTHS.length][][];
        for (int b = 0; b < LENGTHS.length; b++) {
            s[b] = new float[LENGTHS[b]][in];
            for (float[] step : s[b]) {
                for (int i = 0; i < in; i++) {
                    step[i] = (float) (r.nextDouble() * 2 - 1);
                }
            }
        }
        return s;
    }

    /** ONNX Runtime's outputs {@code [time][batch][out]} of the model on the padded batch. */
    static float[][][] onnxRuntime(byte[] model, float[][][] sequences, int in) throws OrtException {
        int time = java.util.Arrays.stream(LENGTHS).max().orElseThrow();
        int batch = sequences.length;
        float[] x = new float[time * batch * in];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < sequences[b].length; t++) {
                System.arraycopy(sequences[b][t], 0, x, (t * batch + b) * in, in);
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor xs = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {time, batch, in});
             OnnxTensor lengths = OnnxTensor.createTensor(env, IntBuffer.wrap(LENGTHS), new long[] {batch});
             OrtSession.Result result = session.run(Map.of("x", xs, "lengths", lengths))) {
            return (float[][][]) result.get("y").orElseThrow().getValue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void onnxRuntimeGivesEngramsOutputsForEverySequenceLength(String name, String family, Map<String, Object> hyper)
            throws Exception {
        Network net = seeded(family, hyper, 41);
        byte[] model = OnnxExport.export(net.spec(), EngramRuns.dense(net), "test").toByteArray();
        float[][][] seqs = sequences(3, 7);
        float[][][] y = onnxRuntime(model, seqs, 3);
        double max = 0;
        int compared = 0;
        for (int b = 0; b < seqs.length; b++) {
            float[][] expected = EngramRuns.run(net, seqs[b]);
            for (int t = 0; t < y.length; t++) {
                for (int o = 0; o < 2; o++) {
                    if (t < LENGTHS[b]) {
                        max = Math.max(max, Math.abs(expected[t][o] - y[t][b][o]));
                        compared++;
                    } else {
                        assertEquals(0f, y[t][b][o], 0f, "padded step " + t + " of sequence " + b);
                    }
                }
            }
        }
        System.out.printf("onnx export %-26s max |engram - onnxruntime| = %.2e over %d outputs%n", name, max, compared);
        assertEquals(15 * 2, compared);
        assertTrue(max <= TOLERANCE, name + ": max difference " + max);
    }

    @Test
    void exportedModelReadsBackAsTheSameParameters() {
        for (Object[] m : models().map(Arguments::get).toList()) {
            @SuppressWarnings("unchecked")
            Network net = seeded((String) m[1], (Map<String, Object>) m[2], 5);
            Map<String, Dense> before = EngramRuns.dense(net);
            ModelProto model = OnnxExport.export(net.spec(), before, "test");
            OnnxImport.Imported back = OnnxImport.read(model, (String) m[1]);
            assertEquals(before.keySet(), back.tensors().keySet(), (String) m[0]);
            before.forEach((k, d) -> {
                assertTrue(java.util.Arrays.equals(d.shape(), back.tensors().get(k).shape()), m[0] + " " + k);
                assertTrue(java.util.Arrays.equals(d.data(), back.tensors().get(k).data()), m[0] + " " + k);
            });
            assertEquals(3, back.inputSize());
            assertEquals(2, back.outputSize());
            ((Map<?, ?>) m[2]).forEach((k, v) -> assertEquals(v, back.hyper().get(k), m[0] + " " + k));
        }
    }

    @Test
    void otherFamiliesAndStrayTensorsAreRefusedByName() {
        Network net = seeded("lstm", Map.of("hidden", 3), 1);
        Map<String, Dense> p = new LinkedHashMap<>(EngramRuns.dense(net));
        IllegalArgumentException family = assertThrows(IllegalArgumentException.class, () ->
                OnnxExport.export(EngramRuns.spec("ntm", 3, 2, Map.of()), p, "test"));
        assertTrue(family.getMessage().startsWith("family 'ntm': engram export writes lstm, gru and elman"),
                family.getMessage());
        p.put("layer0.extra", Dense.zeros(3));
        p.put("layer0.r", Dense.zeros(3, 3));
        IllegalArgumentException tensors = assertThrows(IllegalArgumentException.class, () ->
                OnnxExport.export(net.spec(), p, "test"));
        assertEquals("tensor 'layer0.r': expected [3, 12], got [3, 3]; "
                + "tensor 'layer0.extra': not part of a lstm stack with a linear readout", tensors.getMessage());
    }
}
