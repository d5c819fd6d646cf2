package io.engram.onnx.internal;

import io.engram.onnx.internal.proto.Onnx.AttributeProto;
import io.engram.onnx.internal.proto.Onnx.GraphProto;
import io.engram.onnx.internal.proto.Onnx.ModelProto;
import io.engram.onnx.internal.proto.Onnx.NodeProto;
import io.engram.onnx.internal.proto.Onnx.TensorProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The weights of an ONNX model made of {@code LSTM}, {@code GRU} or {@code RNN} nodes and a linear
 * readout (as {@code torch.onnx.export} writes a {@code torch.nn.LSTM}, {@code GRU} or {@code RNN}
 * followed by a {@code torch.nn.Linear}) as the parameters of an Engram {@code lstm}, {@code gru} or
 * {@code elman} stack.
 *
 * <p>What is read: the recurrent nodes in graph order are the layers, bottom to top; each one's
 * {@code W}, {@code R}, {@code B} and (LSTM) {@code P} must be constants stored in the file
 * (initializers or {@code Constant} nodes), its initial states absent or zeros (a constant of zeros,
 * or computed by {@code ConstantOfShape} of zero, possibly through {@code Slice}, {@code Expand},
 * {@code Reshape}, {@code Unsqueeze}, {@code Squeeze} or {@code Identity}), as Engram's stacks start
 * from zeros; {@code sequence_lens} is ignored (Engram runs each sequence to its own length). The
 * readout is the {@code MatMul} (then an {@code Add} of a constant bias, if any) or {@code Gemm} whose
 * constant weight reads the top layer's {@code H} units.
 *
 * <p>Biases: ONNX's {@code Wb + Rb} become Engram's one bias per gate, except a GRU with
 * {@code linear_before_reset = 1}, whose candidate keeps {@code Rb_h} apart (Engram's {@code reset.after}
 * with {@code b_u}). Settings read from the file: {@code hidden}, {@code layers}, {@code peepholes}
 * (LSTM, when {@code P} is present and not all zero), {@code reset.after} (GRU), {@code activation}
 * (RNN: Tanh, Sigmoid or Relu).
 *
 * <p>Refused, each naming the node and the attribute or input: another direction than forward, a
 * {@code clip}, {@code input_forget}, activations other than the standard ones (RNN: one of Tanh,
 * Sigmoid, Relu), {@code activation_alpha} or {@code _beta}, weights computed at run time, non-zero initial
 * states, layers that do not chain ({@code H} of one is the input width of the next), a missing readout.
 * Stateless and thread-safe.
 */
final class OnnxImport {

    /** Ops through which a zero initial state may pass unchanged in value. */
    private static final Set<String> PASS_THROUGH = Set.of("Slice", "Expand", "Reshape", "Unsqueeze", "Squeeze",
            "Identity", "Cast", "Tile");

    private OnnxImport() {
    }

    /**
     * The stack found in a model.
     *
     * @param family     {@code lstm}, {@code gru} or {@code elman}
     * @param inputSize  features per step (the first layer's {@code W} width)
     * @param outputSize outputs per step (the readout's width)
     * @param hyper      the settings read from the file: hidden, layers and the family's own
     * @param tensors    Engram's parameters in the family's order
     */
    record Imported(String family, int inputSize, int outputSize, Map<String, Object> hyper,
                    Map<String, Dense> tensors) {
    }

    /**
     * Reads the stack of {@code family} from {@code model}.
     *
     * @throws IllegalArgumentException naming the node, input or attribute that Engram cannot take
     */
    static Imported read(ModelProto model, String family) {
        String op = switch (family) {
            case "lstm" -> "LSTM";
            case "gru" -> "GRU";
            case "elman" -> "RNN";
            default -> throw new IllegalArgumentException("--family '" + family
                    + "': engram import reads lstm, gru and elman (ONNX LSTM, GRU and RNN nodes)");
        };
        Graph g = new Graph(model.getGraph());
        List<NodeProto> layers = new ArrayList<>();
        for (NodeProto n : g.graph.getNodeList()) {
            if (Set.of("LSTM", "GRU", "RNN").contains(n.getOpType())) {
                if (!n.getOpType().equals(op)) {
                    throw new IllegalArgumentException("node " + name(n) + " is " + n.getOpType() + ", but --family "
                            + family + " takes " + op + " nodes");
                }
                layers.add(n);
            }
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("the graph has no " + op + " node (--family " + family + ")");
        }
        Map<String, Dense> tensors = new LinkedHashMap<>();
        Map<String, Object> hyper = new LinkedHashMap<>();
        int hidden = -1;
        int inputSize = -1;
        int width = -1;
        boolean peepholes = false;
        Boolean resetAfter = null;
        String activation = null;
        List<Map<String, Dense>> weights = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            NodeProto n = layers.get(l);
            int h = (int) g.intAttribute(n, "hidden_size", -1);
            if (h <= 0) {
                throw new IllegalArgumentException("node " + name(n) + " attribute hidden_size: "
                        + (h == -1 ? "missing" : "expected at least 1, got " + h));
            }
            if (hidden != -1 && h != hidden) {
                throw new IllegalArgumentException("node " + name(n) + " attribute hidden_size: " + h + ", but node "
                        + name(layers.get(0)) + " has " + hidden + " (Engram's layers have one width)");
            }
            hidden = h;
            g.refuseAttributes(n);
            String dir = g.stringAttribute(n, "direction", "forward");
            if (!dir.equals("forward")) {
                throw new IllegalArgumentException("node " + name(n) + " attribute direction: '" + dir
                        + "'; Engram's " + family + " runs forward only");
            }
            int gates = switch (op) {
                case "LSTM" -> 4;
                case "GRU" -> 3;
                default -> 1;
            };
            List<String> acts = g.stringsAttribute(n, "activations");
            switch (op) {
                case "LSTM" -> {
                    if (!acts.isEmpty() && !acts.equals(List.of("Sigmoid", "Tanh", "Tanh"))) {
                        throw new IllegalArgumentException("node " + name(n) + " attribute activations: " + acts
                                + "; Engram's lstm computes [Sigmoid, Tanh, Tanh]");
                    }
                    if (g.intAttribute(n, "input_forget", 0) != 0) {
                        throw new IllegalArgumentException("node " + name(n) + " attribute input_forget: 1; "
                                + "Engram's lstm has independent input and forget gates");
                    }
                }
                case "GRU" -> {
                    if (!acts.isEmpty() && !acts.equals(List.of("Sigmoid", "Tanh"))) {
                        throw new IllegalArgumentException("node " + name(n) + " attribute activations: " + acts
                                + "; Engram's gru computes [Sigmoid, Tanh]");
                    }
                    boolean after = g.intAttribute(n, "linear_before_reset", 0) != 0;
                    if (resetAfter != null && after != resetAfter) {
                        throw new IllegalArgumentException("node " + name(n) + " attribute linear_before_reset: "
                                + (after ? 1 : 0) + ", unlike node " + name(layers.get(0)) + " (Engram's layers share it)");
                    }
                    resetAfter = after;
                }
                default -> {
                    String a = acts.isEmpty() ? "Tanh" : acts.get(0);
                    if (acts.size() > 1 || !Set.of("Tanh", "Sigmoid", "Relu").contains(a)) {
                        throw new IllegalArgumentException("node " + name(n) + " attribute activations: " + acts
                                + "; Engram's elman takes one of Tanh, Sigmoid, Relu");
                    }
                    if (activation != null && !a.equals(activation)) {
                        throw new IllegalArgumentException("node " + name(n) + " attribute activations: [" + a
                                + "], unlike node " + name(layers.get(0)) + " ([" + activation + "])");
                    }
                    activation = a;
                }
            }
            Dense w = g.constantInput(n, 1, "W");
            Dense r = g.constantInput(n, 2, "R");
            int in = w.rank() == 3 ? w.dim(2) : -1;
            expectShape(n, "W", w, 1, gates * h, in);
            expectShape(n, "R", r, 1, gates * h, h);
            if (l == 0) {
                inputSize = in;
            } else if (in != hidden) {
                throw new IllegalArgumentException("node " + name(n) + " input W: " + in + " inputs, but the layer "
                        + "below has " + hidden + " units (Engram stacks layers on each other's outputs)");
            }
            Dense b = g.optionalConstantInput(n, 3, "B").orElse(Dense.zeros(1, 2 * gates * h));
            expectShape(n, "B", b, 1, 2 * gates * h);
            for (int i : op.equals("LSTM") ? new int[] {5, 6} : new int[] {5}) {
                g.requireZeroState(n, i, i == 5 ? "initial_h" : "initial_c");
            }
            Map<String, Dense> lw = new LinkedHashMap<>(Map.of("W", w, "R", r, "B", b));
            if (op.equals("LSTM")) {
                Optional<Dense> p = g.optionalConstantInput(n, 7, "P");
                if (p.isPresent()) {
                    expectShape(n, "P", p.get(), 1, 3 * h);
                    lw.put("P", p.get());
                    peepholes |= !p.get().allZero();
                }
            }
            weights.add(lw);
        }
        for (int l = 0; l < layers.size(); l++) {
            tensors.putAll(engramLayer(family, "layer" + l + ".", weights.get(l), hidden, peepholes,
                    Boolean.TRUE.equals(resetAfter)));
        }
        Dense[] readout = g.readout(layers.get(layers.size() - 1), hidden);
        width = readout[0].dim(1);
        tensors.put("readout.w", readout[0]);
        tensors.put("readout.b", readout[1]);
        hyper.put("hidden", hidden);
        hyper.put("layers", layers.size());
        switch (family) {
            case "lstm" -> hyper.put("peepholes", peepholes);
            case "gru" -> hyper.put("reset.after", Boolean.TRUE.equals(resetAfter));
            default -> hyper.put("activation", activation.toLowerCase(java.util.Locale.ROOT));
        }
        return new Imported(family, inputSize, width, hyper, tensors);
    }

    /** One layer's Engram parameters from its ONNX W, R, B (and P). */
    private static Map<String, Dense> engramLayer(String family, String k, Map<String, Dense> onnx, int h,
                                                  boolean peepholes, boolean resetAfter) {
        Map<String, Dense> out = new LinkedHashMap<>();
        float[] b = onnx.get("B").data();
        switch (family) {
            case "lstm" -> {
                int[] gates = GateBlocks.inverse(GateBlocks.LSTM);
                out.put(k + "w", GateBlocks.fromOnnx(onnx.get("W"), gates, h));
                out.put(k + "r", GateBlocks.fromOnnx(onnx.get("R"), gates, h));
                out.put(k + "b", new Dense(new int[] {4 * h}, summedBias(b, gates, h, -1)));
                if (peepholes) {
                    float[] p = onnx.containsKey("P") ? onnx.get("P").data() : new float[3 * h];
                    out.put(k + "pi", new Dense(new int[] {h}, GateBlocks.block(p, 0, h)));
                    out.put(k + "pf", new Dense(new int[] {h}, GateBlocks.block(p, 2, h)));
                    out.put(k + "po", new Dense(new int[] {h}, GateBlocks.block(p, 1, h)));
                }
            }
            case "gru" -> {
                int[] gates = GateBlocks.inverse(GateBlocks.GRU);
                out.put(k + "w", GateBlocks.fromOnnx(onnx.get("W"), gates, h));
                out.put(k + "b", new Dense(new int[] {3 * h}, summedBias(b, gates, h, resetAfter ? 2 : -1)));
                out.put(k + "u_rz", GateBlocks.fromOnnx(onnx.get("R"), new int[] {1, 0}, h));
                out.put(k + "u", GateBlocks.fromOnnx(onnx.get("R"), new int[] {2}, h));
                if (resetAfter) {
                    out.put(k + "bu", new Dense(new int[] {h}, GateBlocks.block(b, 5, h)));
                }
            }
            default -> {
                out.put(k + "w", GateBlocks.fromOnnx(onnx.get("W"), new int[] {0}, h));
                out.put(k + "u", GateBlocks.fromOnnx(onnx.get("R"), new int[] {0}, h));
                out.put(k + "b", new Dense(new int[] {h}, summedBias(b, new int[] {0}, h, -1)));
            }
        }
        return out;
    }

    /**
     * Engram's bias, block {@code e} = ONNX {@code Wb + Rb} of gate {@code gates[e]}; for ONNX gate
     * {@code apart}, only {@code Wb} (its {@code Rb} stays inside the reset gate's product).
     */
    private static float[] summedBias(float[] b, int[] gates, int h, int apart) {
        int g = gates.length;
        float[] out = new float[g * h];
        for (int e = 0; e < g; e++) {
            for (int j = 0; j < h; j++) {
                int gate = gates[e];
                out[e * h + j] = b[gate * h + j] + (gate == apart ? 0f : b[(g + gate) * h + j]);
            }
        }
        return out;
    }

    private static void expectShape(NodeProto n, String input, Dense d, int... shape) {
        if (!java.util.Arrays.equals(d.shape(), shape)) {
            throw new IllegalArgumentException("node " + name(n) + " input " + input + ": expected "
                    + java.util.Arrays.toString(shape) + " (one forward direction), got " + d.shapeText());
        }
    }

    /** A node's name in quotes with its op, or its op and first output when it has none. */
    static String name(NodeProto n) {
        return n.getName().isEmpty() ? n.getOpType() + " (output '" + (n.getOutputCount() > 0 ? n.getOutput(0) : "")
                + "')" : "'" + n.getName() + "' (" + n.getOpType() + ")";
    }

    /** The graph's constants and producers, looked up by value name. */
    private static final class Graph {
        final GraphProto graph;
        final Map<String, TensorProto> constants = new HashMap<>();
        final Map<String, NodeProto> producers = new HashMap<>();
        final Map<String, List<NodeProto>> consumers = new HashMap<>();

        Graph(GraphProto graph) {
            this.graph = graph;
            graph.getInitializerList().forEach(t -> constants.put(t.getName(), t));
            for (NodeProto n : graph.getNodeList()) {
                n.getOutputList().forEach(o -> producers.put(o, n));
                n.getInputList().forEach(i -> consumers.computeIfAbsent(i, x -> new ArrayList<>()).add(n));
                if (n.getOpType().equals("Constant") && n.getOutputCount() == 1) {
                    n.getAttributeList().stream().filter(a -> a.getName().equals("value") && a.hasT())
                            .findFirst().ifPresent(a -> constants.put(n.getOutput(0), a.getT()));
                }
            }
        }

        Optional<AttributeProto> attribute(NodeProto n, String name) {
            return n.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst();
        }

        long intAttribute(NodeProto n, String name, long dflt) {
            return attribute(n, name).map(AttributeProto::getI).orElse(dflt);
        }

        String stringAttribute(NodeProto n, String name, String dflt) {
            return attribute(n, name).map(a -> a.getS().toStringUtf8()).orElse(dflt);
        }

        List<String> stringsAttribute(NodeProto n, String name) {
            return attribute(n, name).map(a -> a.getStringsList().stream().map(s -> s.toStringUtf8()).toList())
                    .orElse(List.of());
        }

        void refuseAttributes(NodeProto n) {
            for (String a : List.of("clip", "activation_alpha", "activation_beta")) {
                if (attribute(n, a).isPresent()) {
                    throw new IllegalArgumentException("node " + name(n) + " attribute " + a
                            + ": Engram's cells have no " + (a.equals("clip") ? "cell clipping" : "activation parameters"));
                }
            }
        }

        Dense constantInput(NodeProto n, int index, String input) {
            return optionalConstantInput(n, index, input).orElseThrow(() -> new IllegalArgumentException(
                    "node " + name(n) + " input " + input + ": missing"));
        }

        Optional<Dense> optionalConstantInput(NodeProto n, int index, String input) {
            if (index >= n.getInputCount() || n.getInput(index).isEmpty()) {
                return Optional.empty();
            }
            String value = n.getInput(index);
            TensorProto t = constants.get(value);
            if (t == null) {
                throw new IllegalArgumentException("node " + name(n) + " input " + input + " ('" + value
                        + "'): not a constant in the file; Engram imports weights stored as initializers or Constant nodes");
            }
            return Optional.of(OnnxTensors.read(t, "node " + name(n) + " input " + input + " ('" + value + "')"));
        }

        void requireZeroState(NodeProto n, int index, String input) {
            if (index >= n.getInputCount() || n.getInput(index).isEmpty()) {
                return;
            }
            String value = n.getInput(index);
            if (!zero(value, 0)) {
                throw new IllegalArgumentException("node " + name(n) + " input " + input + " ('" + value
                        + "'): not zeros; Engram's stacks start from zero states");
            }
        }

        private boolean zero(String value, int depth) {
            if (depth > 16) {
                return false;
            }
            TensorProto t = constants.get(value);
            if (t != null) {
                return t.getDataType() == OnnxTensors.INT64 || t.getDataType() == OnnxTensors.INT32
                        ? t.getInt64DataList().stream().allMatch(v -> v == 0) && t.getInt32DataList().stream()
                        .allMatch(v -> v == 0) && (!t.hasRawData() || t.getRawData().toByteArray().length == 0
                        || allZeroBytes(t.getRawData().toByteArray()))
                        : OnnxTensors.read(t, value).allZero();
            }
            NodeProto p = producers.get(value);
            if (p == null) {
                return false;
            }
            if (p.getOpType().equals("ConstantOfShape")) {
                Optional<AttributeProto> v = attribute(p, "value");
                return v.isEmpty() || allZeroBytes(v.get().getT().getRawData().toByteArray())
                        && v.get().getT().getFloatDataList().stream().allMatch(f -> f == 0f)
                        && v.get().getT().getInt64DataList().stream().allMatch(f -> f == 0L);
            }
            return PASS_THROUGH.contains(p.getOpType()) && p.getInputCount() > 0 && zero(p.getInput(0), depth + 1);
        }

        private static boolean allZeroBytes(byte[] b) {
            for (byte x : b) {
                if (x != 0) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The readout {@code [V, c]} ({@code [H, out]}, {@code [out]}) after {@code top}: the first
         * {@code MatMul} or {@code Gemm} downstream of it (through Squeeze, Reshape, Transpose and the
         * like) with a constant weight.
         */
        Dense[] readout(NodeProto top, int hidden) {
            java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(top.getOutputList());
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (!queue.isEmpty()) {
                String v = queue.poll();
                if (v.isEmpty() || !seen.add(v)) {
                    continue;
                }
                for (NodeProto c : consumers.getOrDefault(v, List.of())) {
                    if (c.getOpType().equals("MatMul") || c.getOpType().equals("Gemm")) {
                        return linear(c, hidden);
                    }
                    queue.addAll(c.getOutputList());
                }
            }
            throw new IllegalArgumentException("no readout after node " + name(top) + ": Engram's " + top.getOpType()
                    + " stack ends in a linear map, expected a MatMul or Gemm node with a constant weight reading "
                    + "its " + hidden + " units");
        }

        private Dense[] linear(NodeProto m, int hidden) {
            String weightName = m.getInputCount() > 1 ? m.getInput(1) : "";
            TensorProto wt = constants.get(weightName);
            if (wt == null) {
                throw new IllegalArgumentException("node " + name(m) + " input B ('" + weightName
                        + "'): the readout's weight is not a constant in the file");
            }
            Dense w = OnnxTensors.read(wt, "node " + name(m) + " input B ('" + weightName + "')");
            Dense bias = null;
            if (m.getOpType().equals("Gemm")) {
                if (intAttribute(m, "transA", 0) != 0) {
                    throw new IllegalArgumentException("node " + name(m) + " attribute transA: 1; "
                            + "the readout reads the units as rows");
                }
                if (w.rank() == 2 && intAttribute(m, "transB", 0) != 0) {
                    w = transpose(w);
                }
                float alpha = attribute(m, "alpha").map(AttributeProto::getF).orElse(1f);
                float beta = attribute(m, "beta").map(AttributeProto::getF).orElse(1f);
                if (alpha != 1f || beta != 1f) {
                    throw new IllegalArgumentException("node " + name(m) + " attributes alpha, beta: " + alpha + ", "
                            + beta + "; the readout is h V + c (1, 1)");
                }
                if (m.getInputCount() > 2 && !m.getInput(2).isEmpty()) {
                    TensorProto c = constants.get(m.getInput(2));
                    if (c == null) {
                        throw new IllegalArgumentException("node " + name(m) + " input C ('" + m.getInput(2)
                                + "'): the readout's bias is not a constant in the file");
                    }
                    bias = OnnxTensors.read(c, "node " + name(m) + " input C ('" + m.getInput(2) + "')");
                }
            } else {
                for (NodeProto add : consumers.getOrDefault(m.getOutput(0), List.of())) {
                    if (add.getOpType().equals("Add")) {
                        String other = add.getInput(0).equals(m.getOutput(0)) ? add.getInput(1) : add.getInput(0);
                        TensorProto c = constants.get(other);
                        if (c != null) {
                            bias = OnnxTensors.read(c, "node " + name(add) + " input '" + other + "'");
                        }
                    }
                }
            }
            if (w.rank() != 2 || w.dim(0) != hidden) {
                throw new IllegalArgumentException("node " + name(m) + " input B ('" + weightName + "'): expected ["
                        + hidden + ", outputs] to read the top layer's units, got " + w.shapeText());
            }
            int out = w.dim(1);
            if (bias == null) {
                bias = Dense.zeros(out);
            } else if (bias.data().length != out) {
                throw new IllegalArgumentException("the readout's bias after node " + name(m) + ": expected " + out
                        + " elements, got " + bias.shapeText());
            } else {
                bias = new Dense(new int[] {out}, bias.data());
            }
            return new Dense[] {w, bias};
        }

        private static Dense transpose(Dense d) {
            int r = d.dim(0);
            int c = d.dim(1);
            float[] t = new float[r * c];
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) {
                    t[j * r + i] = d.data()[i * c + j];
                }
            }
            return new Dense(new int[] {c, r}, t);
        }
    }
}
