package io.engram.onnx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.onnx.internal.proto.Onnx.AttributeProto;
import io.engram.onnx.internal.proto.Onnx.ModelProto;
import io.engram.onnx.internal.proto.Onnx.NodeProto;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ONNX files that {@code torch.onnx.export} wrote for seeded PyTorch LSTM, GRU and RNN stacks with a
 * Linear readout (benchmarks/onnx/torch_onnx_fixtures.py), imported as Engram networks: each
 * sequence's outputs equal PyTorch's to 1e-5 (f32); files Engram's families cannot express are
 * refused naming the node and attribute.
 */
class OnnxImportTest {
    static final double TOLERANCE = 1e-5;

    static ModelProto model(String name) throws IOException {
        try (InputStream in = OnnxImportTest.class.getResourceAsStream("torch/" + name + ".onnx")) {
            return ModelProto.parseFrom(in);
        }
    }

    static JsonNode fixture(String name) throws IOException {
        try (InputStream in = OnnxImportTest.class.getResourceAsStream("torch/" + name + ".json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static float[][] matrix(JsonNode rows) {
        float[][] m = new float[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = new float[rows.get(i).size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = (float) rows.get(i).get(j).asDouble();
            }
        }
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"torch-lstm-1", "torch-lstm-2", "torch-gru-1", "torch-gru-2", "torch-rnn-tanh-2",
            "torch-rnn-relu-1"})
    void importedNetworkGivesPyTorchsOutputs(String name) throws IOException {
        JsonNode f = fixture(name);
        String family = f.get("family").asText();
        OnnxImport.Imported imported = OnnxImport.read(model(name), family);
        assertEquals(f.get("input").asInt(), imported.inputSize());
        assertEquals(f.get("output").asInt(), imported.outputSize());
        assertEquals(f.get("hidden").asInt(), imported.hyper().get("hidden"));
        assertEquals(f.get("layers").asInt(), imported.hyper().get("layers"));
        if (family.equals("gru")) {
            assertEquals(true, imported.hyper().get("reset.after"), "PyTorch's GRU resets after the product");
        }
        if (f.has("nonlinearity")) {
            assertEquals(f.get("nonlinearity").asText(), imported.hyper().get("activation"));
        }
        ModelSpec spec = EngramRuns.spec(family, imported.inputSize(), imported.outputSize(), imported.hyper());
        Network net = EngramRuns.network(spec, imported.tensors());
        double max = 0;
        int compared = 0;
        for (int s = 0; s < f.get("sequences").size(); s++) {
            float[][] x = matrix(f.get("sequences").get(s));
            float[][] expected = matrix(f.get("outputs").get(s));
            float[][] y = EngramRuns.run(net, x);
            assertEquals(expected.length, y.length);
            for (int t = 0; t < y.length; t++) {
                for (int o = 0; o < y[t].length; o++) {
                    max = Math.max(max, Math.abs(expected[t][o] - y[t][o]));
                    compared++;
                }
            }
        }
        System.out.printf("onnx import %-18s max |engram - pytorch| = %.2e over %d outputs%n", name, max, compared);
        assertEquals(16 * imported.outputSize(), compared);
        assertTrue(max <= TOLERANCE, name + ": max difference " + max);
    }

    /** The model with {@code attribute} set on its first recurrent node. */
    static ModelProto withAttribute(ModelProto m, AttributeProto attribute) {
        ModelProto.Builder b = m.toBuilder();
        for (NodeProto.Builder n : b.getGraphBuilder().getNodeBuilderList()) {
            if (n.getOpType().equals("LSTM") || n.getOpType().equals("GRU")) {
                n.addAttribute(attribute);
                break;
            }
        }
        return b.build();
    }

    @Test
    void whatEngramCannotComputeIsRefusedNamingNodeAndAttribute() throws IOException {
        ModelProto lstm = model("torch-lstm-2");
        IllegalArgumentException bidirectional = assertThrows(IllegalArgumentException.class, () -> OnnxImport.read(
                withAttribute(lstm, AttributeProto.newBuilder().setName("direction")
                        .setS(com.google.protobuf.ByteString.copyFromUtf8("bidirectional")).build()), "lstm"));
        assertEquals("node '/rnn/LSTM' (LSTM) attribute direction: 'bidirectional'; Engram's lstm runs forward only",
                bidirectional.getMessage());
        IllegalArgumentException clip = assertThrows(IllegalArgumentException.class, () -> OnnxImport.read(
                withAttribute(lstm, AttributeProto.newBuilder().setName("clip").setF(3f).build()), "lstm"));
        assertEquals("node '/rnn/LSTM' (LSTM) attribute clip: Engram's cells have no cell clipping", clip.getMessage());
        IllegalArgumentException family = assertThrows(IllegalArgumentException.class, () ->
                OnnxImport.read(model("torch-gru-1"), "lstm"));
        assertEquals("node '/rnn/GRU' (GRU) is GRU, but --family lstm takes LSTM nodes", family.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () ->
                OnnxImport.read(model("torch-lstm-1"), "elman"));
        assertEquals("node '/rnn/LSTM' (LSTM) is LSTM, but --family elman takes RNN nodes", none.getMessage());
    }

    @Test
    void aNonZeroInitialStateIsRefused() throws IOException {
        ModelProto.Builder b = model("torch-gru-1").toBuilder();
        b.getGraphBuilder().addInitializer(OnnxTensors.floats("h0", new Dense(new int[] {1, 1, 5},
                new float[] {0, 0, 0.5f, 0, 0})));
        for (NodeProto.Builder n : b.getGraphBuilder().getNodeBuilderList()) {
            if (n.getOpType().equals("GRU")) {
                n.setInput(5, "h0");
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxImport.read(b.build(), "gru"));
        assertEquals("node '/rnn/GRU' (GRU) input initial_h ('h0'): not zeros; Engram's stacks start from zero states",
                e.getMessage());
    }

    /** A readout written as Gemm with a transposed weight (as PyTorch writes Linear on 2-D input) reads as the same V and c. */
    @Test
    void aGemmReadoutWithTransposedWeightReadsAsTheSameReadout() throws IOException {
        ModelProto m = model("torch-lstm-1");
        OnnxImport.Imported plain = OnnxImport.read(m, "lstm");
        Dense v = plain.tensors().get("readout.w");
        float[] vt = new float[v.data().length];
        for (int i = 0; i < v.dim(0); i++) {
            for (int j = 0; j < v.dim(1); j++) {
                vt[j * v.dim(0) + i] = v.get(i, j);
            }
        }
        ModelProto.Builder b = m.toBuilder();
        b.getGraphBuilder().addInitializer(OnnxTensors.floats("vt", new Dense(new int[] {v.dim(1), v.dim(0)}, vt)));
        b.getGraphBuilder().addInitializer(OnnxTensors.floats("c", plain.tensors().get("readout.b")));
        for (NodeProto.Builder n : b.getGraphBuilder().getNodeBuilderList()) {
            if (n.getOpType().equals("MatMul")) {
                n.setOpType("Gemm").setInput(1, "vt").addInput("c").addAttribute(AttributeProto.newBuilder()
                        .setName("transB").setType(AttributeProto.AttributeType.INT).setI(1));
            }
        }
        OnnxImport.Imported gemm = OnnxImport.read(b.build(), "lstm");
        for (String k : new String[] {"readout.w", "readout.b"}) {
            assertTrue(java.util.Arrays.equals(plain.tensors().get(k).shape(), gemm.tensors().get(k).shape()), k);
            assertTrue(java.util.Arrays.equals(plain.tensors().get(k).data(), gemm.tensors().get(k).data()), k);
        }
        assertTrue(!plain.tensors().get("readout.b").allZero(), "PyTorch's Linear has a bias");
    }

    @Test
    void fixturesAreWhatTheScriptDescribes() throws IOException {
        Map<String, String> ops = Map.of("lstm", "LSTM", "gru", "GRU", "elman", "RNN");
        for (String name : new String[] {"torch-lstm-2", "torch-gru-2", "torch-rnn-tanh-2"}) {
            String op = ops.get(fixture(name).get("family").asText());
            long recurrent = model(name).getGraph().getNodeList().stream().filter(n -> n.getOpType().equals(op)).count();
            assertEquals(2, recurrent, name);
        }
    }
}
