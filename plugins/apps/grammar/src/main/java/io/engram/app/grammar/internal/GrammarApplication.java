package io.engram.app.grammar.internal;

import io.engram.api.Application;
import io.engram.api.DataShape;
import io.engram.api.Dataset;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.Network;
import io.engram.api.PluginProperties;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.api.Sequence;
import io.engram.api.TaskData;
import io.engram.layers.SequenceOutputs;
import io.engram.tensor.Ops;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Formal-language and long-time-lag benchmarks, generated from the job's seed.
 *
 * <ul>
 *   <li>{@code reber}: next-symbol prediction on strings of the Reber grammar; {@code embedded-reber}:
 *   on the embedded Reber grammar (Hochreiter and Schmidhuber 1997, section 5.1; see {@link Reber}).
 *   Seven one-hot symbols in and out; the target of each step is the uniform distribution over the
 *   legal next symbols; loss {@code softmax-ce}; metric {@code accuracy}, the fraction of strings in
 *   which every next-symbol prediction is right. Test strings are held apart: none occurs in the
 *   training or validation set.</li>
 *   <li>{@code anbncn}: next-symbol prediction on a<sup>n</sup>b<sup>n</sup>c<sup>n</sup> (Gers and
 *   Schmidhuber 2001; see {@link AnBnCn}); training and validation strings draw {@code n} uniformly
 *   from {@code [train.min.n, train.max.n]}; the test set holds one string for every {@code n} in
 *   {@code [test.min.n, test.max.n]} ({@code test.size} does not apply); loss {@code softmax-ce};
 *   metrics {@code accuracy} and {@code max.n}.</li>
 *   <li>{@code adding}: the adding problem (Hochreiter and Schmidhuber 1997, section 5.4; see
 *   {@link Adding}) with minimal length {@code length}; loss {@code mse} at the last step only;
 *   metrics {@code mae} and {@code accuracy} (absolute error below 0.04).</li>
 *   <li>{@code tomita}: accept or reject strings of Tomita grammar {@code grammar} (see {@link Tomita}),
 *   balanced, training and validation strings up to {@code train.max.length} symbols, test strings
 *   up to {@code test.max.length}; loss {@code mse} at the end symbol; metrics {@code accuracy} and
 *   those of the automaton extracted from the network (see {@link TomitaMetrics}).</li>
 *   <li>{@code dyck}: accept or reject strings of balanced parentheses (see {@link Dyck}), balanced,
 *   training and validation strings of 2 to {@code train.max.length} symbols, test strings longer
 *   than {@code train.max.length} and at most {@code test.max.length}; loss {@code mse} at the end
 *   symbol; metric {@code accuracy}.</li>
 *   <li>{@code anbn}: the same for a<sup>n</sup>b<sup>n</sup> (see {@link AnBn}), {@code n} up to
 *   half of {@code train.max.length} for training and validation, test strings with {@code n} from
 *   one more up to half of {@code test.max.length}.</li>
 * </ul>
 * Training, validation and test sets come from independent streams split off the seed, so the same
 * seed and parameters give the same data, and changing one set's size leaves the others alone. The
 * digest is the SHA-256 of all three sets (see {@link Dataset#sha256}).
 *
 * <p>{@link #evaluate} recognises the task by the data's shape: 2 inputs and 1 output is the adding
 * problem, 3 and 1 a Tomita grammar, 4 and 1 balanced parentheses or a<sup>n</sup>b<sup>n</sup>, 4 and 4 is a<sup>n</sup>b<sup>n</sup>c<sup>n</sup>, anything else a
 * symbol task.
 * Stateless and thread-safe.
 */
@Component(service = Application.class, property = PluginProperties.APPLICATION + "=grammar")
public final class GrammarApplication implements Application {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.choice("task", "embedded-reber", java.util.List.of("reber", "embedded-reber", "anbncn", "adding", "tomita", "dyck", "anbn"),
                    "reber, embedded-reber, anbncn: next-symbol prediction, loss softmax-ce; adding: the adding problem, loss mse at the last step; tomita: accept or reject strings of a Tomita grammar, loss mse at the end symbol; dyck: accept or reject strings of balanced parentheses, anbn: of a^n b^n, loss mse at the end symbol."),
            HyperParameter.integer("train.size", 1000, 1, 1_000_000, "Training sequences."),
            HyperParameter.integer("validation.size", 200, 0, 1_000_000, "Validation sequences."),
            HyperParameter.integer("test.size", 500, 0, 1_000_000, "Held-apart test sequences (not for anbncn: its test set has one string per n)."),
            HyperParameter.integer("train.min.n", 1, 1, 10_000, "anbncn: smallest n in training and validation strings."),
            HyperParameter.integer("train.max.n", 10, 1, 10_000, "anbncn: largest n in training and validation strings."),
            HyperParameter.integer("test.min.n", 1, 1, 10_000, "anbncn: smallest n in the test set."),
            HyperParameter.integer("test.max.n", 50, 1, 10_000, "anbncn: largest n in the test set."),
            HyperParameter.integer("length", 100, 4, 1_000_000, "adding: minimal sequence length T (lengths are drawn from [T, T + T/10])."),
            HyperParameter.integer("grammar", 4, 1, 7, "tomita: the grammar, 1 to 7."),
            HyperParameter.integer("train.max.length", 10, 0, 1000, "tomita, dyck: longest training and validation string; anbn: n up to half of it."),
            HyperParameter.integer("test.max.length", 30, 0, 1000, "tomita: longest test string; dyck, anbn: test strings are longer than train.max.length and at most this long."));

    /** Steps taken as the bound of a Reber string's length in {@link #shape}. */
    static final int REBER_STEPS = 64;

    /** Attempts per wanted test string before giving up on keeping test strings apart. */
    private static final int TRIES_PER_STRING = 1000;

    @Activate
    public GrammarApplication() {
    }

    @Override
    public String id() {
        return "grammar";
    }

    @Override
    public String description() {
        return "Reber, embedded Reber, a^n b^n c^n and the adding problem, generated from the seed.";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    /**
     * The sets' size from the parameters: the adding problem's sequences have at most
     * {@code length + length/10} steps of 2 inputs and 1 output; a<sup>n</sup>b<sup>n</sup>c<sup>n</sup>
     * strings at most {@code 3n + 1} steps of 4 symbols; Reber strings are bounded by
     * {@value #REBER_STEPS} steps of 7 symbols (their lengths are geometric; longer ones are rare).
     */
    /** {@code mse} for the adding problem, {@code softmax-ce} for the grammars. */
    @Override
    public Optional<String> loss(Hyperparameters params) {
        Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
        return v.isInvalid() ? Optional.empty()
                : Optional.of(v.get().getString("task").equals("adding") || v.get().getString("task").equals("tomita")
                        || v.get().getString("task").equals("dyck") || v.get().getString("task").equals("anbn") ? "mse" : "softmax-ce");
    }

    /**
     * The output symbols: {@code B T P S X V E} for the Reber grammars, {@code a b c T} for
     * a<sup>n</sup>b<sup>n</sup>c<sup>n</sup> (T ends the string), {@code accept} for the tasks that
     * accept or reject a string, {@code sum} for the adding problem.
     */
    @Override
    public java.util.List<String> outputNames(Hyperparameters params) {
        Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
        if (v.isInvalid()) {
            return java.util.List.of();
        }
        return switch (v.get().getString("task")) {
            case "reber", "embedded-reber" -> java.util.List.of("B", "T", "P", "S", "X", "V", "E");
            case "anbncn" -> java.util.List.of("a", "b", "c", "T");
            case "adding" -> java.util.List.of("sum");
            default -> java.util.List.of("accept");
        };
    }

    @Override
    public Optional<DataShape> shape(Hyperparameters params) {
        Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
        if (v.isInvalid()) {
            return Optional.empty();
        }
        Hyperparameters p = v.get();
        long sets = (long) p.getInt("train.size") + p.getInt("validation.size");
        switch (p.getString("task")) {
            case "adding": {
                long t = p.getInt("length") + p.getInt("length") / 10;
                return Optional.of(shape("data.length", sets + p.getInt("test.size"), t, 2, 1));
            }
            case "anbncn": {
                long trainSteps = 3L * p.getInt("train.max.n") + 1;
                long tests = Math.max(0, p.getInt("test.max.n") - p.getInt("test.min.n") + 1);
                long testSteps = 3L * p.getInt("test.max.n") + 1;
                long steps = sets * trainSteps + tests * testSteps;
                return Optional.of(new DataShape("data.train.max.n", sets + tests, steps,
                        Math.max(trainSteps, testSteps), AnBnCn.SYMBOLS, AnBnCn.SYMBOLS,
                        DataShape.sequenceBytes(sets + tests, steps, AnBnCn.SYMBOLS, AnBnCn.SYMBOLS)));
            }
            case "tomita": {
                int longest = Math.max(p.getInt("train.max.length"), p.getInt("test.max.length")) + 1;
                return Optional.of(shape("data.train.size", sets + p.getInt("test.size"), longest, Tomita.INPUTS, 1));
            }
            case "dyck":
            case "anbn": {
                // the start and end symbols; anbn's rejected a^n b^m have up to 2 b's more
                int longest = Math.max(p.getInt("train.max.length"), p.getInt("test.max.length")) + 4;
                return Optional.of(shape("data.train.size", sets + p.getInt("test.size"), longest, Dyck.INPUTS, 1));
            }
            default:
                return Optional.of(shape("data.train.size", sets + p.getInt("test.size"), REBER_STEPS,
                        Reber.SYMBOLS, Reber.SYMBOLS));
        }
    }

    private static DataShape shape(String key, long sequences, long length, int in, int out) {
        long steps = sequences * length;
        return new DataShape(key, sequences, steps, length, in, out, DataShape.sequenceBytes(sequences, steps, in, out));
    }

    @Override
    public Try<TaskData> load(Hyperparameters params, long seed) {
        return Try.of(() -> {
            Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
            if (v.isInvalid()) {
                throw new InvalidParameters(v.getError());
            }
            return generate(v.get(), seed);
        });
    }

    private static TaskData generate(Hyperparameters p, long seed) {
        String task = p.getString("task");
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom trainRandom = root.split();
        SplittableRandom validationRandom = root.split();
        SplittableRandom testRandom = root.split();
        int nTrain = p.getInt("train.size");
        int nValidation = p.getInt("validation.size");
        int nTest = p.getInt("test.size");
        Dataset train;
        Dataset validation;
        Dataset test;
        String loss;
        switch (task) {
            case "reber":
            case "embedded-reber": {
                Function<SplittableRandom, SymbolString> gen = task.equals("reber") ? Reber::plain : Reber::embedded;
                java.util.List<SymbolString> tr = draw(gen, trainRandom, nTrain);
                java.util.List<SymbolString> va = draw(gen, validationRandom, nValidation);
                Set<String> seen = new HashSet<>();
                tr.forEach(s -> seen.add(s.key()));
                va.forEach(s -> seen.add(s.key()));
                java.util.List<SymbolString> te = new ArrayList<>();
                long tries = 0;
                while (te.size() < nTest) {
                    if (++tries > (long) TRIES_PER_STRING * nTest) {
                        throw new InvalidParameters(List.of(Problem.of("data.test.size", "could only find " + te.size()
                                + " strings that differ from the training and validation strings, " + nTest + " asked")));
                    }
                    SymbolString s = gen.apply(testRandom);
                    if (seen.add(s.key())) {
                        te.add(s);
                    }
                }
                train = symbols(tr, Reber.SYMBOLS, Reber.SYMBOLS);
                validation = symbols(va, Reber.SYMBOLS, Reber.SYMBOLS);
                test = symbols(te, Reber.SYMBOLS, Reber.SYMBOLS);
                loss = "softmax-ce";
                break;
            }
            case "anbncn": {
                int lo = p.getInt("train.min.n");
                int hi = p.getInt("train.max.n");
                int testLo = p.getInt("test.min.n");
                int testHi = p.getInt("test.max.n");
                List<Problem> problems = List.empty();
                if (lo > hi) {
                    problems = problems.append(Problem.of("data.train.min.n", "must not exceed train.max.n (" + hi + "), got " + lo));
                }
                if (testLo > testHi) {
                    problems = problems.append(Problem.of("data.test.min.n", "must not exceed test.max.n (" + testHi + "), got " + testLo));
                }
                if (!problems.isEmpty()) {
                    throw new InvalidParameters(problems);
                }
                train = anbncn(trainRandom, nTrain, lo, hi);
                validation = anbncn(validationRandom, nValidation, lo, hi);
                java.util.List<Sequence> te = new ArrayList<>();
                for (int n = testLo; n <= testHi; n++) {
                    te.add(AnBnCn.of(n).toSequence(AnBnCn.SYMBOLS, AnBnCn.SYMBOLS));
                }
                test = new Dataset(te, AnBnCn.SYMBOLS, AnBnCn.SYMBOLS);
                loss = "softmax-ce";
                break;
            }
            case "adding": {
                int length = p.getInt("length");
                train = adding(trainRandom, nTrain, length);
                validation = adding(validationRandom, nValidation, length);
                test = adding(testRandom, nTest, length);
                loss = "mse";
                break;
            }
            case "tomita": {
                io.engram.layers.automaton.Dfa grammar = Tomita.grammar(p.getInt("grammar"));
                train = Tomita.strings(grammar, trainRandom, nTrain, p.getInt("train.max.length"));
                validation = Tomita.strings(grammar, validationRandom, nValidation, p.getInt("train.max.length"));
                test = Tomita.strings(grammar, testRandom, nTest, p.getInt("test.max.length"));
                loss = "mse";
                break;
            }
            case "dyck":
            case "anbn": {
                int trainPairs = p.getInt("train.max.length") / 2;
                int testPairs = p.getInt("test.max.length") / 2;
                List<Problem> problems = List.empty();
                if (trainPairs < 1) {
                    problems = problems.append(Problem.of("data.train.max.length", task + " needs at least 2, got "
                            + p.getInt("train.max.length")));
                }
                if (testPairs <= Math.max(1, trainPairs)) {
                    problems = problems.append(Problem.of("data.test.max.length", task + " needs an even length longer than "
                            + "train.max.length (" + p.getInt("train.max.length") + "), got " + p.getInt("test.max.length")));
                }
                if (!problems.isEmpty()) {
                    throw new InvalidParameters(problems);
                }
                boolean dyck = task.equals("dyck");
                train = dyck ? Dyck.strings(trainRandom, nTrain, 1, trainPairs) : AnBn.strings(trainRandom, nTrain, 1, trainPairs);
                validation = dyck ? Dyck.strings(validationRandom, nValidation, 1, trainPairs)
                        : AnBn.strings(validationRandom, nValidation, 1, trainPairs);
                test = dyck ? Dyck.strings(testRandom, nTest, trainPairs + 1, testPairs)
                        : AnBn.strings(testRandom, nTest, trainPairs + 1, testPairs);
                loss = "mse";
                break;
            }
            default:
                throw new IllegalStateException("task '" + task + "' passed the schema but is not handled");
        }
        String source = "grammar:" + task + " seed=" + seed + " " + p.asStrings();
        return new TaskData(train, validation, test, loss, source, Dataset.sha256(train, validation, test));
    }

    private static java.util.List<SymbolString> draw(Function<SplittableRandom, SymbolString> gen, SplittableRandom r, int n) {
        java.util.List<SymbolString> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(gen.apply(r));
        }
        return out;
    }

    private static Dataset symbols(java.util.List<SymbolString> strings, int in, int out) {
        java.util.List<Sequence> seqs = new ArrayList<>(strings.size());
        strings.forEach(s -> seqs.add(s.toSequence(in, out)));
        return new Dataset(seqs, in, out);
    }

    private static Dataset anbncn(SplittableRandom r, int count, int lo, int hi) {
        java.util.List<Sequence> seqs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            seqs.add(AnBnCn.of(lo + r.nextInt(hi - lo + 1)).toSequence(AnBnCn.SYMBOLS, AnBnCn.SYMBOLS));
        }
        return new Dataset(seqs, AnBnCn.SYMBOLS, AnBnCn.SYMBOLS);
    }

    private static Dataset adding(SplittableRandom r, int count, int length) {
        java.util.List<Sequence> seqs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            seqs.add(Adding.sequence(r, length));
        }
        return new Dataset(seqs, 2, 1);
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data) {
        return evaluate(network, ops, data, 0L);
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data, long seed) {
        java.util.List<double[][]> outputs = SequenceOutputs.of(network, ops, data, seed);
        if (data.inputSize() == 2 && data.outputSize() == 1) {
            return Metrics.adding(data, outputs);
        }
        if (data.inputSize() == Tomita.INPUTS && data.outputSize() == 1) {
            return TomitaMetrics.of(network, ops, data, outputs);
        }
        if (data.inputSize() == Dyck.INPUTS && data.outputSize() == 1) {
            return Dyck.metrics(data, outputs);
        }
        boolean anbncn = data.inputSize() == AnBnCn.SYMBOLS && data.outputSize() == AnBnCn.SYMBOLS;
        return Metrics.symbols(data, outputs, anbncn);
    }
}
