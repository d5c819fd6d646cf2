package io.engram.launcher.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.osgi.service.metatype.AttributeDefinition;

/**
 * Turns the text of a setting into the type a metatype attribute declares (a comma-separated list
 * for an attribute of non-zero cardinality), checking it with the attribute's own
 * {@link AttributeDefinition#validate} (bounds, options). Stateless and thread-safe.
 */
final class MetatypeValues {

    private MetatypeValues() {
    }

    /** The typed value, or null after adding a problem that names {@code where}. */
    static Object convert(AttributeDefinition ad, String text, List<String> problems, String where) {
        if (ad.getCardinality() == 0) {
            return one(ad, text, problems, where);
        }
        List<Object> values = new ArrayList<>();
        for (String part : text.isEmpty() ? new String[0] : text.split(",")) {
            Object v = one(ad, part.strip(), problems, where);
            if (v == null) {
                return null;
            }
            values.add(v);
        }
        return values.stream().map(String::valueOf).toArray(String[]::new);
    }

    private static Object one(AttributeDefinition ad, String text, List<String> problems, String where) {
        Object value;
        try {
            value = parse(ad.getType(), text);
        } catch (IllegalArgumentException e) {
            problems.add(where + ": '" + text + "' is not " + typeName(ad.getType()));
            return null;
        }
        String verdict = ad.validate(text);
        if (verdict != null && !verdict.isEmpty()) {
            problems.add(where + ": '" + text + "' is rejected: " + verdict + options(ad));
            return null;
        }
        return value;
    }

    static Object parse(int type, String text) {
        return switch (type) {
            case AttributeDefinition.LONG -> Long.valueOf(text);
            case AttributeDefinition.INTEGER -> Integer.valueOf(text);
            case AttributeDefinition.SHORT -> Short.valueOf(text);
            case AttributeDefinition.BYTE -> Byte.valueOf(text);
            case AttributeDefinition.DOUBLE -> finite(Double.parseDouble(text));
            case AttributeDefinition.FLOAT -> (float) finite(Float.parseFloat(text));
            case AttributeDefinition.CHARACTER -> {
                if (text.length() != 1) {
                    throw new IllegalArgumentException(text);
                }
                yield text.charAt(0);
            }
            case AttributeDefinition.BOOLEAN -> switch (text.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException(text);
            };
            default -> text;
        };
    }

    private static double finite(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("not finite");
        }
        return d;
    }

    static String typeName(int type) {
        return switch (type) {
            case AttributeDefinition.LONG -> "a whole number (long)";
            case AttributeDefinition.INTEGER -> "a whole number (int)";
            case AttributeDefinition.SHORT -> "a whole number (short)";
            case AttributeDefinition.BYTE -> "a whole number (byte)";
            case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> "a finite number";
            case AttributeDefinition.CHARACTER -> "one character";
            case AttributeDefinition.BOOLEAN -> "true or false";
            default -> "text";
        };
    }

    private static String options(AttributeDefinition ad) {
        String[] values = ad.getOptionValues();
        return values == null || values.length == 0 ? "" : " (expected one of " + String.join(", ", values) + ")";
    }
}
