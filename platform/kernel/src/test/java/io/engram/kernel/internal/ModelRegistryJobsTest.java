package io.engram.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.BundleRef;
import io.engram.api.Capability;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.api.Trainer;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.backend.cpu.CpuBackend;
import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobState;
import io.engram.kernel.ModelRegistry;
import io.engram.kernel.PluginKind;
import io.engram.tensor.Availability;
import io.engram.train.CheckpointFile;
import io.engram.train.GradientTraining;
import io.engram.train.SequenceGradients;
import io.engram.train.SimpleTrainingContext;
import io.engram.train.TrainingSchema;
import io.vavr.collection.Seq;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs and the model registry: a job's final checkpoint becomes the next version of its model, a
 * best checkpoint is registered with the alias {@code best}, {@code init.from} starts from a
 * registered model, and a job cancelled after an epoch keeps that epoch's state, from which
 * {@link JobManagerComponent#resume} ends with the parameters of the uninterrupted job, bit for bit.
 */
class ModelRegistryJobsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private final List<JobManagerComponent> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(JobManagerComponent::deactivate);
    }

    /** A registry of files {@code NAME/N.ckpt}, aliases in memory. */
    static final class DirRegistry implements ModelRegistry {
        private final Path dir;
        private final Map<String, Integer> latest = new TreeMap<>();
        private final Map<String, Integer> aliases = new TreeMap<>();

        DirRegistry(Path dir) {
            this.dir = dir;
        }

        @Override
        public synchronized Try<Registered> register(String name, Path checkpoint, String job,
                                                     Map<String, Double> metrics) {
            return Try.of(() -> {
                int n = latest.merge(name, 1, Integer::sum);
                Path target = dir.resolve(name).resolve(n + ".ckpt");
                Files.createDirectories(target.getParent());
                Files.move(checkpoint, target);
                return new Registered(name, n, target);
            });
        }

        @Override
        public synchronized Try<Path> resolve(String reference) {
            String[] parts = reference.split("@", 2);
            Integer n = parts.length == 1 ? latest.get(parts[0])
                    : parts[1].matches("[0-9]+") ? Integer.valueOf(parts[1]) : aliases.get(reference);
            Path p = n == null ? null : dir.resolve(parts[0]).resolve(n + ".ckpt");
            return p != null && Files.isRegularFile(p) ? Try.success(p)
                    : Try.failure(new NoSuchFileException(reference, null, "no model '" + reference + "'"));
        }

        @Override
        public synchronized Try<Registered> alias(String reference, String alias) {
            String[] parts = reference.split("@", 2);
            aliases.put(parts[0] + "@" + alias, Integer.valueOf(parts[1]));
            return resolve(reference).map(p -> new Registered(parts[0], Integer.parseInt(parts[1]), p));
        }
    }

    /** Gradient training with Adam; cancels its own job at the end of epoch {@code cancelAfter} (0: never). */
    private static final class GradTrainer implements Trainer {
        private final int cancelAfter;
        private final AtomicReference<JobManagerComponent> manager;

        GradTrainer(int cancelAfter, AtomicReference<JobManagerComponent> manager) {
            this.cancelAfter = cancelAfter;
            this.manager = manager;
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
            TrainingContext cutting = new SimpleTrainingContext.Builder(ctx.network(), ctx.backend())
                    .jobId(ctx.jobId()).train(ctx.train()).validation(ctx.validation()).loss(ctx.loss())
                    .hyper(ctx.hyper()).seed(ctx.seed()).evaluator(ctx::evaluate).cancelled(ctx::cancelled)
                    .checkpoints(ctx::checkpoint).resumeState(ctx.resumeState().orElse(null))
                    .events(e -> {
                        ctx.emit(e);
                        if (e instanceof TrainingEvent.EpochEnd end && end.epoch() == cancelAfter) {
                            manager.get().cancel(ctx.jobId());
                        }
                    }).build();
            return GradientTraining.run(cutting, SequenceGradients.bptt());
        }
    }

    private JobManagerComponent manager(Path dir, int cancelAfter, ModelRegistry registry) {
        AtomicReference<JobManagerComponent> self = new AtomicReference<>();
        PluginTable table = new PluginTable();
        Fakes.add(table, PluginKind.FAMILY, "toy", "1.0.0", new Fakes.ToyFamily("1.0.0"),
                Set.of(Capability.DIFFERENTIABLE));
        Fakes.add(table, PluginKind.TRAINER, "grad", "1.0.0", new GradTrainer(cancelAfter, self),
                Set.of(Capability.DIFFERENTIABLE));
        Fakes.add(table, PluginKind.APPLICATION, "toy", "1.0.0", new Fakes.ToyApplication(), Set.of());
        Fakes.add(table, PluginKind.BACKEND, "cpu", "1.0.0", new Fakes.ToyBackend("cpu", Availability.yes(),
                new CpuBackend(1).ops()), Set.of());
        Fakes.add(table, PluginKind.LOSS, "mse", "1.0.0", io.engram.train.Losses.of("mse"), Set.of("per-step"));
        JobManagerComponent m = new JobManagerComponent(table, Fakes.config(dir, 1, 64, 1000, 0, 0),
                new TrainCheckpoints(), List.of(new BundleRef("io.engram.api", "0.1.0")));
        self.set(m);
        if (registry != null) {
            m.bindRegistry(registry);
        }
        started.add(m);
        return m;
    }

    private static Map<String, String> spec() {
        Map<String, String> s = Fakes.spec();
        s.put("trainer", "grad");
        s.put("trainer.epochs", "5");
        s.put("trainer.batch.size", "4");
        s.put("trainer.optimizer", "adam");
        s.put("trainer.lr", "0.05");
        s.put("trainer.schedule", "cosine");
        s.put("data.sequences", "23");
        s.put("checkpoint", "toy.ckpt");
        return s;
    }

    private static double[] parameters(String checkpoint) {
        return CheckpointFile.read(Path.of(checkpoint), new CpuBackend(1).ops()).get().tensors().get("w")
                .toDoubleArray();
    }

    private static JobInfo run(JobManagerComponent m, Map<String, String> spec) throws Exception {
        Validation<Seq<Problem>, JobInfo> submitted = m.submit(spec);
        assertTrue(submitted.isValid(), () -> submitted.getError().mkString("; "));
        return m.await(submitted.get().id(), WAIT).orElseThrow();
    }

    private static List<String> messages(JobManagerComponent m, String id) {
        return m.events(id).stream().map(JobEvent::event).filter(e -> e instanceof TrainingEvent.Message)
                .map(e -> ((TrainingEvent.Message) e).text()).toList();
    }

    @Test
    void eachRunRegistersTheNextVersionAndOverwritesNothing() throws Exception {
        DirRegistry registry = new DirRegistry(tmp.resolve("models"));
        JobManagerComponent m = manager(tmp.resolve("jobs"), 0, registry);
        JobInfo first = run(m, spec());
        assertEquals(JobState.SUCCEEDED, first.state(), first.error());
        assertEquals(tmp.resolve("models/toy/1.ckpt").toString(), first.checkpoint());
        byte[] v1 = Files.readAllBytes(Path.of(first.checkpoint()));
        Map<String, String> other = spec();
        other.put("seed", "43");
        JobInfo second = run(m, other);
        assertEquals(tmp.resolve("models/toy/2.ckpt").toString(), second.checkpoint());
        assertArrayEquals(v1, Files.readAllBytes(tmp.resolve("models/toy/1.ckpt")), "version 1 is untouched");
        assertTrue(messages(m, second.id()).contains("model registered as toy@2: " + second.checkpoint()));
        assertFalse(Files.exists(tmp.resolve("models/toy.ckpt")), "nothing at the plain path");
    }

    @Test
    void aCancelledJobKeepsItsLastEpochAndResumesToTheUninterruptedParameters() throws Exception {
        JobManagerComponent whole = manager(tmp.resolve("whole"), 0, new DirRegistry(tmp.resolve("whole-models")));
        JobInfo done = run(whole, spec());
        assertEquals(JobState.SUCCEEDED, done.state(), done.error());
        double[] expected = parameters(done.checkpoint());

        DirRegistry registry = new DirRegistry(tmp.resolve("models"));
        JobManagerComponent cut = manager(tmp.resolve("cut"), 2, registry);
        JobInfo cancelled = run(cut, spec());
        assertEquals(JobState.CANCELLED, cancelled.state());
        Path last = tmp.resolve("cut").resolve(cancelled.id()).resolve("last.ckpt");
        assertEquals(last.toString(), cancelled.checkpoint());
        assertTrue(messages(cut, cancelled.id()).contains("cancelled; the state after epoch 2 is kept in " + last
                + " (engram run --resume " + cancelled.id() + " continues from it)"));

        Validation<Seq<Problem>, JobInfo> resumed = cut.resume(cancelled.id());
        assertTrue(resumed.isValid(), () -> resumed.getError().mkString("; "));
        JobInfo end = cut.await(resumed.get().id(), WAIT).orElseThrow();
        assertEquals(JobState.SUCCEEDED, end.state(), end.error());
        assertArrayEquals(expected, parameters(end.checkpoint()), "resumed after epoch 2");
        assertEquals(done.metrics().get("validation.loss"), end.metrics().get("validation.loss"));
        assertTrue(messages(cut, end.id()).contains("resuming after epoch 2"), messages(cut, end.id()).toString());
        assertEquals(tmp.resolve("models/toy/1.ckpt").toString(), end.checkpoint());

        assertEquals("job " + end.id() + " is SUCCEEDED; only a failed or cancelled job resumes",
                cut.resume(end.id()).getError().head().message());
        assertEquals("no job 99999", cut.resume("99999").getError().head().message());
    }

    @Test
    void theBestEpochIsRegisteredWithTheAliasBest() throws Exception {
        DirRegistry registry = new DirRegistry(tmp.resolve("models"));
        JobManagerComponent m = manager(tmp.resolve("jobs"), 0, registry);
        Map<String, String> spec = spec();
        spec.put("checkpoint.best", "validation.loss:min");
        JobInfo done = run(m, spec);
        assertEquals(JobState.SUCCEEDED, done.state(), done.error());
        assertEquals(tmp.resolve("models/toy/2.ckpt").toString(), done.checkpoint(), "the final one is the latest");
        assertEquals(tmp.resolve("models/toy/1.ckpt"), registry.resolve("toy@best").get());
        assertTrue(messages(m, done.id()).contains("best checkpoint registered as toy@1"));
        spec.put("checkpoint.best", "validation.loss:sideways");
        assertEquals("checkpoint.best", m.submit(spec).getError().head().where());
    }

    @Test
    void fineTuningStartsFromTheRegisteredParametersAndNamesTheKeyWhenItCannot() throws Exception {
        DirRegistry registry = new DirRegistry(tmp.resolve("models"));
        JobManagerComponent m = manager(tmp.resolve("jobs"), 0, registry);
        JobInfo base = run(m, spec());
        Map<String, String> fresh = spec();
        fresh.put("trainer.epochs", "1");
        JobInfo scratch = run(m, fresh);
        Map<String, String> tune = spec();
        tune.put("init.from", "toy@1");
        tune.put("trainer.epochs", "1");
        JobInfo tuned = run(m, tune);
        assertEquals(JobState.SUCCEEDED, tuned.state(), tuned.error());
        assertTrue(messages(m, tuned.id()).contains("fine-tuning from toy@1"));
        assertTrue(tuned.metrics().get("validation.loss") < scratch.metrics().get("validation.loss"),
                "one epoch after five trained ones beats one from scratch: " + tuned.metrics() + " vs "
                        + scratch.metrics());
        assertFalse(java.util.Arrays.equals(parameters(scratch.checkpoint()), parameters(tuned.checkpoint())));
        assertEquals(tmp.resolve("models/toy/3.ckpt").toString(), tuned.checkpoint());

        Path foreign = tmp.resolve("foreign.ckpt");
        CheckpointFile.write(foreign, new io.engram.api.CheckpointMetadata(CheckpointFile.FORMAT_VERSION,
                "io.engram.family.gru", "1.0.0", new io.engram.api.ModelSpec("gru", 1, 1, io.engram.tensor.DType.F64,
                io.engram.api.Hyperparameters.of(Map.of())), null), Map.of());
        registry.register("other", foreign, "x", Map.of()).get();
        tune.put("init.from", "other@1");
        JobInfo unfit = run(m, tune);
        assertEquals(JobState.FAILED, unfit.state());
        assertTrue(unfit.error().startsWith("init.from: model 'other@1' ("), unfit.error());
        assertTrue(unfit.error().endsWith(") is of family 'gru', the job's is 'toy'"), unfit.error());

        tune.put("init.from", "toy@9");
        Problem missing = m.submit(tune).getError().head();
        assertEquals("init.from", missing.where());
        assertTrue(missing.message().contains("no model 'toy@9'"), missing.message());

    }

}
