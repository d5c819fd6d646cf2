package io.engram.cli.internal;

import io.engram.kernel.JobSpecs;
import io.engram.api.Problem;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code engram run SPEC key=value ...}: spec keys set on the command line. Each argument is one
 * {@code key=value} (the value may be empty and may hold further {@code =}); it replaces the spec
 * file's value for that key or adds the key. The result is validated like the file's own keys, and a
 * problem with an overridden key names it as coming from the command line:
 * {@code model.hiden (command line): unknown parameter ...}. Stateless.
 */
final class SpecOverrides {

    /** What follows an overridden key in a problem. */
    static final String ORIGIN = " (command line)";

    private SpecOverrides() {
    }

    /** The {@code key=value} arguments in order, or a problem per malformed one. */
    static Validation<Seq<Problem>, Map<String, String>> parse(java.util.List<String> args) {
        Map<String, String> overrides = new LinkedHashMap<>();
        List<Problem> problems = List.empty();
        for (String a : args) {
            int eq = a.indexOf('=');
            String key = eq < 0 ? "" : a.substring(0, eq).trim();
            if (key.isEmpty()) {
                problems = problems.append(Problem.of("'" + a + "'" + ORIGIN,
                        "expected KEY=VALUE, such as trainer.epochs=5"));
            } else if (key.equals(JobSpecs.SPEC_DIR)) {
                problems = problems.append(Problem.of(key + ORIGIN,
                        "is set from the spec file's location and cannot be given"));
            } else if (overrides.containsKey(key)) {
                problems = problems.append(Problem.of(key + ORIGIN, "is given twice"));
            } else {
                overrides.put(key, a.substring(eq + 1));
            }
        }
        return problems.isEmpty() ? Validation.valid(overrides) : Validation.invalid(problems);
    }

    /** {@code spec} with {@code overrides} put over it (a new map; keys keep the file's order, new ones last). */
    static Map<String, String> apply(Map<String, String> spec, Map<String, String> overrides) {
        Map<String, String> out = new LinkedHashMap<>(spec);
        out.putAll(overrides);
        return out;
    }

    /** The problems, each that names an overridden key marked as coming from the command line. */
    static Seq<Problem> attribute(Seq<Problem> problems, Set<String> overridden) {
        return problems.map(p -> overridden.contains(p.where()) ? Problem.of(p.where() + ORIGIN, p.message()) : p);
    }
}
