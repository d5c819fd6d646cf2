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
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.MapConfiguration;
import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;

/**
 * The launcher's settings, read in layers where a later layer wins: the built-in {@link #DEFAULTS},
 * {@code conf/engram.properties}, the environment ({@code ENGRAM_HTTP_PORT} sets {@code http.port}),
 * then {@code --set key=value}. Immutable.
 *
 * @param host          address the REST API listens on
 * @param port          its port (0: any free one)
 * @param token         bearer token of the REST API; empty: generated and kept in {@code conf/token}
 * @param maxBodyBytes  largest request body the REST API accepts
 * @param jobsDir       where job records and checkpoints live (absolute)
 * @param concurrency   jobs that run at once
 * @param deployDir     the folder FileInstall watches for plugin jars (absolute)
 * @param pollMs        how often it looks, in milliseconds
 */
public record Settings(String host, int port, String token, long maxBodyBytes, Path jobsDir, int concurrency,
                       Path deployDir, long pollMs) {

    /** Every key with its built-in default, in documentation order. */
    public static final Map<String, String> DEFAULTS = defaults();

    static final String ENV_PREFIX = "ENGRAM_";

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("http.host", "127.0.0.1");
        d.put("http.port", "8686");
        d.put("http.token", "");
        d.put("http.max.body.bytes", "1048576");
        d.put("jobs.dir", "data/jobs");
        d.put("jobs.concurrency", "1");
        d.put("deploy.dir", "deploy");
        d.put("deploy.poll.ms", "500");
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

        PropertiesConfiguration file = new PropertiesConfiguration();
        String fileText = "";
        if (Files.isRegularFile(confFile)) {
            try {
                fileText = Files.readString(confFile, StandardCharsets.UTF_8);
                new FileHandler(file).load(confFile.toFile());
            } catch (IOException | ConfigurationException e) {
                problems.add(confFile + ": cannot read: " + e.getMessage());
            }
            for (String key : (Iterable<String>) file::getKeys) {
                String where = confFile + ":" + line(fileText, key);
                if (!DEFAULTS.containsKey(key)) {
                    problems.add(where + ": unknown key " + key + " (known: " + String.join(", ", DEFAULTS.keySet()) + ")");
                } else {
                    origin.put(key, where);
                }
            }
        }

        Map<String, Object> fromEnv = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            String key = envKey(name);
            if (key != null && DEFAULTS.containsKey(key)) {
                fromEnv.put(key, value);
                origin.put(key, name);
            }
        });

        Map<String, Object> fromSets = new LinkedHashMap<>();
        sets.forEach((key, value) -> {
            if (!DEFAULTS.containsKey(key)) {
                problems.add("--set " + key + ": unknown key (known: " + String.join(", ", DEFAULTS.keySet()) + ")");
            } else {
                fromSets.put(key, value);
                origin.put(key, "--set");
            }
        });

        CompositeConfiguration layers = new CompositeConfiguration();
        layers.addConfiguration(new MapConfiguration(fromSets));
        layers.addConfiguration(new MapConfiguration(fromEnv));
        layers.addConfiguration(file);
        layers.addConfiguration(new MapConfiguration(new LinkedHashMap<>(DEFAULTS)));
        layers.setListDelimiterHandler(new org.apache.commons.configuration2.convert.DisabledListDelimiterHandler());

        Reader r = new Reader(layers, origin, problems);
        String host = r.string("http.host");
        if (host.isBlank()) {
            problems.add(r.where("http.host") + ": must not be empty");
        }
        int port = (int) r.number("http.port", 0, 65535);
        String token = r.string("http.token");
        long maxBody = r.number("http.max.body.bytes", 1, Integer.MAX_VALUE);
        Path jobsDir = r.path(home, "jobs.dir");
        int concurrency = (int) r.number("jobs.concurrency", 1, 1024);
        Path deployDir = r.path(home, "deploy.dir");
        long poll = r.number("deploy.poll.ms", 10, 3_600_000);
        return problems.isEmpty()
                ? Validation.valid(new Settings(host, port, token, maxBody, jobsDir, concurrency, deployDir, poll))
                : Validation.invalid(List.ofAll(problems));
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

    private record Reader(Configuration config, Map<String, String> origin, java.util.List<String> problems) {

        String where(String key) {
            return key + " (" + origin.get(key) + ")";
        }

        String string(String key) {
            return config.getString(key, "").strip();
        }

        long number(String key, long min, long max) {
            String text = string(key);
            try {
                long value = Long.parseLong(text);
                if (value < min || value > max) {
                    problems.add(where(key) + ": " + value + " is outside " + min + ".." + max);
                }
                return value;
            } catch (NumberFormatException e) {
                problems.add(where(key) + ": '" + text + "' is not a whole number");
                return min;
            }
        }

        Path path(Path home, String key) {
            String text = string(key);
            if (text.isEmpty()) {
                problems.add(where(key) + ": must not be empty");
                return home;
            }
            try {
                return home.resolve(text).toAbsolutePath().normalize();
            } catch (java.nio.file.InvalidPathException e) {
                problems.add(where(key) + ": '" + text + "' is not a path: " + e.getReason());
                return home;
            }
        }
    }
}
