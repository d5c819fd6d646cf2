package io.engram.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.BundleRef;
import io.engram.api.Capability;
import io.engram.api.CheckpointMetadata;
import io.engram.api.CompositeFamily;
import io.engram.api.Decoder;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.InnerFamily;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.Problem;
import io.engram.api.Provenance;
import io.engram.api.Schema;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobState;
import io.engram.kernel.PluginKind;
import io.engram.kernel.Predictor;
import io.engram.tensor.Backend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Composite families in the kernel: nested validation, pinning, provenance and predict. */
class CompositionTest {

    @TempDir
    Path tmp;

    private JobManagerComponent manager;

    @AfterEach
    void stop() {
        if (manager != null) {
            manager.deactivate();
        }
    }

    /** A composite with one slot, {@code inner}, that builds the inner family's network as it is. */
    static final class WrapFamily implements CompositeFamily {
        @Override
        public String id() {
            return "wrap";
        }

        @Override
        public String description() {
            return "wraps another family";
        }

        @Override
        public Schema schema() {
            return Schema.of(HyperParameter.real("gain", 1.0, 0.0, 5.0, "Unused gain."));
        }

        @Override
        public Set<String> capabilities() {
            return Set.of(Capability.DIFFERENTIABLE);
        }

        @Override
        public List<Slot> slots() {
            return List.of(new Slot("inner", "the wrapped family", Set.of(Capability.DIFFERENTIABLE)));
        }

        @Override
        public NetworkFamily bind(Map<String, NetworkFamily> inner) {
            WrapFamily self = this;
            NetworkFamily family = inner.get("inner");
            return new NetworkFamily() {
                @Override
                public String id() {
                    return self.id();
                }

                @Override
                public String description() {
                    return self.description();
                }

                @Override
                public Schema schema() {
                    return self.schema();
                }

                @Override
                public Set<String> capabilities() {
                    return self.capabilities();
                }

                @Override
                public Network create(ModelSpec spec, Backend backend, long seed) {
                    return family.create(CompositeFamily.innerSpec(spec, "inner", spec.inputSize(), spec.outputSize()),
                            backend, seed);
                }
            };
        }

        @Override
        public Network create(ModelSpec spec, Backend backend, long seed) {
            throw new IllegalStateException("unbound");
        }
    }

    private static PluginTable table() {
        PluginTable t = Fakes.table();
        Fakes.add(t, PluginKind.FAMILY, "wrap", "1.0.0", new WrapFamily(), Set.of(Capability.DIFFERENTIABLE));
        Fakes.add(t, PluginKind.FAMILY, "hopfield", "1.0.0", new Fakes.ToyFamily("1.0.0"), Set.of(Capability.ASSOCIATIVE));
        return t;
    }

    private static SpecValidator validator(PluginTable table) {
        return new SpecValidator(table, new Confinement(Path.of("/nonexistent/home"),
                List.of(Path.of("/nonexistent/home/data")), Path.of("/nonexistent/home/data/models")), 0.8, () -> 1L << 30);
    }

    private static Map<String, String> spec(String... keyValues) {
        Map<String, String> s = Fakes.spec();
        s.remove("model.scale");
        s.put("model.family", "wrap");
        for (int i = 0; i < keyValues.length; i += 2) {
            s.put(keyValues[i], keyValues[i + 1]);
        }
        return s;
    }

    @Test
    void everyProblemOfEveryLevelIsReportedWithItsFullKey() {
        List<String> problems = validator(table()).validate(spec("model.gain", "9", "model.inner.family", "toy",
                "model.inner.scale", "99", "model.inner.colour", "red")).getError().map(Problem::toString).toJavaList();
        assertEquals(List.of(
                "model.gain: expected a number in [0, 5], got '9'",
                "model.inner.colour: unknown parameter (known: scale)",
                "model.inner.scale: expected a number in [0, 10], got '99'"), problems);
        assertEquals(List.of("model.inner.family: required: the family of slot 'inner' of 'wrap' (the wrapped family)"),
                validator(table()).validate(spec()).getError().map(Problem::toString).toJavaList());
        assertEquals(List.of("model.inner.family: no version of family 'toy' in [2,3) is installed "
                        + "(installed: 1.5.0, 1.0.0)"),
                validator(table()).validate(spec("model.inner.family", "toy;version=[2,3)")).getError()
                        .map(Problem::toString).toJavaList());
        assertEquals(List.of("model.inner.family: slot 'inner' of family 'wrap' requires differentiable, which "
                        + "family 'hopfield' does not offer"),
                validator(table()).validate(spec("model.inner.family", "hopfield")).getError()
                        .map(Problem::toString).toJavaList());
    }

    @Test
    void theInnerFamilyIsPinnedLikeATopLevelOneAndItsValuesNestedInTheSpec() {
        ResolvedSpec r = validator(table()).validate(spec("model.inner.family", "toy;version=[1.0,1.5)",
                "model.inner.scale", "0.5")).get();
        assertEquals("wrap@1.0.0", r.family().label());
        assertEquals(Map.of("gain", 1.0, "inner.family", "toy", "inner.scale", 0.5), r.model().asMap());
        assertEquals(List.of(new InnerFamily("inner", "toy", new BundleRef("test.family.toy", "1.0.0"))),
                ComposedFamily.of(r.family()));
        Network n = r.family().as(NetworkFamily.class).create(new ModelSpec("wrap", 2, 2, DType.F64, r.model()),
                new Fakes.ToyBackend("cpu", io.engram.tensor.Availability.yes()), 1L);
        assertEquals("1.0.0", ((Fakes.ToyNetwork) n).version(), "the pinned version builds the network");
    }

    @Test
    void aJobRecordsTheInnerBundleAndPredictRebindsFromTheCheckpoint() throws Exception {
        FakeCheckpoints written = new FakeCheckpoints();
        manager = new JobManagerComponent(table(), Fakes.config(tmp.resolve("data/jobs"), 1, 64, 1000, 0, 0), written,
                List.of(new BundleRef("io.engram.kernel", "0.1.0")));
        Map<String, String> s = spec("model.inner.family", "toy;version=[1.0,1.5)", "checkpoint", "wrap.ckpt");
        JobInfo info = manager.await(manager.submit(s).get().id(), Duration.ofSeconds(20)).get();
        assertEquals(JobState.SUCCEEDED, info.state(), info.error());
        Path file = Path.of(info.checkpoint());
        Provenance p = written.written.get(file).metadata().provenance();
        assertEquals(List.of(new InnerFamily("inner", "toy", new BundleRef("test.family.toy", "1.0.0"))),
                p.innerFamilies());
        assertTrue(p.bundles().contains(new BundleRef("test.family.toy", "1.0.0")), p.bundles().toString());

        PredictorComponent predictor = new PredictorComponent(table(), written);
        Tensor w = written.written.get(file).tensors().get("w");
        double[][] in = {{1, 2}};
        double[] out = predictor.predict(file, List.<double[][]>of(in)).get().get(0)[0];
        double[] weights = w.toDoubleArray();
        assertArrayEquals(new double[] {weights[0] + 2 * weights[2], weights[1] + 2 * weights[3]}, out, 1e-12);
    }

    /** A decoder over 4 tokens whose scores follow the previous token: 1 -> 2 -> 3 -> 0 (the end). */
    static final class ChainDecoder implements Network, Decoder {
        private final ModelSpec spec;
        private Map<String, Tensor> params;

        ChainDecoder(ModelSpec spec, Ops ops) {
            this.spec = spec;
            double[] e = new double[16];
            for (int i = 0; i < 4; i++) {
                e[i * 4 + (i + 1) % 4] = 3.0;
            }
            this.params = Map.of("e", ops.fromArray(spec.dtype(), Shape.of(4, 4), e));
        }

        @Override
        public int startToken() {
            return 1;
        }

        @Override
        public int endToken() {
            return 0;
        }

        @Override
        public State encode(Ops ops, Map<String, Tensor> p, Tensor xs, double[] stepMask, List<StepContext> contexts) {
            return State.of();
        }

        @Override
        public Step decode(Ops ops, Map<String, Tensor> p, Tensor previous, State state, StepContext context) {
            return new Step(ops.matmul(previous, p.get("e")), state);
        }

        @Override
        public ModelSpec spec() {
            return spec;
        }

        @Override
        public Map<String, Tensor> parameters() {
            return params;
        }

        @Override
        public void setParameters(Map<String, Tensor> values) {
            params = Map.copyOf(values);
        }

        @Override
        public State initialState(Ops ops, int batch) {
            return State.of();
        }

        @Override
        public Step step(Ops ops, Map<String, Tensor> p, Tensor x, State state, StepContext context) {
            throw new UnsupportedOperationException("decoder");
        }
    }

    @Test
    void predictDecodesADecoderGreedilyOrByBeamUpToTheEndToken() throws Exception {
        PluginTable t = Fakes.table();
        NetworkFamily chain = new NetworkFamily() {
            @Override
            public String id() {
                return "chain";
            }

            @Override
            public String description() {
                return "a chain of tokens";
            }

            @Override
            public Schema schema() {
                return Schema.empty();
            }

            @Override
            public Set<String> capabilities() {
                return Set.of(Capability.DECODER);
            }

            @Override
            public Network create(ModelSpec spec, Backend backend, long seed) {
                return new ChainDecoder(spec, backend.ops());
            }
        };
        Fakes.add(t, PluginKind.FAMILY, "chain", "1.0.0", chain, Set.of(Capability.DECODER));
        FakeCheckpoints store = new FakeCheckpoints();
        Path file = tmp.resolve("chain.ckpt");
        ModelSpec spec = new ModelSpec("chain", 2, 4, DType.F64, Hyperparameters.of(new LinkedHashMap<>()));
        store.write(file, new CheckpointMetadata(1, "test.family.chain", "1.0.0", spec, new Provenance(1, "s", "d",
                List.of(), Map.of("loss", "mse"), "2026-01-01T00:00:00Z")),
                chain.create(spec, new Fakes.ToyBackend("cpu", io.engram.tensor.Availability.yes()), 0).parameters());
        PredictorComponent predictor = new PredictorComponent(t, store);
        double[][] source = {{0, 0}, {0, 0}, {0, 0}};
        for (Predictor.Decode d : List.of(Predictor.Decode.GREEDY, new Predictor.Decode(3, 0),
                new Predictor.Decode(3, 0, 0.6))) {
            double[][] out = predictor.predict(file, List.<double[][]>of(source), d).get().get(0);
            assertEquals(3, out.length, "stops after the end token");
            for (int k = 0; k < 3; k++) {
                double[] expected = new double[4];
                expected[(k + 2) % 4] = 3.0;
                assertArrayEquals(expected, out[k], 0.0, "token " + k + " with " + d);
            }
        }
        assertEquals(2, predictor.predict(file, List.<double[][]>of(source), new Predictor.Decode(1, 2)).get().get(0).length);
        IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Predictor.Decode(2, 0, -0.5));
        assertEquals("decoding needs a length penalty of at least 0, got -0.5", bad.getMessage());
    }
}
