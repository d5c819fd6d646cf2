package io.engram.sweep.internal;

import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Validation;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code engram sweep} evaluates and where it writes. Immutable.
 *
 * @param checkpoint a trained model to sweep; empty: train the job spec's model on the CPU first
 * @param out        folder of {@code memristor-sweep.csv} and {@code memristor-sweep.png}
 * @param bits       bit depths, in order: each is the DAC and ADC resolution and gives
 *                   {@code 2^bits} conductance levels
 * @param noise      factors on the device model's programming, read and drift noise, in order
 * @param seed       seed of the crossbars' noise, the same for every point of the grid
 * @param threads    grid points evaluated at once (each on its own crossbar, so the results do not
 *                   depend on it)
 */
public record SweepOptions(Optional<Path> checkpoint, Path out, List<Integer> bits, List<Double> noise, long seed,
                           int threads) {

    /** The keys {@link #parse} accepts; in a spec file each is prefixed {@value #PREFIX}. */
    public static final Set<String> KEYS = Set.of("checkpoint", "out", "bits", "noise", "seed", "threads");
    /** Prefix of the sweep's own keys in a job spec file. */
    public static final String PREFIX = "sweep.";
    /** Smallest and largest bit depth: at least one level each side of zero, at most 2^16 levels. */
    public static final int MIN_BITS = 2;
    public static final int MAX_BITS = 16;

    public SweepOptions {
        bits = List.copyOf(bits);
        noise = List.copyOf(noise);
    }

    /**
     * Reads the options, every problem at once, each naming its key. Defaults: {@code out} the
     * working directory, {@code bits=2-8}, {@code noise=0,0.5,1,2}, {@code seed=1},
     * {@code threads=1}, no checkpoint. {@code bits} is a range {@code a-b} or a comma-separated
     * list; {@code noise} a comma-separated list of factors {@code >= 0}.
     */
    public static Validation<Seq<String>, SweepOptions> parse(Map<String, String> given) {
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(given.keySet())) {
            if (!KEYS.contains(key)) {
                problems.add(key + ": unknown option (known: " + String.join(", ", new TreeSet<>(KEYS)) + ")");
            }
        }
        Optional<Path> checkpoint = Optional.ofNullable(given.get("checkpoint")).map(v -> path("checkpoint", v, problems));
        Path out = path("out", given.getOrDefault("out", "."), problems);
        List<Integer> bits = bits(given.getOrDefault("bits", "2-8"), problems);
        List<Double> noise = noise(given.getOrDefault("noise", "0,0.5,1,2"), problems);
        long seed = 1;
        try {
            seed = Long.parseLong(given.getOrDefault("seed", "1").strip());
        } catch (NumberFormatException e) {
            problems.add("seed: expected a 64-bit integer, got '" + given.get("seed") + "'");
        }
        int threads = 1;
        String threadsText = given.getOrDefault("threads", "1").strip();
        try {
            threads = Integer.parseInt(threadsText);
        } catch (NumberFormatException e) {
            threads = -1;
        }
        if (threads < 1 || threads > 256) {
            problems.add("threads: expected a whole number in [1, 256], got '" + threadsText + "'");
        }
        if (!problems.isEmpty()) {
            return Validation.invalid(Vector.ofAll(problems));
        }
        return Validation.valid(new SweepOptions(checkpoint.map(Path::toAbsolutePath),
                out.toAbsolutePath().normalize(), bits, noise, seed, threads));
    }

    private static Path path(String key, String value, List<String> problems) {
        try {
            if (!value.isBlank()) {
                return Path.of(value.strip());
            }
        } catch (InvalidPathException e) {
            // reported below
        }
        problems.add(key + ": expected a path, got '" + value + "'");
        return Path.of(".");
    }

    private static List<Integer> bits(String text, List<String> problems) {
        List<Integer> out = new ArrayList<>();
        try {
            String t = text.strip();
            int dash = t.indexOf('-');
            if (dash > 0) {
                int from = Integer.parseInt(t.substring(0, dash).strip());
                int to = Integer.parseInt(t.substring(dash + 1).strip());
                for (int b = from; b <= to; b++) {
                    out.add(b);
                }
            } else {
                for (String part : t.split(",")) {
                    out.add(Integer.parseInt(part.strip()));
                }
            }
        } catch (NumberFormatException e) {
            problems.add("bits: expected a range such as 2-8 or a list such as 2,4,8, got '" + text + "'");
            return List.of();
        }
        if (out.isEmpty() || out.stream().anyMatch(b -> b < MIN_BITS || b > MAX_BITS)) {
            problems.add("bits: expected bit depths in [" + MIN_BITS + ", " + MAX_BITS + "], got '" + text + "'");
        }
        return out;
    }

    private static List<Double> noise(String text, List<String> problems) {
        List<Double> out = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                double v = Double.parseDouble(part.strip());
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new NumberFormatException();
                }
                out.add(v);
            } catch (NumberFormatException e) {
                problems.add("noise: expected factors >= 0 separated by commas, got '" + text + "'");
                return List.of();
            }
        }
        return out;
    }
}
