package io.engram.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.BundleRef;
import io.engram.api.CheckpointMetadata;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobState;
import io.engram.train.CheckpointFile;
import io.engram.train.LoadedCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's checkpoint in the real file format, read back and run by the predictor. */
class TrainCheckpointsTest {

    @TempDir
    Path tmp;

    @Test
    void aSucceededJobWritesAReadableCheckpointWithProvenanceThatThePredictorRuns() throws Exception {
        PluginTable plugins = Fakes.table();
        JobManagerComponent m = new JobManagerComponent(plugins, Fakes.config(tmp.resolve("data/jobs"), 1),
                new TrainCheckpoints(), List.of(new BundleRef("io.engram.kernel", "0.1.0")));
        try {
            Map<String, String> spec = Fakes.spec();
            spec.put("dtype", "f64");
            spec.put("data.loss", "softmax-ce");
            spec.put("checkpoint", "toy.ckpt");
            JobInfo info = m.await(m.submit(spec).get().id(), Duration.ofSeconds(20)).get();
            assertEquals(JobState.SUCCEEDED, info.state(), info.error());
            Path file = tmp.resolve("data/models/toy.ckpt");
            assertEquals(file.toString(), info.checkpoint());
            try (Stream<Path> files = Files.list(file.getParent())) {
                assertEquals(List.of("toy.ckpt"), files.map(p -> p.getFileName().toString())
                        .collect(Collectors.toList()), "no temporary file is left behind");
            }

            CheckpointMetadata meta = CheckpointFile.readMetadata(file).get();
            assertEquals(CheckpointFile.FORMAT_VERSION, meta.formatVersion());
            assertEquals("test.family.toy", meta.familyBundle());
            assertEquals("1.5.0", meta.familyVersion());
            assertEquals(42L, meta.provenance().seed());
            assertEquals("toy(seed=42)", meta.provenance().dataSource());
            assertEquals("d1gest", meta.provenance().dataDigest());
            assertEquals(List.of("test.family.toy", "test.trainer.toy", "test.application.toy", "test.backend.cpu",
                    "test.loss.softmax-ce", "io.engram.kernel"), meta.provenance().bundles().stream().map(BundleRef::symbolicName)
                    .collect(Collectors.toList()));
            assertEquals("softmax-ce", meta.provenance().jobSpec().get("loss"));
            assertEquals("42", meta.provenance().jobSpec().get("seed"));
            assertEquals(0.5, meta.spec().hyper().getDouble("scale"));

            LoadedCheckpoint loaded = CheckpointFile.read(file, new ArrayOps()).get();
            double[] w = loaded.tensors().get("w").toDoubleArray();
            assertEquals(4, w.length);

            PredictorComponent predictor = new PredictorComponent(plugins, new TrainCheckpoints());
            double[] y = predictor.predict(file, List.<double[][]>of(new double[][] {{1, 0}})).get().get(0)[0];
            double e0 = Math.exp(w[0]);
            double e1 = Math.exp(w[1]);
            assertArrayEquals(new double[] {e0 / (e0 + e1), e1 / (e0 + e1)}, y, 1e-12);

            Files.write(file, new byte[] {1, 2, 3});
            String error = predictor.describe(file).getCause().getMessage();
            assertTrue(error.contains(file.toString()), error);
        } finally {
            m.deactivate();
        }
    }
}
