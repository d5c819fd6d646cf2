package io.engram.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Application;
import io.engram.api.DataShape;
import io.engram.api.Dataset;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.ParamType;
import io.engram.api.Problem;
import io.engram.api.Sequence;
import io.engram.api.TaskData;
import io.engram.tensor.Backend;
import io.engram.tensor.DType;
import io.engram.train.Losses;
import io.vavr.collection.Seq;
import io.vavr.control.Try;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite of an application. An application's test extends it in one line, giving
 * the raw {@code data.*} parameters to load with (at least the required ones) and the metric names
 * its documentation promises for that task:
 * <pre>
 *   class GrammarConformanceTest extends ApplicationConformance {
 *       GrammarConformanceTest() {
 *           super(new GrammarApplication(), Map.of("train.size", "40"), Set.of("accuracy", "..."));
 *       }
 *   }
 * </pre>
 * It checks that
 * <ul>
 *   <li>every default of the schema validates, and the defaults (with only the required parameters
 *   given) load: non-empty training data, sizes above zero, a loss the platform knows
 *   ({@link #losses()}), a source, and a SHA-256 digest in hex;</li>
 *   <li>the same parameters and seed give equal data and the same digest;</li>
 *   <li>{@code evaluate} of a small network (the {@link ReferenceRnn} on the
 *   {@link ReferenceBackend}) on the first eight validation (or training) sequences returns exactly
 *   the documented metric names, each finite;</li>
 *   <li>bad parameters give problems naming the key: text in every numeric, boolean or choice
 *   parameter and an unknown key at validation, and the cases of {@link #badParameters()} at
 *   validation or as a failed load whose message names the key;</li>
 *   <li>{@code shape()}, where present, bounds the loaded data: as many or more sequences and steps,
 *   a longest sequence no longer than its bound (when it gives one), the same input and output
 *   sizes.</li>
 * </ul>
 * JUnit creates one instance per test method; nothing is shared between methods. The test methods
 * are public so that subclasses in any package inherit them.
 */
public abstract class ApplicationConformance {
    private static final int EVALUATED = 8;

    private final Application application;
    private final Map<String, String> parameters;
    private final Set<String> metricNames;
    private final Backend backend = new ReferenceBackend();

    /**
     * Conformance of {@code application} loading with these raw {@code data.*} parameters (prefix
     * excluded), whose {@code evaluate} promises {@code metricNames}.
     */
    protected ApplicationConformance(Application application, Map<String, String> parameters,
                                     Set<String> metricNames) {
        this.application = application;
        this.parameters = Map.copyOf(parameters);
        this.metricNames = Set.copyOf(metricNames);
    }

    /**
     * Parameter sets that are wrong beyond their types (a relation between two parameters, a file
     * that does not parse), each with the key that must be named; none unless overridden.
     */
    protected List<BadCase> badParameters() {
        return List.of();
    }

    /**
     * The loss ids the application's data may name: by default those of {@link Losses#ids()}; an
     * application whose data names a loss of a plugin (such as {@code ctc}) lists it here.
     */
    protected Set<String> losses() {
        return Set.copyOf(Losses.ids());
    }

    /** Raw parameters that must be refused, and the key ({@code data.} prefix excluded) to be named. */
    public record BadCase(Map<String, String> parameters, String key) {
    }

    // ---- the tests ---------------------------------------------------------------------------

    @Test
    public void schemaDefaultsLoad() {
        Map<String, String> required = new LinkedHashMap<>();
        for (HyperParameter p : application.schema().parameters()) {
            if (p.defaultValue() == null) {
                assertTrue(parameters.containsKey(p.name()), application.id() + ": the suite's parameters lack the "
                        + "required " + p.name());
                required.put(p.name(), parameters.get(p.name()));
            } else {
                Seq<Problem> problems = problems(Map.of(p.name(), p.defaultValue()))
                        .filter(x -> x.where().equals("data." + p.name()));
                assertTrue(problems.isEmpty(), application.id() + ": the default of " + p.name() + ": " + problems);
            }
        }
        TaskData data = load(required, 1).get();
        assertTrue(data.train().size() > 0, application.id() + ": no training sequences");
        assertTrue(data.inputSize() > 0 && data.outputSize() > 0, application.id() + ": sizes "
                + data.inputSize() + " and " + data.outputSize());
        for (Dataset d : List.of(data.validation(), data.test())) {
            assertTrue(d.size() == 0 || d.inputSize() == data.inputSize() && d.outputSize() == data.outputSize(),
                    application.id() + ": a set's sizes differ from the training set's");
        }
        assertTrue(losses().contains(data.loss()), application.id() + ": unknown loss " + data.loss());
        assertFalse(data.source().isBlank(), application.id() + ": no source");
        assertTrue(data.digest().matches("[0-9a-f]{64}"), application.id() + ": digest '" + data.digest() + "'");
    }

    @Test
    public void sameSeedSameDataAndDigest() {
        TaskData a = load(parameters, 3).get();
        TaskData b = load(parameters, 3).get();
        assertEquals(a.train(), b.train(), application.id() + ": training data");
        assertEquals(a.validation(), b.validation(), application.id() + ": validation data");
        assertEquals(a.test(), b.test(), application.id() + ": test data");
        assertEquals(a.digest(), b.digest(), application.id() + ": digest");
        assertEquals(a.source(), b.source(), application.id() + ": source");
    }

    @Test
    public void evaluateReturnsFiniteDocumentedMetrics() {
        TaskData data = load(parameters, 4).get();
        Dataset judged = data.validation().size() > 0 ? data.validation() : data.train();
        judged = judged.subset(0, Math.min(EVALUATED, judged.size()));
        ReferenceRnn family = new ReferenceRnn();
        Hyperparameters hyper = family.schema().validate(Map.of("hidden", "3"), "model.").get();
        Network net = family.create(new ModelSpec(family.id(), data.inputSize(), data.outputSize(), DType.F64, hyper),
                backend, 4);
        Map<String, Double> metrics = application.evaluate(net, backend.ops(), judged);
        assertEquals(metricNames, metrics.keySet(), application.id() + ": metric names");
        metrics.forEach((name, value) -> assertTrue(Double.isFinite(value), application.id() + ": " + name + " = "
                + value));
    }

    @Test
    public void badParametersAreRejectedNamingTheKey() {
        for (HyperParameter p : application.schema().parameters()) {
            if (p.type() == ParamType.INT || p.type() == ParamType.DOUBLE || p.type() == ParamType.BOOLEAN
                    || p.type() == ParamType.CHOICE) {
                Map<String, String> raw = new LinkedHashMap<>(parameters);
                raw.put(p.name(), "no-such-value");
                assertNamed(raw, p.name());
            }
        }
        Map<String, String> unknown = new LinkedHashMap<>(parameters);
        unknown.put("no-such-key", "1");
        assertNamed(unknown, "no-such-key");
        for (BadCase bad : badParameters()) {
            Map<String, String> raw = new LinkedHashMap<>(parameters);
            raw.putAll(bad.parameters());
            if (!problems(raw).isEmpty()) {
                assertNamed(raw, bad.key());
                continue;
            }
            Try<TaskData> loaded = load(raw, 5);
            assertTrue(loaded.isFailure(), application.id() + ": " + bad + " loaded");
            String message = String.valueOf(loaded.getCause().getMessage());
            assertTrue(message.contains(bad.key()), application.id() + ": the failure '" + message
                    + "' does not name " + bad.key());
        }
    }

    @Test
    public void shapeBoundsTheLoadedData() {
        Hyperparameters hyper = validated(parameters);
        Optional<DataShape> shape = application.shape(hyper);
        if (shape.isEmpty()) {
            return;
        }
        DataShape s = shape.get();
        TaskData data = application.load(hyper, 6).get();
        long sequences = 0;
        long steps = 0;
        long longest = 0;
        for (Dataset d : List.of(data.train(), data.validation(), data.test())) {
            for (Sequence q : d.sequences()) {
                sequences++;
                steps += q.length();
                longest = Math.max(longest, q.length());
            }
        }
        assertTrue(sequences <= s.sequences(), application.id() + ": " + sequences + " sequences above " + s);
        assertTrue(steps <= s.steps(), application.id() + ": " + steps + " steps above " + s);
        assertTrue(s.maxLength() == 0 || longest <= s.maxLength(), application.id() + ": longest " + longest
                + " above " + s);
        assertEquals(data.inputSize(), s.inputs(), application.id() + ": inputs of " + s);
        assertEquals(data.outputSize(), s.outputs(), application.id() + ": outputs of " + s);
        assertTrue(s.key().startsWith("data."), application.id() + ": key of " + s);
    }

    // ---- helpers -----------------------------------------------------------------------------

    private Seq<Problem> problems(Map<String, String> raw) {
        return application.schema().validate(raw, "data.").fold(p -> p, h -> io.vavr.collection.List.empty());
    }

    private Hyperparameters validated(Map<String, String> raw) {
        return application.schema().validate(raw, "data.").getOrElseGet(p -> {
            throw new IllegalArgumentException(application.id() + ": invalid parameters " + raw + ": "
                    + p.mkString("; "));
        });
    }

    private Try<TaskData> load(Map<String, String> raw, long seed) {
        return application.load(validated(raw), seed);
    }

    private void assertNamed(Map<String, String> raw, String key) {
        Seq<Problem> problems = problems(raw);
        assertTrue(problems.exists(p -> p.where().equals("data." + key)), application.id() + ": " + raw + " gave "
                + problems + ", none naming data." + key);
    }
}
