package io.engram.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Associative;
import io.engram.api.Batch;
import io.engram.api.Capability;
import io.engram.api.LinearReadout;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.ParameterVector;
import io.engram.train.SequenceGradients;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The checks of {@link FamilyConformance} that depend on what a family declares, one per
 * capability interface. Stateless.
 */
final class CapabilityChecks {
    /** Recall steps allowed to reach a fixed point. */
    private static final int RECALL_STEPS = 20;

    private CapabilityChecks() {
    }

    /** Each declared name has an interface the network returns, and each interface it returns is declared. */
    static void declaredMatchReturned(NetworkFamily family, Network net) {
        Set<Class<?>> declared = new java.util.LinkedHashSet<>();
        for (String name : new TreeSet<>(family.capabilities())) {
            Optional<Class<?>> type = Capability.type(name);
            assertTrue(type.isPresent(), family.id() + " declares the unknown capability '" + name + "' (known: "
                    + Capability.names() + ")");
            declared.add(type.get());
            assertTrue(net.capability(type.get()).isPresent(), family.id() + " declares '" + name
                    + "' but its network does not return " + type.get().getSimpleName());
        }
        for (Class<?> type : Capability.types()) {
            if (net.capability(type).isPresent()) {
                assertTrue(declared.contains(type), family.id() + "'s network returns " + type.getSimpleName()
                        + " but the family does not declare it (declared: " + new TreeSet<>(family.capabilities()) + ")");
            }
        }
        assertTrue(net.parameters().keySet().containsAll(net.trainable()), family.id() + ": trainable "
                + net.trainable() + " are not all among the parameters " + net.parameters().keySet());
    }

    /** The parameters that are not trainable have the values of {@code before}, bit for bit. */
    static void fixedParametersUnchanged(Network net, Map<String, Tensor> before) {
        net.parameters().forEach((name, t) -> {
            if (!net.trainable().contains(name)) {
                assertArrayEquals(before.get(name).toDoubleArray(), t.toDoubleArray(), name + " is not trainable");
            }
        });
    }

    /** Layout, round trip, untouched fixed parameters and bounds of a parameter vector. */
    static void parameterVector(Ops ops, Network net, ParameterVector vector) {
        Map<String, Tensor> before = net.parameters();
        List<String> trainable = new ArrayList<>();
        int size = 0;
        for (Map.Entry<String, Tensor> e : before.entrySet()) {
            if (net.trainable().contains(e.getKey())) {
                trainable.add(e.getKey());
                size += e.getValue().shape().size();
            }
        }
        assertEquals(trainable, vector.names(), "the vector holds the trainable parameters in their order");
        assertEquals(size, vector.size());
        double[] values = vector.values();
        assertArrayEquals(flat(before, trainable), values, "the vector reads the current parameters");
        double[] lower = vector.lower().orElseGet(() -> filled(values.length, Double.NEGATIVE_INFINITY));
        double[] upper = vector.upper().orElseGet(() -> filled(values.length, Double.POSITIVE_INFINITY));
        assertEquals(values.length, lower.length, "lower bounds");
        assertEquals(values.length, upper.length, "upper bounds");
        double[] next = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            assertTrue(lower[i] <= values[i] && values[i] <= upper[i], "element " + i + " = " + values[i]
                    + " lies outside [" + lower[i] + ", " + upper[i] + "]");
            next[i] = Math.min(upper[i], Math.max(lower[i], values[i] + 0.01 * (i % 7 - 3)));
        }
        vector.write(ops, next);
        assertArrayEquals(next, vector.values(), "written values read back unchanged");
        assertArrayEquals(next, flat(net.parameters(), trainable), "written values reach the network");
        fixedParametersUnchanged(net, before);
        assertThrows(IllegalArgumentException.class, () -> vector.write(ops, new double[values.length + 1]));
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(upper[i])) {
                double[] outside = next.clone();
                outside[i] = upper[i] + 1;
                assertThrows(IllegalArgumentException.class, () -> vector.write(ops, outside),
                        "element " + i + " above its upper bound");
                assertArrayEquals(next, vector.values(), "a refused write changes nothing");
                break;
            }
        }
    }

    /** Shapes of the readout, and outputs equal to features times the readout at every present step. */
    static void linearReadout(Ops ops, Network net, LinearReadout readout, Batch batch) {
        Map<String, Tensor> params = net.parameters();
        Tensor w = params.get(readout.weights());
        assertTrue(w != null, "readout weights '" + readout.weights() + "' are not a parameter");
        assertEquals(Shape.of(readout.features(), readout.outputs()), w.shape(), "readout weights");
        assertEquals(net.spec().outputSize(), readout.outputs(), "readout outputs");
        Optional<Tensor> b = readout.bias().map(params::get);
        readout.bias().ifPresent(name -> {
            assertTrue(params.get(name) != null, "readout bias '" + name + "' is not a parameter");
            assertEquals(Shape.of(readout.outputs()), params.get(name).shape(), "readout bias");
        });
        Tensor features = readout.features(ops, params, batch);
        assertEquals(Shape.of(batch.time() * batch.batch(), readout.features()), features.shape(), "features");
        Tensor predicted = ops.matmul(features, w);
        if (b.isPresent()) {
            predicted = ops.add(predicted, b.get());
        }
        double[] p = predicted.toDoubleArray();
        List<Tensor> outputs = SequenceGradients.outputs(ops, net, params, batch, false, 0L);
        int out = readout.outputs();
        for (int t = 0; t < batch.time(); t++) {
            double[] y = outputs.get(t).toDoubleArray();
            for (int j = 0; j < batch.batch(); j++) {
                int row = t * batch.batch() + j;
                if (batch.stepMask()[row] != 0) {
                    assertArrayEquals(Arrays.copyOfRange(y, j * out, (j + 1) * out),
                            Arrays.copyOfRange(p, row * out, (row + 1) * out), 1e-10, "step " + t + " sequence " + j);
                }
            }
        }
        Map<String, Tensor> otherReadout = new LinkedHashMap<>(params);
        otherReadout.put(readout.weights(), ops.scale(w, 2));
        assertArrayEquals(features.toDoubleArray(), readout.features(ops, otherReadout, batch).toDoubleArray(),
                "the features do not depend on the readout");
    }

    /** Recall of stored patterns from clean cues, refusal of an unknown rule, energy descent. */
    static void associative(Ops ops, Network net, Associative memory, DType dtype) {
        int n = memory.size();
        assertFalse(memory.rules().isEmpty(), "an associative memory names at least one rule");
        int count = Math.max(1, Math.min(3, n / 4));
        double[] patterns = patterns(n, count, 31);
        Tensor stored = ops.fromArray(dtype, Shape.of(count, n), patterns);
        Map<String, Tensor> before = net.parameters();
        assertThrows(IllegalArgumentException.class, () -> memory.store(ops, "no-such-rule", stored));
        assertArrayEquals(flat(before, before.keySet()), flat(net.parameters(), before.keySet()),
                "a refused store changes nothing");
        for (String rule : memory.rules()) {
            memory.store(ops, rule, stored);
            double[] recalled = memory.recall(ops, stored, RECALL_STEPS).toDoubleArray();
            for (int i = 0; i < patterns.length; i++) {
                assertEquals(patterns[i], Math.signum(recalled[i]), rule + ": pattern " + i / n + " unit " + i % n
                        + " recalled from its clean cue");
            }
            descends(ops, memory, ops.fromArray(dtype, Shape.of(count, n), noisy(patterns, n)), rule + ", noisy cues");
            descends(ops, memory, ops.fromArray(dtype, Shape.of(2, n), patterns(n, 2, 47)), rule + ", other cues");
        }
    }

    private static void descends(Ops ops, Associative memory, Tensor cue, String what) {
        assertArrayEquals(cue.toDoubleArray(), memory.recall(ops, cue, 0).toDoubleArray(), what + ": 0 steps give the cue");
        double[] previous = memory.energy(ops, cue).toDoubleArray();
        assertEquals(cue.dim(0), previous.length, what + ": one energy per state");
        for (int k = 1; k <= RECALL_STEPS; k++) {
            double[] e = memory.energy(ops, memory.recall(ops, cue, k)).toDoubleArray();
            for (int r = 0; r < e.length; r++) {
                assertTrue(e[r] <= previous[r] + 1e-9 * (1 + Math.abs(previous[r])), what + ": energy of row " + r
                        + " rose from " + previous[r] + " to " + e[r] + " at recall step " + k);
            }
            previous = e;
        }
    }

    /**
     * {@code count} mutually orthogonal sign patterns of {@code n} units (for {@code n} a multiple of
     * 4): Walsh functions {@code (-1)^popcount(i & k)}, {@code k = 1, 2, 3}, times one seeded sign per
     * unit; with {@code count} above 3, random signs.
     */
    static double[] patterns(int n, int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] mask = new double[n];
        for (int i = 0; i < n; i++) {
            mask[i] = r.nextBoolean() ? 1 : -1;
        }
        double[] p = new double[count * n];
        for (int k = 0; k < count; k++) {
            for (int i = 0; i < n; i++) {
                double walsh = Integer.bitCount(i & (k + 1)) % 2 == 0 ? 1 : -1;
                p[k * n + i] = k < 3 ? walsh * mask[i] : r.nextBoolean() ? 1 : -1;
            }
        }
        return p;
    }

    /** The patterns with one unit of each flipped. */
    private static double[] noisy(double[] patterns, int n) {
        double[] cue = patterns.clone();
        for (int k = 0; k < patterns.length / n; k++) {
            cue[k * n + (3 * k + 1) % n] *= -1;
        }
        return cue;
    }

    private static double[] flat(Map<String, Tensor> params, java.util.Collection<String> names) {
        return names.stream().flatMapToDouble(name -> Arrays.stream(params.get(name).toDoubleArray())).toArray();
    }

    private static double[] filled(int n, double value) {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }
}
