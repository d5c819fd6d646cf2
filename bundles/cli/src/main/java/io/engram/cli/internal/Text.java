package io.engram.cli.internal;

import java.util.List;
import java.util.Locale;

/** Formatting shared by the verbs: tables and numbers. Stateless. */
final class Text {

    private Text() {
    }

    /** Left-aligned columns separated by two spaces; the last column is not padded. */
    static String columns(List<List<String>> rows) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] width = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                sb.append(cell);
                if (c < row.size() - 1) {
                    sb.append(" ".repeat(width[c] - cell.length() + 2));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** A number with six significant digits, locale-independent, without trailing noise. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        String s = String.format(Locale.ROOT, "%.6g", value);
        if (s.contains("e")) {
            return s;
        }
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "");
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
            }
        }
        return s;
    }
}
