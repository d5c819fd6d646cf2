package io.engram.launcher.internal;

import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.osgi.framework.BundleException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

/**
 * The {@code engram} command line. Each subcommand boots the runtime ({@link Platform}), waits
 * (bounded) for the services it needs and calls them; verbs that touch kernel services run inside
 * the framework as {@code Function<Map<String, Object>, Integer>} services registered under the
 * property {@code engram.verb} by the {@code io.engram.cli} bundle ({@code sweep} by
 * {@code io.engram.sweep}), so only JDK types cross the class-loader boundary.
 *
 * <p>Exit status: 0 success, 1 failure (a job failed, a service never appeared), 2 bad input.
 */
@Command(name = "engram", mixinStandardHelpOptions = true, versionProvider = Engram.Version.class,
        description = "Recurrent neural networks on an OSGi microkernel.",
        subcommands = {CommandLine.HelpCommand.class},
        footer = {"", "Settings, lowest precedence first:",
                "  built-in defaults < conf/engram.properties < ENGRAM_* environment", "  (ENGRAM_HTTP_PORT sets http.port) < --set key=value",
                "Plugin settings: backend.ID.NAME, trainer.ID.NAME, family.ID.NAME, app.ID.NAME",
                "  (ENGRAM_BACKEND_CPU_THREADS sets backend.cpu.threads)"})
public final class Engram implements Callable<Integer> {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    /** How long a command waits for a service it needs (system property {@code engram.service.wait.s}, default 30). */
    static final Duration SERVICE_WAIT = Duration.ofSeconds(Math.max(1, Long.getLong("engram.service.wait.s", 30)));

    /** The run store, which the job manager needs: when it cannot open its database, its reason is the one to show. */
    static final String RUN_STORE = "io.engram.kernel.spi.RunStore";

    /** Kernel services each verb needs, checked when a verb does not appear, so the message names the missing one. */
    static final Map<String, List<String>> NEEDS = Map.ofEntries(
            Map.entry("run", List.of("io.engram.kernel.JobSpecs", "io.engram.kernel.JobManager", RUN_STORE)),
            Map.entry("plugins", List.of("io.engram.kernel.PluginRegistry")),
            Map.entry("predict", List.of("io.engram.kernel.Predictor")),
            Map.entry("stop", List.of("io.engram.kernel.JobManager", RUN_STORE)),
            Map.entry("bench", List.of("io.engram.bench.Benchmarks")),
            Map.entry("sweep", List.of("io.engram.kernel.JobSpecs", "io.engram.kernel.JobManager", RUN_STORE)),
            Map.entry("recall", List.of("io.engram.kernel.Recaller")),
            Map.entry("models", List.of("io.engram.store.ModelStore")),
            Map.entry("jobs", List.of("io.engram.kernel.JobManager", RUN_STORE)),
            Map.entry("tune", List.of("io.engram.kernel.JobSpecs", "io.engram.kernel.JobManager", RUN_STORE, "io.engram.kernel.PluginRegistry")),
            Map.entry("analyze", List.of("io.engram.kernel.Predictor", "io.engram.store.ModelStore", "io.engram.kernel.PluginRegistry")));

    static final String JOB_MANAGER = "io.engram.kernel.JobManager";

    /** The bundle that registers a verb, when it is not the CLI bridge. */
    static final Map<String, String> VERB_BUNDLES = Map.of("sweep", "io.engram.sweep",
            "export", "io.engram.onnx", "import", "io.engram.onnx", "jobs", "io.engram.runstore", "tune", "io.engram.tune",
            "analyze", "io.engram.analyze");

    @Option(names = "--set", paramLabel = "KEY=VALUE", scope = ScopeType.INHERIT,
            description = "Overrides a setting (repeatable): any key of conf/engram.properties, or a plugin's setting "
                    + "KIND.ID.NAME (backend.cpu.threads=2 sets threads of PID io.engram.backend.cpu; KIND: backend, trainer, family, app).")
    Map<String, String> sets = new LinkedHashMap<>();

    private final Home home;
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    Engram(Home home, Map<String, String> env, PrintStream out, PrintStream err) {
        this.home = home;
        this.env = env;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(execute(Home.fromSystem(), System.getenv(), System.out, System.err, args));
    }

    static int execute(Home home, Map<String, String> env, PrintStream out, PrintStream err, String... args) {
        CommandLine cl = new CommandLine(new Engram(home, env, out, err));
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setExecutionExceptionHandler((e, c, parsed) -> {
            err.println("engram: " + e);
            e.printStackTrace(err);
            return FAILED;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(err);
        return BAD_INPUT;
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Runs one job and prints its progress and final metrics. "
            + "KEY=VALUE arguments after SPEC set spec keys over the file's (engram run spec.properties trainer.epochs=5 model.hidden=32), "
            + "validated like the file's own. Relative input paths resolve against SPEC's directory. "
            + "Exit 0 on success, 1 when the job fails, 2 when the spec is rejected.")
    int run(@Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "job spec: .properties, .yaml or .json") Path spec,
            @Parameters(index = "1..*", arity = "0..*", paramLabel = "KEY=VALUE", description = "a spec key set over the file's value") List<String> overrides,
            @Option(names = "--resume", paramLabel = "JOB", description = "continue the failed or cancelled job JOB from its last "
                    + "checkpoint (network and trainer state) as a new job; for the same seed it ends as the uninterrupted job would") String resume,
            @Option(names = "--spark", paramLabel = "MASTER", description = "run on Apache Spark (local[2], spark://HOST:7077, "
                    + "k8s://https://HOST:443, ...): each batch's gradient is computed on the executors that hold its sequences "
                    + "and summed, populations are scored on the executors; the result equals a plain run's") String spark) {
        if ((spec == null) == (resume == null) || (resume != null && overrides != null && !overrides.isEmpty())) {
            err.println("engram: run takes a SPEC [KEY=VALUE...] or --resume JOB");
            return BAD_INPUT;
        }
        if (resume != null) {
            return withPlatform(Platform.Mode.COMMAND, Use.WRITES, (platform, settings, signals) -> onSpark(platform, spark,
                    () -> verb(platform, "run", List.of("--resume", resume))));
        }
        Path file = spec.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            err.println("engram: " + file + ": no such file");
            return BAD_INPUT;
        }
        List<String> args = new java.util.ArrayList<>(List.of(file.toString()));
        if (overrides != null) {
            args.addAll(overrides);
        }
        return withPlatform(Platform.Mode.COMMAND, Use.WRITES, (platform, settings, signals) -> onSpark(platform, spark,
                () -> verb(platform, "run", args)));
    }

    /** Runs {@code body} with the platform's jobs on Spark at {@code master}, or plainly when it is null. */
    private int onSpark(Platform platform, String master, java.util.concurrent.Callable<Integer> body) throws Exception {
        if (master == null) {
            return body.call();
        }
        Optional<AutoCloseable> spark;
        try {
            spark = SparkLink.start(platform, master, err);
        } catch (IllegalStateException e) {
            err.println("engram: " + e.getMessage());
            return FAILED;
        }
        if (spark.isEmpty()) {
            err.println("engram: --spark needs Spark's jars, which bin/engram puts on the class path from "
                    + home.root().resolve("spark") + " (not found there)");
            return FAILED;
        }
        try (AutoCloseable running = spark.get()) {
            return body.call();
        }
    }

    @Command(name = "plugins", mixinStandardHelpOptions = true, description = "Lists the registered plugins: id, kind, version, bundle, capabilities, available. "
            + "With ID, prints that plugin's description and the spec keys of its settings: type, default, allowed values.")
    int plugins(@Parameters(paramLabel = "ID", arity = "0..1", description = "a plugin's id, such as lstm or bptt") String id) {
        return withPlatform(Platform.Mode.COMMAND, Use.LISTS, (platform, settings, signals) -> verb(platform, "plugins", id == null ? List.of() : List.of(id)));
    }

    @Command(name = "predict", mixinStandardHelpOptions = true, description = {"Runs a trained model on the sequences of INPUT: one sequence per line, "
            + "time steps separated by ';', the features of a step by ',' (0,1,0; 1,0,0); blank lines and lines starting with # are skipped; "
            + "'-' reads them from standard input. Prints one line of outputs per sequence in the same format (one output row per step, "
            + "or per decoded token), after a line '# outputs: B,T,P,S,X,V,E' when the model's application names its outputs "
            + "(symbols, class names, target columns); --labels writes each value as NAME=VALUE. "
            + "When the model's application reads files of its own (sentences, FASTA, WAV lists, history CSVs), INPUT is such a file "
            + "and each record's result is printed as the application writes it. "
            + "With --render FILE (and no INPUT) replays a controller trained in an environment instead, writing its trajectory as FILE.csv and a plot as FILE.png.",
            "Exit 0 on success, 1 when the model fails to run, 2 for a bad checkpoint or input (each problem named with its file:line)."})
    int predict(@Parameters(paramLabel = "CHECKPOINT") Path checkpoint, @Parameters(paramLabel = "INPUT", arity = "0..1") Path input,
                @Option(names = "--labels", description = "write each output value as NAME=VALUE with the application's names for the outputs") boolean labels,
                @Option(names = "--beam", paramLabel = "N", defaultValue = "1", description = "for a model that decodes: hypotheses kept by beam search (1: greedy)") int beam,
                @Option(names = "--max-length", paramLabel = "N", defaultValue = "0", description = "for a model that decodes: most tokens per sequence (0: twice the source's length)") int maxLength,
                @Option(names = "--length-penalty", paramLabel = "A", defaultValue = "0", description = "with --beam: rank hypotheses by log p / ((5 + |Y|) / 6)^A, the GNMT length penalty (0: none)") double lengthPenalty,
                @Option(names = "--attention", paramLabel = "DIR", description = "draw each record's attention map as DIR/N.png (applications that read their own files)") Path attention,
                @Option(names = "--render", paramLabel = "FILE", description = "replay the controller for one episode in its job's environment: write FILE.csv and FILE.png") Path render,
                @Option(names = "--seed", paramLabel = "N", description = "with --render: the episode's seed (default: the training job's)") Long seed) {
        if (render != null) {
            if (input != null) {
                err.println("engram: --render replays in the job's environment and takes no INPUT");
                return BAD_INPUT;
            }
            Optional<String> model = model(checkpoint);
            if (model.isEmpty()) {
                return BAD_INPUT;
            }
            List<String> args = new java.util.ArrayList<>(List.of("--render", render.toAbsolutePath().normalize().toString()));
            if (seed != null) {
                args.addAll(List.of("--seed", Long.toString(seed)));
            }
            args.add(model.get());
            return withPlatform(Platform.Mode.COMMAND, (platform, settings, signals) -> verb(platform, "predict", args));
        }
        if (input == null) {
            err.println("engram: predict needs INPUT (or --render FILE to replay a controller)");
            return BAD_INPUT;
        }
        if (input.toString().equals("-")) {
            return predictStandardInput(checkpoint, labels, beam, maxLength, lengthPenalty, attention);
        }
        Optional<String> model = model(checkpoint);
        if (model.isEmpty()) {
            return BAD_INPUT;
        }
        if (!Files.isRegularFile(input)) {
            err.println("engram: " + input.toAbsolutePath().normalize() + ": no such file");
            return BAD_INPUT;
        }
        List<String> args = new java.util.ArrayList<>(List.of("--beam", Integer.toString(beam), "--max-length",
                Integer.toString(maxLength), "--length-penalty", Double.toString(lengthPenalty)));
        if (attention != null) {
            args.addAll(List.of("--attention", attention.toAbsolutePath().normalize().toString()));
        }
        if (labels) {
            args.add("--labels");
        }
        args.addAll(List.of(model.get(), input.toAbsolutePath().normalize().toString()));
        return withPlatform(Platform.Mode.COMMAND, (platform, settings, signals) -> verb(platform, "predict", args));
    }

    @Command(name = "recall", mixinStandardHelpOptions = true, description = "Recalls a pattern from each cue of CUES in a trained "
            + "associative memory (hopfield, bam): one cue per line, the unit values separated by ',' (-1, +1, 0 for unknown). "
            + "Prints per cue the settled state, its energy and the cue's energy.")
    int recall(@Parameters(paramLabel = "CHECKPOINT") Path checkpoint, @Parameters(paramLabel = "CUES") Path cues,
               @Option(names = "--steps", paramLabel = "N", defaultValue = "100", description = "most recall steps (fewer at a fixed point)") int steps) {
        Optional<String> model = model(checkpoint);
        if (model.isEmpty()) {
            return BAD_INPUT;
        }
        if (!Files.isRegularFile(cues)) {
            err.println("engram: " + cues.toAbsolutePath().normalize() + ": no such file");
            return BAD_INPUT;
        }
        return withPlatform(Platform.Mode.COMMAND, (platform, settings, signals) -> verb(platform, "recall",
                List.of("--steps", Integer.toString(steps), model.get(),
                        cues.toAbsolutePath().normalize().toString())));
    }

    @Command(name = "bench", mixinStandardHelpOptions = true, description = {
            "Measures training steps (forward over the sequence, MSE on all outputs, BPTT, SGD update) and inference passes "
                    + "of named configs and prints one JSON object per line per config and mode to standard output: config, mode, "
                    + "backend, dtype, threads, median_s, min_s, max_s, tokens_per_s, gflops_per_s, peak_heap_bytes, step_heap_bytes, "
                    + "heap_before_bytes, ...; notes go to standard error. Exit 0 when all were measured, 1 when a run failed, 2 for bad options.",
            "Configs (input/hidden/seq/batch): lstm_small 64/128/50/32, lstm_std 128/256/100/32, lstm_big 512/1024/50/64, "
                    + "gru_std and elman_std 128/256/100/32 (these five run by default); lstm2_std: a 2-layer LSTM 128/256/100/32; "
                    + "esn_fit: an echo state network of 1000 units on 10000 Mackey-Glass steps, 1/1000/10000/1, whose training step "
                    + "is one ridge fit; ntm_step: a neural Turing machine, LSTM controller of 100 units, memory 128 x 20, one read "
                    + "and one write head, 10/100/42/16, 8 outputs; all: every built-in config; custom: lstm_std's sizes and family "
                    + "lstm, changed by the size options."})
    int bench(@Option(names = "--config", paramLabel = "NAME[,NAME...]", description = "configs to run (repeatable; all for every built-in; default the five single-layer ones)") List<String> configs,
              @Option(names = "--mode", paramLabel = "train|infer|both", description = "default both") String mode,
              @Option(names = "--backend", paramLabel = "ID", description = "backend id (default cpu)") String backend,
              @Option(names = "--threads", paramLabel = "N", description = "backend worker threads (default: the backend's setting)") String threads,
              @Option(names = "--dtype", paramLabel = "f32|f64", description = "default f32") String dtype,
              @Option(names = "--warmup", paramLabel = "N", description = "warm-up iterations (default: until the times settle, at least 3; 1 for lstm_big)") String warmup,
              @Option(names = "--reps", paramLabel = "N", description = "timed iterations (default 10; 3 for lstm_big)") String reps,
              @Option(names = "--family", paramLabel = "lstm|gru|elman", description = "family of every chosen config (an ntm or esn config becomes a one-layer network of that family)") String family,
              @Option(names = "--input", paramLabel = "I", description = "input size of every chosen config") String input,
              @Option(names = "--hidden", paramLabel = "H", description = "hidden size of every chosen config") String hidden,
              @Option(names = "--seq", paramLabel = "T", description = "sequence length of every chosen config") String seq,
              @Option(names = "--batch", paramLabel = "B", description = "batch size of every chosen config") String batch,
              @Option(names = "--seed", paramLabel = "N", description = "seed of parameters and data (default 1)") String seed) {
        List<String> args = benchArgs(configs, new String[][] {{"mode", mode}, {"backend", backend}, {"threads", threads},
                {"dtype", dtype}, {"warmup", warmup}, {"reps", reps}, {"family", family}, {"input", input}, {"hidden", hidden},
                {"seq", seq}, {"batch", batch}, {"seed", seed}});
        return withPlatform(Platform.Mode.COMMAND, (platform, settings, signals) -> verb(platform, "bench", args));
    }

    /** The bench verb's {@code key=value} arguments: the configs joined by commas, then each option given. */
    static List<String> benchArgs(List<String> configs, String[][] options) {
        List<String> args = new java.util.ArrayList<>();
        if (configs != null && !configs.isEmpty()) {
            args.add("config=" + String.join(",", configs));
        }
        args.addAll(keyValues(options));
        return List.copyOf(args);
    }

    /** {@code key=value} for each {@code {key, value}} whose value was given (is not null). */
    static List<String> keyValues(String[][] options) {
        List<String> args = new java.util.ArrayList<>();
        for (String[] o : options) {
            if (o[1] != null) {
                args.add(o[0] + "=" + o[1]);
            }
        }
        return List.copyOf(args);
    }

    @Command(name = "sweep", mixinStandardHelpOptions = true, description = {
            "Trains the model of a job spec on the cpu backend (or takes --checkpoint), evaluates it on simulated PCM "
                    + "crossbars for every bit depth (DAC and ADC bits, 2^bits conductance levels) and noise factor, "
                    + "and writes memristor-sweep.csv and memristor-sweep.png (accuracy against bits, a line per noise "
                    + "factor) into --out. The spec file's sweep.* keys set the same options; the flags win. "
                    + "Exit 0 when the files were written, 1 when training or the sweep failed, 2 for bad input."})
    int sweep(@Parameters(paramLabel = "SPEC", arity = "0..1", description = "job spec to train (with optional sweep.* keys)") Path spec,
              @Option(names = "--checkpoint", paramLabel = "FILE", description = "a trained model instead of training one") Path checkpoint,
              @Option(names = "--out", paramLabel = "DIR", description = "where the CSV and PNG go (default: the working directory)") Path out,
              @Option(names = "--bits", paramLabel = "A-B|A,B,...", description = "bit depths (default 2-8)") String bits,
              @Option(names = "--noise", paramLabel = "F,F,...", description = "factors on the model's programming and read noise (default 0,0.5,1,2)") String noise,
              @Option(names = "--seed", paramLabel = "N", description = "seed of the crossbars' noise (default 1)") String seed,
              @Option(names = "--threads", paramLabel = "N", description = "grid points evaluated at once (default 1)") String threads) {
        List<String> args = new java.util.ArrayList<>();
        for (Path p : new Path[] {spec, checkpoint}) {
            if (p != null && !Files.isRegularFile(p)) {
                err.println("engram: " + p.toAbsolutePath().normalize() + ": no such file");
                return BAD_INPUT;
            }
        }
        if (spec != null) {
            args.add(spec.toAbsolutePath().normalize().toString());
        }
        args.addAll(keyValues(new String[][] {
                {"checkpoint", checkpoint == null ? null : checkpoint.toAbsolutePath().normalize().toString()},
                {"out", out == null ? null : out.toAbsolutePath().normalize().toString()},
                {"bits", bits}, {"noise", noise}, {"seed", seed}, {"threads", threads}}));
        return withPlatform(Platform.Mode.COMMAND, Use.WRITES, (platform, settings, signals) -> verb(platform, "sweep", args));
    }

    @Command(name = "shell", mixinStandardHelpOptions = true, description = "Opens the Gogo console with the engram commands (engram:plugins, engram:jobs, "
            + "engram:run, engram:cancel); exit or end of input stops it.")
    int shell() {
        return withPlatform(Platform.Mode.SHELL, Use.WRITES, (platform, settings, signals) -> {
            platform.componentFailures(List.of(JOB_MANAGER)).forEach(f -> err.println("engram: " + f));
            platform.waitForStop();
            return OK;
        });
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Runs headless with the REST API until SIGTERM or SIGINT, "
            + "which cancels running jobs and exits cleanly; FileInstall deploys plugin jars dropped into deploy/.")
    int serve(@Option(names = "--spark", paramLabel = "MASTER", description = "run the server's jobs on Apache Spark "
            + "(local[2], spark://HOST:7077, ...), as engram run --spark does") String spark) {
        return withPlatform(Platform.Mode.SERVE, Use.WRITES, (platform, settings, signals) -> onSpark(platform, spark,
                () -> serveUntilSignalled(platform, settings, signals)));
    }

    private int serveUntilSignalled(Platform platform, Settings settings, Signals signals) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        signals.onTerminate(stop::countDown);
        Thread watcher = new Thread(() -> {
            try {
                platform.waitForStop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stop.countDown();
        }, "engram-framework-watch");
        watcher.setDaemon(true);
        watcher.start();
        String endpoint = null;
        long deadline = System.nanoTime() + SERVICE_WAIT.toNanos();
        List<String> failed = List.of();
        while (endpoint == null && stop.getCount() > 0 && System.nanoTime() < deadline && failed.isEmpty()) {
            endpoint = platform.properties("(osgi.http.whiteboard.servlet.name=engram-api)").isEmpty() ? null
                    : endpoint(platform.properties("(objectClass=org.osgi.service.servlet.runtime.HttpServiceRuntime)")
                    .map(p -> p.get("osgi.http.endpoint")).orElse(null));
            if (endpoint == null) {
                failed = platform.componentFailures(List.of(JOB_MANAGER));
                Thread.sleep(50);
            }
        }
        if (!failed.isEmpty()) {
            err.println("engram: " + String.join("; ", failed));
            return FAILED;
        }
        if (endpoint == null && stop.getCount() > 0) {
            err.println("engram: the HTTP runtime (bundle org.apache.felix.http.jetty12: "
                    + platform.bundleState("org.apache.felix.http.jetty12") + ") did not come up within "
                    + SERVICE_WAIT.toSeconds() + " s");
            return FAILED;
        }
        if (endpoint != null) {
            String base = endpoint.endsWith("/") ? endpoint : endpoint + "/";
            String token = settings.token().isBlank() ? "bearer token in " + home.tokenFile() : "bearer token set by http.token";
            out.println("engram: serving " + base + "api (" + token + "); stop with SIGTERM or Ctrl-C");
            out.println("engram: dashboard at " + base);
            out.flush();
        }
        stop.await();
        if (platform.context().getBundle(0).getState() == org.osgi.framework.Bundle.ACTIVE) {
            out.println("engram: stopping");
            Optional<Object> stopVerb = platform.await(verbFilter("stop"), Duration.ofSeconds(2));
            if (stopVerb.isPresent()) {
                call(stopVerb.get(), List.of());
            }
        }
        return OK;
    }

    /** {@code osgi.http.endpoint} is a String, an array or a collection of them. */
    static String endpoint(Object value) {
        if (value == null) {
            return null;
        }
        if (value.getClass().isArray()) {
            return Array.getLength(value) == 0 ? null : String.valueOf(Array.get(value, 0));
        }
        if (value instanceof Collection<?> c) {
            return c.isEmpty() ? null : String.valueOf(c.iterator().next());
        }
        return value.toString();
    }

    /** Something run against a booted platform; returns the exit status. */
    @FunctionalInterface
    interface Session {
        int run(Platform platform, Settings settings, Signals signals) throws Exception;
    }

    /** What a command does with the installation, which decides the checks made before and after the boot. */
    enum Use {
        /** Reads only: bad plugin settings stop it before the plugins start. */
        READS,
        /** Writes job records and models: {@code jobs.dir} and {@code models.dir} must be writable. */
        WRITES,
        /** Lists the plugins: bad plugin settings are reported, the list still printed, and the exit status is 2. */
        LISTS
    }

    private int withPlatform(Platform.Mode mode, Session session) {
        return withPlatform(mode, Use.READS, session);
    }

    private int withPlatform(Platform.Mode mode, Use use, Session session) {
        Validation<Seq<String>, Settings> loaded = Settings.load(home.root(), home.confFile(), env, sets);
        if (loaded.isInvalid()) {
            err.println("engram: the settings were rejected (" + problems(loaded.getError().size()) + "):");
            loaded.getError().forEach(err::println);
            return BAD_INPUT;
        }
        Settings settings = loaded.get();
        if (use == Use.WRITES) {
            Optional<String> unwritable = Writable.problem("jobs.dir", settings.jobsDir())
                    .or(() -> Writable.problem("models.dir", settings.jobs().modelsDir()));
            if (unwritable.isPresent()) {
                err.println("engram: " + unwritable.get());
                return BAD_INPUT;
            }
        }
        if (!Files.isDirectory(home.system())) {
            err.println("engram: " + home.system() + " is missing: ENGRAM home " + home.root() + " is not an Engram installation");
            return FAILED;
        }
        Thread main = Thread.currentThread();
        Signals signals = Signals.install(main::interrupt);
        if (mode == Platform.Mode.SERVE) {
            Optional<String> busy = cannotListen(settings.host(), settings.port());
            if (busy.isPresent()) {
                err.println("engram: " + busy.get());
                return FAILED;
            }
        }
        Platform platform;
        try {
            platform = Platform.boot(home, settings, mode, use != Use.LISTS);
        } catch (IOException | BundleException e) {
            err.println("engram: the runtime did not start: " + e.getMessage());
            return FAILED;
        }
        try {
            platform.reportFailures(err);
            List<String> rejected = platform.settingProblems();
            if (!rejected.isEmpty()) {
                err.println("engram: the plugin settings were rejected (" + problems(rejected.size()) + "):");
                rejected.forEach(err::println);
                if (use != Use.LISTS) {
                    return BAD_INPUT;
                }
            }
            if (signals.requested()) {
                return FAILED;
            }
            BootTrace trace = BootTrace.fromSystem();
            trace.mark("booted");
            int status = session.run(platform, settings, signals);
            trace.mark("command ran");
            return rejected.isEmpty() ? status : BAD_INPUT;
        } catch (InterruptedException e) {
            return FAILED;
        } catch (Exception e) {
            err.println("engram: " + e);
            e.printStackTrace(err);
            return FAILED;
        } finally {
            boolean interrupted = Thread.interrupted();
            platform.close();
            BootTrace.fromSystem().mark("stopped");
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static final String LISTEN_PROBLEM = "cannot listen on ";

    /** Why the REST API could not listen on host:port, found by binding it briefly; empty when it can. */
    static Optional<String> cannotListen(String host, int port) {
        if (port == 0) {
            return Optional.empty();
        }
        try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(host, port));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(LISTEN_PROBLEM + host + ":" + port + " (http.host, http.port): " + e.getMessage());
        }
    }

    static String verbFilter(String verb) {
        return "(&(objectClass=java.util.function.Function)(engram.verb=" + verb + "))";
    }

    private int verb(Platform platform, String verb, List<String> args) {
        List<String> needs = NEEDS.getOrDefault(verb, List.of());
        Optional<Object> service = platform.await(verbFilter(verb), SERVICE_WAIT,
                () -> !platform.componentFailures(needs).isEmpty());
        if (service.isEmpty()) {
            List<String> failed = platform.componentFailures(needs);
            err.println("engram: " + (failed.isEmpty() ? missing(platform, verb) : String.join("; ", failed)));
            return FAILED;
        }
        return call(service.get(), args);
    }

    /** Says which service a verb is waiting for: a kernel service, or the verb itself. */
    private static String missing(Platform platform, String verb) {
        for (String needed : NEEDS.getOrDefault(verb, List.of())) {
            if (platform.properties("(objectClass=" + needed + ")").isEmpty()) {
                return "the service " + needed + " did not appear within " + SERVICE_WAIT.toSeconds()
                        + " s (bundle io.engram.kernel: " + platform.bundleState("io.engram.kernel") + ")";
            }
        }
        String bundle = VERB_BUNDLES.getOrDefault(verb, "io.engram.cli");
        return "the '" + verb + "' command service (engram.verb=" + verb + ") did not appear within "
                + SERVICE_WAIT.toSeconds() + " s (bundle " + bundle + ": " + platform.bundleState(bundle) + ")";
    }

    @SuppressWarnings("unchecked")
    private int call(Object service, List<String> args) {
        Map<String, Object> call = Map.of("args", args, "out", out, "err", err, "tty", System.console() != null);
        Object status = ((Function<Map<String, Object>, Object>) service).apply(call);
        out.flush();
        err.flush();
        return status instanceof Integer i ? i : FAILED;
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = {
            "Writes an lstm, gru or elman checkpoint (single or stacked, with its readout) as an ONNX model of the standard "
                    + "LSTM, GRU and RNN operators (opset 14): inputs x [time, batch, input] float and lengths [batch] int32 "
                    + "(each sequence's steps), output y [time, batch, output] float, the readout's raw outputs, zeros at padded steps. "
                    + "Exit 0 when written, 2 when the checkpoint cannot be read or has no ONNX form, or OUT exists."})
    int export(@Parameters(paramLabel = "CHECKPOINT", description = "a checkpoint file or a registered model: NAME, NAME@VERSION, NAME@ALIAS") Path checkpoint, @Parameters(paramLabel = "OUT.onnx") Path out,
               @Option(names = "--force", description = "replace OUT if it exists") boolean force) {
        Optional<String> model = model(checkpoint);
        if (model.isEmpty()) {
            return BAD_INPUT;
        }
        List<String> args = new java.util.ArrayList<>(List.of(model.get(), out.toAbsolutePath().normalize().toString()));
        if (force) {
            args.add("--force");
        }
        return withPlatform(Platform.Mode.COMMAND, (platform, settings, signals) -> verb(platform, "export", args));
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = {
            "Reads the LSTM, GRU or RNN layers and the linear readout (MatMul and Add, or Gemm) of an ONNX model, such as "
                    + "torch.onnx.export writes for torch.nn.LSTM, GRU or RNN followed by Linear, and writes them as a checkpoint "
                    + "of FAMILY that engram predict runs. The file sets hidden, layers and peepholes, reset.after or activation; "
                    + "KEY=VALUE sets the family's other hyperparameters. Exit 0 when written, 1 when the family is not installed, "
                    + "2 when the file holds what the family cannot compute (the node and attribute named), a key is bad, or OUT exists."})
    int importModel(@Parameters(index = "0", paramLabel = "IN.onnx") Path in,
                    @Parameters(index = "1..*", paramLabel = "KEY=VALUE... OUT", arity = "1..*",
                            description = "hyperparameters of the family, then the checkpoint to write") List<String> rest,
                    @Option(names = "--family", paramLabel = "lstm|gru|elman", required = true, description = "the family to import into") String family,
                    @Option(names = "--force", description = "replace OUT if it exists") boolean force) {
        if (!Files.isRegularFile(in)) {
            err.println("engram: " + in.toAbsolutePath().normalize() + ": no such file");
            return BAD_INPUT;
        }
        List<String> args = new java.util.ArrayList<>(List.of(in.toAbsolutePath().normalize().toString(), "--family", family));
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            args.add(i == rest.size() - 1 && !a.contains("=") ? Path.of(a).toAbsolutePath().normalize().toString() : a);
        }
        if (force) {
            args.add("--force");
        }
        return withPlatform(Platform.Mode.COMMAND, (platform, settings, signals) -> verb(platform, "import", args));
    }

    @Command(name = "tune", mixinStandardHelpOptions = true, description = {
            "Searches hyperparameters: runs trials of the job spec SPEC as jobs (jobs.concurrency at a time), each with "
                    + "values drawn from the spec's tune.* ranges, prints a table of the trials best first and writes the "
                    + "best trial's spec beside SPEC as NAME.best.properties.",
            "Ranges: tune.model.hidden=8..64 (integers), tune.trainer.lr=1e-4..1e-1 log (reals on a log scale), "
                    + "tune.model.family=lstm,gru (a choice); each is checked against the plugins' schemas. Keys not given "
                    + "are not searched. The options override the spec's tune.* settings.",
            "Exit 0 when the best spec was written, 1 when no trial finished with the metric or the search was "
                    + "interrupted (Ctrl-C cancels the running trials), 2 when the spec or a range was rejected."})
    int tune(@Parameters(paramLabel = "SPEC", description = "tuning spec: a job spec with tune.* keys (.properties, .yaml or .json)") Path spec,
             @Option(names = "--strategy", paramLabel = "random|asha", description = "random search, or asynchronous successive halving (tune.strategy; default random)") String strategy,
             @Option(names = "--trials", paramLabel = "N", description = "trials drawn (tune.trials; default 10)") String trials,
             @Option(names = "--seed", paramLabel = "N", description = "seed of the draws (tune.seed; default 1)") String seed,
             @Option(names = "--metric", paramLabel = "KEY", description = "a final metric of the jobs (tune.metric; default validation.loss)") String metric,
             @Option(names = "--direction", paramLabel = "min|max", description = "tune.direction (default min)") String direction,
             @Option(names = "--min-epochs", paramLabel = "N", description = "asha: epochs of the first rung (tune.min.epochs; default 1)") String minEpochs,
             @Option(names = "--max-epochs", paramLabel = "N", description = "asha: epochs of a trial never stopped (tune.max.epochs; default the spec's trainer.epochs)") String maxEpochs,
             @Option(names = "--eta", paramLabel = "N", description = "asha: a trial goes on past a rung when in the best 1/eta there (tune.eta; default 3)") String eta) {
        Path file = spec.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            err.println("engram: " + file + ": no such file");
            return BAD_INPUT;
        }
        List<String> args = new java.util.ArrayList<>(List.of(file.toString()));
        keyValues(new String[][] {{"tune.strategy", strategy}, {"tune.trials", trials}, {"tune.seed", seed},
                {"tune.metric", metric}, {"tune.direction", direction}, {"tune.min.epochs", minEpochs},
                {"tune.max.epochs", maxEpochs}, {"tune.eta", eta}}).forEach(args::add);
        return withPlatform(Platform.Mode.COMMAND, Use.WRITES, (platform, settings, signals) -> verb(platform, "tune", args));
    }

    /** A model reference of the registry: {@code NAME}, {@code NAME@VERSION} or {@code NAME@ALIAS}. */
    static final java.util.regex.Pattern MODEL_REFERENCE = java.util.regex.Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9._-]{0,127}(@[A-Za-z0-9][A-Za-z0-9._-]{0,127})?");

    /**
     * What a verb gets for a CHECKPOINT argument: the absolute path of an existing file, else the
     * argument itself when it can be a registered model ({@code NAME[@VERSION|@ALIAS]}, resolved in
     * the framework; a name ending in {@code .ckpt} is taken for a file); else empty, with the
     * problem printed.
     */
    Optional<String> model(Path checkpoint) {
        if (Files.isRegularFile(checkpoint)) {
            return Optional.of(checkpoint.toAbsolutePath().normalize().toString());
        }
        if (MODEL_REFERENCE.matcher(checkpoint.toString()).matches() && !checkpoint.toString().endsWith(".ckpt")) {
            return Optional.of(checkpoint.toString());
        }
        err.println("engram: " + checkpoint.toAbsolutePath().normalize() + ": no such file, and not a model "
                + "reference (NAME, NAME@VERSION, NAME@ALIAS)");
        return Optional.empty();
    }

    @Command(name = "models", mixinStandardHelpOptions = true, description = {
            "Lists the registered models: name, version, aliases, family, when and from what each was registered, "
                    + "and its final metrics. Each job with a checkpoint registers its model as the next version; nothing is overwritten.",
            "  engram models show NAME[@VERSION|@ALIAS]   metadata, provenance and checksum (verified)",
            "  engram models delete NAME@VERSION          deletes one version and the aliases naming it",
            "  engram models alias NAME@VERSION ALIAS     points ALIAS (such as production) at a version",
            "  engram models export NAME[@V] FILE         copies the version's checkpoint to FILE",
            "Exit 0 on success, 1 when the store failed, 2 for a bad or unknown reference."})
    int models(@Parameters(paramLabel = "ARGS", arity = "0..3", description = "show|delete|alias|export and their arguments") List<String> args) {
        List<String> given = new java.util.ArrayList<>(args == null ? List.of() : args);
        if (given.size() == 3 && given.get(0).equals("export")) {
            given.set(2, Path.of(given.get(2)).toAbsolutePath().normalize().toString());
        }
        Use use = given.isEmpty() || given.get(0).equals("show") || given.get(0).equals("export") ? Use.READS : Use.WRITES;
        return withPlatform(Platform.Mode.COMMAND, use, (platform, settings, signals) -> verb(platform, "models", given));
    }

    @Command(name = "jobs", mixinStandardHelpOptions = true, description = {
            "Lists the jobs of the run store, newest first, whichever process ran them (engram run or engram serve).",
            "  engram jobs [--limit N]",
            "  engram jobs show ID [--plot FILE.png] [--csv FILE]   the record, final metrics by split; curves as PNG, series as CSV",
            "  engram jobs metrics ID [--csv FILE]                  the series as CSV step,epoch,split,name,value (standard output without --csv)",
            "Exit 0, 1 when a file cannot be written, 2 for an unknown job or bad arguments."})
    int jobs(@Parameters(paramLabel = "show ID | metrics ID", arity = "0..2", description = "what to print") List<String> words,
             @Option(names = "--limit", paramLabel = "N", description = "jobs listed (default 20)") String limit,
             @Option(names = "--plot", paramLabel = "FILE.png", description = "writes the job's curves as a PNG chart") Path plot,
             @Option(names = "--csv", paramLabel = "FILE", description = "writes the job's metric series as CSV") Path csv) {
        List<String> args = new java.util.ArrayList<>(words == null ? List.of() : words);
        if (limit != null) {
            args.add("--limit=" + limit);
        }
        if (plot != null) {
            args.add("--plot=" + plot.toAbsolutePath().normalize());
        }
        if (csv != null) {
            args.add("--csv=" + csv.toAbsolutePath().normalize());
        }
        return withPlatform(Platform.Mode.COMMAND, (platform, settings, signals) -> verb(platform, "jobs", args));
    }

    @Command(name = "analyze", mixinStandardHelpOptions = true, description = {
            "The dynamical-systems view of a trained recurrent network: its fixed points under a constant input u* "
                    + "(Sussillo and Barak 2013: the speed q(h) = |F(h, u*) - h|^2 / 2 minimised from many starts "
                    + "sampled from its trajectories, by autodiff gradients) with the eigenvalues of the step's Jacobian "
                    + "at each and its stability (stable, saddle, unstable), the largest Lyapunov exponent of its "
                    + "dynamics (Benettin's method; per unit time too for continuous-time networks), and the variance "
                    + "of its trajectories on their first two principal components (--png draws them with the fixed points).",
            "Exit 0 when analysed, 1 when the network fails or the PNG cannot be written, 2 for bad options, an "
                    + "unreadable checkpoint or malformed input sequences."})
    int analyze(@Parameters(paramLabel = "CHECKPOINT", description = "a checkpoint file or a registered model: NAME, NAME@VERSION, NAME@ALIAS") Path checkpoint,
                @Option(names = "--input", paramLabel = "V,V,...", description = "the constant input u* (default zeros)") String input,
                @Option(names = "--inputs", paramLabel = "FILE", description = "input sequences (engram predict's format) that drive trajectories and an input-driven Lyapunov exponent") Path inputs,
                @Option(names = "--starts", paramLabel = "N", description = "starts of the fixed-point search (default 64)") String starts,
                @Option(names = "--seed", paramLabel = "N", description = "seed of the starts (default 1)") String seed,
                @Option(names = "--iterations", paramLabel = "N", description = "most gradient steps per start (default 2000)") String iterations,
                @Option(names = "--lr", paramLabel = "A", description = "learning rate of the descent on q (Adam; default 0.01)") String lr,
                @Option(names = "--tolerance", paramLabel = "Q", description = "q below which a minimum is a fixed point (default 1e-8)") String tolerance,
                @Option(names = "--merge", paramLabel = "D", description = "distance below which two fixed points are one (default 1e-3)") String merge,
                @Option(names = "--noise", paramLabel = "S", description = "noise on sampled starts, relative to the states' spread (default 0.1)") String noise,
                @Option(names = "--trajectories", paramLabel = "N", description = "trajectories from random states besides the initial state's (default 8)") String trajectories,
                @Option(names = "--length", paramLabel = "N", description = "steps per trajectory (default 500)") String length,
                @Option(names = "--transient", paramLabel = "N", description = "steps before the Lyapunov exponent is averaged (default 200)") String transientSteps,
                @Option(names = "--steps", paramLabel = "N", description = "steps the Lyapunov exponent is averaged over (default 1000)") String steps,
                @Option(names = "--json", description = "print the analysis as JSON") boolean json,
                @Option(names = "--png", paramLabel = "FILE", description = "write the trajectories and fixed points on the first two principal components as PNG") Path png) {
        Optional<String> model = model(checkpoint);
        if (model.isEmpty()) {
            return BAD_INPUT;
        }
        if (inputs != null && !Files.isRegularFile(inputs)) {
            err.println("engram: " + inputs.toAbsolutePath().normalize() + ": no such file");
            return BAD_INPUT;
        }
        List<String> args = new java.util.ArrayList<>();
        String[][] options = {{"--input", input}, {"--starts", starts}, {"--seed", seed}, {"--iterations", iterations},
            {"--lr", lr}, {"--tolerance", tolerance}, {"--merge", merge}, {"--noise", noise},
            {"--trajectories", trajectories}, {"--length", length}, {"--transient", transientSteps}, {"--steps", steps},
            {"--inputs", inputs == null ? null : inputs.toAbsolutePath().normalize().toString()},
            {"--png", png == null ? null : png.toAbsolutePath().normalize().toString()}};
        for (String[] o : options) {
            if (o[1] != null) {
                args.add(o[0] + "=" + o[1]);
            }
        }
        if (json) {
            args.add("--json");
        }
        args.add(model.get());
        return withPlatform(Platform.Mode.COMMAND, (platform, settings, signals) -> verb(platform, "analyze", args));
    }

    /** The version of this launcher, from its jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Engram.class.getPackage().getImplementationVersion();
            return new String[] {"engram " + (v == null ? "development" : v) + " on Java " + Runtime.version()};
        }
    }

    /**
     * {@code engram predict CHECKPOINT -}: standard input, read to its end into a file named
     * {@code stdin} in a directory of its own (so that problems name {@code .../stdin:LINE}), is the
     * input; the directory is deleted once the predictions are printed.
     */
    private int predictStandardInput(Path checkpoint, boolean labels, int beam, int maxLength, double lengthPenalty, Path attention) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("engram-predict-");
            Path file = dir.resolve("stdin");
            try (java.io.InputStream in = System.in) {
                Files.copy(in, file);
            }
            return predict(checkpoint, file, labels, beam, maxLength, lengthPenalty, attention, null, null);
        } catch (java.io.IOException e) {
            err.println("engram: standard input could not be read: " + e.getMessage());
            return BAD_INPUT;
        } finally {
            if (dir != null) {
                try (java.util.stream.Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                    Files.deleteIfExists(dir);
                } catch (java.io.IOException e) {
                    err.println("engram: " + dir + " could not be removed: " + e.getMessage());
                }
            }
        }
    }

    /** {@code "1 problem"}, {@code "2 problems"}. */
    static String problems(int n) {
        return n + (n == 1 ? " problem" : " problems");
    }
}
