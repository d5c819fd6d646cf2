package io.engram.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.BundleRef;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.Availability;
import io.engram.api.Capability;
import io.engram.api.Schema;
import io.engram.api.Trainer;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobState;
import io.engram.kernel.PluginKind;
import io.engram.train.CheckpointFile;
import io.engram.train.GradientTraining;
import io.engram.train.SequenceGradients;
import io.engram.train.SimpleTrainingContext;
import io.engram.train.TrainingSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job whose process stops after an epoch's checkpoint (its job thread frozen there, its record
 * left {@code RUNNING} on disk) resumes in a new job manager over a copy of the records and ends
 * with the parameters of the same job run without interruption, bit for bit.
 */
class ResumeAfterRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private final List<JobManagerComponent> started = new ArrayList<>();
    private final CountDownLatch thaw = new CountDownLatch(1);

    @AfterEach
    void stop() {
        thaw.countDown();
        started.forEach(JobManagerComponent::deactivate);
    }

    /** Gradient training with Adam; when {@code freezeAfter > 0}, the job thread stops after that epoch's end. */
    private final class GradTrainer implements Trainer {
        private final int freezeAfter;

        GradTrainer(int freezeAfter) {
            this.freezeAfter = freezeAfter;
        }

        @Override
        public String id() {
            return "grad";
        }

        @Override
        public String description() {
            return "gradient training";
        }

        @Override
        public Schema schema() {
            return TrainingSchema.bptt();
        }

        @Override
        public Set<String> requires() {
            return Set.of(Capability.DIFFERENTIABLE);
        }

        @Override
        public TrainingResult train(TrainingContext ctx) {
            if (freezeAfter == 0) {
                return GradientTraining.run(ctx, SequenceGradients.bptt());
            }
            TrainingContext frozen = new SimpleTrainingContext.Builder(ctx.network(), ctx.backend())
                    .jobId(ctx.jobId()).train(ctx.train()).validation(ctx.validation()).loss(ctx.loss())
                    .hyper(ctx.hyper()).seed(ctx.seed()).evaluator(ctx::evaluate).cancelled(ctx::cancelled)
                    .checkpoints(ctx::checkpoint)
                    .events(e -> {
                        ctx.emit(e);
                        if (e instanceof TrainingEvent.EpochEnd end && end.epoch() == freezeAfter) {
                            try {
                                thaw.await();
                            } catch (InterruptedException x) {
                                Thread.currentThread().interrupt();
                            }
                            throw new IllegalStateException("the process stopped");
                        }
                    }).build();
            return GradientTraining.run(frozen, SequenceGradients.bptt());
        }
    }

    private JobManagerComponent manager(Path dir, int freezeAfter) {
        PluginTable table = new PluginTable();
        Fakes.add(table, PluginKind.FAMILY, "toy", "1.0.0", new Fakes.ToyFamily("1.0.0"),
                Set.of(Capability.DIFFERENTIABLE));
        Fakes.add(table, PluginKind.TRAINER, "grad", "1.0.0", new GradTrainer(freezeAfter),
                Set.of(Capability.DIFFERENTIABLE));
        Fakes.add(table, PluginKind.APPLICATION, "toy", "1.0.0", new Fakes.ToyApplication(), Set.of());
        Fakes.add(table, PluginKind.BACKEND, "cpu", "1.0.0", new Fakes.ToyBackend("cpu", Availability.yes(),
                new CpuBackend(1).ops()), Set.of());
        Fakes.add(table, PluginKind.LOSS, "mse", "1.0.0", io.engram.train.Losses.of("mse"), Set.of("per-step"));
        JobManagerComponent m = new JobManagerComponent(table, Fakes.config(dir, 1, 64, 1000, 1, 0),
                new TrainCheckpoints(), List.of(new BundleRef("io.engram.api", "0.1.0")), Duration.ofSeconds(5));
        started.add(m);
        return m;
    }

    private static Map<String, String> spec() {
        Map<String, String> s = Fakes.spec();
        s.put("trainer", "grad");
        s.put("trainer.epochs", "6");
        s.put("trainer.batch.size", "4");
        s.put("trainer.optimizer", "adam");
        s.put("trainer.lr", "0.05");
        s.put("trainer.schedule", "cosine");
        s.put("trainer.patience", "3");
        s.put("data.sequences", "23");
        return s;
    }

    private static double[] parameters(Path checkpoint) {
        return CheckpointFile.read(checkpoint, new CpuBackend(1).ops()).get().tensors().get("w").toDoubleArray();
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @Test
    void aJobStoppedAfterAnEpochResumesAndEndsWithTheUninterruptedParameters() throws Exception {
        JobManagerComponent whole = manager(tmp.resolve("whole"), 0);
        String id = whole.submit(spec()).get().id();
        JobInfo done = whole.await(id, WAIT).get();
        assertEquals(JobState.SUCCEEDED, done.state(), done.error());
        double[] expected = parameters(tmp.resolve("whole").resolve(id).resolve("last.ckpt"));

        for (int k : new int[] {1, 4}) {
            Path first = tmp.resolve("first-" + k);
            JobManagerComponent stopped = manager(first, k);
            String cut = stopped.submit(spec()).get().id();
            long deadline = System.nanoTime() + WAIT.toNanos();
            String written = "checkpoint of epoch " + k + " written to " + first.resolve(cut).resolve("last.ckpt");
            while (stopped.events(cut).stream().noneMatch(e -> e.event() instanceof TrainingEvent.Message m
                    && m.text().equals(written))) {
                assertTrue(System.nanoTime() < deadline, "epoch " + k + " did not end");
                Thread.sleep(10);
            }
            Path again = tmp.resolve("again-" + k);
            copy(first, again);
            JobManagerComponent resumed = manager(again, 0);
            JobInfo end = resumed.await(cut, WAIT).get();
            assertEquals(JobState.SUCCEEDED, end.state(), end.error());
            assertArrayEquals(expected, parameters(again.resolve(cut).resolve("last.ckpt")), "after epoch " + k);
            assertEquals(done.metrics().get("epoch"), end.metrics().get("epoch"));
            List<String> messages = resumed.events(cut).stream().map(JobEvent::event)
                    .filter(e -> e instanceof TrainingEvent.Message).map(e -> ((TrainingEvent.Message) e).text()).toList();
            assertTrue(messages.contains("the process stopped while the job ran; it resumes from its last checkpoint: "
                    + first.resolve(cut).resolve("last.ckpt")), messages.toString());
            assertTrue(messages.contains("resuming after epoch " + k), messages.toString());
            List<JobEvent> events = resumed.events(cut);
            int restart = events.indexOf(events.stream().filter(e -> e.event() instanceof TrainingEvent.Message m
                    && m.text().startsWith("the process stopped")).findFirst().orElseThrow());
            List<Integer> epochs = events.subList(restart, events.size()).stream()
                    .filter(e -> e.event() instanceof TrainingEvent.EpochEnd)
                    .map(e -> ((TrainingEvent.EpochEnd) e.event()).epoch()).toList();
            assertEquals(k + 1, epochs.get(0), "epochs up to the checkpoint are not run again: " + epochs);
        }
    }
}
