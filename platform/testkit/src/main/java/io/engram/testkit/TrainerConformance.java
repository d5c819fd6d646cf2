package io.engram.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.HyperParameter;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.ParamType;
import io.engram.api.Problem;
import io.engram.api.Trainer;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.tensor.Backend;
import io.engram.tensor.DType;
import io.engram.tensor.Tensor;
import io.vavr.collection.Seq;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite of a trainer, run on a tiny family and task: by default the
 * {@link ReferenceRnn} (3 hidden units, f64) on the {@link ReferenceBackend}, trained on nine of
 * twelve seeded random sequences with one-hot targets (three validate) and the {@code mse} loss. A trainer's test extends it
 * in one line, giving hyperparameters that plan a few epochs of several batches:
 * <pre>
 *   class BpttConformanceTest extends TrainerConformance {
 *       BpttConformanceTest() { super(new BpttTrainer(), Map.of("epochs", "3", "batch.size", "4")); }
 *   }
 * </pre>
 * It checks that
 * <ul>
 *   <li>the schema's defaults validate (every parameter has a default or is required);</li>
 *   <li>the same seed gives bit-identical parameters, events and result;</li>
 *   <li>cancellation is honoured promptly: raised at the first progress or epoch event, at most one
 *   more such event follows and the trainer returns without failing;</li>
 *   <li>bad hyperparameters are rejected naming the key: text in every numeric or boolean
 *   parameter and an unknown key, at validation; the cases of {@link #badHyperparameters()} at
 *   validation or, as a failed result whose stop reason names the key, at training, leaving the
 *   parameters untouched;</li>
 *   <li>events are well-formed: epochs count from 1 one by one, progress counts batches from 1 within
 *   its totals, losses of progress events are finite, the number of epoch events is the result's
 *   epochs, and a stop event carries the result's reason.</li>
 * </ul>
 * A trainer that needs another family or task overrides {@link #family()}, {@link #task()} or
 * {@link #loss()}. JUnit creates one instance per test method; nothing is shared between methods.
 * The test methods are public so that subclasses in any package inherit them.
 */
public abstract class TrainerConformance {
    private final Trainer trainer;
    private final Map<String, String> hyperparameters;
    private final Backend backend;

    /** Conformance of {@code trainer} with these raw {@code trainer.*} hyperparameters, on the reference backend. */
    protected TrainerConformance(Trainer trainer, Map<String, String> hyperparameters) {
        this(trainer, hyperparameters, new ReferenceBackend());
    }

    /** As above, on {@code backend}. */
    protected TrainerConformance(Trainer trainer, Map<String, String> hyperparameters, Backend backend) {
        this.trainer = trainer;
        this.hyperparameters = Map.copyOf(hyperparameters);
        this.backend = backend;
    }

    /** The family trained: the reference RNN with 3 hidden units unless overridden. */
    protected BackendConformance.FamilyCase family() {
        return new BackendConformance.FamilyCase(new ReferenceRnn(), Map.of("hidden", "3"));
    }

    /** The training data: twelve seeded random sequences of 2 to 5 steps, 2 inputs, 2 outputs. */
    protected Dataset task() {
        return TestData.random(41, 2, 2, 3, 5, 2, 4, 3, 5, 2, 4, 3, 3, 5, 2);
    }

    /** The loss the task is trained with: {@code mse} unless overridden. */
    protected String loss() {
        return "mse";
    }

    /**
     * Hyperparameter sets that are wrong beyond their types (a value out of a trainer-specific
     * relation, say), each with the key that must be named; none unless overridden.
     */
    protected List<BadCase> badHyperparameters() {
        return List.of();
    }

    /** Raw hyperparameters that must be refused, and the key ({@code trainer.} prefix excluded) to be named. */
    public record BadCase(Map<String, String> hyperparameters, String key) {
    }

    // ---- the tests ---------------------------------------------------------------------------

    @Test
    public void schemaDefaultsAreValid() {
        for (HyperParameter p : trainer.schema().parameters()) {
            if (p.defaultValue() != null) {
                Seq<Problem> problems = problems(Map.of(p.name(), p.defaultValue()))
                        .filter(x -> x.where().equals("trainer." + p.name()));
                assertTrue(problems.isEmpty(), trainer.id() + ": the default of " + p.name() + " is invalid: " + problems);
            }
        }
        boolean required = trainer.schema().parameters().stream().anyMatch(p -> p.defaultValue() == null);
        if (!required) {
            assertTrue(trainer.schema().validate(Map.of(), "trainer.").isValid(), trainer.id() + ": defaults");
        }
        assertTrue(trainer.schema().validate(hyperparameters, "trainer.").isValid(),
                trainer.id() + ": the suite's hyperparameters " + hyperparameters);
    }

    @Test
    public void sameSeedSameResult() {
        Run a = run(5, () -> false);
        Run b = run(5, () -> false);
        assertFalse(a.result().failed(), a.result().stopReason());
        assertArrayEquals(a.parameters(), b.parameters(), trainer.id() + ": same seed, same trained parameters");
        assertEquals(a.events(), b.events(), trainer.id() + ": same seed, same events");
        assertEquals(a.result(), b.result(), trainer.id() + ": same seed, same result");
        assertFalse(Arrays.equals(a.initial(), a.parameters()), trainer.id() + ": training changed no parameter");
    }

    @Test
    public void cancellationIsHonouredPromptly() {
        Run full = run(6, () -> false);
        int planned = work(full.events());
        assertTrue(planned > 2, trainer.id() + ": the suite's hyperparameters must plan more than two batches or "
                + "epochs, got " + planned + " progress and epoch events");
        AtomicInteger seenAtCancel = new AtomicInteger(-1);
        TestTrainingContext[] holder = new TestTrainingContext[1];
        Run cancelled = run(6, () -> {
            int done = holder[0] == null ? 0 : work(holder[0].events());
            if (done > 0) {
                seenAtCancel.compareAndSet(-1, done);
                return true;
            }
            return false;
        }, holder);
        assertTrue(seenAtCancel.get() > 0, trainer.id() + ": never polled cancelled() after its first event");
        int after = work(cancelled.events()) - seenAtCancel.get();
        assertTrue(after <= 1, trainer.id() + ": " + after + " progress or epoch events after cancellation");
        assertFalse(cancelled.result().failed(), trainer.id() + ": cancellation is not a failure: "
                + cancelled.result().stopReason());
        assertTrue(work(cancelled.events()) < planned, trainer.id() + ": cancelled run did all the work");
    }

    @Test
    public void badHyperparametersAreRejectedNamingTheKey() {
        for (HyperParameter p : trainer.schema().parameters()) {
            if (p.type() == ParamType.INT || p.type() == ParamType.DOUBLE || p.type() == ParamType.BOOLEAN
                    || p.type() == ParamType.CHOICE) {
                assertNamed(Map.of(p.name(), "no-such-value"), p.name());
            }
        }
        assertNamed(Map.of("no-such-key", "1"), "no-such-key");
        for (BadCase bad : badHyperparameters()) {
            Map<String, String> raw = new LinkedHashMap<>(hyperparameters);
            raw.putAll(bad.hyperparameters());
            if (trainer.schema().validate(raw, "trainer.").isInvalid()) {
                assertNamed(raw, bad.key());
                continue;
            }
            Network net = network(7);
            double[] before = flat(net.parameters());
            TestTrainingContext c = context(net, raw, 7, () -> false);
            TrainingResult r = trainer.train(c);
            assertTrue(r.failed(), trainer.id() + ": " + bad + " was accepted");
            assertTrue(r.stopReason().contains("trainer." + bad.key()), trainer.id() + ": the reason '"
                    + r.stopReason() + "' does not name trainer." + bad.key());
            assertArrayEquals(before, flat(net.parameters()), trainer.id() + ": a refused run changed parameters");
        }
    }

    @Test
    public void eventsAreWellFormed() {
        Run run = run(8, () -> false);
        TrainingResult r = run.result();
        int epoch = 0;
        for (TrainingEvent e : run.events()) {
            if (e instanceof TrainingEvent.Progress p) {
                assertTrue(p.epoch() <= p.epochs(), trainer.id() + ": " + p);
                assertTrue(p.batch() >= 1 && p.batch() <= p.batches(), trainer.id() + ": " + p);
                assertTrue(Double.isFinite(p.loss()), trainer.id() + ": " + p);
                assertEquals(epoch + 1, p.epoch(), trainer.id() + ": progress outside its epoch: " + p);
            } else if (e instanceof TrainingEvent.EpochEnd end) {
                assertEquals(epoch + 1, end.epoch(), trainer.id() + ": epochs count from 1 one by one");
                assertTrue(Double.isFinite(end.trainLoss()), trainer.id() + ": " + end);
                end.metrics().forEach((name, value) -> assertTrue(Double.isFinite(value), name + " = " + value));
                epoch = end.epoch();
            } else if (e instanceof TrainingEvent.Stopped s) {
                assertEquals(r.stopReason(), s.reason(), trainer.id() + ": stop event and result disagree");
                assertEquals(r.failed(), s.failure(), trainer.id() + ": " + s);
            }
        }
        assertTrue(epoch >= 1, trainer.id() + ": no epoch ended");
        assertEquals(epoch, r.epochs(), trainer.id() + ": epoch events and the result's epochs");
        r.metrics().forEach((name, value) -> assertTrue(Double.isFinite(value), trainer.id() + ": " + name + " = "
                + value));
    }

    // ---- helpers -----------------------------------------------------------------------------

    private record Run(TrainingResult result, List<TrainingEvent> events, double[] initial, double[] parameters) {
    }

    private Run run(long seed, java.util.function.BooleanSupplier cancelled) {
        return run(seed, cancelled, new TestTrainingContext[1]);
    }

    private Run run(long seed, java.util.function.BooleanSupplier cancelled, TestTrainingContext[] holder) {
        Network net = network(seed);
        double[] initial = flat(net.parameters());
        holder[0] = context(net, hyperparameters, seed, cancelled);
        TrainingResult r = trainer.train(holder[0]);
        return new Run(r, holder[0].events(), initial, flat(net.parameters()));
    }

    private TestTrainingContext context(Network net, Map<String, String> raw, long seed,
                                        java.util.function.BooleanSupplier cancelled) {
        Dataset data = task();
        List<Dataset> parts = data.split(0.25, 1);
        return TestTrainingContext.builder(net, backend).train(parts.get(0)).validation(parts.get(1)).loss(loss())
                .hyper(trainer.schema(), raw).seed(seed).cancelled(cancelled).build();
    }

    private Network network(long seed) {
        BackendConformance.FamilyCase m = family();
        NetworkFamily f = m.family();
        Dataset data = task();
        var hyper = f.schema().validate(m.hyperparameters(), "model.").getOrElseGet(p -> {
            throw new IllegalArgumentException("invalid hyperparameters for " + f.id() + ": " + p.mkString("; "));
        });
        return f.create(new ModelSpec(f.id(), data.inputSize(), data.outputSize(), DType.F64, hyper), backend, seed);
    }

    private Seq<Problem> problems(Map<String, String> raw) {
        return trainer.schema().validate(raw, "trainer.").fold(p -> p, h -> io.vavr.collection.List.empty());
    }

    private void assertNamed(Map<String, String> raw, String key) {
        Seq<Problem> problems = problems(raw);
        assertTrue(problems.exists(p -> p.where().equals("trainer." + key)), trainer.id() + ": " + raw
                + " gave " + problems + ", none naming trainer." + key);
    }

    private static int work(List<TrainingEvent> events) {
        return (int) events.stream().filter(e -> e instanceof TrainingEvent.Progress
                || e instanceof TrainingEvent.EpochEnd).count();
    }

    private static double[] flat(Map<String, Tensor> params) {
        return params.values().stream().flatMapToDouble(t -> Arrays.stream(t.toDoubleArray())).toArray();
    }
}
