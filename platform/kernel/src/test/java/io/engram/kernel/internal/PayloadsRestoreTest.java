package io.engram.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.BundleRef;
import io.engram.api.Capability;
import io.engram.api.CheckpointMetadata;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.Payloads;
import io.engram.api.Provenance;
import io.engram.api.Schema;
import io.engram.api.TrainerState;
import io.engram.kernel.PluginKind;
import io.engram.tensor.Availability;
import io.engram.tensor.Backend;
import io.engram.tensor.DType;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Payloads written into a checkpoint reach the family when a model is restored for prediction,
 * with the checkpoint's metadata; a checkpoint with a trainer state is one a job can resume from.
 */
class PayloadsRestoreTest {

    @TempDir
    Path tmp;

    /** The toy family, recording what its metadata-aware restore was given. */
    private static final class ReadingFamily implements NetworkFamily {
        final NetworkFamily toy = new Fakes.ToyFamily("1.5.0");
        final AtomicReference<Payloads> payloads = new AtomicReference<>();
        final AtomicReference<CheckpointMetadata> metadata = new AtomicReference<>();

        @Override
        public String id() {
            return toy.id();
        }

        @Override
        public String description() {
            return toy.description();
        }

        @Override
        public Schema schema() {
            return toy.schema();
        }

        @Override
        public Set<String> capabilities() {
            return toy.capabilities();
        }

        @Override
        public Network create(ModelSpec spec, Backend backend, long seed) {
            return toy.create(spec, backend, seed);
        }

        @Override
        public Network restore(ModelSpec spec, Backend backend, Map<String, Tensor> parameters,
                               CheckpointMetadata metadata, Payloads payloads) {
            this.metadata.set(metadata);
            this.payloads.set(payloads);
            return restore(spec, backend, parameters);
        }
    }

    @Test
    void predictionRestoresTheNetworkWithItsPayloadsAndMetadata() throws Exception {
        ReadingFamily family = new ReadingFamily();
        PluginTable t = new PluginTable();
        Fakes.add(t, PluginKind.FAMILY, "toy", "1.5.0", family, Set.of(Capability.DIFFERENTIABLE));
        Fakes.add(t, PluginKind.BACKEND, "cpu", "1.0.0", new Fakes.ToyBackend("cpu", Availability.yes()), Set.of());
        Path file = tmp.resolve("m.ckpt");
        ModelSpec spec = new ModelSpec("toy", 2, 2, DType.F64, Hyperparameters.of(Map.of("scale", 1.0)));
        CheckpointMetadata meta = new CheckpointMetadata(3, "test.family.toy", "1.5.0", spec, new Provenance(1, "toy",
                "d", List.of(new BundleRef("test.family.toy", "1.5.0")), Map.of("loss", "mse"), "2026-01-01T00:00:00Z"));
        Payloads payloads = new Payloads(Map.of("ids", List.of(3L, 1L)), Map.of("mean", List.of(0.5)),
                Map.of("alphabet", List.of("a", "b")));
        Tensor w = new ArrayOps().fromArray(DType.F64, Shape.of(2, 2), new double[] {1, 0, 0, 2});
        TrainCheckpoints checkpoints = new TrainCheckpoints();
        checkpoints.write(file, meta, Map.of("w", w), payloads, null);
        assertEquals(false, checkpoints.resumable(file).get());

        List<double[][]> out = new PredictorComponent(t, checkpoints)
                .predict(file, List.<double[][]>of(new double[][] {{1, 1}})).get();
        assertArrayEquals(new double[] {1, 2}, out.get(0)[0], 1e-12);
        assertEquals(payloads, family.payloads.get());
        assertEquals(meta.spec(), family.metadata.get().spec());
        assertEquals(3, family.metadata.get().formatVersion());

        TrainerState state = new TrainerState("t", Map.of("epoch", 2L), Map.of(), Map.of(), Map.of());
        checkpoints.write(file, meta, Map.of("w", w), payloads, state);
        assertTrue(checkpoints.resumable(file).get());
        assertEquals(state, checkpoints.read(file, new ArrayOps()).get().trainerState().orElseThrow());
    }
}
