package io.engram.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.CheckpointMetadata;
import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.Network;
import io.engram.api.Payloads;
import io.engram.api.TrainerState;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run interrupted after an epoch, or in the middle of one, and resumed from its last checkpoint
 * (written to a file and read back) ends with the parameters of the run that was never interrupted,
 * bit for bit.
 */
class GradientResumeTest {
    private final CpuBackend backend = new CpuBackend(1);
    private final Dataset train = Fixtures.dataset(3, 2, 2, 3, 5, 4, 6, 3, 4, 5, 6, 3, 4, 2);
    private final Dataset validation = Fixtures.dataset(4, 2, 2, 4, 3, 5, 6);
    private final CheckpointMetadata meta = CheckpointFileTest.fixtureMetadata(3, Map.of());

    @TempDir
    Path dir;

    /** What a run ends with, and each checkpoint it offered (by epoch). */
    private record Outcome(double[] parameters, TrainingResult result, List<Path> checkpoints) {
    }

    private static Map<String, String> hyper(String optimizer) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("epochs", "6");
        h.put("batch.size", "3");
        h.put("lr", "0.05");
        h.put("optimizer", optimizer);
        h.put("momentum", "0.9");
        h.put("patience", "2");
        h.put("schedule", "cosine");
        h.put("clip", "1.0");
        return h;
    }

    private Outcome run(DType dtype, Map<String, String> hyper, long seed, Path resumeFrom, int cancelAfterBatches)
            throws IOException {
        TanhRnn net = new TanhRnn(backend.ops(), 2, 4, 2, dtype, 1);
        TrainerState state = null;
        if (resumeFrom != null) {
            LoadedCheckpoint c = CheckpointFile.read(resumeFrom, backend.ops()).get();
            net.setParameters(c.tensors());
            state = c.trainerState().orElseThrow();
        }
        String tag = resumeFrom == null ? "first" : "resumed";
        List<Path> written = new ArrayList<>();
        AtomicInteger batches = new AtomicInteger();
        Hyperparameters h = TrainingSchema.bptt().validate(hyper, "trainer.").get();
        TrainingResult r = GradientTraining.run(new SimpleTrainingContext.Builder(net, backend)
                .train(train).validation(validation).loss("mse").hyper(h).seed(seed)
                .evaluator(d -> Map.of("sequences", (double) d.size()))
                .events(e -> {
                    if (e instanceof TrainingEvent.Progress) {
                        batches.incrementAndGet();
                    }
                })
                .cancelled(() -> cancelAfterBatches > 0 && batches.get() >= cancelAfterBatches)
                .resumeState(state)
                .checkpoints(s -> written.add(write(net, s, tag + "-" + written.size())))
                .build(), SequenceGradients.bptt());
        return new Outcome(flat(net.parameters()), r, written);
    }

    private Path write(Network net, TrainerState state, String name) {
        Path file = dir.resolve(name + ".ckpt");
        try {
            CheckpointFile.write(file, meta, net.parameters(), Payloads.empty(), state);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return file;
    }

    private static double[] flat(Map<String, Tensor> params) {
        return params.values().stream().flatMapToDouble(t -> Arrays.stream(t.toDoubleArray())).toArray();
    }

    private static void assertSameEnd(Outcome expected, Outcome actual) {
        assertArrayEquals(expected.parameters(), actual.parameters(), "parameters differ");
        assertEquals(expected.result(), actual.result());
    }

    @Test
    void resumingAfterEveryEpochEndsWithTheUninterruptedParametersForEachOptimizer() throws IOException {
        for (String optimizer : List.of("adam", "sgd", "rmsprop")) {
            for (DType dtype : List.of(DType.F32, DType.F64)) {
                Outcome whole = run(dtype, hyper(optimizer), 11L, null, 0);
                int epochs = whole.result().epochs();
                assertTrue(epochs >= 3, optimizer + " " + dtype + " ran " + epochs + " epochs");
                assertEquals(epochs, whole.checkpoints().size());
                for (int k = 1; k <= epochs; k++) {
                    Outcome resumed = run(dtype, hyper(optimizer), 11L, whole.checkpoints().get(k - 1), 0);
                    assertSameEnd(whole, resumed);
                    assertEquals(epochs - k, resumed.checkpoints().size());
                }
            }
        }
    }

    @Test
    void aRunStoppedInTheMiddleOfAnEpochResumesFromItsLastCheckpoint() throws IOException {
        Map<String, String> h = hyper("adam");
        h.put("patience", "0");
        Outcome whole = run(DType.F32, h, 5L, null, 0);
        assertEquals(6, whole.result().epochs());
        // 11 sequences in batches of 3: 4 batches an epoch; stop after the second batch of epoch 4
        Outcome cut = run(DType.F32, h, 5L, null, 14);
        assertEquals("cancelled", cut.result().stopReason());
        assertEquals(3, cut.checkpoints().size());
        assertFalse(Arrays.equals(whole.parameters(), cut.parameters()));
        Outcome resumed = run(DType.F32, h, 5L, cut.checkpoints().get(2), 0);
        assertSameEnd(whole, resumed);
    }

    @Test
    void aRunThatHadStoppedOnItsTargetStaysStopped() throws IOException {
        Map<String, String> h = hyper("adam");
        h.put("target.metric", "loss");
        h.put("target.value", "1e9");
        Outcome whole = run(DType.F64, h, 3L, null, 0);
        assertEquals(1, whole.result().epochs());
        assertTrue(whole.result().stopReason().startsWith("target reached"), whole.result().stopReason());
        Outcome resumed = run(DType.F64, h, 3L, whole.checkpoints().get(0), 0);
        assertSameEnd(whole, resumed);
        assertEquals(0, resumed.checkpoints().size());
    }

    @Test
    void theStateOfAnotherSeedOrOptimizerIsRefusedBeforeAnyStep() throws IOException {
        Outcome whole = run(DType.F64, hyper("adam"), 3L, null, 0);
        Outcome otherSeed = run(DType.F64, hyper("adam"), 4L, whole.checkpoints().get(1), 0);
        assertTrue(otherSeed.result().failed());
        assertEquals("cannot resume: the trainer state was written with seed 3, this job's seed is 4",
                otherSeed.result().stopReason());
        Outcome otherOptimizer = run(DType.F64, hyper("sgd"), 3L, whole.checkpoints().get(1), 0);
        assertEquals("cannot resume: the trainer state is of optimizer 'adam', this job's is 'sgd'",
                otherOptimizer.result().stopReason());
        assertEquals(0, otherOptimizer.result().epochs());
    }
}
