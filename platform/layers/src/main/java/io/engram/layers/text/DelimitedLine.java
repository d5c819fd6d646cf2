package io.engram.layers.text;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of delimited text (CSV and its relatives): a field in double quotes may hold the
 * separator, and {@code ""} inside it stands for one quote; fields are kept as written, spaces
 * included. Stateless.
 */
public final class DelimitedLine {
    private DelimitedLine() {
    }

    /** The fields of {@code line}. */
    public static List<String> split(String line, char separator) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == separator) {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        out.add(field.toString());
        return out;
    }

    /** The index of the first of {@code header}'s names that is {@code wanted} once stripped, or -1. */
    public static int column(List<String> header, String wanted) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).strip().equals(wanted)) {
                return i;
            }
        }
        return -1;
    }
}
