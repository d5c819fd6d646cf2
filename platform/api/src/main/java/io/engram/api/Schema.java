package io.engram.api;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A published hyperparameter schema: what a family, trainer or application accepts, with types,
 * defaults, ranges and descriptions. Immutable.
 */
public final class Schema {
    private final List<HyperParameter> parameters;

    private Schema(List<HyperParameter> parameters) {
        this.parameters = parameters;
    }

    public static Schema of(HyperParameter... parameters) {
        return new Schema(List.of(parameters));
    }

    public static Schema of(java.util.List<HyperParameter> parameters) {
        return new Schema(List.ofAll(parameters));
    }

    public static Schema empty() {
        return new Schema(List.empty());
    }

    public java.util.List<HyperParameter> parameters() {
        return parameters.asJava();
    }

    public Optional<HyperParameter> parameter(String name) {
        return parameters.find(p -> p.name().equals(name)).toJavaOptional();
    }

    /** This schema followed by the other's parameters. */
    public Schema plus(Schema other) {
        return new Schema(parameters.appendAll(other.parameters));
    }

    /**
     * Checks text values against the schema and types them, filling defaults. Every problem is
     * reported at once: unknown keys, missing required keys, values of the wrong type or out of
     * range. Each problem names {@code prefix + key}.
     *
     * @param values  raw values keyed by parameter name (without the prefix)
     * @param prefix  the section the values came from, such as {@code "model."}, for messages
     */
    public Validation<Seq<Problem>, Hyperparameters> validate(Map<String, String> values, String prefix) {
        List<Problem> problems = List.empty();
        Map<String, Object> typed = new LinkedHashMap<>();
        for (String key : values.keySet()) {
            if (parameter(key).isEmpty()) {
                String known = parameters.map(HyperParameter::name).mkString(", ");
                problems = problems.append(Problem.of(prefix + key,
                        "unknown parameter" + (known.isEmpty() ? "" : " (known: " + known + ")")));
            }
        }
        for (HyperParameter p : parameters) {
            String raw = values.get(p.name());
            if (raw == null) {
                if (p.defaultValue() == null) {
                    problems = problems.append(Problem.of(prefix + p.name(), "required: " + p.expected()));
                    continue;
                }
                raw = p.defaultValue();
            }
            Object v = parse(p, raw.trim());
            if (v == null) {
                problems = problems.append(Problem.of(prefix + p.name(),
                        "expected " + p.expected() + ", got '" + raw + "'"));
            } else {
                typed.put(p.name(), v);
            }
        }
        return problems.isEmpty() ? Validation.valid(Hyperparameters.of(typed)) : Validation.invalid(problems);
    }

    private static Object parse(HyperParameter p, String raw) {
        switch (p.type()) {
            case INT: {
                long v;
                try {
                    v = Long.parseLong(raw);
                } catch (NumberFormatException e) {
                    return null;
                }
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE || !inRange(p, v)) {
                    return null;
                }
                return (int) v;
            }
            case DOUBLE: {
                double v;
                try {
                    v = Double.parseDouble(raw);
                } catch (NumberFormatException e) {
                    return null;
                }
                return Double.isFinite(v) && inRange(p, v) ? v : null;
            }
            case BOOLEAN:
                if (raw.equalsIgnoreCase("true")) {
                    return Boolean.TRUE;
                }
                return raw.equalsIgnoreCase("false") ? Boolean.FALSE : null;
            case CHOICE:
                return p.choices().contains(raw) ? raw : null;
            default:
                return raw;
        }
    }

    private static boolean inRange(HyperParameter p, double v) {
        return (p.min() == null || v >= p.min()) && (p.max() == null || v <= p.max());
    }

    @Override
    public String toString() {
        return parameters.mkString("Schema[", ", ", "]");
    }
}
