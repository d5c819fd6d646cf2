package io.engram.launcher.internal;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.configuration2.CompositeConfiguration;
import org.apache.commons.configuration2.MapConfiguration;
import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;

/**
 * The launcher's settings, read in layers where a later layer wins: the built-in {@link #DEFAULTS},
 * {@code conf/engram.properties}, the environment ({@code ENGRAM_HTTP_PORT} sets {@code http.port}),
 * then {@code --set key=value}. Keys {@code backend.ID.NAME}, {@code trainer.ID.NAME},
 * {@code family.ID.NAME} and {@code app.ID.NAME} are plugin settings ({@link PluginKey}): the launcher
 * keeps them as text with their source and checks them against the plugins' metatype once the
 * framework runs. Immutable.
 *
 * @param host          address the REST API listens on
 * @param port          its port (0: any free one)
 * @param token         bearer token of the REST API; empty: generated and kept in {@code conf/token}
 * @param maxBodyBytes  largest request body the REST API accepts
 * @param jobsDir       where job records and checkpoints live (absolute)
 * @param concurrency   jobs that run at once
 * @param deployDir     the folder FileInstall watches for plugin jars (absolute)
 * @param pollMs        how often it looks, in milliseconds
 * @param jobs          the other settings of the job manager
 * @param web           the REST API's access rules and TLS
 * @param plugins       plugin settings, in the order first given
 * @param store         where the run store keeps job records
 */
public record Settings(String host, int port, String token, long maxBodyBytes, Path jobsDir, int concurrency,
                       Path deployDir, long pollMs, Jobs jobs, Web web, java.util.List<PluginSetting> plugins,
                       Store store) {

    /**
     * The run store: job records, events and metric series in a database shared by every process of
     * the installation.
     *
     * @param url      JDBC URL of a PostgreSQL (or H2) database; empty: the H2 file {@code runs.mv.db} in {@code dir}
     * @param user     the database user; empty: the URL's
     * @param password the user's password; empty: the URL's
     * @param dir      the folder of the H2 file: the parent of {@code jobs.dir} (absolute)
     */
    public record Store(String url, String user, String password, Path dir) {

        @Override
        public String toString() {
            return "Store[" + url.replaceAll("(?i)(password=)[^;&]*", "$1***") + ", " + dir + "]";
        }
    }

    /**
     * Settings of the job manager beyond {@code jobs.dir} and {@code jobs.concurrency}.
     *
     * @param dataRoots         folders a job's input files must lie in (absolute)
     * @param modelsDir         the model store, where checkpoints go (absolute)
     * @param queueCapacity     jobs that may wait to run
     * @param eventsRecent      progress events kept per job besides the per-epoch ones
     * @param memoryFraction    share of the JVM's maximum heap a job's estimate may take
     * @param checkpointEpochs  a checkpoint every this many epochs (0: not by epochs)
     * @param checkpointMinutes a checkpoint every this many minutes (0: not by time)
     * @param workers           threads that evaluate populations (0: the processors)
     */
    public record Jobs(java.util.List<Path> dataRoots, Path modelsDir, int queueCapacity, int eventsRecent,
                       double memoryFraction, int checkpointEpochs, int checkpointMinutes, int workers) {
    }

    /**
     * The REST API's access rules.
     *
     * @param readToken    auto (reads need the token when bound beyond loopback), always or never
     * @param allowedHosts host names the Host header may carry besides the bound address; empty: none
     * @param corsOrigins  origins allowed cross-origin requests; empty: none
     * @param tls          the keystore when HTTPS is on
     */
    public record Web(String readToken, java.util.List<String> allowedHosts, java.util.List<String> corsOrigins,
                      java.util.Optional<Tls> tls) {
    }

    /**
     * HTTPS: the REST API is served over TLS only, on {@code http.port}.
     *
     * @param keystore a JKS or PKCS#12 keystore with the server's key and certificate (absolute)
     * @param password its password (also the key's)
     */
    public record Tls(Path keystore, String password) {

        @Override
        public String toString() {
            return "Tls[" + keystore + "]";
        }
    }

    /** Every key with its built-in default, in documentation order. */
    public static final Map<String, String> DEFAULTS = defaults();

    static final String ENV_PREFIX = "ENGRAM_";

    static final java.util.List<String> READ_TOKEN = java.util.List.of("auto", "always", "never");

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("http.host", "127.0.0.1");
        d.put("http.port", "8686");
        d.put("http.token", "");
        d.put("http.read.token", "auto");
        d.put("http.allowed.hosts", "");
        d.put("http.cors.origins", "");
        d.put("http.tls.keystore", "");
        d.put("http.tls.password", "");
        d.put("http.tls.password.file", "");
        d.put("http.max.body.bytes", "1048576");
        d.put("jobs.dir", "data/jobs");
        d.put("jobs.concurrency", "1");
        d.put("jobs.workers", "0");
        d.put("jobs.queue.capacity", "64");
        d.put("jobs.events.recent", "1000");
        d.put("jobs.memory.fraction", "0.8");
        d.put("data.roots", "data,examples");
        d.put("models.dir", "data/models");
        d.put("checkpoint.every.epochs", "0");
        d.put("checkpoint.every.minutes", "5");
        d.put("deploy.dir", "deploy");
        d.put("deploy.poll.ms", "500");
        d.put("store.url", "");
        d.put("store.user", "");
        d.put("store.password", "");
        return java.util.Collections.unmodifiableMap(d);
    }

    /**
     * Reads the layers and validates the result, reporting every problem at once; each names the key
     * and where its value came from ({@code conf/engram.properties:12}, {@code ENGRAM_HTTP_PORT},
     * {@code --set}).
     *
     * @param home      the installation, against which relative paths resolve
     * @param confFile  {@code conf/engram.properties}; may be missing
     * @param env       the process environment
     * @param sets      {@code --set} pairs, in order
     */
    public static Validation<Seq<String>, Settings> load(Path home, Path confFile, Map<String, String> env,
                                                         Map<String, String> sets) {
        java.util.List<String> problems = new java.util.ArrayList<>();
        Map<String, String> origin = new LinkedHashMap<>();
        DEFAULTS.keySet().forEach(k -> origin.put(k, "default"));
        Map<String, PluginSetting> plugins = new LinkedHashMap<>();
        PropertiesConfiguration file = fileLayer(confFile, origin, plugins, problems);
        Map<String, Object> fromEnv = envLayer(env, origin, plugins, problems);
        Map<String, Object> fromSets = setLayer(sets, origin, plugins, problems);

        CompositeConfiguration layers = new CompositeConfiguration();
        layers.addConfiguration(new MapConfiguration(fromSets));
        layers.addConfiguration(new MapConfiguration(fromEnv));
        layers.addConfiguration(file);
        layers.addConfiguration(new MapConfiguration(new LinkedHashMap<>(DEFAULTS)));
        layers.setListDelimiterHandler(new org.apache.commons.configuration2.convert.DisabledListDelimiterHandler());
        Settings settings = build(home, new SettingsReader(layers, origin, problems), java.util.List.copyOf(plugins.values()));
        return problems.isEmpty() ? Validation.valid(settings) : Validation.invalid(List.ofAll(problems));
    }

    /** Typed values of every key; a bad one adds a problem to the reader's list. */
    private static Settings build(Path home, SettingsReader r, java.util.List<PluginSetting> plugins) {
        String host = r.string("http.host");
        if (host.isBlank()) {
            r.problems().add(r.where("http.host") + ": must not be empty");
        }
        int port = (int) r.number("http.port", 0, 65535);
        String token = r.string("http.token");
        long maxBody = r.number("http.max.body.bytes", 1, Integer.MAX_VALUE);
        Path jobsDir = r.path(home, "jobs.dir");
        int concurrency = (int) r.number("jobs.concurrency", 1, 1024);
        Path deployDir = r.path(home, "deploy.dir");
        long poll = r.number("deploy.poll.ms", 10, 3_600_000);
        Jobs jobs = new Jobs(r.paths(home, "data.roots"), r.path(home, "models.dir"),
                (int) r.number("jobs.queue.capacity", 1, 100_000), (int) r.number("jobs.events.recent", 0, 1_000_000),
                r.fraction("jobs.memory.fraction"), (int) r.number("checkpoint.every.epochs", 0, Integer.MAX_VALUE),
                (int) r.number("checkpoint.every.minutes", 0, Integer.MAX_VALUE), (int) r.number("jobs.workers", 0, 1024));
        Web web = new Web(r.choice("http.read.token", READ_TOKEN), r.list("http.allowed.hosts"),
                r.list("http.cors.origins"), r.tls(home));
        String storeUrl = r.string("store.url").strip();
        if (!storeUrl.isEmpty() && !storeUrl.startsWith("jdbc:postgresql:") && !storeUrl.startsWith("jdbc:h2:")) {
            r.problems().add(r.where("store.url") + ": must be a JDBC URL of PostgreSQL (jdbc:postgresql://HOST:PORT/DATABASE) "
                    + "or H2 (jdbc:h2:...), or empty for the H2 file under the data folder");
        }
        Store store = new Store(storeUrl, r.string("store.user"), r.string("store.password"),
                jobsDir.getParent() == null ? jobsDir : jobsDir.getParent());
        return new Settings(host, port, token, maxBody, jobsDir, concurrency, deployDir, poll, jobs, web, plugins,
                store);
    }

    /** {@code conf/engram.properties}, empty when missing; its keys' origins are {@code FILE:LINE}. */
    private static PropertiesConfiguration fileLayer(Path confFile, Map<String, String> origin,
                                                     Map<String, PluginSetting> plugins, java.util.List<String> problems) {
        PropertiesConfiguration file = new PropertiesConfiguration();
        if (!Files.isRegularFile(confFile)) {
            return file;
        }
        String fileText = "";
        try {
            fileText = Files.readString(confFile, StandardCharsets.UTF_8);
            new FileHandler(file).load(confFile.toFile());
        } catch (IOException | ConfigurationException e) {
            problems.add(confFile + ": cannot read: " + e.getMessage());
        }
        for (String key : (Iterable<String>) file::getKeys) {
            String where = confFile + ":" + line(fileText, key);
            if (PluginKey.looksLikePluginKey(key)) {
                plugin(key, file.getString(key, ""), where, plugins, problems);
            } else if (!DEFAULTS.containsKey(key)) {
                problems.add(where + ": unknown key " + key + " (known: " + known() + ")");
            } else {
                origin.put(key, where);
            }
        }
        return file;
    }

    /** The {@code ENGRAM_*} variables that name a key, in name order; others are left alone. */
    private static Map<String, Object> envLayer(Map<String, String> env, Map<String, String> origin,
                                                Map<String, PluginSetting> plugins, java.util.List<String> problems) {
        Map<String, Object> fromEnv = new LinkedHashMap<>();
        new java.util.TreeMap<>(env).forEach((name, value) -> {
            String key = envKey(name);
            if (key != null && DEFAULTS.containsKey(key)) {
                fromEnv.put(key, value);
                origin.put(key, name);
            } else if (key != null && PluginKey.looksLikePluginKey(key)) {
                plugin(key, value, name, plugins, problems);
            }
        });
        return fromEnv;
    }

    /** The {@code --set} pairs; an unknown key is a problem. */
    private static Map<String, Object> setLayer(Map<String, String> sets, Map<String, String> origin,
                                                Map<String, PluginSetting> plugins, java.util.List<String> problems) {
        Map<String, Object> fromSets = new LinkedHashMap<>();
        sets.forEach((key, value) -> {
            if (PluginKey.looksLikePluginKey(key)) {
                plugin(key, value, "--set", plugins, problems);
            } else if (!DEFAULTS.containsKey(key)) {
                problems.add("--set " + key + ": unknown key (known: " + known() + ")");
            } else {
                fromSets.put(key, value);
                origin.put(key, "--set");
            }
        });
        return fromSets;
    }

    private static String known() {
        return String.join(", ", DEFAULTS.keySet()) + ", and backend|trainer|family|app.ID.NAME";
    }

    /** Records a plugin setting (a later layer replaces an earlier one) or the problem with its key. */
    private static void plugin(String key, String value, String where, Map<String, PluginSetting> plugins,
                               java.util.List<String> problems) {
        java.util.Optional<PluginKey> parsed = PluginKey.parse(key);
        if (parsed.isEmpty()) {
            problems.add(where + ": " + PluginKey.malformed(key));
            return;
        }
        plugins.remove(key);
        plugins.put(key, new PluginSetting(parsed.get(), value == null ? "" : value.strip(), where));
    }

    /** The kernel's ConfigAdmin properties (PID {@code io.engram.kernel}). */
    public Map<String, Object> kernelProperties(Path home) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("data.dir", jobsDir.toString());
        p.put("jobs.concurrency", concurrency);
        p.put("home", home.toAbsolutePath().normalize().toString());
        p.put("data.roots", String.join(",", jobs.dataRoots().stream().map(Path::toString).toList()));
        p.put("models.dir", jobs.modelsDir().toString());
        p.put("jobs.queue.capacity", jobs.queueCapacity());
        p.put("jobs.events.recent", jobs.eventsRecent());
        p.put("jobs.memory.fraction", jobs.memoryFraction());
        p.put("checkpoint.every.epochs", jobs.checkpointEpochs());
        p.put("checkpoint.every.minutes", jobs.checkpointMinutes());
        p.put("jobs.workers", jobs.workers());
        return p;
    }

    /** The run store's ConfigAdmin properties (PID {@code io.engram.runstore}). */
    public Map<String, Object> storeProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("url", store.url());
        p.put("user", store.user());
        p.put("password", store.password());
        p.put("dir", store.dir().toString());
        return p;
    }

    /** The REST API's ConfigAdmin properties (PID {@code io.engram.http}). */
    public Map<String, Object> httpProperties(Path tokenFile) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(".token", token);
        p.put("token.file", tokenFile.toString());
        p.put("max.body.bytes", maxBodyBytes);
        p.put("host", host);
        p.put("tls", web.tls().isPresent());
        p.put("read.token", web.readToken());
        p.put("allowed.hosts", String.join(",", web.allowedHosts()));
        p.put("cors.origins", String.join(",", web.corsOrigins()));
        return p;
    }

    /** {@code ENGRAM_HTTP_MAX_BODY_BYTES} to {@code http.max.body.bytes}; null when not an ENGRAM_ variable. */
    static String envKey(String name) {
        if (!name.startsWith(ENV_PREFIX) || name.length() == ENV_PREFIX.length()) {
            return null;
        }
        return name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** The 1-based line of the file where {@code key} is set, or 0. */
    static int line(String text, String key) {
        Pattern p = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*[=:\\s]");
        String[] lines = text.split("\r?\n", -1);
        int found = 0;
        for (int i = 0; i < lines.length; i++) {
            if (p.matcher(lines[i]).find() || lines[i].strip().equals(key)) {
                found = i + 1;
            }
        }
        return found;
    }
}
