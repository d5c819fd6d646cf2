package io.engram.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.BundleRef;
import io.engram.api.Capability;
import io.engram.api.CheckpointMetadata;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Provenance;
import io.engram.kernel.PluginKind;
import io.engram.kernel.Predictor.Replay;
import io.engram.tensor.Availability;
import io.engram.tensor.DType;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.vavr.control.Try;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays of a checkpoint's controller in its job's environment: the toy network {@code y = x w}
 * with {@code w = [[1, 0], [0, 2]]} walking {@link Fakes.WalkApplication}'s environment, whose
 * observation at step t is {@code [1, t]} and whose reward is {@code clamp(a_0 - a_1, -1, 1)}.
 */
class EpisodeReplayTest {
    @TempDir
    Path tmp;

    private final FakeCheckpoints checkpoints = new FakeCheckpoints();

    private Path checkpoint(Map<String, String> jobSpec) throws Exception {
        Path file = tmp.resolve("walk.ckpt");
        Tensor w = new ArrayOps().fromArray(DType.F64, Shape.of(2, 2), new double[] {1, 0, 0, 2});
        ModelSpec spec = new ModelSpec("toy", 2, 2, DType.F64, Hyperparameters.of(Map.of("scale", 1.0)));
        Provenance provenance = new Provenance(1, "walk", "d", List.of(new BundleRef("test.family.toy", "1.0.0")),
                jobSpec, "2026-01-01T00:00:00Z");
        checkpoints.write(file, new CheckpointMetadata(1, "test.family.toy", "1.0.0", spec, provenance),
                Map.of("w", w));
        return file;
    }

    private PredictorComponent predictor() {
        PluginTable t = new PluginTable();
        Fakes.add(t, PluginKind.FAMILY, "toy", "1.0.0", new Fakes.ToyFamily("1.0.0"), Set.of(Capability.DIFFERENTIABLE));
        Fakes.add(t, PluginKind.BACKEND, "cpu", "1.0.0", new Fakes.ToyBackend("cpu", Availability.yes()), Set.of());
        Fakes.add(t, PluginKind.APPLICATION, "walk", "1.0.0", new Fakes.WalkApplication(), Set.of());
        return new PredictorComponent(t, checkpoints);
    }

    @Test
    void aReplayRecordsTheStartAndEveryStep() throws Exception {
        Replay r = predictor().replay(checkpoint(Map.of("data.app", "walk", "data.steps", "3")), 5).get();
        assertEquals(List.of("step", "observation.0", "observation.1", "action.0", "action.1", "reward"), r.columns());
        assertEquals(4, r.rows().size());
        assertArrayEquals(new double[] {0, 1, 0, Double.NaN, Double.NaN, 0}, r.rows().get(0));
        assertArrayEquals(new double[] {1, 1, 1, 1, 0, 1}, r.rows().get(1), 1e-12);
        assertArrayEquals(new double[] {2, 1, 2, 1, 2, -1}, r.rows().get(2), 1e-12);
        assertArrayEquals(new double[] {3, 1, 3, 1, 4, -1}, r.rows().get(3), 1e-12);
    }

    @Test
    void aModelTrainedOnNoEnvironmentIsRefusedWithAReason() throws Exception {
        Try<Replay> none = predictor().replay(checkpoint(Map.of("loss", "mse")), 5);
        assertTrue(none.getCause() instanceof IllegalArgumentException);
        assertTrue(none.getCause().getMessage().contains("data.app"), none.getCause().getMessage());
        Try<Replay> bad = predictor().replay(checkpoint(Map.of("data.app", "walk", "data.steps", "0")), 5);
        assertTrue(bad.getCause().getMessage().contains("data.steps"), bad.getCause().getMessage());
        Try<Replay> missing = predictor().replay(checkpoint(Map.of("data.app", "nowhere")), 5);
        assertTrue(missing.getCause().getMessage().contains("no application 'nowhere'"),
                missing.getCause().getMessage());
    }
}
