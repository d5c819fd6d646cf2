package io.engram.tune.internal;

import io.engram.api.HyperParameter;
import io.engram.api.ParamType;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.kernel.PluginKind;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dimensions of a search, read from a tuning spec's {@code tune.KEY=...} entries and checked
 * against the schemas of the plugins the trials would use; and the trials drawn from it.
 *
 * <p>A dimension is {@code tune.model.NAME}, {@code tune.trainer.NAME} or {@code tune.data.NAME}
 * (a parameter of the spec's family, trainer or application; of every family or trainer listed when
 * {@code tune.model.family} or {@code tune.trainer} is searched too), or one of
 * {@code tune.model.family}, {@code tune.trainer} and {@code tune.dtype}. Its value is
 * <ul>
 *   <li>{@code LOW..HIGH}, optionally followed by {@code log}: an integer parameter draws integers,
 *       a real one reals, inside the parameter's own bounds (a log scale needs {@code LOW > 0});</li>
 *   <li>{@code A,B,C}: one of the listed values, each of which the parameter accepts.</li>
 * </ul>
 * Keys not given are not searched: the trials keep the spec's values. Immutable.
 */
public final class SearchSpace {

    private static final Pattern RANGE = Pattern.compile("\\s*(\\S+?)\\s*\\.\\.\\s*(\\S+?)(?:\\s+(\\S+))?\\s*");
    private static final List<String> SEARCHABLE_TOP = List.of("model.family", "trainer", "dtype");

    private final List<Dimension> dimensions;
    private final int maxEpochs;

    SearchSpace(List<Dimension> dimensions, int maxEpochs) {
        this.dimensions = List.copyOf(dimensions);
        this.maxEpochs = maxEpochs;
    }

    /** The dimensions, sorted by key. */
    public List<Dimension> dimensions() {
        return dimensions;
    }

    /** With asha, the epochs of a trial that is never stopped; 0 otherwise. */
    public int maxEpochs() {
        return maxEpochs;
    }

    /**
     * {@code n} trials' values, key by key in the order of {@link #dimensions()}: the same seed
     * draws the same trials.
     */
    public List<Map<String, String>> draw(int n, long seed) {
        Random random = new Random(seed);
        List<Map<String, String>> trials = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, String> values = new LinkedHashMap<>();
            for (Dimension d : dimensions) {
                values.put(d.key(), d.sample(random));
            }
            trials.add(values);
        }
        return List.copyOf(trials);
    }

    /**
     * Reads the dimensions from {@code given} (the {@code tune.*} keys that are not settings, without
     * the prefix) for the job spec {@code base}; every bad key or range is reported at once, naming
     * {@code tune.KEY}. With asha, also checks the budget key ({@link TuneOptions#budgetKey()}): an
     * integer parameter of the trainer, not searched, whose bounds hold the rungs' epochs.
     */
    public static Validation<Seq<Problem>, SearchSpace> parse(Map<String, String> given, Map<String, String> base,
                                                             TuneOptions options, Plugins plugins) {
        List<Problem> problems = new ArrayList<>();
        Map<String, String> sorted = new TreeMap<>(given);
        List<String> families = candidates(sorted, base, "model.family", null, PluginKind.FAMILY, plugins, problems);
        List<String> trainers = candidates(sorted, base, "trainer", "bptt", PluginKind.TRAINER, plugins, problems);
        List<String> apps = base.containsKey("data.app") ? List.of(base.get("data.app")) : List.of();
        List<Dimension> dimensions = new ArrayList<>();
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            String key = e.getKey();
            String tuneKey = TuneOptions.PREFIX + key;
            String text = e.getValue() == null ? "" : e.getValue().trim();
            if (key.equals("model.family") || key.equals("trainer")) {
                List<String> ids = key.equals("trainer") ? trainers : families;
                if (ids.size() > 1 && ids.size() == text.split(",", -1).length) {
                    dimensions.add(new Dimension.Choice(key, ids));
                }
                continue;
            }
            if (key.equals("dtype")) {
                Optional<List<String>> values = list(tuneKey, text, problems);
                values.ifPresent(v -> {
                    List<String> bad = v.stream().filter(x -> !x.equals("f32") && !x.equals("f64")).toList();
                    if (bad.isEmpty()) {
                        dimensions.add(new Dimension.Choice(key, v));
                    } else {
                        problems.add(Problem.of(tuneKey, "expected f32 and f64 separated by commas, got " + bad));
                    }
                });
                continue;
            }
            if (options.strategy() == TuneOptions.Strategy.ASHA && key.equals(options.budgetKey())) {
                problems.add(Problem.of(tuneKey, "set by tune.strategy=asha (tune.min.epochs up to tune.max.epochs), "
                        + "so it cannot be searched"));
                continue;
            }
            String section;
            List<String> owners;
            PluginKind kind;
            if (key.startsWith("model.") && key.length() > 6) {
                section = "model.";
                owners = families;
                kind = PluginKind.FAMILY;
            } else if (key.startsWith("trainer.") && key.length() > 8) {
                section = "trainer.";
                owners = trainers;
                kind = PluginKind.TRAINER;
            } else if (key.startsWith("data.") && key.length() > 5 && !key.equals("data.app")) {
                section = "data.";
                owners = apps;
                kind = PluginKind.APPLICATION;
                if (apps.isEmpty()) {
                    problems.add(Problem.of(tuneKey, "the spec names no application (data.app)"));
                    continue;
                }
            } else {
                problems.add(Problem.of(tuneKey, "not a search key: give tune.model.NAME, tune.trainer.NAME, "
                        + "tune.data.NAME, tune.model.family, tune.trainer or tune.dtype (settings: "
                        + String.join(", ", new java.util.TreeSet<>(TuneOptions.KEYS).stream()
                        .map(k -> TuneOptions.PREFIX + k).toList()) + ")"));
                continue;
            }
            String name = key.substring(section.length());
            int before = problems.size();
            HyperParameter first = null;
            for (String owner : owners) {
                Optional<Schema> schema = plugins.schema(kind, owner);
                if (schema.isEmpty()) {
                    continue;
                }
                Optional<HyperParameter> p = schema.get().parameter(name);
                if (p.isEmpty()) {
                    problems.add(Problem.of(tuneKey, label(kind, owner) + " has no parameter '" + name + "' (known: "
                            + String.join(", ", schema.get().parameters().stream().map(HyperParameter::name).toList()) + ")"));
                    continue;
                }
                first = first == null ? p.get() : first;
                check(tuneKey, text, p.get(), label(kind, owner), problems);
            }
            if (problems.size() == before && first != null) {
                dimensions.add(dimension(key, text, first));
            }
        }
        int max = 0;
        if (options.strategy() == TuneOptions.Strategy.ASHA) {
            max = budget(base, options, trainers, plugins, problems);
        }
        return problems.isEmpty() ? Validation.valid(new SearchSpace(dimensions, max))
                : Validation.invalid(io.vavr.collection.List.ofAll(problems));
    }

    /** The plugin ids a section may use: those listed by {@code tune.KEY}, else the spec's (or the default). */
    private static List<String> candidates(Map<String, String> given, Map<String, String> base, String key,
                                           String dflt, PluginKind kind, Plugins plugins, List<Problem> problems) {
        String tuneKey = TuneOptions.PREFIX + key;
        if (!given.containsKey(key)) {
            String id = base.getOrDefault(key, dflt);
            return id == null ? List.of() : List.of(id.trim());
        }
        String text = given.get(key) == null ? "" : given.get(key).trim();
        if (RANGE.matcher(text).matches()) {
            problems.add(Problem.of(tuneKey, "expected " + kind.label() + " ids separated by commas, got '" + text + "'"));
            return List.of();
        }
        Optional<List<String>> ids = list(tuneKey, text, problems);
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        for (String id : ids.get()) {
            if (plugins.schema(kind, id).isPresent()) {
                found.add(id);
            } else {
                problems.add(Problem.of(tuneKey, "no " + kind.label() + " '" + id + "' is installed (installed: "
                        + String.join(", ", plugins.ids(kind)) + ")"));
            }
        }
        return List.copyOf(found);
    }

    /** Values separated by commas, at least two, none empty or repeated. */
    private static Optional<List<String>> list(String tuneKey, String text, List<Problem> problems) {
        if (!text.contains(",")) {
            problems.add(Problem.of(tuneKey, "expected a range LOW..HIGH (optionally followed by log) or values "
                    + "separated by commas, got '" + text + "'"));
            return Optional.empty();
        }
        List<String> values = java.util.Arrays.stream(text.split(",", -1)).map(String::trim).toList();
        if (values.stream().anyMatch(String::isEmpty)) {
            problems.add(Problem.of(tuneKey, "an empty value in '" + text + "'"));
            return Optional.empty();
        }
        if (values.stream().distinct().count() != values.size()) {
            problems.add(Problem.of(tuneKey, "a value repeated in '" + text + "'"));
            return Optional.empty();
        }
        return Optional.of(values);
    }

    /** Checks a range or a list against one plugin's parameter. */
    private static void check(String tuneKey, String text, HyperParameter p, String owner, List<Problem> problems) {
        Matcher m = RANGE.matcher(text);
        if (!m.matches()) {
            list(tuneKey, text, problems).ifPresent(values -> {
                Schema one = Schema.of(p);
                for (String v : values) {
                    if (one.validate(Map.of(p.name(), v), "").isInvalid()) {
                        problems.add(Problem.of(tuneKey, "'" + v + "': expected " + p.expected() + " (" + p.name() + " of " + owner + ")"));
                    }
                }
            });
            return;
        }
        if (m.group(3) != null && !m.group(3).equals("log")) {
            problems.add(Problem.of(tuneKey, "expected 'log' or nothing after the range, got '" + m.group(3) + "'"));
            return;
        }
        boolean log = m.group(3) != null;
        if (p.type() != ParamType.INT && p.type() != ParamType.DOUBLE) {
            problems.add(Problem.of(tuneKey, "a range needs a number, but " + p.name() + " of " + owner + " takes "
                    + p.expected() + ": list the values separated by commas"));
            return;
        }
        double low;
        double high;
        try {
            if (p.type() == ParamType.INT) {
                low = Long.parseLong(m.group(1));
                high = Long.parseLong(m.group(2));
            } else {
                low = Double.parseDouble(m.group(1));
                high = Double.parseDouble(m.group(2));
                if (!Double.isFinite(low) || !Double.isFinite(high)) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            problems.add(Problem.of(tuneKey, "expected " + (p.type() == ParamType.INT ? "integer" : "number")
                    + " bounds for " + p.name() + " of " + owner + ", got '" + text + "'"));
            return;
        }
        if (low > high) {
            problems.add(Problem.of(tuneKey, "the lower bound " + m.group(1) + " is above the upper bound " + m.group(2)));
            return;
        }
        if (low == high) {
            problems.add(Problem.of(tuneKey, "an empty range " + text + ": give the value in the spec instead"));
            return;
        }
        if ((p.min() != null && low < p.min()) || (p.max() != null && high > p.max())) {
            problems.add(Problem.of(tuneKey, m.group(1) + ".." + m.group(2) + " leaves the bounds of " + p.name()
                    + " of " + owner + ": expected " + p.expected()));
        }
        if (log && (p.type() == ParamType.INT ? low < 1 : low <= 0)) {
            problems.add(Problem.of(tuneKey, "a log scale needs a lower bound "
                    + (p.type() == ParamType.INT ? "of at least 1" : "above 0") + ", got " + m.group(1)));
        }
    }

    private static Dimension dimension(String key, String text, HyperParameter p) {
        Matcher m = RANGE.matcher(text);
        if (!m.matches()) {
            return new Dimension.Choice(key, java.util.Arrays.stream(text.split(",")).map(String::trim).toList());
        }
        boolean log = m.group(3) != null;
        return p.type() == ParamType.INT
                ? new Dimension.IntRange(key, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), log)
                : new Dimension.RealRange(key, Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), log);
    }

    /**
     * The epochs of a trial never stopped: {@code tune.max.epochs}, else the spec's budget key, else its
     * default; checked against the budget parameter of every trainer the trials may use.
     */
    private static int budget(Map<String, String> base, TuneOptions options, List<String> trainers, Plugins plugins,
                              List<Problem> problems) {
        String name = options.budgetKey().substring("trainer.".length());
        String where = TuneOptions.PREFIX + "budget.key";
        long max = options.maxEpochs();
        for (String trainer : trainers) {
            Optional<Schema> schema = plugins.schema(PluginKind.TRAINER, trainer);
            if (schema.isEmpty()) {
                continue;
            }
            Optional<HyperParameter> p = schema.get().parameter(name);
            if (p.isEmpty() || p.get().type() != ParamType.INT) {
                problems.add(Problem.of(where, label(PluginKind.TRAINER, trainer) + " has no integer parameter '"
                        + name + "' to count epochs by (" + options.budgetKey() + ")"));
                continue;
            }
            if (max == 0) {
                String text = base.getOrDefault(options.budgetKey(), p.get().defaultValue() == null ? "" : p.get().defaultValue()).trim();
                try {
                    max = Long.parseLong(text);
                } catch (NumberFormatException e) {
                    problems.add(Problem.of(TuneOptions.PREFIX + "max.epochs", "required: the spec's "
                            + options.budgetKey() + " is not an integer ('" + text + "')"));
                    return 0;
                }
            }
            for (long v : new long[] {options.minEpochs(), max}) {
                if ((p.get().min() != null && v < p.get().min()) || (p.get().max() != null && v > p.get().max())) {
                    problems.add(Problem.of(v == max ? TuneOptions.PREFIX + "max.epochs" : TuneOptions.PREFIX + "min.epochs",
                            v + " epochs leave the bounds of " + options.budgetKey() + " of "
                                    + label(PluginKind.TRAINER, trainer) + ": expected " + p.get().expected()));
                }
            }
        }
        if (max != 0 && options.minEpochs() > max) {
            problems.add(Problem.of(TuneOptions.PREFIX + "min.epochs", "expected at most the trials' " + max
                    + " epochs, got " + options.minEpochs()));
        }
        return (int) max;
    }

    static String label(PluginKind kind, String ref) {
        return kind.label() + " '" + ref + "'";
    }
}
