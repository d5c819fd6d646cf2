package io.engram.kernel.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.engram.api.Problem;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.configuration2.FileBasedConfiguration;
import org.apache.commons.configuration2.JSONConfiguration;
import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.YAMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads job spec text into flat, dotted key/value pairs with Apache Commons Configuration:
 * {@link PropertiesConfiguration}, {@link YAMLConfiguration} (SnakeYAML) or
 * {@link JSONConfiguration} (Jackson), each loaded through a {@link FileHandler}. Nested keys are
 * joined with dots, and a key written with dots in a nested format ({@code model.family: lstm} in
 * YAML) reads the same as its nested form. List values are joined with commas. Values are taken
 * raw: no interpolation.
 *
 * <p>Problems name {@code origin:line} where the parser reports a line: syntax errors in YAML and
 * JSON, and keys given twice or {@code include} directives in a properties file (which is never
 * allowed to pull in other files). Stateless and thread-safe.
 */
public final class SpecReader {

    /** The longest problem message: parser messages and keys quoted in them are cut to fit. */
    public static final int MESSAGE_LIMIT = 400;

    /** The formats by name, as accepted by {@link #parse}. */
    public static final java.util.List<String> FORMATS = java.util.List.of("properties", "yaml", "json");

    private SpecReader() {
    }

    /**
     * Reads {@code file}, choosing the format by its extension; {@code job.name} defaults to the
     * file name without its extension, and {@value SpecValidator#SPEC_DIR} is set to the file's
     * absolute directory, against which relative input paths resolve (a file may not set it itself).
     */
    public static Validation<Seq<Problem>, Map<String, String>> read(Path file) {
        String where = file.toString();
        String format = format(file.getFileName() == null ? "" : file.getFileName().toString());
        if (format == null) {
            return invalid(where, "unknown spec format; expected a .properties, .yaml, .yml or .json file");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            return invalid(where, "no such file");
        } catch (CharacterCodingException e) {
            return invalid(where, "not UTF-8 text");
        } catch (IOException e) {
            return invalid(where, "cannot read: " + e.getMessage());
        }
        String base = file.getFileName().toString();
        String name = base.substring(0, base.lastIndexOf('.'));
        Path dir = file.toAbsolutePath().normalize().getParent();
        return parse(text, format, where).flatMap(spec -> {
            if (spec.containsKey(SpecValidator.SPEC_DIR)) {
                return invalid(where, SpecValidator.SPEC_DIR + " is set from the spec file's location (" + dir
                        + ") and cannot be given in the file");
            }
            Map<String, String> named = new LinkedHashMap<>();
            if (!spec.containsKey("job.name")) {
                named.put("job.name", name);
            }
            named.putAll(spec);
            named.put(SpecValidator.SPEC_DIR, dir == null ? "/" : dir.toString());
            return Validation.valid(named);
        });
    }

    /** The format of a file name by its extension, or null. */
    static String format(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".properties")) {
            return "properties";
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return "yaml";
        }
        if (lower.endsWith(".json")) {
            return "json";
        }
        return null;
    }

    /** Parses spec text of {@code format}; {@code origin} names it in problems. */
    public static Validation<Seq<Problem>, Map<String, String>> parse(String text, String format, String origin) {
        String fmt = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
        FileBasedConfiguration config;
        switch (fmt) {
            case "properties":
                PropertiesConfiguration properties = new PropertiesConfiguration();
                properties.setIncludesAllowed(false);
                config = properties;
                break;
            case "yaml":
            case "yml":
                config = new YAMLConfiguration();
                break;
            case "json":
                config = new JSONConfiguration();
                break;
            default:
                return invalid(origin, "unknown spec format '" + format + "'; expected one of " + String.join(", ", FORMATS));
        }
        if (text.isBlank()) {
            return Validation.valid(new LinkedHashMap<>());
        }
        try {
            new FileHandler(config).load(new StringReader(text));
        } catch (ConfigurationException | RuntimeException e) {
            return Validation.invalid(List.of(syntaxProblem(e, origin)));
        }
        Map<String, String> flat = new LinkedHashMap<>();
        for (Iterator<String> keys = config.getKeys(); keys.hasNext(); ) {
            String key = keys.next();
            flat.put(fmt.equals("properties") ? key : key.replace("..", "."), text(config.getProperty(key)));
        }
        if (fmt.equals("properties")) {
            Seq<Problem> duplicates = scanProperties(text, origin);
            if (!duplicates.isEmpty()) {
                return Validation.invalid(duplicates);
            }
        }
        return Validation.valid(flat);
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection) {
            return ((Collection<?>) value).stream().map(SpecReader::text).collect(Collectors.joining(","));
        }
        return value.toString();
    }

    /** The problem for a parser failure, at the line the parser names when it names one. */
    static Problem syntaxProblem(Throwable error, String origin) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException) {
                MarkedYAMLException y = (MarkedYAMLException) t;
                Mark mark = y.getProblemMark() != null ? y.getProblemMark() : y.getContextMark();
                String what = y.getProblem() != null ? y.getProblem() : y.getContext();
                if (mark != null) {
                    return Problem.of(origin + ":" + (mark.getLine() + 1),
                            "YAML syntax error at column " + (mark.getColumn() + 1) + ": " + clip(what));
                }
                return Problem.of(origin, "YAML syntax error: " + clip(what));
            }
            if (t instanceof JsonProcessingException) {
                JsonProcessingException j = (JsonProcessingException) t;
                String what = j.getOriginalMessage();
                if (j.getLocation() != null && j.getLocation().getLineNr() > 0) {
                    return Problem.of(origin + ":" + j.getLocation().getLineNr(),
                            "JSON syntax error at column " + j.getLocation().getColumnNr() + ": " + clip(what));
                }
                return Problem.of(origin, "JSON syntax error: " + clip(what));
            }
        }
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (root instanceof ClassCastException) {
            msg = "the document must be a mapping of keys to values";
        }
        return Problem.of(origin, "cannot parse: " + clip(msg));
    }

    /**
     * Keys that occur twice in properties text, each at the line of its second occurrence, and
     * {@code include} directives, which a job spec may not use.
     */
    static Seq<Problem> scanProperties(String text, String origin) {
        Map<String, Integer> first = new HashMap<>();
        List<Problem> problems = List.empty();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].stripLeading();
            while (continues(lines[i]) && i + 1 < lines.length) {
                i++;
            }
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            String key = propertyKey(line);
            if (key.equalsIgnoreCase(PropertiesConfiguration.getInclude())
                    || key.equalsIgnoreCase(PropertiesConfiguration.getIncludeOptional())) {
                problems = problems.append(Problem.of(origin + ":" + lineNo,
                        clip(key, 80) + " is not allowed: a job spec is one file"));
                continue;
            }
            Integer before = first.putIfAbsent(key, lineNo);
            if (before != null) {
                problems = problems.append(Problem.of(origin + ":" + lineNo,
                        "key " + clip(key, 80) + " is given twice (first at line " + before + ")"));
            }
        }
        return problems;
    }

    private static boolean continues(String line) {
        int backslashes = 0;
        for (int j = line.length() - 1; j >= 0 && line.charAt(j) == '\\'; j--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static String propertyKey(String line) {
        StringBuilder key = new StringBuilder();
        for (int j = 0; j < line.length(); j++) {
            char c = line.charAt(j);
            if (c == '\\' && j + 1 < line.length()) {
                key.append(line.charAt(++j));
            } else if (c == '=' || c == ':' || Character.isWhitespace(c)) {
                break;
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }

    /** A parser's message cut to fit {@link #MESSAGE_LIMIT} with the words around it. */
    private static String clip(String text) {
        String t = text == null ? "" : text;
        return t.length() <= 300 ? t : t.substring(0, 300) + "...";
    }

    /** Text from the spec in quotes, cut to {@code max} characters. */
    private static String clip(String text, int max) {
        return "'" + (text.length() <= max ? text : text.substring(0, max) + "...") + "'";
    }

    private static Validation<Seq<Problem>, Map<String, String>> invalid(String where, String message) {
        return Validation.invalid(List.of(Problem.of(where, message)));
    }
}
