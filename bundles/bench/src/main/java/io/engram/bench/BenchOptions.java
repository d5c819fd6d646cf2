package io.engram.bench;

import io.engram.tensor.DType;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@code engram bench} measures and how. Immutable.
 *
 * @param configs the configs, in order
 * @param modes   the modes measured for each config, in order
 * @param backend backend id, such as {@code cpu}
 * @param dtype   element type of parameters and activations
 * @param threads worker threads the backend is configured with; 0 keeps its current setting
 * @param warmup  warm-up iterations before measuring; -1 warms up until the times settle (at least
 *                each config's default)
 * @param reps    measured iterations; -1 takes each config's default
 * @param seed    seed of the parameters and the random data
 */
public record BenchOptions(List<BenchConfig> configs, List<Mode> modes, String backend, DType dtype, int threads,
                           int warmup, int reps, long seed) {

    /** The keys {@link #parse} accepts, as {@code key=value}. */
    public static final List<String> KEYS = List.of("config", "family", "input", "hidden", "seq", "batch", "mode",
            "backend", "dtype", "threads", "warmup", "reps", "seed");

    public BenchOptions {
        configs = List.copyOf(configs);
        modes = List.copyOf(modes);
    }

    /** Fixed warm-up iterations for {@code c}, or its minimum when the warm-up lasts until the times settle. */
    public int warmupFor(BenchConfig c) {
        return warmup >= 0 ? warmup : c.defaultWarmup();
    }

    /** Measured iterations for {@code c}. */
    public int repsFor(BenchConfig c) {
        return reps >= 0 ? reps : c.defaultReps();
    }

    /**
     * Reads {@code key=value} arguments; every problem is reported at once, each naming its key.
     * <ul>
     *   <li>{@code config}: comma-separated names of {@link BenchConfig#BUILT_IN}, {@code all} (every
     *   built-in config) or {@code custom}; default {@link BenchConfig#DEFAULTS};</li>
     *   <li>{@code family}, {@code input}, {@code hidden}, {@code seq}, {@code batch}: override the
     *   sizes of every chosen config (a {@code custom} config starts from {@code lstm_std}'s sizes
     *   and family {@code lstm}); a config whose sizes change is renamed {@code name:I/H/T/B};</li>
     *   <li>{@code mode}: {@code train}, {@code infer} or {@code both} (default);</li>
     *   <li>{@code backend} (default {@code cpu}), {@code dtype} (default {@code f32}),
     *   {@code threads} (default 0: the backend's own setting), {@code warmup} (0 or more),
     *   {@code reps} (1 or more), {@code seed} (default 1).</li>
     * </ul>
     */
    public static Validation<Seq<String>, BenchOptions> parse(List<String> args) {
        Vector<String> problems = Vector.empty();
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String key = eq < 0 ? arg : arg.substring(0, eq);
            if (eq < 0) {
                problems = problems.append(key + ": no value (expected " + key + "=VALUE)");
            } else if (!KEYS.contains(key)) {
                problems = problems.append(key + ": unknown option (expected one of " + String.join(", ", KEYS) + ")");
            } else if (values.put(key, arg.substring(eq + 1).trim()) != null) {
                problems = problems.append(key + ": given more than once");
            }
        }
        Reader r = new Reader(values);
        String family = values.get("family");
        if (family != null && !BenchConfig.GATES.containsKey(family)) {
            r.problems.add("family: unknown '" + family + "' (expected one of " + String.join(", ", Set.copyOf(BenchConfig.GATES.keySet()).stream().sorted().toList()) + ")");
            family = null;
        }
        int input = r.integer("input", 1, 1 << 16);
        int hidden = r.integer("hidden", 1, 4096);
        int seq = r.integer("seq", 1, 1 << 20);
        int batch = r.integer("batch", 1, 1 << 16);
        int threads = r.integer("threads", 1, 1024);
        int warmup = r.integer("warmup", 0, 1_000_000);
        int reps = r.integer("reps", 1, 1_000_000);
        long seed = 1L;
        if (values.containsKey("seed")) {
            try {
                seed = Long.parseLong(values.get("seed"));
            } catch (NumberFormatException e) {
                r.problems.add("seed: '" + values.get("seed") + "' is not a whole number");
            }
        }
        List<Mode> modes = List.of(Mode.TRAIN, Mode.INFER);
        String mode = values.getOrDefault("mode", "both").toLowerCase(Locale.ROOT);
        switch (mode) {
            case "both": break;
            case "train": modes = List.of(Mode.TRAIN); break;
            case "infer": modes = List.of(Mode.INFER); break;
            default: r.problems.add("mode: unknown '" + values.get("mode") + "' (expected train, infer or both)");
        }
        DType dtype = DType.F32;
        if (values.containsKey("dtype")) {
            try {
                dtype = DType.parse(values.get("dtype"));
            } catch (IllegalArgumentException e) {
                r.problems.add("dtype: " + e.getMessage());
            }
        }
        String backend = values.getOrDefault("backend", "cpu");
        if (!backend.matches("[A-Za-z0-9_.-]+")) {
            r.problems.add("backend: '" + backend + "' is not a backend id (letters, digits, '_', '.', '-')");
        }
        List<BenchConfig> configs = new ArrayList<>();
        String names = values.get("config");
        List<String> chosen = names == null ? BenchConfig.DEFAULTS
                : java.util.Arrays.stream(names.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .flatMap(s -> BenchConfig.ALL.equals(s) ? BenchConfig.BUILT_IN.keySet().stream() : java.util.stream.Stream.of(s))
                        .distinct().toList();
        if (chosen.isEmpty()) {
            r.problems.add("config: empty (expected one or more of " + String.join(", ", BenchConfig.BUILT_IN.keySet()) + ", all, custom)");
        }
        for (String name : chosen) {
            BenchConfig base = BenchConfig.CUSTOM.equals(name)
                    ? new BenchConfig(BenchConfig.CUSTOM, "lstm", 128, 256, 100, 32)
                    : BenchConfig.named(name).orElse(null);
            if (base == null) {
                r.problems.add("config: unknown '" + name + "' (expected one of " + String.join(", ", BenchConfig.BUILT_IN.keySet()) + ", all, custom)");
                continue;
            }
            if (family != null && !family.equals(base.family())) {
                boolean layered = BenchConfig.GATES.containsKey(base.family());
                base = new BenchConfig(BenchConfig.CUSTOM.equals(name) ? name : name + ":" + family, family,
                        base.inputSize(), base.hidden(), base.seq(), base.batch(), layered ? base.layers() : 1,
                        base.hidden(), layered ? base.model() : Map.of());
            }
            configs.add(base.resized(input > 0 ? input : base.inputSize(), hidden > 0 ? hidden : base.hidden(),
                    seq > 0 ? seq : base.seq(), batch > 0 ? batch : base.batch()));
        }
        problems = problems.appendAll(r.problems);
        if (!problems.isEmpty()) {
            return Validation.invalid(problems);
        }
        return Validation.valid(new BenchOptions(configs, modes, backend, dtype, Math.max(threads, 0),
                values.containsKey("warmup") ? warmup : -1, values.containsKey("reps") ? reps : -1, seed));
    }

    /** Reads whole numbers in a range, collecting the problems. */
    private static final class Reader {
        final Map<String, String> values;
        final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> values) {
            this.values = values;
        }

        /** The value, or -1 when absent or wrong (and then a problem is noted). */
        int integer(String key, int min, int max) {
            String text = values.get(key);
            if (text == null) {
                return -1;
            }
            try {
                int v = Integer.parseInt(text);
                if (v < min || v > max) {
                    problems.add(key + ": " + v + " is outside " + min + ".." + max);
                    return -1;
                }
                return v;
            } catch (NumberFormatException e) {
                problems.add(key + ": '" + text + "' is not a whole number");
                return -1;
            }
        }
    }
}
