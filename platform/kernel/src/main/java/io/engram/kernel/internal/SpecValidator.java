package io.engram.kernel.internal;

import io.engram.api.Application;
import io.engram.api.DataShape;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.NetworkFamily;
import io.engram.api.ParamType;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.kernel.JobSpecs;
import io.engram.kernel.PluginInfo;
import io.engram.kernel.PluginKind;
import io.engram.tensor.Backend;
import io.engram.tensor.DType;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.osgi.framework.VersionRange;

/**
 * Checks a flat job spec in one pass and reports every problem at once, each naming its key and
 * what was expected: required keys, unknown keys (with the nearest known ones, {@link NearestKeys}), the seed, the dtype, the backend
 * (installed, available, computing in the dtype; when it is not installed or not available and
 * {@value #FALLBACK} names an installed, available backend, that one is used instead and the
 * {@link ResolvedSpec#fallbackNote()} says so), the family, trainer and application (installed
 * within their pinned version ranges), each section against its plugin's {@link Schema}, the
 * trainer's required capabilities against the family's, the kinds of task the trainer trains on
 * against those the application provides and the application's required capabilities against the
 * family's ({@link TaskMatch}), the family's own cross-field checks, and the loss ({@code loss}, else
 * the one the application announces: installed, and accepted by the trainer). A composite family's
 * slots are resolved, pinned and validated as nested sections ({@link Composition}), and the family is
 * bound to them.
 * Every path is confined ({@link Confinement}): each parameter of type
 * {@link ParamType#INPUT_FILE} must name a readable regular file inside the data roots (a relative
 * one resolves against {@value #SPEC_DIR}, the spec file's directory, else the installation), and is
 * replaced by its real path; {@code checkpoint} must lie inside the model store. Nothing is opened.
 * Last, when everything else is right, the job's peak memory is estimated ({@link MemoryEstimate},
 * from the application's {@link Application#shape}) and a job that needs more than
 * {@code jobs.memory.fraction} of the JVM's largest heap is refused, naming the estimate and the limit.
 * On success the plugins are resolved and pinned in a {@link ResolvedSpec}.
 *
 * <p>A plugin reference is an id, optionally pinned to an OSGi version range:
 * {@code lstm;version=[1.2,2)}. Stateless; thread-safe as far as the directory is.
 */
public final class SpecValidator {

    /** Defaults of the top-level keys. */
    public static final Map<String, String> DEFAULTS = Map.of(
            "seed", "1", "backend", "cpu", "dtype", "f32", "trainer", "bptt");

    private static final Set<String> TOP = Set.of(
            "job.name", "seed", "backend", "backend.fallback", "dtype", "trainer", "checkpoint", "model.family",
            "data.app", "loss", BestCheckpoint.KEY, FineTuning.KEY, JobSpecs.SPEC_DIR);
    private static final String KNOWN = "job.name, seed, backend, backend.fallback, dtype, model.family, model.*, "
            + "trainer, trainer.*, data.app, data.*, loss, checkpoint, " + BestCheckpoint.KEY + ", " + FineTuning.KEY
            + ", spec.dir";
    /**
     * The key holding the directory that relative input paths resolve against: set by
     * {@link SpecReader#read} to the spec file's directory; absent for spec text that has no file
     * (then the installation, {@link Confinement#home()}).
     */
    public static final String SPEC_DIR = JobSpecs.SPEC_DIR;
    /** The key naming the backend a job runs on when its {@code backend} cannot run here. */
    public static final String FALLBACK = "backend.fallback";
    private static final Pattern REF = Pattern.compile(
            "\\s*([A-Za-z0-9][A-Za-z0-9._-]*)\\s*(?:;\\s*version\\s*=\\s*\"?([^\"]*?)\"?\\s*)?");

    private final PluginDirectory plugins;
    private final Confinement confinement;
    private final double memoryFraction;
    private final LongSupplier maxMemory;

    /** A validator with the confinement and the memory share of {@code config}, against this JVM's heap. */
    public SpecValidator(PluginDirectory plugins, JobManagerConfiguration config) {
        this(plugins, Confinement.of(config), config.jobs_memory_fraction(), Runtime.getRuntime()::maxMemory);
    }

    /**
     * A validator confining paths with {@code confinement} and refusing jobs estimated above
     * {@code memoryFraction} of {@code maxMemory} bytes.
     */
    public SpecValidator(PluginDirectory plugins, Confinement confinement, double memoryFraction,
                         LongSupplier maxMemory) {
        this.plugins = plugins;
        this.confinement = confinement;
        this.memoryFraction = memoryFraction;
        this.maxMemory = maxMemory;
    }

    /** Where this validator keeps a job's paths. */
    public Confinement confinement() {
        return confinement;
    }

    /** A plugin id with its version range (empty for any). */
    record Ref(String id, String range) {
    }

    /** The spec with the top-level defaults filled in where a key is absent. */
    public static Map<String, String> withDefaults(Map<String, String> spec) {
        Map<String, String> out = new LinkedHashMap<>(spec);
        new java.util.TreeMap<>(DEFAULTS).forEach(out::putIfAbsent);
        return out;
    }

    public Validation<Seq<Problem>, ResolvedSpec> validate(Map<String, String> given) {
        Map<String, String> spec = new LinkedHashMap<>();
        given.forEach((k, v) -> spec.put(k.trim(), v == null ? "" : v.trim()));
        List<Problem> problems = List.empty();
        java.util.List<Problem> confined = new java.util.ArrayList<>();

        for (String key : spec.keySet()) {
            if (!TOP.contains(key) && !key.startsWith("model.") && !key.startsWith("trainer.")
                    && !key.startsWith("data.")) {
                problems = problems.append(Problem.of(key, "unknown key (known: " + KNOWN + ")"
                        + NearestKeys.suggestion(key, TOP)));
            }
        }

        java.nio.file.Path base = confinement.home();
        if (spec.containsKey(SPEC_DIR)) {
            Validation<Problem, java.nio.file.Path> dir = Confinement.directory(SPEC_DIR, spec.get(SPEC_DIR));
            problems = dir.isInvalid() ? problems.append(dir.getError()) : problems;
            base = dir.isInvalid() ? base : dir.get();
        }

        Long seed = null;
        String seedText = value(spec, "seed");
        try {
            seed = Long.parseLong(seedText);
        } catch (NumberFormatException e) {
            problems = problems.append(Problem.of("seed", "expected a 64-bit integer, got '" + seedText + "'"));
        }

        DType dtype = null;
        String dtypeText = value(spec, "dtype");
        switch (dtypeText.toLowerCase(Locale.ROOT)) {
            case "f32": dtype = DType.F32; break;
            case "f64": dtype = DType.F64; break;
            default:
                problems = problems.append(Problem.of("dtype", "expected f32 or f64, got '" + dtypeText + "'"));
        }

        Plugin backend = null;
        String fallbackNote = "";
        String backendId = value(spec, "backend");
        String fallbackText = spec.get(FALLBACK);
        Validation<Problem, Plugin> fallback = fallbackText == null ? null : fallbackText.isEmpty()
                ? Validation.invalid(Problem.of(FALLBACK, "expected a backend id" + installed(PluginKind.BACKEND)))
                : resolve(FALLBACK, PluginKind.BACKEND, fallbackText);
        if (backendId.isEmpty()) {
            problems = problems.append(Problem.of("backend", "required: a backend id" + installed(PluginKind.BACKEND)));
        } else {
            Validation<Problem, Plugin> b = resolve("backend", PluginKind.BACKEND, backendId);
            String cannot = b.isInvalid() ? b.getError().message() : b.get().info().available() ? ""
                    : "backend '" + b.get().id() + "' is not available here: " + b.get().info().reason();
            if (cannot.isEmpty()) {
                backend = b.get();
            } else if (fallback != null && fallback.isValid() && fallback.get().info().available()) {
                backend = fallback.get();
                fallbackNote = cannot + "; running on '" + backend.id() + "' (" + FALLBACK + ")";
            } else {
                problems = problems.append(Problem.of("backend", cannot));
                if (fallback != null && fallback.isValid()) {
                    problems = problems.append(Problem.of(FALLBACK, "backend '" + fallback.get().id()
                            + "' is not available here either: " + fallback.get().info().reason()));
                }
            }
            if (backend != null && dtype != null && !backend.as(Backend.class).dtypes().contains(dtype)) {
                problems = problems.append(Problem.of("dtype", "backend '" + backend.id() + "' does not compute in "
                        + dtypeText.toLowerCase(Locale.ROOT) + " (it supports: "
                        + backend.as(Backend.class).dtypes().stream().map(d -> d.name().toLowerCase(Locale.ROOT))
                        .sorted().collect(Collectors.joining(", ")) + ")"));
            }
        }
        if (fallback != null && fallback.isInvalid()) {
            problems = problems.append(fallback.getError());
        }

        Plugin family = null;
        Plugin trainer = null;
        Plugin application = null;
        Validation<Problem, Plugin> f = required(spec, "model.family", PluginKind.FAMILY);
        if (f.isInvalid()) {
            problems = problems.append(f.getError());
        } else {
            family = f.get();
        }
        Validation<Problem, Plugin> t = required(spec, "trainer", PluginKind.TRAINER);
        if (t.isInvalid()) {
            problems = problems.append(t.getError());
        } else {
            trainer = t.get();
        }
        Validation<Problem, Plugin> a = required(spec, "data.app", PluginKind.APPLICATION);
        if (a.isInvalid()) {
            problems = problems.append(a.getError());
        } else {
            application = a.get();
        }

        Hyperparameters model = null;
        Hyperparameters training = null;
        Hyperparameters data = null;
        if (family != null) {
            Validation<Seq<Problem>, Composition.Composed> v =
                    Composition.validate(family, section(spec, "model.", "model.family"), "model.", this::resolve);
            problems = v.isInvalid() ? problems.appendAll(v.getError().map(NearestKeys::suggest)) : problems;
            model = v.isInvalid() ? null : confine(family.info().schema(), v.get().hyper(), "model.", base, confined);
            family = v.isInvalid() ? family : v.get().family();
        }
        if (trainer != null) {
            Validation<Seq<Problem>, Hyperparameters> v =
                    trainer.info().schema().validate(section(spec, "trainer.", null), "trainer.");
            problems = v.isInvalid() ? problems.appendAll(v.getError().map(NearestKeys::suggest)) : problems;
            training = v.isInvalid() ? null : confine(trainer.info().schema(), v.get(), "trainer.", base, confined);
        }
        if (application != null) {
            Validation<Seq<Problem>, Hyperparameters> v =
                    application.info().schema().validate(section(spec, "data.", "data.app"), "data.");
            problems = v.isInvalid() ? problems.appendAll(v.getError().map(NearestKeys::suggest)) : problems;
            data = v.isInvalid() ? null : confine(application.info().schema(), v.get(), "data.", base, confined);
        }

        if (family != null && trainer != null) {
            problems = problems.appendAll(TaskMatch.unoffered("trainer", "trainer", trainer, family));
        }

        if (family != null && trainer != null && training != null) {
            problems = problems.appendAll(trainer.as(io.engram.api.Trainer.class)
                    .checkFamily(training, family.id(), family.info().capabilities()));
        }

        problems = problems.appendAll(TaskMatch.problems(family, trainer, application));

        if (family != null && model != null && dtype != null) {
            ModelSpec probe = new ModelSpec(family.id(), 0, 0, dtype, model);
            try {
                problems = problems.appendAll(family.as(NetworkFamily.class).validate(probe));
            } catch (RuntimeException e) {
                problems = problems.append(Problem.of("model.family", "family '" + family.id()
                        + "' failed to check the spec: " + e));
            }
        }

        LossChoice loss = null;
        if (application != null && data != null) {
            Validation<Seq<Problem>, LossChoice> l = loss(spec, application, data, trainer, training);
            problems = l.isInvalid() ? problems.appendAll(l.getError()) : problems;
            loss = l.isInvalid() ? null : l.get();
        }

        String checkpoint = "";
        if (spec.containsKey("checkpoint")) {
            Validation<Problem, java.nio.file.Path> c = confinement.output("checkpoint", spec.get("checkpoint"));
            problems = c.isInvalid() ? problems.append(c.getError()) : problems;
            checkpoint = c.isInvalid() ? "" : c.get().toString();
        }
        if (spec.containsKey(BestCheckpoint.KEY)) {
            Validation<Problem, BestCheckpoint> best = BestCheckpoint.parse(spec.get(BestCheckpoint.KEY));
            problems = best.isInvalid() ? problems.append(best.getError()) : problems;
        }
        problems = problems.appendAll(confined);
        if (problems.isEmpty()) {
            problems = problems.appendAll(memory(application, model, training, data, dtype));
        }
        if (!problems.isEmpty()) {
            return Validation.invalid(problems);
        }
        return Validation.valid(new ResolvedSpec(given, spec.getOrDefault("job.name", ""), seed, dtype, backend,
                fallbackNote, family, trainer, application, model, training, data,
                checkpoint.isEmpty() ? Optional.empty() : Optional.of(checkpoint), loss));
    }

    /**
     * The job's loss: the spec's {@code loss} key, else the id the application says its data will
     * name (a problem on {@code data.loss} when the data section has that key, else on {@code data.app}),
     * looked up among the installed losses and checked against the trainer ({@code Trainer.checkLoss}).
     * When neither names one, the loss is looked up once the data is loaded.
     */
    private Validation<Seq<Problem>, LossChoice> loss(Map<String, String> spec, Plugin application,
                                                      Hyperparameters data, Plugin trainer, Hyperparameters training) {
        Plugin chosen;
        boolean fromSpec = spec.containsKey("loss");
        if (fromSpec) {
            Validation<Problem, Plugin> v = resolve("loss", PluginKind.LOSS, spec.get("loss"));
            if (v.isInvalid()) {
                return Validation.invalid(List.of(v.getError()));
            }
            chosen = v.get();
        } else {
            Optional<String> announced;
            try {
                announced = application.as(Application.class).loss(data);
            } catch (RuntimeException e) {
                return Validation.invalid(List.of(Problem.of("data.app", "application '" + application.id()
                        + "' failed to name its loss: " + e)));
            }
            if (announced.isEmpty()) {
                return Validation.valid(LossChoice.announced(null, plugins));
            }
            String key = data.has("loss") ? "data.loss" : "data.app";
            Validation<Problem, Plugin> v = resolve(key, PluginKind.LOSS, announced.get());
            if (v.isInvalid()) {
                return Validation.invalid(List.of(v.getError()));
            }
            chosen = v.get();
        }
        if (trainer != null && training != null) {
            java.util.List<Problem> refused = trainer.as(io.engram.api.Trainer.class)
                    .checkLoss(training, chosen.as(io.engram.api.Loss.class));
            if (!refused.isEmpty()) {
                return Validation.invalid(List.ofAll(refused));
            }
        }
        return Validation.valid(fromSpec ? LossChoice.fromSpec(chosen) : LossChoice.announced(chosen, plugins));
    }

    /**
     * {@code values} with each {@link ParamType#INPUT_FILE} parameter replaced by the real path of the
     * file it names, and each {@link ParamType#OUTPUT_PATH} by its path inside the output folder; the problems of those that name no file inside the data roots are kept for
     * {@link #validate} to report.
     */
    private Hyperparameters confine(Schema schema, Hyperparameters values, String prefix, java.nio.file.Path base,
                                    java.util.List<Problem> sink) {
        Map<String, Object> out = new LinkedHashMap<>(values.asMap());
        for (HyperParameter p : schema.parameters()) {
            boolean path = p.type() == ParamType.INPUT_FILE || p.type() == ParamType.OUTPUT_PATH;
            String given = path && values.has(p.name()) ? values.getString(p.name()).trim() : "";
            if (!given.isEmpty()) {
                Validation<Problem, java.nio.file.Path> real = p.type() == ParamType.OUTPUT_PATH
                        ? confinement.written(prefix + p.name(), given)
                        : confinement.input(prefix + p.name(), given, base);
                if (real.isValid()) {
                    out.put(p.name(), real.get().toString());
                } else {
                    sink.add(real.getError());
                }
            }
        }
        return Hyperparameters.of(out);
    }

    /** The problem of a job estimated to need more memory than the JVM gives it, if any. */
    private Seq<Problem> memory(Plugin application, Hyperparameters model, Hyperparameters training,
                                Hyperparameters data, DType dtype) {
        Optional<DataShape> shape;
        try {
            shape = application.as(Application.class).shape(data);
        } catch (RuntimeException e) {
            return List.of(Problem.of("data.app", "application '" + application.id()
                    + "' failed to estimate its data: " + e));
        }
        MemoryEstimate m = MemoryEstimate.of(shape, model, training, dtype == DType.F64 ? 8 : 4);
        String key = m.parameters() >= m.data() + m.activations() || shape.isEmpty() ? "model.hidden" : shape.get().key();
        return List.ofAll(m.check(key, memoryFraction, maxMemory.getAsLong()).stream());
    }

    private static String value(Map<String, String> spec, String key) {
        String v = spec.get(key);
        return v == null ? DEFAULTS.getOrDefault(key, "") : v;
    }

    private Validation<Problem, Plugin> required(Map<String, String> spec, String key, PluginKind kind) {
        String text = value(spec, key);
        if (text.isEmpty()) {
            return Validation.invalid(Problem.of(key, "required: " + article(kind) + " id" + installed(kind)));
        }
        return resolve(key, kind, text);
    }

    /** Parses {@code id[;version=range]} and finds the plugin, or says what is wrong. */
    Validation<Problem, Plugin> resolve(String key, PluginKind kind, String text) {
        Matcher m = REF.matcher(text);
        if (!m.matches()) {
            return Validation.invalid(Problem.of(key, "expected a " + kind.label()
                    + " id, optionally pinned as id;version=[1.0,2), got '" + text + "'"));
        }
        String id = m.group(1);
        String range = m.group(2) == null ? "" : m.group(2).trim();
        if (!range.isEmpty()) {
            try {
                VersionRange.valueOf(range);
            } catch (IllegalArgumentException e) {
                return Validation.invalid(Problem.of(key, "'" + range
                        + "' is not an OSGi version range such as [1.2,2) or 1.2"));
            }
        }
        java.util.List<Plugin> all = plugins.all(kind, id);
        if (all.isEmpty()) {
            return Validation.invalid(Problem.of(key, "no " + kind.label() + " '" + id + "' is installed"
                    + installed(kind)));
        }
        Optional<Plugin> chosen = plugins.resolve(kind, id, range);
        if (chosen.isEmpty()) {
            return Validation.invalid(Problem.of(key, "no version of " + kind.label() + " '" + id + "' in " + range
                    + " is installed (installed: " + all.stream().map(Plugin::version)
                    .collect(Collectors.joining(", ")) + ")"));
        }
        return Validation.valid(chosen.get());
    }

    private String installed(PluginKind kind) {
        Set<String> ids = plugins.plugins().stream().filter(p -> p.kind() == kind).map(PluginInfo::id)
                .collect(Collectors.toCollection(TreeSet::new));
        return ids.isEmpty() ? " (none installed)" : " (installed: " + String.join(", ", ids) + ")";
    }

    private static String article(PluginKind kind) {
        return kind == PluginKind.APPLICATION ? "an application" : "a " + kind.label();
    }

    private static Map<String, String> section(Map<String, String> spec, String prefix, String except) {
        Map<String, String> out = new LinkedHashMap<>();
        spec.forEach((k, v) -> {
            if (k.startsWith(prefix) && !k.equals(except)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }
}
