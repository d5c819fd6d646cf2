package io.engram.app.csv.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of delimited text into fields. A field may be enclosed in double quotes, in which
 * case it may contain the delimiter and {@code ""} stands for one quote (RFC 4180); quoted fields do
 * not span lines. Surrounding spaces of unquoted fields are trimmed.
 */
final class Fields {

    private Fields() {
    }

    /** How many fields {@link #split} finds in {@code line}, without allocating them. */
    static long count(String line, char delimiter) {
        long n = 1;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == delimiter && !quoted) {
                n++;
            }
        }
        return n;
    }

    /** The fields, or {@code null} when a quote is not closed. */
    static List<String> split(String line, char delimiter) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
                wasQuoted = true;
            } else if (ch == delimiter) {
                out.add(wasQuoted ? field.toString() : field.toString().trim());
                field.setLength(0);
                wasQuoted = false;
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            return null;
        }
        out.add(wasQuoted ? field.toString() : field.toString().trim());
        return out;
    }
}
