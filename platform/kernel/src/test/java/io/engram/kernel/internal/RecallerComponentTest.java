package io.engram.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.engram.api.Associative;
import io.engram.api.BundleRef;
import io.engram.api.Capability;
import io.engram.api.CheckpointMetadata;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.Provenance;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.kernel.PluginKind;
import io.engram.kernel.Recaller;
import io.engram.tensor.Availability;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.vavr.control.Try;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecallerComponentTest {
    private static final Ops OPS = new ArrayOps();

    @TempDir
    Path tmp;

    @Test
    void eachCueSettlesAndComesBackWithItsEnergyAndTheCuesEnergy() {
        Try<List<Recaller.Recall>> r = RecallerComponent.recall(new MajorityMemory(), OPS,
                List.of(new double[] {1, 1, -1}, new double[] {0, -1, 0}), 5);
        assertArrayEquals(new double[] {1, 1, 1}, r.get().get(0).state());
        assertEquals(-4.5, r.get().get(0).energy(), 0.0);
        assertEquals(-0.5, r.get().get(0).cueEnergy(), 0.0);
        assertArrayEquals(new double[] {-1, -1, -1}, r.get().get(1).state(), "unknown units take the majority");
        Try<List<Recaller.Recall>> none = RecallerComponent.recall(new MajorityMemory(), OPS,
                List.of(new double[] {1, 1, -1}), 0);
        assertArrayEquals(new double[] {1, 1, -1}, none.get().get(0).state(), "0 steps: the cue");
    }

    @Test
    void cuesOfTheWrongWidthOrValuesAreNamedAllAtOnce() {
        Try<List<Recaller.Recall>> r = RecallerComponent.recall(new MajorityMemory(), OPS,
                List.of(new double[] {1, 1}, new double[] {1, 1, -1}, new double[] {1, 0.5, 1}), 5);
        assertInstanceOf(IllegalArgumentException.class, r.getCause());
        assertEquals("cue 0: expected 3 unit values, got 2; cue 2 unit 1: 0.5 is not -1, +1 or 0 (unknown)",
                r.getCause().getMessage());
        assertEquals("steps: expected at least 0, got -1", new RecallerComponent(new PredictorComponent(
                new PluginTable(), new FakeCheckpoints())).recall(tmp.resolve("x"), List.of(), -1).getCause().getMessage());
    }

    @Test
    void aModelThatIsNotAssociativeIsRefusedNamingItsFamily() throws Exception {
        Path file = tmp.resolve("toy.ckpt");
        FakeCheckpoints checkpoints = new FakeCheckpoints();
        ModelSpec spec = new ModelSpec("toy", 2, 2, DType.F64, Hyperparameters.of(Map.of("scale", 1.0)));
        Provenance provenance = new Provenance(1, "toy", "d", List.of(new BundleRef("test.family.toy", "1.5.0")),
                Map.of("loss", "mse"), "2026-01-01T00:00:00Z");
        checkpoints.write(file, new CheckpointMetadata(1, "test.family.toy", "1.5.0", spec, provenance),
                Map.of("w", new ArrayOps().fromArray(DType.F64, Shape.of(2, 2), new double[] {1, 0, 0, 2})));
        PluginTable t = new PluginTable();
        Fakes.add(t, PluginKind.FAMILY, "toy", "1.5.0", new Fakes.ToyFamily("1.5.0"), Set.of(Capability.DIFFERENTIABLE));
        Fakes.add(t, PluginKind.BACKEND, "cpu", "1.0.0", new Fakes.ToyBackend("cpu", Availability.yes()), Set.of());
        Try<List<Recaller.Recall>> r = new RecallerComponent(new PredictorComponent(t, checkpoints))
                .recall(file, List.of(new double[] {1, -1}), 3);
        assertInstanceOf(IllegalStateException.class, r.getCause());
        assertEquals("the model of family 'toy' is not an associative memory: it has nothing to recall "
                + "(engram predict runs it)", r.getCause().getMessage());
    }

    /** Three units; a recall step sets every unit to the sign of the units' sum; energy -(sum s)^2 / 2. */
    private static final class MajorityMemory implements Network, Associative {
        private final ModelSpec spec = new ModelSpec("majority", 3, 3, DType.F64, Hyperparameters.empty());

        @Override
        public ModelSpec spec() {
            return spec;
        }

        @Override
        public Map<String, Tensor> parameters() {
            return Map.of();
        }

        @Override
        public void setParameters(Map<String, Tensor> values) {
        }

        @Override
        public State initialState(Ops ops, int batch) {
            return State.of(ops.zeros(DType.F64, Shape.of(batch, 3)));
        }

        @Override
        public Step step(Ops ops, Map<String, Tensor> params, Tensor x, State state, StepContext context) {
            return new Step(x, state);
        }

        @Override
        public int size() {
            return 3;
        }

        @Override
        public List<String> rules() {
            return List.of("none");
        }

        @Override
        public void store(Ops ops, String rule, Tensor patterns) {
        }

        @Override
        public Tensor recall(Ops ops, Tensor cue, int steps) {
            double[] s = cue.toDoubleArray();
            for (int r = 0; r < cue.dim(0) && steps > 0; r++) {
                double sign = Math.signum(s[3 * r] + s[3 * r + 1] + s[3 * r + 2]);
                for (int i = 0; i < 3; i++) {
                    s[3 * r + i] = sign;
                }
            }
            return ops.fromArray(DType.F64, cue.shape(), s);
        }

        @Override
        public Tensor energy(Ops ops, Tensor states) {
            double[] s = states.toDoubleArray();
            double[] e = new double[states.dim(0)];
            for (int r = 0; r < e.length; r++) {
                double sum = s[3 * r] + s[3 * r + 1] + s[3 * r + 2];
                e[r] = -sum * sum / 2;
            }
            return ops.fromArray(DType.F64, Shape.of(e.length), e);
        }
    }
}
