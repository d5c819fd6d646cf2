package io.engram.api;

import java.util.List;
import java.util.Objects;

/**
 * One entry of a published hyperparameter schema.
 *
 * @param name         key within its section, such as {@code hidden}
 * @param type         value type
 * @param defaultValue default as text; {@code null} means the parameter is required
 * @param min          inclusive lower bound for numbers, or {@code null}
 * @param max          inclusive upper bound for numbers, or {@code null}
 * @param choices      allowed values for {@link ParamType#CHOICE}; empty otherwise
 * @param description  one sentence for users
 */
public record HyperParameter(String name, ParamType type, String defaultValue, Double min, Double max,
                             List<String> choices, String description) {

    public HyperParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        choices = List.copyOf(choices);
    }

    public static HyperParameter integer(String name, int dflt, int min, int max, String description) {
        return new HyperParameter(name, ParamType.INT, Integer.toString(dflt), (double) min, (double) max, List.of(), description);
    }

    public static HyperParameter real(String name, double dflt, double min, double max, String description) {
        return new HyperParameter(name, ParamType.DOUBLE, Double.toString(dflt), min, max, List.of(), description);
    }

    public static HyperParameter bool(String name, boolean dflt, String description) {
        return new HyperParameter(name, ParamType.BOOLEAN, Boolean.toString(dflt), null, null, List.of(), description);
    }

    public static HyperParameter text(String name, String dflt, String description) {
        return new HyperParameter(name, ParamType.STRING, dflt, null, null, List.of(), description);
    }

    /**
     * The path of a file the plugin reads ({@link ParamType#INPUT_FILE}): confined by the kernel to
     * its data roots before the plugin sees it. An empty default makes the file optional.
     */
    public static HyperParameter inputFile(String name, String dflt, String description) {
        return new HyperParameter(name, ParamType.INPUT_FILE, dflt, null, null, List.of(), description);
    }

    /**
     * The path of a file or folder the plugin writes ({@link ParamType#OUTPUT_PATH}): confined by the
     * kernel to its output folder before the plugin sees it. An empty default makes it optional.
     */
    public static HyperParameter outputPath(String name, String dflt, String description) {
        return new HyperParameter(name, ParamType.OUTPUT_PATH, dflt, null, null, List.of(), description);
    }

    public static HyperParameter choice(String name, String dflt, List<String> choices, String description) {
        return new HyperParameter(name, ParamType.CHOICE, dflt, null, null, choices, description);
    }

    /** A copy of this parameter that must be given (no default). */
    public HyperParameter required() {
        return new HyperParameter(name, type, null, min, max, choices, description);
    }

    /** Human description of what values are accepted, used in error messages. */
    public String expected() {
        switch (type) {
            case INT: return "an integer" + range();
            case DOUBLE: return "a number" + range();
            case BOOLEAN: return "true or false";
            case CHOICE: return "one of " + String.join(", ", choices);
            case INPUT_FILE: return "the path of a readable file inside the data roots";
            case OUTPUT_PATH: return "a path inside the output folder";
            default: return "text";
        }
    }

    private String range() {
        if (min == null && max == null) {
            return "";
        }
        return " in [" + (min == null ? "-inf" : fmt(min)) + ", " + (max == null ? "inf" : fmt(max)) + "]";
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
