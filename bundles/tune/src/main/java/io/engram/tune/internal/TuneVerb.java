package io.engram.tune.internal;

import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.cli.VerbCall;
import io.engram.kernel.JobManager;
import io.engram.kernel.JobSpecs;
import io.engram.kernel.PluginInfo;
import io.engram.kernel.PluginKind;
import io.engram.kernel.PluginRegistry;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code engram tune SPEC [tune.KEY=VALUE...]}: a hyperparameter search over the ranges of a tuning
 * spec. The spec is a job spec plus {@code tune.*} keys: the settings of {@link TuneOptions} and the
 * dimensions of a {@link SearchSpace}; the arguments override the file's settings. The trials are
 * drawn from {@code tune.seed}, each checked as a job spec before any runs, then run as jobs by the
 * {@link Tuner}; the results are printed as a table, best first ({@link ResultsTable}), the best
 * trial's spec is written beside SPEC as {@code NAME.best.properties} ({@link BestSpec}), and a
 * summary line ends the output. Trials write no checkpoint; the best spec keeps the spec's
 * {@code checkpoint} key, so running it trains and stores the chosen model.
 *
 * <p>Exit 0 when a best trial was found and its spec written, 1 when none finished with the metric
 * or the search was interrupted (its trials cancelled), 2 when the spec or a range was rejected
 * (every problem listed, nothing run). Runs on the caller's thread; interrupting it cancels the
 * trials. Stateless and thread-safe: each call owns its search.
 */
@Component(service = Function.class, property = VerbCall.VERB_PROPERTY + "=tune")
public final class TuneVerb implements Function<Map<String, Object>, Integer> {


    private final JobSpecs specs;
    private final JobManager jobs;
    private final PluginRegistry registry;

    @Activate
    public TuneVerb(@Reference JobSpecs specs, @Reference JobManager jobs, @Reference PluginRegistry registry) {
        this.specs = specs;
        this.jobs = jobs;
        this.registry = registry;
    }

    @Override
    public Integer apply(Map<String, Object> raw) {
        VerbCall call = VerbCall.of(raw);
        List<Problem> problems = new ArrayList<>();
        Map<String, String> overrides = new LinkedHashMap<>();
        Path file = null;
        for (String arg : call.args()) {
            int eq = arg.indexOf('=');
            if (eq > 0 && arg.startsWith(TuneOptions.PREFIX)) {
                overrides.put(arg.substring(TuneOptions.PREFIX.length(), eq), arg.substring(eq + 1));
            } else if (eq < 0 && file == null) {
                file = Path.of(arg);
            } else {
                problems.add(Problem.of(arg, "unexpected argument (give SPEC and tune.KEY=VALUE settings)"));
            }
        }
        if (file == null) {
            call.err().println("usage: engram tune SPEC [tune.KEY=VALUE...]");
            return VerbCall.BAD_INPUT;
        }
        Validation<Seq<Problem>, Map<String, String>> read = specs.read(file);
        if (read.isInvalid()) {
            return rejected(call.err(), file, read.getError().toJavaList());
        }
        Map<String, String> base = new LinkedHashMap<>();
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, String> ranges = new LinkedHashMap<>();
        read.get().forEach((k, v) -> {
            if (!k.startsWith(TuneOptions.PREFIX)) {
                base.put(k, v);
            } else if (TuneOptions.KEYS.contains(k.substring(TuneOptions.PREFIX.length()))) {
                settings.put(k.substring(TuneOptions.PREFIX.length()), v);
            } else {
                ranges.put(k.substring(TuneOptions.PREFIX.length()), v);
            }
        });
        overrides.forEach((k, v) -> {
            if (TuneOptions.KEYS.contains(k)) {
                settings.put(k, v);
            } else {
                ranges.put(k, v);
            }
        });
        Validation<Seq<Problem>, TuneOptions> parsed = TuneOptions.parse(settings);
        if (parsed.isInvalid()) {
            problems.addAll(parsed.getError().toJavaList());
        } else {
            Validation<Seq<Problem>, SearchSpace> space = SearchSpace.parse(ranges, base, parsed.get(), plugins());
            if (space.isInvalid()) {
                problems.addAll(space.getError().toJavaList());
            } else if (space.get().dimensions().isEmpty()) {
                problems.add(Problem.of("tune", "the spec gives no range to search (such as tune.model.hidden=8..64 "
                        + "or tune.trainer.lr=1e-4..1e-1 log)"));
            }
            if (problems.isEmpty()) {
                return search(call, file, base, parsed.get(), space.get());
            }
        }
        return rejected(call.err(), file, problems);
    }

    private int search(VerbCall call, Path file, Map<String, String> base, TuneOptions options, SearchSpace space) {
        String name = base.getOrDefault("job.name", stem(file));
        Map<String, String> budget = options.strategy() == TuneOptions.Strategy.ASHA
                ? Map.of(options.budgetKey(), Integer.toString(space.maxEpochs())) : Map.of();
        List<Trial> trials = new ArrayList<>();
        Map<String, List<Integer>> invalid = new LinkedHashMap<>();
        List<Map<String, String>> drawn = space.draw(options.trials(), options.seed());
        for (int i = 0; i < drawn.size(); i++) {
            Map<String, String> spec = BestSpec.merge(BestSpec.merge(base, budget), drawn.get(i));
            spec.put("job.name", name + "-trial-" + (i + 1));
            spec.remove("checkpoint");
            Validation<Seq<Problem>, Map<String, String>> valid = specs.validate(spec);
            int number = i + 1;
            if (valid.isInvalid()) {
                valid.getError().forEach(p -> invalid.computeIfAbsent(p.toString(), k -> new ArrayList<>()).add(number));
            }
            trials.add(new Trial(number, drawn.get(i), spec));
        }
        if (!invalid.isEmpty()) {
            List<Problem> problems = new ArrayList<>();
            invalid.forEach((p, in) -> problems.add(Problem.of(in.size() == trials.size() ? "every trial"
                    : (in.size() == 1 ? "trial " : "trials ") + String.join(", ", in.stream().map(String::valueOf).toList()), p)));
            return rejected(call.err(), file, problems);
        }
        List<Integer> rungs = options.strategy() == TuneOptions.Strategy.ASHA
                ? Asha.rungs(options.minEpochs(), space.maxEpochs(), options.eta()) : List.of();
        List<String> keys = space.dimensions().stream().map(Dimension::key).toList();
        note(call, options.trials() + (options.trials() == 1 ? " trial" : " trials") + " of " + file.getFileName() + " ("
                + (rungs.isEmpty() ? "random search" : "asha: rungs at " + rungs + " of " + space.maxEpochs()
                + " epochs, eta " + options.eta()) + ", seed " + options.seed() + "), "
                + options.direction().name().toLowerCase(Locale.ROOT) + " " + options.metric() + " over "
                + String.join(", ", space.dimensions().stream().map(d -> d.key() + "=" + d.describe()).toList()));
        boolean complete = new Tuner(jobs, options, rungs, n -> note(call, n)).run(trials);
        List<Trial> rows = ResultsTable.sorted(trials, options.direction());
        ResultsTable.print(call.out(), rows, keys, options.metric());
        call.out().flush();
        if (!complete) {
            call.err().println("engram tune: interrupted; the trials still running were cancelled");
            call.err().flush();
            return VerbCall.FAILED;
        }
        Trial best = rows.get(0);
        if (best.status != Trial.Status.DONE || Double.isNaN(best.metric)) {
            TreeSet<String> reported = new TreeSet<>();
            trials.forEach(t -> jobs.job(t.job).ifPresent(j -> reported.addAll(j.metrics().keySet())));
            call.err().println("engram tune: no trial finished with " + options.metric()
                    + (reported.isEmpty() ? "" : " (the trials reported: " + String.join(", ", reported) + ")")
                    + (!rungs.isEmpty() && trials.stream().allMatch(t -> t.rungValues.stream().allMatch(v -> v.isNaN()))
                    ? "; asha compares the trials by the metric at their epoch ends, and none had it there" : ""));
            call.err().flush();
            return VerbCall.FAILED;
        }
        Path target = BestSpec.target(file);
        Map<String, String> spec = new LinkedHashMap<>(BestSpec.merge(BestSpec.merge(base, budget), best.values));
        // the reader sets the spec's directory; the best spec lies in the same one and gets it again when read
        spec.remove(JobSpecs.SPEC_DIR);
        try {
            BestSpec.write(target, List.of("The best of " + trials.size() + " trials of engram tune " + file.getFileName()
                    + " (" + options.strategy().name().toLowerCase(Locale.ROOT) + ", tune.seed=" + options.seed() + "):",
                    "trial " + best.number + ", " + best.job + ", " + options.metric() + " " + Tuner.number(best.metric)
                            + " after " + best.epochs + " epochs."), spec);
        } catch (IOException e) {
            call.err().println("engram tune: " + target + " could not be written: " + e.getMessage());
            call.err().flush();
            return VerbCall.FAILED;
        }
        int epochs = trials.stream().mapToInt(t -> t.epochs).sum();
        long done = trials.stream().filter(t -> t.status == Trial.Status.DONE).count();
        long stopped = trials.stream().filter(t -> t.status == Trial.Status.PRUNED).count();
        long other = trials.size() - done - stopped;
        call.out().println("best: trial " + best.number + " (" + best.job + ") " + options.metric() + " "
                + Tuner.number(best.metric) + " after " + best.epochs + " epochs; " + trials.size() + " trials ("
                + done + " done, " + stopped + " stopped early, " + other + " failed or cancelled), " + epochs
                + " epochs in all; spec written to " + shown(target));
        call.out().flush();
        return VerbCall.OK;
    }

    private Plugins plugins() {
        return new Plugins() {
            @Override
            public Optional<Schema> schema(PluginKind kind, String ref) {
                String[] parts = ref.split(";", 2);
                String range = parts.length < 2 ? "" : parts[1].replaceFirst("^\\s*version\\s*=\\s*", "").replace("\"", "").trim();
                try {
                    return registry.find(kind, parts[0].trim(), range).map(PluginInfo::schema);
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }

            @Override
            public List<String> ids(PluginKind kind) {
                return registry.plugins().stream().filter(p -> p.kind() == kind).map(PluginInfo::id).distinct().sorted().toList();
            }
        };
    }

    /** The path relative to the working directory when it lies inside it, else as it is. */
    static String shown(Path target) {
        Path cwd = Path.of("").toAbsolutePath();
        return target.startsWith(cwd) ? cwd.relativize(target).toString() : target.toString();
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static int rejected(PrintStream err, Path file, List<Problem> problems) {
        err.println("engram tune: " + file + " was rejected (" + problems.size()
                + (problems.size() == 1 ? " problem):" : " problems):"));
        problems.forEach(p -> err.println(p.toString()));
        err.flush();
        return VerbCall.BAD_INPUT;
    }

    private static void note(VerbCall call, String text) {
        call.err().println("engram tune: " + text);
        call.err().flush();
    }
}
