package io.engram.launcher.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.configuration2.Configuration;

/**
 * Reads typed values of the launcher's keys from the merged layers, adding a problem that names the
 * key and its source for each bad value (and returning a harmless stand-in, so every problem is
 * found in one pass). Used by one thread during {@link Settings#load}.
 *
 * @param config   the merged layers
 * @param origin   where each key's value came from
 * @param problems where problems are added
 */
record SettingsReader(Configuration config, Map<String, String> origin, List<String> problems) {

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

    /** A number in (0, 1]. */
    double fraction(String key) {
        String text = string(key);
        try {
            double value = Double.parseDouble(text);
            if (!(value > 0 && value <= 1)) {
                problems.add(where(key) + ": " + text + " is outside (0, 1]");
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(where(key) + ": '" + text + "' is not a number");
            return 1;
        }
    }

    String choice(String key, List<String> allowed) {
        String text = string(key);
        if (!allowed.contains(text)) {
            problems.add(where(key) + ": '" + text + "' is not one of " + String.join(", ", allowed));
            return allowed.get(0);
        }
        return text;
    }

    /** A comma-separated list, each entry stripped; empty entries dropped. */
    List<String> list(String key) {
        List<String> out = new ArrayList<>();
        for (String part : string(key).split(",")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return List.copyOf(out);
    }

    Path path(Path home, String key) {
        String text = string(key);
        if (text.isEmpty()) {
            problems.add(where(key) + ": must not be empty");
            return home;
        }
        return resolve(home, key, text);
    }

    /** A non-empty comma-separated list of paths, each resolved against the installation. */
    List<Path> paths(Path home, String key) {
        List<String> parts = list(key);
        if (parts.isEmpty()) {
            problems.add(where(key) + ": must name at least one folder");
        }
        return parts.stream().map(p -> resolve(home, key, p)).distinct().toList();
    }

    private Path resolve(Path home, String key, String text) {
        try {
            return home.resolve(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            problems.add(where(key) + ": '" + text + "' is not a path: " + e.getReason());
            return home;
        }
    }

    /** HTTPS from {@code http.tls.*}: empty when no keystore is named. */
    Optional<Settings.Tls> tls(Path home) {
        String store = string("http.tls.keystore");
        String password = config.getString("http.tls.password", "");
        String passwordFile = string("http.tls.password.file");
        if (store.isEmpty()) {
            for (String key : List.of("http.tls.password", "http.tls.password.file")) {
                if (!string(key).isEmpty()) {
                    problems.add(where(key) + ": needs http.tls.keystore");
                }
            }
            return Optional.empty();
        }
        Path keystore = resolve(home, "http.tls.keystore", store);
        if (!Files.isRegularFile(keystore) || !Files.isReadable(keystore)) {
            problems.add(where("http.tls.keystore") + ": " + keystore + " is not a readable file");
        }
        if (!password.isEmpty() && !passwordFile.isEmpty()) {
            problems.add(where("http.tls.password.file") + ": give http.tls.password or http.tls.password.file, not both");
        } else if (!passwordFile.isEmpty()) {
            password = readPassword(resolve(home, "http.tls.password.file", passwordFile));
        } else if (password.isEmpty()) {
            problems.add(where("http.tls.password") + ": the keystore needs http.tls.password or http.tls.password.file");
        }
        return Optional.of(new Settings.Tls(keystore, password));
    }

    /** The first line of the file, without its line end. */
    private String readPassword(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isEmpty()) {
                problems.add(where("http.tls.password.file") + ": " + file + " is empty");
                return "";
            }
            return lines.get(0);
        } catch (IOException e) {
            problems.add(where("http.tls.password.file") + ": cannot read " + file + ": " + e);
            return "";
        }
    }
}
