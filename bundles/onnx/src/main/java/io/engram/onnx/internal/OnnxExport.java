package io.engram.onnx.internal;

import io.engram.api.ModelSpec;
import io.engram.onnx.internal.proto.Onnx.AttributeProto;
import io.engram.onnx.internal.proto.Onnx.GraphProto;
import io.engram.onnx.internal.proto.Onnx.ModelProto;
import io.engram.onnx.internal.proto.Onnx.NodeProto;
import io.engram.onnx.internal.proto.Onnx.OperatorSetIdProto;
import io.engram.onnx.internal.proto.Onnx.StringStringEntryProto;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An Engram LSTM, GRU or Elman stack with its linear readout as an ONNX model of the standard
 * operators (opset {@value #OPSET}): one {@code LSTM}, {@code GRU} or {@code RNN} node per layer
 * (forward, time-major, {@code layout = 0}), a {@code Squeeze} of the direction axis after each, and
 * the readout {@code y_t = h^L_t V + c} as {@code MatMul} and {@code Add}.
 *
 * <p>Graph inputs: {@code x} float {@code [time, batch, input]} and {@code lengths} int32
 * {@code [batch]}, each sequence's number of steps (its steps come first; the rest of its rows is
 * padding), passed to every recurrent node as {@code sequence_lens}. Output: {@code y} float
 * {@code [time, batch, output]}, the raw outputs of each step (what the network's readout gives,
 * before any softmax of the loss), and zeros at padded steps: a mask built from {@code lengths}
 * ({@code Range}, {@code Less}, {@code Cast}) multiplies them, so that each sequence's rows equal
 * the outputs Engram gives for that sequence alone, followed by zeros. The states start from zeros,
 * as Engram's stacks do; dropout, which acts only while training, is left out.
 *
 * <p>Weights go over in float32 (an f64 checkpoint is rounded). Engram's input bias becomes ONNX's
 * {@code Wb}; {@code Rb} is zero, except the candidate's recurrent bias {@code b_u} of a GRU with
 * {@code reset.after} ({@code linear_before_reset = 1}). Gate orders: {@link GateBlocks}.
 *
 * <p>Refused, with the reason: other families (ONNX has no operator for their cells), tensors that are
 * not exactly a stack's (each missing, unexpected or misshapen one named). Stateless and thread-safe.
 */
final class OnnxExport {
    /** The ONNX operator set the models use (LSTM, GRU, RNN, Squeeze with axes as an input). */
    static final int OPSET = 14;
    /** The ONNX IR version written. */
    static final int IR_VERSION = 8;

    private OnnxExport() {
    }

    /**
     * The ONNX model of a network of {@code spec} with parameters {@code tensors}.
     *
     * @param producerVersion written as the model's producer version
     * @throws IllegalArgumentException naming the family, tensor or setting that ONNX cannot express
     */
    static ModelProto export(ModelSpec spec, Map<String, Dense> tensors, String producerVersion) {
        Stack stack = Stack.of(spec, tensors);
        GraphProto.Builder g = GraphProto.newBuilder().setName("engram-" + spec.family());
        g.addInput(OnnxTensors.value("x", OnnxTensors.FLOAT, "time", "batch", (long) spec.inputSize()));
        g.addInput(OnnxTensors.value("lengths", OnnxTensors.INT32, "batch"));
        g.addOutput(OnnxTensors.value("y", OnnxTensors.FLOAT, "time", "batch", (long) spec.outputSize()));
        g.addInitializer(OnnxTensors.longs("axis1", 1));
        g.addInitializer(OnnxTensors.longs("axis2", 2));
        g.addInitializer(OnnxTensors.scalar("zero", 0));
        g.addInitializer(OnnxTensors.scalar("one", 1));
        String in = "x";
        for (int l = 0; l < stack.layers(); l++) {
            String op = stack.op();
            String k = "layer" + l + ".";
            List<String> inputs = new ArrayList<>(List.of(in, k + "W", k + "R", k + "B", "lengths"));
            for (Map.Entry<String, Dense> w : stack.onnxWeights(l).entrySet()) {
                g.addInitializer(OnnxTensors.floats(k + w.getKey(), w.getValue()));
            }
            if (stack.peepholes()) {
                inputs.addAll(List.of("", "", k + "P"));
            }
            NodeProto.Builder n = node(op, op.toLowerCase(java.util.Locale.ROOT) + "_" + l, inputs,
                    List.of(k + "Y"), intAttribute("hidden_size", stack.hidden()));
            if (stack.resetAfter()) {
                n.addAttribute(intAttribute("linear_before_reset", 1));
            }
            if (stack.activation() != null) {
                n.addAttribute(AttributeProto.newBuilder().setName("activations").setType(AttributeProto.AttributeType.STRINGS)
                        .addStrings(com.google.protobuf.ByteString.copyFromUtf8(stack.activation())));
            }
            g.addNode(n);
            g.addNode(node("Squeeze", "squeeze_" + l, List.of(k + "Y", "axis1"), List.of(k + "h")));
            in = k + "h";
        }
        g.addInitializer(OnnxTensors.floats("readout.w", tensors.get("readout.w")));
        g.addInitializer(OnnxTensors.floats("readout.b", tensors.get("readout.b")));
        g.addNode(node("MatMul", "readout_matmul", List.of(in, "readout.w"), List.of("readout.hv")));
        g.addNode(node("Add", "readout_add", List.of("readout.hv", "readout.b"), List.of("readout.y")));
        // mask [time, batch, 1]: step t of sequence b counts when t < lengths[b]
        g.addNode(node("Shape", "mask_shape", List.of("x"), List.of("mask.shape")));
        g.addNode(node("Gather", "mask_time", List.of("mask.shape", "zero"), List.of("mask.time"),
                intAttribute("axis", 0)));
        g.addNode(node("Range", "mask_steps", List.of("zero", "mask.time", "one"), List.of("mask.steps")));
        g.addNode(node("Unsqueeze", "mask_column", List.of("mask.steps", "axis1"), List.of("mask.column")));
        g.addNode(node("Cast", "mask_lengths", List.of("lengths"), List.of("mask.lengths"),
                intAttribute("to", OnnxTensors.INT64)));
        g.addNode(node("Less", "mask_less", List.of("mask.column", "mask.lengths"), List.of("mask.valid")));
        g.addNode(node("Cast", "mask_float", List.of("mask.valid"), List.of("mask.float"),
                intAttribute("to", OnnxTensors.FLOAT)));
        g.addNode(node("Unsqueeze", "mask_expand", List.of("mask.float", "axis2"), List.of("mask")));
        g.addNode(node("Mul", "masked_output", List.of("readout.y", "mask"), List.of("y")));
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("engram")
                .setProducerVersion(producerVersion == null ? "" : producerVersion)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey("engram.family").setValue(spec.family()))
                .setGraph(g).build();
    }

    private static NodeProto.Builder node(String op, String name, List<String> inputs, List<String> outputs,
                                          AttributeProto... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addAllOutput(outputs);
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        return n;
    }

    private static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    /**
     * A stack's layout read from its tensors and spec: family, layers, hidden units, and the settings
     * that change the ONNX node (peepholes, reset after the product, Elman's activation).
     */
    record Stack(String family, int layers, int hidden, boolean peepholes, boolean resetAfter, String activation,
                 Map<String, Dense> tensors) {

        /** The ONNX operator of each layer. */
        String op() {
            return switch (family) {
                case "lstm" -> "LSTM";
                case "gru" -> "GRU";
                default -> "RNN";
            };
        }

        /**
         * @throws IllegalArgumentException for another family, or tensors that are not exactly a
         *                                  stack's, each named
         */
        static Stack of(ModelSpec spec, Map<String, Dense> tensors) {
            String family = spec.family();
            if (!Set.of("lstm", "gru", "elman").contains(family)) {
                throw new IllegalArgumentException("family '" + family + "': engram export writes lstm, gru and elman "
                        + "models, whose cells are ONNX's LSTM, GRU and RNN operators; ONNX has no operator for this one");
            }
            Dense readout = tensors.get("readout.w");
            if (readout == null || readout.rank() != 2) {
                throw new IllegalArgumentException("tensor 'readout.w': " + (readout == null ? "missing"
                        : "expected [hidden, " + spec.outputSize() + "], got " + readout.shapeText())
                        + " (engram export writes stacks with a linear readout)");
            }
            int hidden = readout.dim(0);
            int layers = 0;
            while (tensors.containsKey("layer" + layers + ".w")) {
                layers++;
            }
            boolean peepholes = family.equals("lstm") && tensors.containsKey("layer0.pi");
            boolean resetAfter = family.equals("gru") && tensors.containsKey("layer0.bu");
            String activation = null;
            if (family.equals("elman")) {
                String a = spec.hyper().has("activation") ? spec.hyper().getString("activation") : "tanh";
                activation = switch (a) {
                    case "tanh" -> "Tanh";
                    case "sigmoid" -> "Sigmoid";
                    case "relu" -> "Relu";
                    default -> throw new IllegalArgumentException("hyperparameter 'activation': '" + a
                            + "' has no ONNX RNN activation (tanh, sigmoid and relu have)");
                };
            }
            Map<String, int[]> expected = new LinkedHashMap<>();
            for (int l = 0; l < layers; l++) {
                int in = l == 0 ? spec.inputSize() : hidden;
                String k = "layer" + l + ".";
                switch (family) {
                    case "lstm" -> {
                        expected.put(k + "w", new int[] {in, 4 * hidden});
                        expected.put(k + "r", new int[] {hidden, 4 * hidden});
                        expected.put(k + "b", new int[] {4 * hidden});
                        if (peepholes) {
                            for (String p : List.of("pi", "pf", "po")) {
                                expected.put(k + p, new int[] {hidden});
                            }
                        }
                    }
                    case "gru" -> {
                        expected.put(k + "w", new int[] {in, 3 * hidden});
                        expected.put(k + "b", new int[] {3 * hidden});
                        expected.put(k + "u_rz", new int[] {hidden, 2 * hidden});
                        expected.put(k + "u", new int[] {hidden, hidden});
                        if (resetAfter) {
                            expected.put(k + "bu", new int[] {hidden});
                        }
                    }
                    default -> {
                        expected.put(k + "w", new int[] {in, hidden});
                        expected.put(k + "u", new int[] {hidden, hidden});
                        expected.put(k + "b", new int[] {hidden});
                    }
                }
            }
            expected.put("readout.w", new int[] {hidden, spec.outputSize()});
            expected.put("readout.b", new int[] {spec.outputSize()});
            List<String> problems = new ArrayList<>();
            if (layers == 0) {
                problems.add("tensor 'layer0.w': missing");
            }
            expected.forEach((name, shape) -> {
                Dense t = tensors.get(name);
                if (t == null) {
                    problems.add("tensor '" + name + "': missing");
                } else if (!java.util.Arrays.equals(t.shape(), shape)) {
                    problems.add("tensor '" + name + "': expected " + java.util.Arrays.toString(shape) + ", got "
                            + t.shapeText());
                }
            });
            Set<String> extra = new TreeSet<>(tensors.keySet());
            extra.removeAll(expected.keySet());
            extra.forEach(name -> problems.add("tensor '" + name + "': not part of a " + family
                    + " stack with a linear readout"));
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
            return new Stack(family, layers, hidden, peepholes, resetAfter, activation, tensors);
        }

        /** Layer {@code l}'s ONNX inputs W, R, B (and P with peepholes), in ONNX's gate orders. */
        Map<String, Dense> onnxWeights(int l) {
            String k = "layer" + l + ".";
            int h = hidden;
            Map<String, Dense> out = new LinkedHashMap<>();
            switch (family) {
                case "lstm" -> {
                    out.put("W", GateBlocks.toOnnx(tensors.get(k + "w"), GateBlocks.LSTM, h));
                    out.put("R", GateBlocks.toOnnx(tensors.get(k + "r"), GateBlocks.LSTM, h));
                    out.put("B", bias(tensors.get(k + "b").data(), GateBlocks.LSTM, new float[4 * h]));
                    if (peepholes) {
                        float[] p = new float[3 * h];
                        System.arraycopy(tensors.get(k + "pi").data(), 0, p, 0, h);
                        System.arraycopy(tensors.get(k + "po").data(), 0, p, h, h);
                        System.arraycopy(tensors.get(k + "pf").data(), 0, p, 2 * h, h);
                        out.put("P", new Dense(new int[] {1, 3 * h}, p));
                    }
                }
                case "gru" -> {
                    out.put("W", GateBlocks.toOnnx(tensors.get(k + "w"), GateBlocks.GRU, h));
                    // R: z and r from [U_r U_z] (blocks 1 and 0), h from U
                    Dense urz = GateBlocks.toOnnx(tensors.get(k + "u_rz"), new int[] {1, 0}, h);
                    Dense u = GateBlocks.toOnnx(tensors.get(k + "u"), GateBlocks.RNN, h);
                    float[] r = new float[3 * h * h];
                    System.arraycopy(urz.data(), 0, r, 0, 2 * h * h);
                    System.arraycopy(u.data(), 0, r, 2 * h * h, h * h);
                    out.put("R", new Dense(new int[] {1, 3 * h, h}, r));
                    float[] rb = new float[3 * h];
                    if (resetAfter) {
                        System.arraycopy(tensors.get(k + "bu").data(), 0, rb, 2 * h, h);
                    }
                    out.put("B", bias(tensors.get(k + "b").data(), GateBlocks.GRU, rb));
                }
                default -> {
                    out.put("W", GateBlocks.toOnnx(tensors.get(k + "w"), GateBlocks.RNN, h));
                    out.put("R", GateBlocks.toOnnx(tensors.get(k + "u"), GateBlocks.RNN, h));
                    out.put("B", bias(tensors.get(k + "b").data(), GateBlocks.RNN, new float[h]));
                }
            }
            return out;
        }

        /** ONNX's {@code B = [Wb, Rb]} ({@code [1, 2*G*H]}) from Engram's bias and the recurrent bias {@code rb}, already in ONNX order. */
        private Dense bias(float[] engram, int[] order, float[] rb) {
            int g = order.length;
            float[] b = new float[2 * g * hidden];
            for (int gate = 0; gate < g; gate++) {
                System.arraycopy(engram, order[gate] * hidden, b, gate * hidden, hidden);
            }
            System.arraycopy(rb, 0, b, g * hidden, g * hidden);
            return new Dense(new int[] {1, 2 * g * hidden}, b);
        }
    }
}
